/**
 * ItemCount and TableSizeBytes / IndexSizeBytes for DescribeTable.
 *
 * For now they are worked out by reading the table's (or index's) whole key space in one
 * snapshot: exact, like DynamoDB Local, where the service refreshes them only every six hours.
 * This is the seam where counters maintained by the item write path can replace the scan
 * without DescribeTable noticing.
 */
import type { Item } from '../model/types.js';
import { itemSize } from '../model/size.js';
import type { Services } from '../ops/types.js';
import type { StorageReader } from '../storage/engine.js';
import { indexPrefix, prefixRange, tablePrefix } from '../storage/keys.js';
import type { IndexMeta, TableMeta } from './types.js';

export interface Stats {
  itemCount: number;
  sizeBytes: number;
}

export function tableStats(services: Services, meta: TableMeta): Promise<Stats> {
  return services.storage.read((reader) => scan(reader, tablePrefix(meta.id)));
}

/** An index's entries are the projected items the item write path stores under its own prefix. */
export function indexStats(services: Services, _meta: TableMeta, index: IndexMeta): Promise<Stats> {
  return services.storage.read((reader) => scan(reader, indexPrefix(index.id)));
}

/** Stats of a table and all its indexes from one snapshot, so the numbers agree with each other. */
export function allStats(services: Services, meta: TableMeta): Promise<{ table: Stats; indexes: Map<string, Stats> }> {
  return services.storage.read(async (reader) => {
    const table = await scan(reader, tablePrefix(meta.id));
    const indexes = new Map<string, Stats>();
    for (const index of [...meta.lsis, ...meta.gsis]) indexes.set(index.name, await scan(reader, indexPrefix(index.id)));
    return { table, indexes };
  });
}

async function scan(reader: StorageReader, prefix: Buffer): Promise<Stats> {
  let itemCount = 0;
  let sizeBytes = 0;
  for await (const [, value] of reader.range(prefixRange(prefix))) {
    itemCount++;
    sizeBytes += sizeOf(value);
  }
  return { itemCount, sizeBytes };
}

function sizeOf(stored: string): number {
  try {
    return itemSize(JSON.parse(stored) as Item);
  } catch {
    // Not an item (a future layout): count its bytes rather than fail DescribeTable.
    return Buffer.byteLength(stored);
  }
}
