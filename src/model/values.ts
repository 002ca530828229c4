/**
 * Validation, normalisation, ordering and equality of attribute values.
 *
 * Everything that accepts attribute values from a client (items, keys, expression values, legacy
 * Expected/AttributeUpdates values, ExclusiveStartKey …) goes through `validateAttributeValue`
 * so that every path reports the same faults with the same words. The result is a normalised
 * copy: canonical numbers, canonical base64, sets sorted — what the service returns on reads.
 */
import { DynamoError, serialization, validation } from '../errors.js';
import type { AttributeMap, AttributeValue, Item, KeyShape, KeyType, MultiKeyShape } from './types.js';
import { compareParsed, formatNumber, parseValidNumber } from './numbers.js';

export const VALUE_MESSAGES = {
  empty: 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes',
  multiple: 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
  // The double spaces and "An string" are the service's own text.
  emptySS: 'One or more parameter values were invalid: An string set  may not be empty',
  emptyNS: 'One or more parameter values were invalid: An number set  may not be empty',
  emptyBS: 'One or more parameter values were invalid: Binary sets should not be empty',
  nullSSMember: 'One or more parameter values were invalid: An string set may not have a null string as a member',
  duplicateNS: 'Input collection contains duplicates',
  nullFalse: 'One or more parameter values were invalid: Null attribute value types must have the value of true',
  nesting: 'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit',
  nullValue: 'The supplied Item contains a null AttributeValue',
} as const;

/** `[a, b, a]` — Java's List.toString of the members as sent. */
export const duplicateSSMessage = (members: readonly string[]): string =>
  `One or more parameter values were invalid: Input collection [${members.join(', ')}] contains duplicates`;
export const DUPLICATE_BS_MESSAGE = 'One or more parameter values were invalid: Input collection of type BS contains duplicates.';
export const nullMemberMessage = (name: string): string => `${VALUE_MESSAGES.nullValue}: ${name} is null`;

/** How ExpressionAttributeValues wraps the message of a bad value. */
export const expressionValueMessage = (key: string, message: string): string =>
  `ExpressionAttributeValues contains invalid value: ${message} for key ${key}`;

/**
 * Container levels allowed inside one attribute of an item. The service counts the item itself as
 * the first of its 32 levels: an attribute may hold 31 nested M/L, an expression value 32.
 */
export const MAX_ITEM_ATTRIBUTE_DEPTH = 31;
export const MAX_EXPRESSION_VALUE_DEPTH = 32;

export interface ValueOptions {
  /** Nested M/L levels allowed; MAX_ITEM_ATTRIBUTE_DEPTH unless given. */
  maxDepth?: number;
  /** Rewrites each ValidationException message, e.g. to name the expression value it came from. */
  wrap?: (message: string) => string;
}

const TYPE_KEYS = ['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS'] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Assignment that treats `__proto__` as the ordinary attribute name it is in DynamoDB. */
function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

// ---- wire-type faults -------------------------------------------------------------------------
// The service's JSON reader rejects a member of the wrong JSON type before any validation runs,
// with a SerializationException. Sourced wordings: "NUMBER_VALUE cannot be converted to String"
// (localstack#9412), "Start of list found where not expected" (rusoto#658), "Start of structure or
// map found where not expected" (amplify-js#13265), "Unexpected value type in payload" for a
// scalar where an attribute value object belongs (floci#2625). The Boolean and TRUE_VALUE forms
// follow the same "<TOKEN> cannot be converted to <Type>" pattern but are unverified.

function wrongJsonType(v: unknown, expected: 'String' | 'Boolean' | 'list' | 'map'): DynamoError {
  if (Array.isArray(v)) return serialization('Start of list found where not expected');
  if (typeof v === 'object' && v !== null) return serialization('Start of structure or map found where not expected');
  if (expected === 'list' || expected === 'map') return serialization('Unexpected value type in payload');
  const token = typeof v === 'number' ? 'NUMBER_VALUE' : typeof v === 'boolean' ? (v ? 'TRUE_VALUE' : 'FALSE_VALUE') : 'STRING_VALUE';
  return serialization(`${token} cannot be converted to ${expected}`);
}

function expectString(v: unknown): string {
  if (typeof v !== 'string') throw wrongJsonType(v, 'String');
  return v;
}

// ---- base64 -----------------------------------------------------------------------------------

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes standard padded base64 as the service's reader does (stray low bits are ignored). */
export function decodeBinary(text: string): Buffer {
  if (text.length % 4 !== 0) {
    throw serialization(`Base64 encoded length is expected a multiple of 4 bytes but found: ${text.length}`);
  }
  if (!BASE64_RE.test(text)) throw serialization('Invalid Base64 character found in value');
  return Buffer.from(text, 'base64');
}

/** Canonical base64 of a value already validated (`YR==` → `YQ==`). */
const canonicalBase64 = (text: string): string => decodeBinary(text).toString('base64');

// ---- validation -------------------------------------------------------------------------------

/** Throws the nesting error if `v` holds more than `max` nested M/L levels; runs before anything else. */
function checkDepth(v: unknown, max: number, depth = 0): void {
  if (!isObject(v)) return;
  const m = v['M'];
  const l = v['L'];
  if (isObject(m)) {
    if (depth + 1 > max) throw validation(VALUE_MESSAGES.nesting);
    for (const k in m) checkDepth(m[k], max, depth + 1);
  } else if (Array.isArray(l)) {
    if (depth + 1 > max) throw validation(VALUE_MESSAGES.nesting);
    for (const e of l) checkDepth(e, max, depth + 1);
  }
}

const TYPE_KEY_SET: ReadonlySet<string> = new Set(TYPE_KEYS);
/** One shared array per type, so the usual single-type value allocates nothing here. */
const ONLY: Readonly<Record<string, readonly string[]>> = Object.fromEntries(TYPE_KEYS.map((k) => [k, [k]]));

function present(v: Record<string, unknown>): readonly string[] {
  // Nearly every value is an object with one member, its type: answer that without the filter
  // below, which costs ten callbacks and an array per value (~1 µs per item of a BatchWriteItem,
  // bench/NOTES.md). Anything else — several members, nulls, unknown ones — takes the filter.
  let only: string | undefined;
  for (const k in v) {
    if (only !== undefined) {
      only = undefined;
      break;
    }
    only = k;
  }
  if (only !== undefined && TYPE_KEY_SET.has(only) && v[only] !== null && v[only] !== undefined) return ONLY[only]!;
  // Unknown members are ignored and explicit nulls count as absent, as the service's reader does.
  return TYPE_KEYS.filter((k) => v[k] !== undefined && v[k] !== null);
}

function normalise(v: unknown): AttributeValue {
  if (v === null || v === undefined) throw validation(VALUE_MESSAGES.nullValue);
  if (!isObject(v)) throw wrongJsonType(v, 'map');
  const types = present(v);
  if (types.length === 0) throw validation(VALUE_MESSAGES.empty);
  if (types.length > 1) throw validation(VALUE_MESSAGES.multiple);
  const type = types[0]!;
  const body = v[type];
  switch (type) {
    case 'S':
      return { S: expectString(body) };
    case 'N':
      return { N: formatNumber(parseValidNumber(expectString(body))) };
    case 'B':
      return { B: canonicalBase64(expectString(body)) };
    case 'BOOL':
      if (typeof body !== 'boolean') throw wrongJsonType(body, 'Boolean');
      return { BOOL: body };
    case 'NULL':
      if (typeof body !== 'boolean') throw wrongJsonType(body, 'Boolean');
      if (!body) throw validation(VALUE_MESSAGES.nullFalse);
      return { NULL: true };
    case 'M': {
      if (!isObject(body)) throw wrongJsonType(body, 'map');
      const out: AttributeMap = {};
      for (const name of Object.keys(body)) {
        const member = body[name];
        if (member === null || member === undefined) throw validation(nullMemberMessage(name));
        setOwn(out, name, normalise(member));
      }
      return { M: out };
    }
    case 'L': {
      if (!Array.isArray(body)) throw wrongJsonType(body, 'list');
      return { L: body.map((e) => normalise(e)) };
    }
    case 'SS':
      return { SS: normaliseSS(body) };
    case 'NS':
      return { NS: normaliseNS(body) };
    case 'BS':
      return { BS: normaliseBS(body) };
  }
  throw validation(VALUE_MESSAGES.empty);
}

function expectList(body: unknown): unknown[] {
  if (!Array.isArray(body)) throw wrongJsonType(body, 'list');
  return body;
}

function normaliseSS(body: unknown): string[] {
  const list = expectList(body);
  if (list.length === 0) throw validation(VALUE_MESSAGES.emptySS);
  const members = list.map((m) => {
    if (m === null) throw validation(VALUE_MESSAGES.nullSSMember);
    return expectString(m);
  });
  if (new Set(members).size !== members.length) throw validation(duplicateSSMessage(members));
  // Sets are returned sorted; the service orders strings by UTF-16 code unit here (not UTF-8).
  return members.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function normaliseNS(body: unknown): string[] {
  const list = expectList(body);
  if (list.length === 0) throw validation(VALUE_MESSAGES.emptyNS);
  // A null member fails as "not a number", like any other unparsable member.
  const parsed = list.map((m) => parseValidNumber(m === null ? '' : expectString(m)));
  parsed.sort(compareParsed);
  for (let i = 1; i < parsed.length; i++) {
    if (compareParsed(parsed[i - 1]!, parsed[i]!) === 0) throw validation(VALUE_MESSAGES.duplicateNS);
  }
  return parsed.map(formatNumber);
}

function normaliseBS(body: unknown): string[] {
  const list = expectList(body);
  if (list.length === 0) throw validation(VALUE_MESSAGES.emptyBS);
  const bytes = list.map((m) => {
    if (m === null) throw validation(VALUE_MESSAGES.nullValue);
    return decodeBinary(expectString(m));
  });
  bytes.sort(Buffer.compare);
  for (let i = 1; i < bytes.length; i++) {
    if (bytes[i - 1]!.equals(bytes[i]!)) throw validation(DUPLICATE_BS_MESSAGE);
  }
  return bytes.map((b) => b.toString('base64'));
}

function wrapped<T>(options: ValueOptions | undefined, fn: () => T): T {
  if (!options?.wrap) return fn();
  try {
    return fn();
  } catch (e) {
    if (e instanceof DynamoError && e.type === 'ValidationException') throw validation(options.wrap(e.message));
    throw e;
  }
}

/** Validates one attribute value and returns its normalised copy. */
export function validateAttributeValue(value: unknown, options?: ValueOptions): AttributeValue {
  return wrapped(options, () => {
    checkDepth(value, options?.maxDepth ?? MAX_ITEM_ATTRIBUTE_DEPTH);
    return normalise(value);
  });
}

/**
 * Validates a whole attribute map (an Item, a Key, an ExclusiveStartKey) and returns its normalised
 * copy. Attributes are checked in request order, the first fault wins; within one attribute the
 * nesting limit is checked before anything else.
 */
export function validateItem(item: unknown, options?: ValueOptions): Item {
  return wrapped(options, () => {
    if (!isObject(item)) throw wrongJsonType(item, 'map');
    const max = options?.maxDepth ?? MAX_ITEM_ATTRIBUTE_DEPTH;
    const out: Item = {};
    for (const name of Object.keys(item)) {
      const v = item[name];
      if (v === null || v === undefined) throw validation(nullMemberMessage(name));
      checkDepth(v, max);
      setOwn(out, name, normalise(v));
    }
    return out;
  });
}

/** Validates ExpressionAttributeValues, naming the offending placeholder as the service does. */
export function validateExpressionAttributeValues(values: unknown): Record<string, AttributeValue> {
  if (!isObject(values)) throw wrongJsonType(values, 'map');
  const out: Record<string, AttributeValue> = {};
  for (const key of Object.keys(values)) {
    const value = validateAttributeValue(values[key], {
      maxDepth: MAX_EXPRESSION_VALUE_DEPTH,
      wrap: (m) => expressionValueMessage(key, m),
    });
    setOwn(out, key, value);
  }
  return out;
}

// ---- keys -------------------------------------------------------------------------------------

export const KEY_MESSAGES = {
  schemaMismatch: 'The provided key element does not match the schema',
  missingKey: (name: string) => `One or more parameter values were invalid: Missing the key ${name} in the item`,
  typeMismatch: (name: string, expected: string, actual: string) =>
    `One or more parameter values were invalid: Type mismatch for key ${name} expected: ${expected} actual: ${actual}`,
  emptyString: (name: string) =>
    `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${name}`,
  emptyBinary: (name: string) =>
    `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: ${name}`,
  // "of2048" (no space) is the service's text.
  hashTooLong: 'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes',
  rangeTooLong:
    'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes',
} as const;

export const MAX_PARTITION_KEY_BYTES = 2048;
export const MAX_SORT_KEY_BYTES = 1024;

/**
 * DynamoDB Local's words for key faults. It uses them in every operation — single-item, batch and
 * transactional alike — where the service has words of its own for the single-item operations
 * (KEY_MESSAGES). For the batch and transactional operations Tessera keeps these unless a public
 * source quotes the service's answer to that operation (see KeyMode).
 */
export const DDBL_KEY_MESSAGES = {
  count: 'The number of conditions on the keys is invalid',
  missing: 'One of the required keys was not given a value',
  type: 'One or more parameter values were invalid: Type mismatch for key',
  /** A key value that is not a scalar (a list, a map, a set …). */
  notScalar: 'Invalid attribute value type',
} as const;

/** How a key fault is worded, by where the key or item came from. */
export type KeyMode =
  /** PutItem (and PartiQL INSERT): the item must contain the key attributes, may hold others. */
  | 'item'
  /** Get/Update/Delete-style Key: exactly the key attributes; every fault is a schema mismatch. */
  | 'key'
  /**
   * BatchWriteItem PutRequest: a key of the wrong type is a schema mismatch, not PutItem's
   * "Type mismatch for key …" (https://github.com/aws-samples/csv-to-dynamodb/issues/16 quotes
   * the service's BatchWriteItem answer to a number where the key is a string; a non-scalar is
   * taken to be a wrong type too). A missing key attribute: DynamoDB Local's words (no source).
   */
  | 'batch-item'
  /**
   * BatchGetItem Keys: a key naming other attributes than the schema's is a schema mismatch
   * (https://github.com/aws/aws-sdk-php/issues/330 quotes the service's BatchGetItem answer); an
   * extra attribute or a wrong type: DynamoDB Local's words (no source).
   */
  | 'batch-get-key'
  /** DynamoDB Local's words for every fault (BatchWriteItem DeleteRequest: no source for any). */
  | 'ddbl';

interface KeyWording {
  count: string;
  missing: (name: string) => string;
  type: (name: string, expected: string, actual: string) => string;
  /** A non-scalar value where a key belongs; `type` when absent. */
  notScalar?: string;
}

const GENERIC: KeyWording = {
  count: KEY_MESSAGES.schemaMismatch,
  missing: () => KEY_MESSAGES.schemaMismatch,
  type: () => KEY_MESSAGES.schemaMismatch,
};

const DDBL: KeyWording = {
  count: DDBL_KEY_MESSAGES.count,
  missing: () => DDBL_KEY_MESSAGES.missing,
  type: () => DDBL_KEY_MESSAGES.type,
  notScalar: DDBL_KEY_MESSAGES.notScalar,
};

const KEY_WORDING: Record<KeyMode, KeyWording> = {
  item: { count: KEY_MESSAGES.schemaMismatch, missing: KEY_MESSAGES.missingKey, type: KEY_MESSAGES.typeMismatch },
  key: GENERIC,
  'batch-item': { ...GENERIC, missing: DDBL.missing },
  'batch-get-key': { ...DDBL, missing: GENERIC.missing },
  ddbl: DDBL,
};

/** Whether a key may hold more than the key attributes (an item) or exactly them (a Key). */
const ITEM_MODES: ReadonlySet<KeyMode> = new Set(['item', 'batch-item']);

/** The attribute types a key attribute may have. */
export const SCALAR_TYPES: ReadonlySet<string> = new Set(['S', 'N', 'B']);

/** Byte length of a key value as limited by the service: UTF-8 for S, raw bytes for B. */
export function keyValueBytes(v: AttributeValue): number {
  if ('S' in v) return Buffer.byteLength(v.S, 'utf8');
  if ('B' in v) return Buffer.from(v.B, 'base64').length;
  return 0;
}

function checkKeyAttribute(name: string, type: KeyType, isHash: boolean, v: AttributeValue | undefined, mode: KeyMode): void {
  const wording = KEY_WORDING[mode];
  if (v === undefined) throw validation(wording.missing(name));
  const actual = Object.keys(v)[0]!;
  if (actual !== type) {
    throw validation(!SCALAR_TYPES.has(actual) && wording.notScalar ? wording.notScalar : wording.type(name, type, actual));
  }
  if (type === 'S' && (v as { S: string }).S === '') throw validation(KEY_MESSAGES.emptyString(name));
  if (type === 'B' && (v as { B: string }).B === '') throw validation(KEY_MESSAGES.emptyBinary(name));
  const bytes = keyValueBytes(v);
  if (isHash && bytes > MAX_PARTITION_KEY_BYTES) throw validation(KEY_MESSAGES.hashTooLong);
  if (!isHash && bytes > MAX_SORT_KEY_BYTES) throw validation(KEY_MESSAGES.rangeTooLong);
}

/**
 * Checks the key attributes of an already-validated (normalised) item or Key against the table's
 * or index's key shape. Attributes are checked partition key first, each fully, so the first
 * faulty attribute decides the message.
 */
export function validateKey(shape: KeyShape, attrs: AttributeMap, mode: KeyMode): void {
  if (!ITEM_MODES.has(mode)) {
    const expected = shape.range ? 2 : 1;
    if (Object.keys(attrs).length !== expected) throw validation(KEY_WORDING[mode].count);
  }
  checkKeyAttribute(shape.hash.name, shape.hash.type, true, attrs[shape.hash.name], mode);
  if (shape.range) checkKeyAttribute(shape.range.name, shape.range.type, false, attrs[shape.range.name], mode);
}

/** Extracts just the key attributes of an item (which must have them). */
export function extractKey(shape: KeyShape, item: AttributeMap): AttributeMap {
  const key: AttributeMap = { [shape.hash.name]: item[shape.hash.name]! };
  if (shape.range) key[shape.range.name] = item[shape.range.name]!;
  return key;
}

// ---- ordering and equality --------------------------------------------------------------------

/** Unsigned byte order of UTF-8 — the order DynamoDB sorts strings in. */
export function compareStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * DynamoDB's ordering of two scalar values of the same type (S, N or B); `undefined` when the
 * types differ or are not orderable — comparisons with such operands are simply false.
 */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  if ('S' in a && 'S' in b) return Math.sign(compareStrings(a.S, b.S));
  if ('N' in a && 'N' in b) return Math.sign(compareParsed(parseValidNumber(a.N), parseValidNumber(b.N)));
  if ('B' in a && 'B' in b) return Math.sign(Buffer.compare(Buffer.from(a.B, 'base64'), Buffer.from(b.B, 'base64')));
  return undefined;
}

function sameMembers(a: readonly string[], b: readonly string[], key: (s: string) => string): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a.map(key));
  return b.every((m) => set.has(key(m)));
}

const numberKey = (n: string): string => formatNumber(parseValidNumber(n));
const binaryKey = (b: string): string => Buffer.from(b, 'base64').toString('base64');

/** Deep equality with DynamoDB semantics: sets as sets, numbers by value, maps by key. */
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  if ('S' in a) return 'S' in b && a.S === b.S;
  if ('N' in a) return 'N' in b && compareParsed(parseValidNumber(a.N), parseValidNumber(b.N)) === 0;
  if ('B' in a) return 'B' in b && binaryKey(a.B) === binaryKey(b.B);
  if ('BOOL' in a) return 'BOOL' in b && a.BOOL === b.BOOL;
  if ('NULL' in a) return 'NULL' in b;
  if ('SS' in a) return 'SS' in b && sameMembers(a.SS, b.SS, (s) => s);
  if ('NS' in a) return 'NS' in b && sameMembers(a.NS, b.NS, numberKey);
  if ('BS' in a) return 'BS' in b && sameMembers(a.BS, b.BS, binaryKey);
  if ('L' in a) {
    if (!('L' in b) || a.L.length !== b.L.length) return false;
    return a.L.every((e, i) => valuesEqual(e, b.L[i]!));
  }
  if ('M' in a) {
    if (!('M' in b)) return false;
    const ka = Object.keys(a.M);
    if (ka.length !== Object.keys(b.M).length) return false;
    return ka.every((k) => k in b.M && valuesEqual(a.M[k]!, b.M[k]!));
  }
  return false;
}

// ---- secondary-index keys ---------------------------------------------------------------------

/** DynamoDB Local's words for an index key of the wrong type, in every operation. */
const INDEX_TYPE_MISMATCH_BARE = 'One or more parameter values were invalid: Type mismatch for Index Key';

export const INDEX_KEY_MESSAGES = {
  /**
   * The service's words name the attribute, both types and the index (dynamoose/dynamoose#296
   * quotes them); DynamoDB Local stops after "Index Key".
   */
  typeMismatch: (attr: string, expected: string, actual: string, index: string) =>
    `${INDEX_TYPE_MISMATCH_BARE} ${attr} Expected: ${expected} Actual: ${actual} IndexName: ${index}`,
  typeMismatchBare: INDEX_TYPE_MISMATCH_BARE,
  empty: (kind: 'string' | 'binary', index: string, attr: string) =>
    `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${kind} value. IndexName: ${index}, IndexKey: ${attr}`,
  tooLong: (attr: string, actual: number, max: number, index: string) =>
    `One or more parameter values were invalid: Size limit exceeded for Index Key ${attr} Actual Size: ${actual} bytes Max Size: ${max} bytes IndexName: ${index}`,
} as const;

export interface IndexKeyShape {
  name: string;
  shape: KeyShape;
  /** A multi-attribute GSI key: every attribute is checked, partition ones first, in schema order. */
  multi?: MultiKeyShape;
}

/**
 * Checks the secondary-index key attributes an item carries (absent ones just leave the item out
 * of that sparse index). Indexes are visited in name order, so an attribute keying several
 * indexes is reported against the alphabetically first; within an index the partition key is
 * checked before the sort key. Run after validateKey: table-key faults win.
 */
export function validateIndexKeys(indexes: readonly IndexKeyShape[], item: AttributeMap): void {
  const sorted = [...indexes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name: index, shape, multi } of sorted) {
    let parts: [string, KeyType, number][];
    if (multi) {
      parts = [
        ...multi.hash.map((k): [string, KeyType, number] => [k.name, k.type, MAX_PARTITION_KEY_BYTES]),
        ...multi.range.map((k): [string, KeyType, number] => [k.name, k.type, MAX_SORT_KEY_BYTES]),
      ];
    } else {
      parts = [[shape.hash.name, shape.hash.type, MAX_PARTITION_KEY_BYTES]];
      if (shape.range) parts.push([shape.range.name, shape.range.type, MAX_SORT_KEY_BYTES]);
    }
    for (const [attr, type, max] of parts) {
      const v = item[attr];
      if (v === undefined) continue;
      const actual = Object.keys(v)[0]!;
      if (actual !== type) throw validation(INDEX_KEY_MESSAGES.typeMismatch(attr, type, actual, index));
      if (type === 'S' && (v as { S: string }).S === '') throw validation(INDEX_KEY_MESSAGES.empty('string', index, attr));
      if (type === 'B' && (v as { B: string }).B === '') throw validation(INDEX_KEY_MESSAGES.empty('binary', index, attr));
      const bytes = keyValueBytes(v);
      if (bytes > max) throw validation(INDEX_KEY_MESSAGES.tooLong(attr, bytes, max, index));
    }
  }
}
