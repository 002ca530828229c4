/**
 * The catalog: every table's metadata, persisted in the storage engine under the catalog key
 * space and cached in memory, because every request looks its table up.
 *
 * Writes go through a storage transaction first and reach the cache only once durable, so the
 * cache never shows a table that a crash could take back. Existence checks that must not race
 * (two CreateTables of one name) read the catalog key inside the transaction, not the cache.
 */
import type { StorageEngine, StorageTransaction } from '../storage/engine.js';
import type { TableMeta } from './types.js';
import { noteReplaced } from './latest.js';

const SPACE_CATALOG = 0x01;
const TABLE_TAG = 0x54; // 'T'
const COUNTER_TAG = 0x4e; // 'N': the next free storage prefix id
const DROP_TAG = 0x44; // 'D': storage prefix ids whose keys are still to be cleared
const GENERATION_TAG = 0x47; // 'G': changes with every table metadata change (see `generationKey`)

const tablePrefix = Buffer.from([SPACE_CATALOG, TABLE_TAG]);
const counterKey = Buffer.from([SPACE_CATALOG, COUNTER_TAG]);
const dropPrefix = Buffer.from([SPACE_CATALOG, DROP_TAG]);
/**
 * Rewritten in the transaction of every catalog write or removal, so that a process that reads
 * the store but does not write it (a read helper, server/read-helpers.ts) can tell with one get
 * whether its cached catalog is stale.
 */
const generationKey = Buffer.from([SPACE_CATALOG, GENERATION_TAG]);
let generationSeq = 0;
const nextGeneration = () => `${Date.now().toString(36)}.${process.pid.toString(36)}.${(++generationSeq).toString(36)}`;

/**
 * A dropped table's or index's key space, recorded in the same transaction that removes it from
 * the catalog, so that clearing its keys in the background resumes after a restart.
 */
export interface PendingDrop {
  kind: 'table' | 'index';
  /** Storage prefix id (TableMeta.id / IndexMeta.id). */
  id: number;
}

function dropKey(drop: PendingDrop): Buffer {
  const key = Buffer.alloc(dropPrefix.length + 5);
  dropPrefix.copy(key);
  key[dropPrefix.length] = drop.kind === 'table' ? 0x54 : 0x49;
  key.writeUInt32BE(drop.id, dropPrefix.length + 1);
  return key;
}

export function catalogKey(namespace: string, name: string): Buffer {
  return Buffer.concat([tablePrefix, Buffer.from(namespace, 'utf8'), Buffer.from([0]), Buffer.from(name, 'utf8')]);
}

export class Catalog {
  private tables = new Map<string, Map<string, TableMeta>>();
  /** The generation the cache was loaded at (only `follow` keeps it current). */
  private generation: string | undefined;

  constructor(private readonly storage: StorageEngine) {}

  /** Reads every table's metadata into the cache; call once at start-up. */
  async load(): Promise<void> {
    const upper = Buffer.from([SPACE_CATALOG, TABLE_TAG + 1]);
    await this.storage.read(async (reader) => {
      this.generation = await reader.get(generationKey);
      for await (const [, value] of reader.range({ gte: tablePrefix, lt: upper })) {
        this.cache(JSON.parse(value) as TableMeta);
      }
    });
  }

  /**
   * For a process that reads the store while another one writes it: reloads the cache if any
   * table's metadata changed since it was loaded. The caller must already see the latest commits
   * (LmdbEngine.refresh).
   */
  async follow(): Promise<void> {
    if ((await this.storage.get(generationKey)) === this.generation) return;
    const fresh = new Catalog(this.storage);
    await fresh.load();
    this.tables = fresh.tables;
    this.generation = fresh.generation;
  }

  get(namespace: string, name: string): TableMeta | undefined {
    return this.tables.get(namespace)?.get(name);
  }

  /** Tables of a namespace in name order (ListTables order: by UTF-16 code units, as DynamoDB's). */
  list(namespace: string): TableMeta[] {
    const ns = this.tables.get(namespace);
    if (!ns) return [];
    return [...ns.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Every table of every namespace (background services walk these). */
  all(): TableMeta[] {
    const out: TableMeta[] = [];
    for (const ns of this.tables.values()) out.push(...ns.values());
    return out;
  }

  /** Reads a table's metadata inside a transaction: the race-free existence check. */
  async read(tx: StorageTransaction, namespace: string, name: string): Promise<TableMeta | undefined> {
    const value = await tx.get(catalogKey(namespace, name));
    return value === undefined ? undefined : (JSON.parse(value) as TableMeta);
  }

  /** Stages a table's metadata in `tx`; call `cache` after the transaction commits. */
  write(tx: StorageTransaction, meta: TableMeta): void {
    tx.put(catalogKey(meta.namespace, meta.name), JSON.stringify(meta));
    tx.put(generationKey, nextGeneration());
  }

  /** Stages a table's removal in `tx`; call `uncache` after the transaction commits. */
  remove(tx: StorageTransaction, meta: TableMeta): void {
    tx.delete(catalogKey(meta.namespace, meta.name));
    tx.put(generationKey, nextGeneration());
  }

  /** Allocates a storage prefix id (for a table or an index) that is never reused. */
  async allocateId(tx: StorageTransaction): Promise<number> {
    const current = await tx.get(counterKey);
    const id = current === undefined ? 1 : Number(current);
    tx.put(counterKey, String(id + 1));
    return id;
  }

  /** Records that a key space is to be cleared (see PendingDrop); stage it with the catalog change. */
  addDrop(tx: StorageTransaction, drop: PendingDrop): void {
    tx.put(dropKey(drop), JSON.stringify(drop));
  }

  /** Forgets a drop once its keys are gone. */
  removeDrop(tx: StorageTransaction, drop: PendingDrop): void {
    tx.delete(dropKey(drop));
  }

  /** Every drop not yet finished, oldest id first. */
  async pendingDrops(): Promise<PendingDrop[]> {
    const upper = Buffer.from([SPACE_CATALOG, DROP_TAG + 1]);
    return this.storage.read(async (reader) => {
      const out: PendingDrop[] = [];
      for await (const [, value] of reader.range({ gte: dropPrefix, lt: upper })) out.push(JSON.parse(value) as PendingDrop);
      return out;
    });
  }

  /** Writes `meta` durably and then shows it to readers. */
  async save(meta: TableMeta): Promise<void> {
    await this.storage.transact((tx) => this.write(tx, meta));
    this.cache(meta);
  }

  cache(meta: TableMeta): void {
    let ns = this.tables.get(meta.namespace);
    if (!ns) this.tables.set(meta.namespace, (ns = new Map()));
    // Requests still holding the old object find this one through latestMeta (latest.ts).
    const previous = ns.get(meta.name);
    if (previous) noteReplaced(previous, meta);
    ns.set(meta.name, meta);
  }

  uncache(meta: TableMeta): void {
    this.tables.get(meta.namespace)?.delete(meta.name);
  }
}
