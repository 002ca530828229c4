/**
 * ExclusiveStartKey in, LastEvaluatedKey out.
 *
 * A start key names a position, not an item: it must carry exactly the table key attributes (and,
 * for an index read, the index key attributes too), with the schema's types, but the item it
 * names need not exist. The LastEvaluatedKey of a page is the same set of attributes taken from
 * the last item evaluated.
 *
 * Checks, in DynamoDB's order: the values themselves (the messages every attribute value gets),
 * the number of attributes, then each key attribute in key-schema order (table partition, table
 * sort, index partition, index sort): present with the right type, then not empty.
 */
import { validation } from '../../errors.js';
import type { Item } from '../../model/types.js';
import { INDEX_KEY_MESSAGES, KEY_MESSAGES, validateItem } from '../../model/values.js';
import type { ReadTarget } from './target.js';

export const START_KEY_SHAPE_MESSAGES = {
  size: "Exclusive Start Key must have same size as table's key schema",
  /** Query, and Scan of an index (DynamoDB Local and the real service agree on these). */
  invalid: 'The provided starting key is invalid',
  /**
   * Scan of a table: the real service's words (baopham/laravel-dynamodb#200 quotes the coral body
   * of a table Scan, awslabs/dynamodb-data-mapper-js#39 the message). DynamoDB Local answers the
   * shorter `invalid` text; a Query's answer has no suffix on the service either (pynamodb/PynamoDB#50).
   */
  invalidScanTable: 'The provided starting key is invalid: The provided key element does not match the schema',
  /**
   * A key attribute of the wrong type: DynamoDB Local's words, for Query and Scan, table and index
   * alike (no source quotes the service's answer).
   */
  typeMismatch: 'Type mismatch for attribute to update',
  /** DynamoDB Local's words for an empty key value in a start key (no other source known). */
  empty: (detail: string) =>
    `The query can return at most one row and cannot be restarted. The provided starting key is invalid: ${detail}`,
} as const;

/** Validates ExclusiveStartKey for `target`; undefined when absent. */
export function validateStartKey(raw: unknown, target: ReadTarget, op: 'Query' | 'Scan'): Item | undefined {
  if (raw === undefined || raw === null) return undefined;
  const start = validateItem(raw);
  if (Object.keys(start).length !== target.startKey.length) throw validation(START_KEY_SHAPE_MESSAGES.size);
  const mismatch = op === 'Scan' && !target.index ? START_KEY_SHAPE_MESSAGES.invalidScanTable : START_KEY_SHAPE_MESSAGES.invalid;
  const tableKeys = new Set([target.table.key.hash.name, target.table.key.range?.name]);
  for (const { name, type } of target.startKey) {
    const v = start[name];
    if (v === undefined) throw validation(mismatch);
    if (!(type in v)) throw validation(START_KEY_SHAPE_MESSAGES.typeMismatch);
    const empty = (type === 'S' && (v as { S: string }).S === '') || (type === 'B' && (v as { B: string }).B === '');
    if (!empty) continue;
    const kind = type === 'S' ? 'string' : 'binary';
    const detail = tableKeys.has(name)
      ? type === 'S'
        ? KEY_MESSAGES.emptyString(name)
        : KEY_MESSAGES.emptyBinary(name)
      : INDEX_KEY_MESSAGES.empty(kind, target.index!.name, name);
    throw validation(START_KEY_SHAPE_MESSAGES.empty(detail));
  }
  return start;
}

/** The LastEvaluatedKey for the last item (or index entry) a page evaluated. */
export function lastEvaluatedKey(target: ReadTarget, entry: Item): Item {
  const out: Item = {};
  for (const { name } of target.startKey) {
    const v = entry[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}
