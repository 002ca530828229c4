/**
 * The one write path for items. Every operation that changes an item — PutItem, UpdateItem,
 * DeleteItem, batches, transactions, PartiQL, the TTL sweeper — ends here, inside a storage
 * transaction, so the base item, its index entries and its stream record change together
 * or not at all.
 */
import type { IndexMeta, TableMeta } from '../../catalog/types.js';
import type { Item } from '../../model/types.js';
import { itemSize } from '../../model/size.js';
import type { StorageReader, StorageTransaction } from '../../storage/engine.js';
import { itemKey } from '../../storage/keys.js';
import { valuesEqual } from '../../model/values.js';
import { writeUnits, type IndexUnits, noIndexUnits } from './capacity.js';
import { projectForIndex } from './indexes.js';
import { entryKeyOf } from './multi-key.js';
import { belongsInIndex, indexesToMaintain } from './index-maintenance.js';
import { updateItemCollection, type ItemCollectionSize } from './item-collections.js';
import { emitStreamRecord, hasEnabledStream } from '../../streams/emit.js';
import { adjustStats } from '../../catalog/stats.js';

export function itemStorageKey(table: TableMeta, keyOrItem: Item): Buffer {
  return itemKey(table.id, table.key, keyOrItem);
}

/** Reads an item by its storage key; undefined when absent. */
export async function readItem(reader: StorageReader, key: Buffer): Promise<Item | undefined> {
  const raw = await reader.get(key);
  return raw === undefined ? undefined : (JSON.parse(raw) as Item);
}

/** What a change spent on each index and, on a table with LSIs, its item collection's size after it. */
export interface ChangeOutcome extends IndexUnits {
  itemCollection?: ItemCollectionSize;
}

export interface ItemChange {
  table: TableMeta;
  key: Buffer;
  oldItem: Item | undefined;
  newItem: Item | undefined;
  /** Deleted by the TTL sweeper: its stream record names the DynamoDB service as the deleter. */
  expiredByTtl?: boolean;
}

/**
 * Applies old → new for one item inside `tx` and returns the write units each index consumed.
 * A change that leaves an index entry as it was costs that index nothing, as in DynamoDB.
 */
export async function applyItemChange(tx: StorageTransaction, change: ItemChange): Promise<ChangeOutcome> {
  const { table, key, oldItem, newItem } = change;
  // First, as it may refuse the write (ItemCollectionSizeLimitExceededException).
  const itemCollection = await updateItemCollection(tx, table, oldItem, newItem);
  if (newItem) tx.put(key, JSON.stringify(newItem));
  else if (oldItem) tx.delete(key);
  await adjustStats(tx, table.id, (newItem ? 1 : 0) - (oldItem ? 1 : 0), (newItem ? itemSize(newItem) : 0) - (oldItem ? itemSize(oldItem) : 0));
  const units: ChangeOutcome = noIndexUnits();
  if (itemCollection) units.itemCollection = itemCollection;
  // The latest metadata's indexes: a GSI being backfilled must not miss this write (index-maintenance.ts).
  for (const index of indexesToMaintain(table)) {
    const spent = await applyIndexChange(tx, table, index, oldItem, newItem);
    if (spent > 0) (index.kind === 'GSI' ? units.gsi : units.lsi).set(index.name, spent);
  }
  // The stream record commits with the change or not at all; a write that changes nothing (same
  // item, or deleting a missing one) gets none, as in DynamoDB.
  if (hasEnabledStream(table) && (oldItem ? !newItem || !sameItem(oldItem, newItem) : newItem)) {
    emitStreamRecord(tx, change);
  }
  return units;
}

async function applyIndexChange(
  tx: StorageTransaction,
  table: TableMeta,
  index: IndexMeta,
  oldItem: Item | undefined,
  newItem: Item | undefined,
): Promise<number> {
  const oldEntry = oldItem && belongsInIndex(index, oldItem) ? projectForIndex(table, index, oldItem) : undefined;
  const newEntry = newItem && belongsInIndex(index, newItem) ? projectForIndex(table, index, newItem) : undefined;
  if (!oldEntry && !newEntry) return 0;
  const oldKey = oldEntry ? entryKeyOf(table, index, oldItem!) : undefined;
  const newKey = newEntry ? entryKeyOf(table, index, newItem!) : undefined;
  const oldSize = oldEntry ? itemSize(oldEntry) : 0;
  const newSize = newEntry ? itemSize(newEntry) : 0;
  if (oldKey && newKey && oldKey.equals(newKey)) {
    if (sameItem(oldEntry!, newEntry!)) return 0;
    tx.put(newKey, JSON.stringify(newEntry));
    await adjustStats(tx, index.id, 0, newSize - oldSize);
    return writeUnits(newSize);
  }
  let spent = 0;
  if (oldKey) {
    tx.delete(oldKey);
    spent += writeUnits(oldSize);
  }
  if (newKey) {
    tx.put(newKey, JSON.stringify(newEntry));
    spent += writeUnits(newSize);
  }
  await adjustStats(tx, index.id, (newKey ? 1 : 0) - (oldKey ? 1 : 0), newSize - oldSize);
  return spent;
}

export function sameItem(a: Item, b: Item): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const bv = b[k];
    if (bv === undefined || !valuesEqual(a[k]!, bv)) return false;
  }
  return true;
}
