/**
 * Item collections of tables with local secondary indexes: all the items sharing a partition key,
 * together with their entries in the table's LSIs (developer guide, "Item collections in Local
 * Secondary Indexes"). DynamoDB limits each to 10 GB — a write that would grow one past the limit
 * fails with ItemCollectionSizeLimitExceededException, writes that shrink it still succeed — and
 * reports its size estimate as ItemCollectionMetrics when a write asks with
 * ReturnItemCollectionMetrics: SIZE.
 *
 * The size of each collection is kept as a counter in the system key space, updated by the item
 * write path (applyItemChange) in the same transaction as the item, so it is exact and costs one
 * key read per write to an LSI table. Size = Σ item sizes + Σ LSI entry sizes, DynamoDB's item
 * size formula for both (the service's per-entry storage overhead is not part of the estimate
 * it documents: "the size of all the items in the table, plus the size of all attributes
 * projected into all of the local secondary indexes").
 */
import type { TableMeta } from '../../catalog/types.js';
import { DynamoError } from '../../errors.js';
import { itemSize } from '../../model/size.js';
import type { AttributeValue, Item } from '../../model/types.js';
import type { StorageTransaction } from '../../storage/engine.js';
import { hashKeyValue, SPACE_SYSTEM, taggedIdKey } from '../../storage/keys.js';
import { belongsInIndex } from './index-maintenance.js';
import { projectForIndex } from './indexes.js';

const GB = 1024 * 1024 * 1024;
/** ServiceQuotas: 10 GB per partition key value on a table with local secondary indexes. */
export const ITEM_COLLECTION_LIMIT_BYTES = 10 * GB;
let limitBytes = ITEM_COLLECTION_LIMIT_BYTES;

/** Lowers the limit so tests can reach it; `undefined` restores 10 GB. */
export function setItemCollectionLimitForTests(bytes: number | undefined): void {
  limitBytes = bytes ?? ITEM_COLLECTION_LIMIT_BYTES;
}

/** Programming.Errors lists the message as "Collection size exceeded." (the docs end every message with a full stop). */
export const itemCollectionSizeLimitExceeded = (): DynamoError =>
  new DynamoError('ItemCollectionSizeLimitExceededException', 'Collection size exceeded');

/** A collection after a write: its partition key and its size in bytes. */
export interface ItemCollectionSize {
  key: Item;
  bytes: number;
}

const COLLECTION_TAG = 0x43; // 'C'

/** SPACE_SYSTEM | 'C' | table id: the counters of one table, cleared when the table is dropped. */
export function collectionCountersPrefix(tableId: number): Buffer {
  return taggedIdKey(SPACE_SYSTEM, COLLECTION_TAG, tableId);
}

/** One counter per collection: the table's prefix, then md5(partition key). */
function counterKey(table: TableMeta, pk: AttributeValue): Buffer {
  return Buffer.concat([collectionCountersPrefix(table.id), hashKeyValue(pk)]);
}

/** What one item adds to its collection: itself and its LSI entries. */
function contribution(table: TableMeta, item: Item | undefined): number {
  if (!item) return 0;
  let bytes = itemSize(item);
  for (const lsi of table.lsis) if (belongsInIndex(lsi, item)) bytes += itemSize(projectForIndex(table, lsi, item));
  return bytes;
}

/**
 * Applies old → new to the item's collection counter inside `tx` (tables with LSIs only) and
 * returns the collection's size afterwards; throws ItemCollectionSizeLimitExceededException when
 * the write would grow the collection past the limit.
 *
 */
export async function updateItemCollection(
  tx: StorageTransaction,
  table: TableMeta,
  oldItem: Item | undefined,
  newItem: Item | undefined,
): Promise<ItemCollectionSize | undefined> {
  if (table.lsis.length === 0) return undefined;
  const pk = (newItem ?? oldItem)?.[table.key.hash.name];
  if (!pk) return undefined;
  const key = counterKey(table, pk);
  const current = await readCounter(tx, key);
  const delta = contribution(table, newItem) - contribution(table, oldItem);
  const bytes = Math.max(0, current + delta);
  if (delta > 0 && bytes > limitBytes) throw itemCollectionSizeLimitExceeded();
  if (delta !== 0) {
    if (bytes === 0) tx.delete(key);
    else tx.put(key, String(bytes));
  }
  return { key: { [table.key.hash.name]: pk }, bytes };
}

async function readCounter(tx: StorageTransaction, key: Buffer): Promise<number> {
  const value = await tx.get(key);
  return value === undefined ? 0 : Number(value);
}

/**
 * The ItemCollectionMetrics member of a write's answer: the collection's key and a size range in
 * GB. The service answers small collections with [0.0, 1.0]; the estimate is the whole number of
 * GB the collection fills and the next one.
 */
export function itemCollectionMetrics(size: ItemCollectionSize | undefined): Record<string, unknown> | undefined {
  if (!size) return undefined;
  const lower = Math.floor(size.bytes / GB);
  return { ItemCollectionKey: size.key, SizeEstimateRangeGB: [lower, lower + 1] };
}
