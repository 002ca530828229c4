/**
 * ItemCount and TableSizeBytes / IndexSizeBytes for DescribeTable.
 *
 * The item write path keeps one counter per table and per index in the same storage transaction
 * as the change (`adjustStats`), so the numbers are exact and survive a crash — like DynamoDB
 * Local's, where the service refreshes them only every six hours — and DescribeTable reads two
 * numbers instead of scanning the table.
 */
import type { Services } from '../ops/types.js';
import type { StorageReader, StorageTransaction } from '../storage/engine.js';
import { SPACE_SYSTEM, taggedIdKey } from '../storage/keys.js';
import type { IndexMeta, TableMeta } from './types.js';

export interface Stats {
  itemCount: number;
  sizeBytes: number;
}

const STATS_TAG = 0x53; // 'S'

/** SPACE_SYSTEM | 'S' | table or index id → "count,bytes". Cleared when the table or index is dropped. */
export function statsKey(ownerId: number): Buffer {
  return taggedIdKey(SPACE_SYSTEM, STATS_TAG, ownerId);
}

function parse(value: string | undefined): Stats {
  if (value === undefined) return { itemCount: 0, sizeBytes: 0 };
  const comma = value.indexOf(',');
  return { itemCount: Number(value.slice(0, comma)), sizeBytes: Number(value.slice(comma + 1)) };
}

/** Adds a change's deltas to a table's or index's counters inside the change's transaction. */
export async function adjustStats(tx: StorageTransaction, ownerId: number, countDelta: number, bytesDelta: number): Promise<void> {
  if (countDelta === 0 && bytesDelta === 0) return;
  const key = statsKey(ownerId);
  const s = parse(await tx.get(key));
  const count = s.itemCount + countDelta;
  if (count <= 0) tx.delete(key);
  else tx.put(key, `${count},${Math.max(0, s.sizeBytes + bytesDelta)}`);
}

async function read(reader: StorageReader, ownerId: number): Promise<Stats> {
  return parse(await reader.get(statsKey(ownerId)));
}

export function tableStats(services: Services, meta: TableMeta): Promise<Stats> {
  return services.storage.read((reader) => read(reader, meta.id));
}

export function indexStats(services: Services, _meta: TableMeta, index: IndexMeta): Promise<Stats> {
  return services.storage.read((reader) => read(reader, index.id));
}

/** Stats of a table and all its indexes from one snapshot, so the numbers agree with each other. */
export function allStats(services: Services, meta: TableMeta): Promise<{ table: Stats; indexes: Map<string, Stats> }> {
  return services.storage.read(async (reader) => {
    const table = await read(reader, meta.id);
    const indexes = new Map<string, Stats>();
    for (const index of [...meta.lsis, ...meta.gsis]) indexes.set(index.name, await read(reader, index.id));
    return { table, indexes };
  });
}
