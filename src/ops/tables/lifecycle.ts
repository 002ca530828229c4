/**
 * Table and index lifecycles that outlive a request:
 *
 *  - transient statuses under -delayTransientStatuses: a table shows CREATING / UPDATING /
 *    DELETING and a GSI CREATING / DELETING for `config.transientStatusMs`, then settles (ACTIVE,
 *    or gone). Without the flag nothing is ever left transient;
 *  - the key spaces of dropped tables and indexes, recorded in the catalog as pending drops in
 *    the same transaction that removed them, are cleared here in small batches, resuming after a
 *    restart;
 *  - on start-up anything left transient by a previous run is settled at once.
 *
 * One Lifecycle per running server, found from its Services.
 */
import type { Catalog, PendingDrop } from '../../catalog/catalog.js';
import type { IndexMeta, TableMeta } from '../../catalog/types.js';
import { log } from '../../log.js';
import { backgroundStarters, type BackgroundService } from '../../background/index.js';
import { indexPrefix, prefixRange, tablePrefix } from '../../storage/keys.js';
import type { StorageTransaction } from '../../storage/engine.js';
import type { Services } from '../types.js';
import { backfillIndex } from './backfill.js';
import { collectionCountersPrefix } from '../common/item-collections.js';
import { statsKey } from '../../catalog/stats.js';
import { definitionsInUse } from './validate-update-table.js';

/** Keys deleted per transaction while clearing a dropped key space: short transactions keep writers moving. */
const DROP_BATCH = 512;

export class Lifecycle implements BackgroundService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  private dropping: Promise<void> | undefined;
  private dropAgain = false;
  /** Work in flight (settles, drops), awaited by stop() so nothing touches storage after close. */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly services: Services) {}

  private get catalog(): Catalog {
    return this.services.catalog;
  }

  /** Settles what a previous run left transient, restarts unfinished backfills, resumes pending drops. */
  async start(): Promise<void> {
    for (const meta of this.catalog.all()) {
      // A backfill cut short by the previous run starts over (copying an item twice is harmless).
      for (const gsi of meta.gsis) {
        if (gsi.status === 'CREATING' && gsi.backfilling) void this.buildIndex(meta.namespace, meta.name, gsi.id, false);
      }
      if (needsSettling(meta)) this.track(this.settle(meta.namespace, meta.name, true));
    }
    this.kickDrops();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** When the transient statuses of a change made now may end, or undefined when they are not shown. */
  transientUntil(): number | undefined {
    const { delayTransientStatuses, transientStatusMs } = this.services.config;
    return delayTransientStatuses ? Date.now() + transientStatusMs : undefined;
  }

  /** Arranges for `meta`'s transient statuses to settle when their time comes. */
  schedule(meta: TableMeta): void {
    if (this.stopped || !needsSettling(meta)) return;
    const key = `${meta.namespace}\u0000${meta.name}`;
    const due = earliestDue(meta);
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.track(this.settle(meta.namespace, meta.name, false));
    }, Math.max(0, due - Date.now()));
    timer.unref?.();
    this.timers.set(key, timer);
  }

  /**
   * Copies the table's items into a GSI just created (backfill.ts), then marks it backfilled:
   * ACTIVE at once, or when its transient delay ends. `wait` false runs it in the background.
   */
  async buildIndex(namespace: string, tableName: string, indexId: number, wait: boolean): Promise<void> {
    const run = this.track(this.runBuild(namespace, tableName, indexId));
    if (wait) await run;
  }

  private async runBuild(namespace: string, tableName: string, indexId: number): Promise<void> {
    const meta = this.catalog.get(namespace, tableName);
    const index = meta?.gsis.find((g) => g.id === indexId);
    if (!meta || !index) return;
    await backfillIndex(this.services, meta, index);
    if (this.stopped) return;
    const next = await this.services.storage.transact(async (tx) => {
      const stored = await this.catalog.read(tx, namespace, tableName);
      const built = stored?.gsis.find((g) => g.id === indexId);
      if (!stored || !built) return undefined;
      const done: IndexMeta = { ...built, backfilling: false };
      const settled = done.statusUntil === undefined ? settledIndex(done) : done;
      const out: TableMeta = { ...stored, gsis: stored.gsis.map((g) => (g.id === indexId ? settled : g)) };
      this.catalog.write(tx, out);
      return out;
    });
    if (next) {
      this.catalog.cache(next);
      this.schedule(next);
    }
  }

  /** Starts clearing pending drops (no-op if already running; picks up new ones when done). */
  kickDrops(): void {
    if (this.stopped) return;
    if (this.dropping) {
      this.dropAgain = true;
      return;
    }
    this.dropping = this.track(this.runDrops()).finally(() => {
      this.dropping = undefined;
      if (this.dropAgain) {
        this.dropAgain = false;
        this.kickDrops();
      }
    });
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    void p.then(
      () => this.inFlight.delete(p),
      (err: unknown) => {
        this.inFlight.delete(p);
        log.error('table lifecycle task failed', err);
      },
    );
    return p;
  }

  /**
   * Moves every transient status of one table whose time has come (all of them with `force`) to
   * its settled state, in one transaction against the stored metadata.
   */
  private async settle(namespace: string, name: string, force: boolean): Promise<void> {
    if (this.stopped) return;
    const now = Date.now();
    const result = await this.services.storage.transact(async (tx) => {
      const meta = await this.catalog.read(tx, namespace, name);
      if (!meta) return { removed: undefined, meta: undefined, drops: false };
      const due = (until: number | undefined) => force || until === undefined || until <= now;
      if (meta.status === 'DELETING') {
        if (!due(meta.statusUntil)) return { removed: undefined, meta, drops: false };
        dropTable(this.catalog, tx, meta);
        return { removed: meta, meta: undefined, drops: true };
      }
      let drops = false;
      const next: TableMeta = { ...meta, gsis: [] };
      for (const gsi of meta.gsis) {
        if (gsi.status === 'DELETING' && due(gsi.statusUntil)) {
          this.catalog.addDrop(tx, { kind: 'index', id: gsi.id });
          drops = true;
          continue;
        }
        // A CREATING index settles only once its backfill is done.
        if (gsi.status === 'CREATING' && !gsi.backfilling && due(gsi.statusUntil)) {
          next.gsis.push(settledIndex(gsi));
          continue;
        }
        next.gsis.push(gsi);
      }
      if (drops) next.attributeDefinitions = definitionsInUse(next);
      if ((meta.status === 'CREATING' || meta.status === 'UPDATING') && due(meta.statusUntil)) {
        next.status = 'ACTIVE';
        delete next.statusUntil;
      }
      this.catalog.write(tx, next);
      return { removed: undefined, meta: next, drops };
    });
    if (result.removed) this.catalog.uncache(result.removed);
    if (result.meta) {
      this.catalog.cache(result.meta);
      this.schedule(result.meta);
    }
    if (result.drops) this.kickDrops();
  }

  private async runDrops(): Promise<void> {
    const drops = await this.catalog.pendingDrops();
    for (const drop of drops) {
      if (this.stopped) return;
      await this.clear(drop);
    }
  }

  /** Deletes a dropped key space batch by batch, then forgets the drop. */
  private async clear(drop: PendingDrop): Promise<void> {
    // A table's item-collection size counters (tables with LSIs, item-collections.ts) go with it.
    // So do its (or the index's) ItemCount/size counters (catalog/stats.ts).
    const ranges =
      drop.kind === 'table'
        ? [prefixRange(statsKey(drop.id)), prefixRange(collectionCountersPrefix(drop.id)), prefixRange(tablePrefix(drop.id))]
        : [prefixRange(statsKey(drop.id)), prefixRange(indexPrefix(drop.id))];
    for (let i = 0; i < ranges.length; i++) {
      const range = ranges[i]!;
      const last = i === ranges.length - 1;
      for (;;) {
        if (this.stopped) return;
        const done = await this.services.storage.transact(async (tx) => {
          const keys: Buffer[] = [];
          for await (const [key] of tx.range({ ...range, limit: DROP_BATCH })) keys.push(key);
          for (const key of keys) tx.delete(key);
          if (keys.length < DROP_BATCH && last) this.catalog.removeDrop(tx, drop);
          return keys.length < DROP_BATCH;
        });
        if (done) break;
        // Let foreground requests in between batches.
        await new Promise((r) => setImmediate(r));
      }
    }
  }
}

/** Removes a table from the catalog and records its key spaces (and its indexes') for clearing. */
export function dropTable(catalog: Catalog, tx: StorageTransaction, meta: TableMeta): void {
  catalog.remove(tx, meta);
  catalog.addDrop(tx, { kind: 'table', id: meta.id });
  for (const index of [...meta.lsis, ...meta.gsis]) catalog.addDrop(tx, { kind: 'index', id: index.id });
}

function settledIndex(gsi: IndexMeta): IndexMeta {
  const out: IndexMeta = { ...gsi, status: 'ACTIVE' };
  delete out.statusUntil;
  delete out.backfilling;
  return out;
}

function needsSettling(meta: TableMeta): boolean {
  return meta.status !== 'ACTIVE' || meta.gsis.some((g) => g.status !== 'ACTIVE');
}

function earliestDue(meta: TableMeta): number {
  let due = meta.status !== 'ACTIVE' ? (meta.statusUntil ?? 0) : Infinity;
  for (const g of meta.gsis) if (g.status !== 'ACTIVE') due = Math.min(due, g.statusUntil ?? 0);
  return due === Infinity ? 0 : due;
}

const lifecycles = new WeakMap<Services, Lifecycle>();

/** The Lifecycle of the server `services` belongs to (created on first use). */
export function lifecycleOf(services: Services): Lifecycle {
  let lc = lifecycles.get(services);
  if (!lc) lifecycles.set(services, (lc = new Lifecycle(services)));
  return lc;
}

backgroundStarters.push((services) => {
  const lc = lifecycleOf(services);
  void lc.start().catch((err: unknown) => log.error('table lifecycle failed to start', err));
  return lc;
});
