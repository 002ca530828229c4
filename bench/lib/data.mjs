/**
 * The benchmark's data set: one table, `bench`, keyed by pk (S) and sk (N).
 *
 * Item i (0-based) lives in partition floor(i / 20) — pk "p0000123" — with sort key
 * 1700000000000 + (i % 20) * 1000, so each partition holds 20 items whose sort keys read as
 * timestamps ("10 newest" = Query descending, Limit 10). Every item is about 250 bytes as DynamoDB
 * measures item size (attribute names plus values); see itemSize() below.
 *
 * bench/lua/dynamodb.lua builds the same items and keys; keep the two in step.
 */
export const TABLE = 'bench';
export const PER_PARTITION = 20;
const BASE_TS = 1700000000000;
const PAYLOAD = '0123456789abcdefghijklmnopqrstuvwxyz'.repeat(4).slice(0, 140);

export function keyOf(i) {
  const p = Math.floor(i / PER_PARTITION);
  return { pk: `p${String(p).padStart(7, '0')}`, sk: BASE_TS + (i % PER_PARTITION) * 1000 };
}

/** Item i as DynamoDB JSON text, attribute for attribute what the Lua script writes. */
export function itemJson(i, version = 0) {
  const p = Math.floor(i / PER_PARTITION);
  const j = i % PER_PARTITION;
  const { pk, sk } = keyOf(i);
  return (
    `{"pk":{"S":"${pk}"},"sk":{"N":"${sk}"}` +
    `,"title":{"S":"user ${p}-${j}"}` +
    `,"email":{"S":"user${p}.${j}@example.com"}` +
    `,"views":{"N":"${version}"}` +
    `,"active":{"BOOL":true}` +
    `,"profile":{"M":{"city":{"S":"Lisbon"},"zip":{"N":"${10000 + (p % 90000)}"}}}` +
    `,"payload":{"S":"${PAYLOAD}"}}`
  );
}

/**
 * Item size as DynamoDB counts it (names + values; numbers ~ 1 byte per 2 digits + 1; a map
 * adds 3 bytes plus 1 per element). Only used to document "~250 B".
 */
export function itemSize(i) {
  const item = JSON.parse(itemJson(i));
  const size = (v) => {
    if ('S' in v) return Buffer.byteLength(v.S);
    if ('N' in v) return Math.ceil(v.N.replace(/^0+/, '').length / 2) + 1;
    if ('BOOL' in v) return 1;
    if ('M' in v) return 3 + Object.entries(v.M).reduce((n, [k, x]) => n + Buffer.byteLength(k) + size(x) + 1, 0);
    return 0;
  };
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + size(v), 0);
}

export const CREATE_TABLE = {
  TableName: TABLE,
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'N' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  BillingMode: 'PAY_PER_REQUEST',
};
