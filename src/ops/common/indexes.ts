/**
 * What an item looks like inside each secondary index: whether it appears at all (sparse
 * indexes), its index key's validity, and its projection.
 */
import { DynamoError, validation } from '../../errors.js';
import { INDEX_KEY_MESSAGES, validateIndexKeys, type IndexKeyShape } from '../../model/values.js';
import type { IndexMeta, TableMeta } from '../../catalog/types.js';
import type { Item } from '../../model/types.js';
import { indexKeyAttributes } from './multi-key.js';
import { MULTI_SORT_MAX_BYTES, multiSortBytes } from '../../storage/keys.js';

/** True when the item carries every key attribute of the index (otherwise it is absent from it). */
export function inIndex(index: IndexMeta, item: Item): boolean {
  if (index.multiKey) return indexKeyAttributes(index).every((k) => k.name in item);
  if (!(index.key.hash.name in item)) return false;
  return !index.key.range || index.key.range.name in item;
}

const indexKeyShapes = new WeakMap<TableMeta, IndexKeyShape[]>();

/**
 * DynamoDB rejects a write whose item carries an index key attribute of the wrong type, empty or
 * too long, even though the index is otherwise sparse. The shapes are derived once per table
 * version (metadata objects are replaced, never mutated, when a table changes).
 */
export function checkIndexKeys(table: TableMeta, item: Item): void {
  if (table.lsis.length === 0 && table.gsis.length === 0) return;
  let shapes = indexKeyShapes.get(table);
  if (!shapes) indexKeyShapes.set(table, (shapes = allIndexes(table).map((i) => (i.multiKey ? { name: i.name, shape: i.key, multi: i.multiKey } : { name: i.name, shape: i.key }))));
  validateIndexKeys(shapes, item);
  for (const index of table.gsis) if (index.multiKey) checkMultiSortSize(index, item);
}

/**
 * Tessera's own limit (storage keys are at most 4026 bytes; DynamoDB documents none for the
 * combined sort attributes): an item whose sort attributes for a multi-attribute GSI would not fit
 * in a storage key is refused, worded as DynamoDB's per-attribute "Size limit exceeded" message.
 */
function checkMultiSortSize(index: IndexMeta, item: Item): void {
  const values = index.multiKey!.range.map((k) => item[k.name]);
  if (values.length === 0 || values.some((v) => v === undefined)) return;
  const bytes = multiSortBytes(values as Item[string][]);
  if (bytes > MULTI_SORT_MAX_BYTES) {
    throw validation(
      `One or more parameter values were invalid: Size limit exceeded for the sort key attributes of Index Key ${index.multiKey!.range.map((k) => k.name).join(', ')} Actual Size: ${bytes} bytes Max Size: ${MULTI_SORT_MAX_BYTES} bytes IndexName: ${index.name}`,
    );
  }
}

/**
 * checkIndexKeys for BatchWriteItem and TransactWriteItems: an index key of the wrong type in
 * DynamoDB Local's bare words. No source quotes the service's answer to a batch or a transaction
 * (dynamoose/dynamoose#296 quotes the detailed words without naming the operation), and DynamoDB Local words it the
 * same in every operation.
 */
export function checkIndexKeysBare(table: TableMeta, item: Item, check: typeof checkIndexKeys = checkIndexKeys): void {
  try {
    check(table, item);
  } catch (err) {
    if (isIndexTypeMismatch(err)) throw validation(INDEX_KEY_MESSAGES.typeMismatchBare);
    throw err;
  }
}

/** An index key of the wrong type, in either wording. */
export function isIndexTypeMismatch(err: unknown): err is DynamoError {
  return err instanceof DynamoError && err.message.startsWith(INDEX_KEY_MESSAGES.typeMismatchBare);
}

/**
 * An update that empties an index key is worded for updates (DynamoDB Local answers UpdateItem and
 * a TransactWriteItems Update alike with these words).
 */
export function checkUpdatedIndexKeys(table: TableMeta, item: Item): void {
  try {
    checkIndexKeys(table, item);
  } catch (err) {
    if (!(err instanceof DynamoError)) throw err;
    const empty = /cannot contain an empty (string|binary) value/.exec(err.message);
    if (!empty) throw err;
    throw validation(
      'One or more parameter values are not valid. The update expression attempted to update a secondary index key to a value that is not supported. ' +
        `The AttributeValue for a key attribute cannot contain an empty ${empty[1]} value.`,
    );
  }
}

/** The attributes an index keeps of an item: its keys, the table's keys, and the projection. */
export function projectForIndex(table: TableMeta, index: IndexMeta, item: Item): Item {
  if (index.projection.ProjectionType === 'ALL') return item;
  const out: Item = {};
  const keep = (name: string) => {
    const v = item[name];
    if (v !== undefined) out[name] = v;
  };
  keep(table.key.hash.name);
  if (table.key.range) keep(table.key.range.name);
  if (index.multiKey) for (const k of indexKeyAttributes(index)) keep(k.name);
  else {
    keep(index.key.hash.name);
    if (index.key.range) keep(index.key.range.name);
  }
  if (index.projection.ProjectionType === 'INCLUDE') {
    for (const name of index.projection.NonKeyAttributes ?? []) keep(name);
  }
  return out;
}

export const allIndexes = (table: TableMeta): IndexMeta[] =>
  table.lsis.length === 0 ? table.gsis : table.gsis.length === 0 ? table.lsis : [...table.lsis, ...table.gsis];
