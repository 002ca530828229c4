/**
 * The storage key layout: byte strings whose unsigned lexicographic order is the order Tessera
 * needs — items grouped by partition and sorted by sort key as DynamoDB sorts them.
 *
 *   item   0x02 | tableId u32 BE | md5(partition key) | sort key (unterminated, it is last)
 *   index  0x03 | indexId u32 BE | md5(index partition key) | index sort key (escaped, 00 00)
 *               | md5(table primary key)
 *
 * Partition keys are stored only as their MD5: keys stay short and fixed-size (LMDB keys are
 * limited to 1978 bytes, a partition key may be 2048) and a Scan walks partitions in hash
 * order, as DynamoDB's does, which also makes parallel-scan segments simple hash ranges.
 *
 * Sort keys are encoded so that byte order is DynamoDB order: S as UTF-8, B raw, N with the
 * order-preserving encoding below. Where a sort key is not the last component it is made
 * self-delimiting by escaping 0x00 as 00 FF and terminating with 00 00, which keeps "a" < "ab".
 */
// The module's Buffer, not the global one, which is a getter in Node 20 (~12 ns a read) and is
// read several times for every key built.
import { Buffer } from 'node:buffer';
import * as crypto from 'node:crypto';
import type { AttributeValue, KeyShape, KeyType, MultiKeyShape } from '../model/types.js';
import { parseNumber, MIN_EXPONENT } from '../model/numbers.js';
import { MAX_KEY_BYTES } from './transaction.js';

export const SPACE_CATALOG = 0x01;
export const SPACE_ITEMS = 0x02;
export const SPACE_INDEX = 0x03;
export const SPACE_STREAMS = 0x04;
export const SPACE_SYSTEM = 0x05;

export const HASH_BYTES = 16;
/** Length of tag + id: the prefix of a whole table's (or index's) keys. */
export const OWNER_PREFIX_BYTES = 5;

// Type bytes in front of a partition key's bytes, so S "1", N 1 and B 0x31 never hash alike.
const TYPE_TAG: Record<KeyType, number> = { S: 0x01, N: 0x02, B: 0x03 };

// ---- numbers ----------------------------------------------------------------------------------
//
// sign byte: 0x01 negative, 0x02 zero, 0x03 positive. Then, for non-zero values, one exponent
// byte (the adjusted exponent offset to 0..255; complemented for negatives) and one byte per
// significant digit (0x10 + d; 0x19 − d for negatives). Negatives end with 0xFF so that a shorter
// digit string (a smaller magnitude, e.g. −0.12 vs −0.123) sorts after its extensions. Only the
// exponent byte can be 0x00 (at the ends of the range), which escaping handles like any byte.

const NUM_NEGATIVE = 0x01;
const NUM_ZERO = 0x02;
const NUM_POSITIVE = 0x03;
const EXPONENT_BIAS = -MIN_EXPONENT; // adjusted exponent −130 → 0, 125 → 255

export function encodeNumber(text: string): Buffer {
  const p = parseNumber(text);
  if (p.digits === '') return Buffer.from([NUM_ZERO]);
  const exp = p.exponent - 1 + EXPONENT_BIAS;
  const n = p.digits.length;
  if (!p.negative) {
    const out = Buffer.allocUnsafe(2 + n);
    out[0] = NUM_POSITIVE;
    out[1] = exp;
    for (let i = 0; i < n; i++) out[2 + i] = 0x10 + (p.digits.charCodeAt(i) - 48);
    return out;
  }
  const out = Buffer.allocUnsafe(3 + n);
  out[0] = NUM_NEGATIVE;
  out[1] = 255 - exp;
  for (let i = 0; i < n; i++) out[2 + i] = 0x19 - (p.digits.charCodeAt(i) - 48);
  out[2 + n] = 0xff;
  return out;
}

// ---- values -----------------------------------------------------------------------------------

/** Order-preserving bytes of a key value (S, N or B). */
export function encodeKeyValue(v: AttributeValue): Buffer {
  if ('S' in v) return Buffer.from(v.S, 'utf8');
  if ('N' in v) return encodeNumber(v.N);
  if ('B' in v) return Buffer.from(v.B, 'base64');
  throw new Error(`not a key value: ${Object.keys(v)[0]}`);
}

function keyType(v: AttributeValue): KeyType {
  if ('S' in v) return 'S';
  if ('N' in v) return 'N';
  if ('B' in v) return 'B';
  throw new Error(`not a key value: ${Object.keys(v)[0]}`);
}

/** Escapes 0x00 as 00 FF; appending 00 00 then yields a self-delimiting, order-preserving form. */
export function escapeBytes(b: Buffer): Buffer {
  if (!b.includes(0)) return b;
  const parts: number[] = [];
  for (const byte of b) {
    parts.push(byte);
    if (byte === 0) parts.push(0xff);
  }
  return Buffer.from(parts);
}

const TERMINATOR = Buffer.from([0, 0]);

export function delimit(b: Buffer): Buffer {
  return Buffer.concat([escapeBytes(b), TERMINATOR]);
}

/**
 * One-shot MD5 (crypto.hash, Node >= 20.12: no Hash object per key). The digest is asked for as
 * a 'binary' (latin1) string and turned into a Buffer: in Node 20 that costs ~0.45 µs a key
 * against ~1.3 µs for crypto.hash's own 'buffer' output (bench/NOTES.md, session 6). A string
 * input is hashed as its UTF-8 bytes, exactly as Buffer.write encodes it (lone surrogates too).
 */
function md5(data: Buffer | string): Buffer {
  return Buffer.from(crypto.hash('md5', data, 'binary'), 'binary');
}

const S_TAG = String.fromCharCode(TYPE_TAG.S);

/** MD5 of a partition key value, tagged by type. */
export function hashKeyValue(v: AttributeValue): Buffer {
  // The common case, a string: the tag and the text hashed as one string, with no buffer to build.
  if ('S' in v) return md5(S_TAG + (v.S as string));
  const body = encodeKeyValue(v);
  const tagged = Buffer.allocUnsafe(1 + body.length);
  tagged[0] = TYPE_TAG[keyType(v)];
  body.copy(tagged, 1);
  return md5(tagged);
}

function u32(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** The smallest key greater than every key that starts with `prefix`. */
export function prefixEnd(prefix: Buffer): Buffer {
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === 0xff) end--;
  if (end === 0) throw new Error('prefix has no upper bound');
  const out = Buffer.from(prefix.subarray(0, end));
  out[end - 1]! += 1;
  return out;
}

export interface KeyRange {
  gte: Buffer;
  lt: Buffer;
}

export function prefixRange(prefix: Buffer): KeyRange {
  return { gte: prefix, lt: prefixEnd(prefix) };
}

function attr(item: Record<string, AttributeValue>, name: string): AttributeValue {
  const v = item[name];
  if (v === undefined) throw new Error(`item lacks key attribute ${name}`);
  return v;
}

// ---- table items ------------------------------------------------------------------------------

/** `space | tag | id (u32 BE)`: the shape of every per-table, per-index and per-stream bookkeeping key. */
export function taggedIdKey(space: number, tag: number, id: number): Buffer {
  const key = Buffer.allocUnsafe(6);
  key[0] = space;
  key[1] = tag;
  key.writeUInt32BE(id >>> 0, 2);
  return key;
}

export function tablePrefix(tableId: number): Buffer {
  return Buffer.concat([Buffer.from([SPACE_ITEMS]), u32(tableId)]);
}

/** All items of one partition lie under this prefix. The key shape is accepted for symmetry. */
export function partitionPrefix(tableId: number, _keyShape: KeyShape, pkValue: AttributeValue): Buffer {
  return Buffer.concat([tablePrefix(tableId), hashKeyValue(pkValue)]);
}

export function itemKey(tableId: number, keyShape: KeyShape, item: Record<string, AttributeValue>): Buffer {
  // On every item read and write: one allocation for the whole key, laid out as partitionPrefix.
  const hash = hashKeyValue(attr(item, keyShape.hash.name));
  const sort = keyShape.range ? encodeKeyValue(attr(item, keyShape.range.name)) : undefined;
  const key = Buffer.allocUnsafe(OWNER_PREFIX_BYTES + HASH_BYTES + (sort?.length ?? 0));
  key[0] = SPACE_ITEMS;
  key.writeUInt32BE(tableId >>> 0, 1);
  hash.copy(key, OWNER_PREFIX_BYTES);
  sort?.copy(key, OWNER_PREFIX_BYTES + HASH_BYTES);
  return key;
}

// ---- index entries ----------------------------------------------------------------------------

export function indexPrefix(indexId: number): Buffer {
  return Buffer.concat([Buffer.from([SPACE_INDEX]), u32(indexId)]);
}

export function indexPartitionPrefix(indexId: number, pkValue: AttributeValue): Buffer {
  return Buffer.concat([indexPrefix(indexId), hashKeyValue(pkValue)]);
}

/** MD5 identifying an item by its table primary key; makes index entries unique. */
export function primaryKeyHash(tableShape: KeyShape, item: Record<string, AttributeValue>): Buffer {
  const parts = [taggedDelimited(attr(item, tableShape.hash.name))];
  if (tableShape.range) parts.push(taggedDelimited(attr(item, tableShape.range.name)));
  return md5(Buffer.concat(parts));
}

/** A key value's type tag and its delimited encoding: one self-delimiting part of a hashed tuple. */
function taggedDelimited(v: AttributeValue): Buffer {
  return Buffer.concat([Buffer.from([TYPE_TAG[keyType(v)]]), delimit(encodeKeyValue(v))]);
}

/**
 * Key of the index entry for `item`, which must carry the index key attributes (items lacking
 * them are not in a sparse index — the caller decides that).
 */
export function indexEntryKey(
  indexId: number,
  indexShape: KeyShape,
  tableShape: KeyShape,
  item: Record<string, AttributeValue>,
): Buffer {
  const parts = [indexPartitionPrefix(indexId, attr(item, indexShape.hash.name))];
  if (indexShape.range) parts.push(delimit(encodeKeyValue(attr(item, indexShape.range.name))));
  parts.push(primaryKeyHash(tableShape, item));
  return Buffer.concat(parts);
}

// ---- multi-attribute GSI keys -----------------------------------------------------------------
//
// A GSI whose key has several partition and/or sort attributes (MultiKeyShape) keeps the entry
// layout above: the partition part is the MD5 of the tuple of partition values (each tagged by
// type and delimited, so ("ab","c") and ("a","bc") differ), the sort part the concatenation of
// each sort value's delimited encoding. Each part is self-delimiting and order-preserving, so byte
// order is tuple order (left to right) and a prefix of the sort attributes is a key prefix.

/** MD5 of a multi-attribute partition key, the values in key-schema order. */
export function hashKeyTuple(values: readonly AttributeValue[]): Buffer {
  return md5(Buffer.concat(values.map(taggedDelimited)));
}

export function multiIndexPartitionPrefix(indexId: number, values: readonly AttributeValue[]): Buffer {
  return Buffer.concat([indexPrefix(indexId), hashKeyTuple(values)]);
}

/** The encoded leading sort attributes (each delimited): a prefix of every entry that has them. */
export function multiSortPrefix(values: readonly AttributeValue[]): Buffer {
  return Buffer.concat(values.map((v) => delimit(encodeKeyValue(v))));
}

/**
 * The most bytes the encoded sort attributes of a multi-attribute GSI entry may take: what is left
 * of the storage key limit after the prefix, the partition hash and the table key hash. Four sort
 * attributes of DynamoDB's maximum sort key size (1024 bytes each) can exceed it, so the write
 * path checks it (multiSortBytes) rather than let the storage engine refuse the key.
 */
export const MULTI_SORT_MAX_BYTES = MAX_KEY_BYTES - OWNER_PREFIX_BYTES - 2 * HASH_BYTES;

/** Length of multiSortPrefix(values), without building it. */
export function multiSortBytes(values: readonly AttributeValue[]): number {
  let n = 0;
  for (const v of values) {
    const enc = encodeKeyValue(v);
    let zeros = 0;
    for (const b of enc) if (b === 0) zeros++;
    n += enc.length + zeros + 2;
  }
  return n;
}

/** Key of the entry for `item` in a multi-attribute GSI; the item must carry every key attribute. */
export function multiIndexEntryKey(
  indexId: number,
  shape: MultiKeyShape,
  tableShape: KeyShape,
  item: Record<string, AttributeValue>,
): Buffer {
  return Buffer.concat([
    multiIndexPartitionPrefix(indexId, shape.hash.map((k) => attr(item, k.name))),
    multiSortPrefix(shape.range.map((k) => attr(item, k.name))),
    primaryKeyHash(tableShape, item),
  ]);
}

// ---- sort-key conditions ----------------------------------------------------------------------

export type SortKeyCondition =
  | { op: 'EQ' | 'LT' | 'LE' | 'GT' | 'GE'; value: AttributeValue }
  | { op: 'BETWEEN'; low: AttributeValue; high: AttributeValue }
  | { op: 'BEGINS_WITH'; value: AttributeValue };

/**
 * Keys in `partition` whose sort key satisfies `cond`, as one [gte, lt) range. `delimited` is
 * true for index entries (escaped, terminated sort key followed by the table key hash) and false
 * for table items (raw sort key, last). Without a condition: the whole partition.
 */
export function sortKeyRange(partition: Buffer, cond: SortKeyCondition | undefined, delimited: boolean): KeyRange {
  const whole = prefixRange(partition);
  if (!cond) return whole;
  // [lo, hi): every key whose sort key equals v.
  const eq = (v: AttributeValue): KeyRange => {
    const enc = encodeKeyValue(v);
    if (delimited) return prefixRange(Buffer.concat([partition, delimit(enc)]));
    const lo = Buffer.concat([partition, enc]);
    return { gte: lo, lt: Buffer.concat([lo, Buffer.from([0])]) };
  };
  switch (cond.op) {
    case 'EQ':
      return eq(cond.value);
    case 'LT':
      return { gte: whole.gte, lt: eq(cond.value).gte };
    case 'LE':
      return { gte: whole.gte, lt: eq(cond.value).lt };
    case 'GT':
      return { gte: eq(cond.value).lt, lt: whole.lt };
    case 'GE':
      return { gte: eq(cond.value).gte, lt: whole.lt };
    case 'BETWEEN':
      return { gte: eq(cond.low).gte, lt: eq(cond.high).lt };
    case 'BEGINS_WITH': {
      const enc = encodeKeyValue(cond.value);
      // An empty prefix matches the whole partition.
      if (enc.length === 0) return whole;
      return prefixRange(Buffer.concat([partition, delimited ? escapeBytes(enc) : enc]));
    }
  }
}

/** True when a range is empty (e.g. BETWEEN with low > high). */
export function isEmptyRange(r: KeyRange): boolean {
  return Buffer.compare(r.gte, r.lt) >= 0;
}

// ---- parallel scan ----------------------------------------------------------------------------

const HASH_SPACE = 1n << 128n;

function hashBytes(n: bigint): Buffer {
  const out = Buffer.alloc(HASH_BYTES);
  for (let i = HASH_BYTES - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

/**
 * The key range of one parallel-scan segment: the 16-byte hash space after a table or index
 * prefix cut into `totalSegments` contiguous, disjoint pieces that together cover it.
 */
export function segmentBounds(ownerPrefix: Buffer, segment: number, totalSegments: number): KeyRange {
  if (!Number.isInteger(totalSegments) || totalSegments < 1) throw new RangeError('totalSegments must be ≥ 1');
  if (!Number.isInteger(segment) || segment < 0 || segment >= totalSegments) throw new RangeError('segment out of range');
  const start = (BigInt(segment) * HASH_SPACE) / BigInt(totalSegments);
  const gte = Buffer.concat([ownerPrefix, hashBytes(start)]);
  if (segment === totalSegments - 1) return { gte, lt: prefixEnd(ownerPrefix) };
  const end = (BigInt(segment + 1) * HASH_SPACE) / BigInt(totalSegments);
  return { gte, lt: Buffer.concat([ownerPrefix, hashBytes(end)]) };
}
