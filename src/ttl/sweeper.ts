/**
 * The Time to Live sweeper: deletes expired items (expiry.ts) of every table with TTL enabled,
 * through the one write path, so their index entries go with them and their streams get a REMOVE
 * record naming the DynamoDB service.
 *
 * DynamoDB takes up to 48 hours; Tessera sweeps every config.ttlSweepIntervalMs (default 1 s), so
 * an item disappears within about that long after it expires. Until then reads still return it,
 * as DynamoDB's do.
 *
 * It never holds up requests: it reads in chunks from snapshots, deletes in small transactions
 * that re-check each item (it may have been rewritten since the scan), yields between them, and
 * scans a bounded number of items per table per pass, resuming there on the next pass.
 */
import type { BackgroundService } from '../background/index.js';
import { periodic, yieldToForeground } from '../background/periodic.js';
import type { TableMeta } from '../catalog/types.js';
import { nowMs } from '../config.js';
import { applyItemChange, readItem } from '../ops/common/item-store.js';
import type { Services } from '../ops/types.js';
import { prefixEnd, tablePrefix } from '../storage/keys.js';
import type { Item } from '../model/types.js';
import { isExpired, mayBeExpired } from './expiry.js';

const SCAN_CHUNK = 500;
const DELETE_BATCH = 100;
/** Items looked at per table per pass; a larger table is covered over several passes. */
const SCAN_BUDGET = 20_000;

export function startTtlSweeper(services: Services): BackgroundService {
  const cursors = new Map<number, Buffer>();
  return periodic('TTL sweeper', services.config.ttlSweepIntervalMs, async (stopped) => {
    for (const table of services.catalog.all()) {
      if (stopped()) return;
      if (!ttlAttribute(table)) {
        cursors.delete(table.id);
        continue;
      }
      const next = await sweepTable(services, table, cursors.get(table.id), stopped);
      if (next) cursors.set(table.id, next);
      else cursors.delete(table.id);
    }
  });
}

/** The attribute a table expires items by, when TTL is on and the table takes writes. */
function ttlAttribute(table: TableMeta): string | undefined {
  if (table.status !== 'ACTIVE' && table.status !== 'UPDATING') return undefined;
  const ttl = table.ttl;
  return ttl && (ttl.status === 'ENABLED' || ttl.status === 'ENABLING') ? ttl.attributeName : undefined;
}

/** One pass over (part of) a table; returns where to resume, or undefined when it reached the end. */
async function sweepTable(
  services: Services,
  table: TableMeta,
  from: Buffer | undefined,
  stopped: () => boolean,
): Promise<Buffer | undefined> {
  const attribute = ttlAttribute(table)!;
  const prefix = tablePrefix(table.id);
  const end = prefixEnd(prefix);
  let cursor = from;
  let scanned = 0;
  while (!stopped() && scanned < SCAN_BUDGET) {
    const nowSeconds = nowMs(services.config) / 1000;
    const { expired, last, count } = await services.storage.read(async (reader) => {
      const expired: Buffer[] = [];
      let last: Buffer | undefined;
      let count = 0;
      const range = cursor ? { gt: cursor, lt: end, limit: SCAN_CHUNK } : { gte: prefix, lt: end, limit: SCAN_CHUNK };
      for await (const [key, value] of reader.range(range)) {
        count++;
        last = key;
        if (mayBeExpired(value, attribute, nowSeconds) && isExpired(JSON.parse(value) as Item, attribute, nowSeconds)) expired.push(key);
      }
      return { expired, last, count };
    });
    for (let i = 0; i < expired.length && !stopped(); i += DELETE_BATCH) {
      await deleteExpired(services, table, expired.slice(i, i + DELETE_BATCH));
      await yieldToForeground();
    }
    if (count < SCAN_CHUNK || !last) return undefined;
    cursor = last;
    scanned += count;
    await yieldToForeground();
  }
  return cursor;
}

async function deleteExpired(services: Services, scanned: TableMeta, keys: Buffer[]): Promise<void> {
  await services.storage.transact(async (tx) => {
    // The table as it is now: its indexes and stream settings decide what the deletion writes.
    const table = services.catalog.get(scanned.namespace, scanned.name);
    if (!table || table.id !== scanned.id) return;
    const attribute = ttlAttribute(table);
    if (!attribute) return;
    const nowSeconds = nowMs(services.config) / 1000;
    for (const key of keys) {
      const item = await readItem(tx, key);
      if (!item || !isExpired(item, attribute, nowSeconds)) continue;
      await applyItemChange(tx, { table, key, oldItem: item, newItem: undefined, expiredByTtl: true });
    }
  });
}
