/**
 * Multi-attribute GSI keys (IndexMeta.multiKey): the few helpers every key-aware path uses so it
 * branches once, leaving the single-attribute paths as they were.
 *
 * DynamoDB's rules (Developer Guide, "Multi-attribute keys pattern",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html,
 * and "Using Global Secondary Indexes in DynamoDB" § Multi-attribute key schema,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.md#GSI.MultiAttributeKeys):
 * a GSI partition key and sort key may each be composed of up to four attributes; the partition
 * attributes are hashed together; items are sorted by the sort attributes in KeySchema order;
 * an item appears in the index only if it carries every key attribute (sparse index).
 */
import type { IndexMeta, TableMeta } from '../../catalog/types.js';
import type { Item, KeyType } from '../../model/types.js';
import { indexEntryKey, multiIndexEntryKey } from '../../storage/keys.js';

/** Every key attribute of an index in KeySchema order (partition attributes first). */
export function indexKeyAttributes(index: IndexMeta): readonly { name: string; type: KeyType }[] {
  if (index.multiKey) return [...index.multiKey.hash, ...index.multiKey.range];
  return index.key.range ? [index.key.hash, index.key.range] : [index.key.hash];
}

/** The storage key of `item`'s entry in `index` (the item must belong in it). */
export function entryKeyOf(table: TableMeta, index: IndexMeta, item: Item): Buffer {
  return index.multiKey
    ? multiIndexEntryKey(index.id, index.multiKey, table.key, item)
    : indexEntryKey(index.id, index.key, table.key, item);
}
