/**
 * Where a Query or Scan reads in storage: the key condition (or the parallel-scan segment) as a
 * key range, narrowed by ExclusiveStartKey, and the checks that the start key lies inside it.
 *
 * The key layout (storage/keys.ts) does the real work: a table partition is `partitionPrefix`, an
 * index partition `indexPartitionPrefix`, and `sortKeyRange` turns a sort-key condition into one
 * [gte, lt) range; table items end with the raw sort key, index entries with the escaped,
 * terminated index sort key followed by the table key's hash (so ties on the index sort key are
 * ordered, and a start key can name a position between them).
 */
import type { AttributeValue, Item } from '../../model/types.js';
import { compareValues, valuesEqual } from '../../model/values.js';
import {
  encodeKeyValue,
  indexPartitionPrefix,
  multiIndexPartitionPrefix,
  multiSortPrefix,
  indexPrefix,
  itemKey,
  partitionPrefix,
  prefixRange,
  segmentBounds,
  sortKeyRange,
  tablePrefix,
  type KeyRange,
  type SortKeyCondition,
} from '../../storage/keys.js';
import type { RangeOptions } from '../../storage/engine.js';
import { validation } from '../../errors.js';
import type { ReadTarget } from './target.js';
import { entryKeyOf } from '../common/multi-key.js';

/** A key condition resolved against the target's key schema: partition equality, optional sort condition. */
export interface KeyCondition {
  partition: { name: string; value: AttributeValue };
  sort?: { name: string; cond: SortKeyCondition };
  /**
   * A multi-attribute GSI key only: every partition attribute's value and the sort attributes'
   * equalities before `sort`, in key-schema order (`partition` is then the first of these).
   */
  multi?: { partition: AttributeValue[]; sortEq: AttributeValue[] };
}

export const START_KEY_MESSAGES = {
  outsideRange: 'The provided starting key does not match the range key predicate',
  /**
   * Real service (verified against DynamoDB by a ScyllaDB Alternator maintainer,
   * scylladb/scylladb#9270); DynamoDB Local says "Exclusive start key must lie within the segment".
   */
  outsideSegment: (segment: number, total: number) =>
    `The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: ${total} Segment: ${segment}`,
} as const;

/** The storage key at which `start` (table key, plus index key for an index) sits in the target. */
export function startPosition(target: ReadTarget, start: Item): Buffer {
  const { table, index } = target;
  return index ? entryKeyOf(table, index, start) : itemKey(table.id, table.key, start);
}

/** The range a Query reads, before ExclusiveStartKey. */
export function queryRange(target: ReadTarget, kc: KeyCondition): KeyRange {
  const { table, index } = target;
  if (kc.multi && index) return multiQueryRange(index.id, kc.multi, kc.sort?.cond);
  const partition = index
    ? indexPartitionPrefix(index.id, kc.partition.value)
    : partitionPrefix(table.id, table.key, kc.partition.value);
  // A hash-only table stores its item exactly at the partition prefix; the whole-partition range
  // [prefix, prefixEnd) holds just that key.
  if (!target.key.range) return prefixRange(partition);
  return sortKeyRange(partition, kc.sort?.cond, index !== undefined);
}

/**
 * A multi-attribute key's Query range: the partition of the tuple of partition values, narrowed to
 * the entries whose leading sort attributes equal `sortEq` (each delimited, so that is a key
 * prefix), then by the condition on the next sort attribute exactly as a single delimited index
 * sort key is (sortKeyRange).
 */
function multiQueryRange(indexId: number, multi: NonNullable<KeyCondition['multi']>, cond: SortKeyCondition | undefined): KeyRange {
  const prefix = Buffer.concat([multiIndexPartitionPrefix(indexId, multi.partition), multiSortPrefix(multi.sortEq)]);
  return sortKeyRange(prefix, cond, true);
}

/** The range a Scan (or one parallel-scan segment) reads, before ExclusiveStartKey. */
export function scanRange(target: ReadTarget, segment?: { segment: number; total: number }): KeyRange {
  const owner = target.index ? indexPrefix(target.index.id) : tablePrefix(target.table.id);
  return segment ? segmentBounds(owner, segment.segment, segment.total) : prefixRange(owner);
}

/**
 * The storage bounds of a read: `range` in the requested direction, starting just after `start`.
 * A start position outside the range leaves nothing to read (callers have already rejected start
 * keys that DynamoDB rejects).
 */
export function readBounds(range: KeyRange, start: Buffer | undefined, reverse: boolean): RangeOptions {
  if (!start) return { gte: range.gte, lt: range.lt, reverse };
  if (!reverse) {
    return Buffer.compare(start, range.gte) >= 0 ? { gt: start, lt: range.lt, reverse } : { gte: range.gte, lt: range.lt, reverse };
  }
  return Buffer.compare(start, range.lt) < 0 ? { gte: range.gte, lt: start, reverse } : { gte: range.gte, lt: range.lt, reverse };
}

/**
 * DynamoDB Local rejects a Query start key whose partition key differs from the condition's, or
 * whose sort key does not satisfy the sort-key condition; a start key between existing items is
 * fine (it is a position, not an item).
 */
export function checkStartKeyInQuery(kc: KeyCondition, start: Item, target?: ReadTarget): void {
  if (kc.multi && target?.index?.multiKey) {
    const { hash, range } = target.index.multiKey;
    const same = (name: string, v: AttributeValue) => start[name] !== undefined && valuesEqual(start[name]!, v);
    if (!kc.multi.partition.every((v, i) => same(hash[i]!.name, v))) throw validation(START_KEY_MESSAGES.outsideRange);
    if (!kc.multi.sortEq.every((v, i) => same(range[i]!.name, v))) throw validation(START_KEY_MESSAGES.outsideRange);
  }
  const pk = start[kc.partition.name];
  if (!pk || !valuesEqual(pk, kc.partition.value)) throw validation(START_KEY_MESSAGES.outsideRange);
  if (!kc.sort) return;
  const sk = start[kc.sort.name];
  if (!sk || !satisfies(sk, kc.sort.cond)) throw validation(START_KEY_MESSAGES.outsideRange);
}

function satisfies(v: AttributeValue, cond: SortKeyCondition): boolean {
  const cmp = (w: AttributeValue) => compareValues(v, w);
  switch (cond.op) {
    case 'EQ':
      return cmp(cond.value) === 0;
    case 'LT':
      return (cmp(cond.value) ?? 0) < 0;
    case 'LE':
      return (cmp(cond.value) ?? 1) <= 0;
    case 'GT':
      return (cmp(cond.value) ?? 0) > 0;
    case 'GE':
      return (cmp(cond.value) ?? -1) >= 0;
    case 'BETWEEN':
      return (cmp(cond.low) ?? -1) >= 0 && (cmp(cond.high) ?? 1) <= 0;
    case 'BEGINS_WITH': {
      const prefix = encodeKeyValue(cond.value);
      const bytes = encodeKeyValue(v);
      return bytes.length >= prefix.length && bytes.subarray(0, prefix.length).equals(prefix);
    }
  }
}

/** A parallel-scan start key must lie in the segment's share of the hash space. */
export function checkStartKeyInSegment(range: KeyRange, position: Buffer, segment: number, total: number): void {
  if (Buffer.compare(position, range.gte) < 0 || Buffer.compare(position, range.lt) >= 0) {
    throw validation(START_KEY_MESSAGES.outsideSegment(segment, total));
  }
}
