/**
 * Which secondary indexes a write maintains, and whether an item belongs in one.
 *
 * A write maintains the indexes of the table's *latest* metadata, not only of the metadata it
 * looked up when the request arrived. The difference matters while UpdateTable adds a GSI: the
 * backfill (src/ops/query/backfill.ts) copies the table's items in small transactions, and a
 * write that looked its table up before the GSI existed could otherwise run its transaction after
 * the backfill has passed its item and leave the index without it. Transactions run one at a time
 * and the backfill starts only once the catalog shows the new GSI, so every transaction either
 * runs before the backfill's first batch (which then copies its result) or sees the GSI here.
 *
 * An item carries the key attributes of an index it was not validated against (such a write, or
 * an item written before the GSI existed) possibly with the wrong type, empty or too long; such an
 * item is simply not in that index, as DynamoDB's backfill leaves out items that violate the new
 * index's key schema.
 */
import { latestMeta } from '../../catalog/latest.js';
import type { IndexMeta, TableMeta } from '../../catalog/types.js';
import type { AttributeValue, Item, KeyType } from '../../model/types.js';
import { keyValueBytes, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES } from '../../model/values.js';
import { allIndexes } from './indexes.js';
import { MULTI_SORT_MAX_BYTES, multiSortBytes } from '../../storage/keys.js';

/** The indexes a write through `table` (the request's metadata) must keep up to date. */
export function indexesToMaintain(table: TableMeta): readonly IndexMeta[] {
  return allIndexes(latestMeta(table));
}

/**
 * True when `item` has an entry in `index`: it carries the index's key attributes, each a valid
 * key value of the schema's type (absent attributes make the index sparse).
 */
export function belongsInIndex(index: IndexMeta, item: Item): boolean {
  if (index.multiKey) {
    const { hash, range } = index.multiKey;
    return (
      hash.every((k) => validKeyValue(item[k.name], k.type, MAX_PARTITION_KEY_BYTES)) &&
      range.every((k) => validKeyValue(item[k.name], k.type, MAX_SORT_KEY_BYTES)) &&
      multiSortBytes(range.map((k) => item[k.name]!)) <= MULTI_SORT_MAX_BYTES
    );
  }
  const { hash, range } = index.key;
  if (!validKeyValue(item[hash.name], hash.type, MAX_PARTITION_KEY_BYTES)) return false;
  return !range || validKeyValue(item[range.name], range.type, MAX_SORT_KEY_BYTES);
}

function validKeyValue(v: AttributeValue | undefined, type: KeyType, maxBytes: number): boolean {
  if (v === undefined || !(type in v)) return false;
  if (type === 'N') return true;
  const bytes = keyValueBytes(v);
  return bytes > 0 && bytes <= maxBytes;
}
