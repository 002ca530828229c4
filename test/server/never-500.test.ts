/**
 * "A 500 InternalServerError means a bug": every operation of both services, fed requests that
 * range from empty to random JSON to nearly-valid ones against real tables, must answer with a
 * well-formed 2xx/4xx, never a 5xx. Property-based (fast-check): a failure prints the seed and
 * the shrunk request that reproduces it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startServer, type RunningServer } from '../../src/index.js';
import { OPERATIONS } from '../../src/validate/index.js';
import { call, type RawResponse } from '../helpers/http.js';

const TARGETS = [
  ...OPERATIONS.dynamodb.map((op) => `DynamoDB_20120810.${op}`),
  ...OPERATIONS.streams.map((op) => `DynamoDBStreams_20120810.${op}`),
];

const TABLES = ['fz_hash', 'fz_range', 'fz_missing'];

let server: RunningServer;
before(async () => {
  server = await startServer({ port: 0, inMemory: true });
  const create = (body: object) => call(server.url, 'CreateTable', { body });
  const r1 = await create({
    TableName: 'fz_hash',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  const r2 = await create({
    TableName: 'fz_range',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'N' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
  });
  for (const r of [r1, r2]) assert.ok(r.status < 500, r.text);
});
after(() => server.close());

function checkAnswer(target: string, body: unknown, r: RawResponse): void {
  const where = `${target} ${JSON.stringify(body)?.slice(0, 2000)}`;
  assert.ok(r.status < 500, `${where}\n→ ${r.status} ${r.text}`);
  assert.notEqual(r.json, undefined, `${where}\n→ not JSON: ${r.text}`);
  if (r.status >= 400) {
    assert.match(r.json.__type ?? '', /^com\.amazon(aws\.dynamodb\.v20120810|\.coral\.(service|validate))#[A-Za-z]+$/, `${where}\n→ ${r.text}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Generators

const names = fc.constantFrom('pk', 'sk', 'a', 'b', '#n', 'x.y', '', 'pk ', 'ü');
const numberText = fc.oneof(
  fc.constantFrom('0', '-0', '1', '1e3', '1E-130', '1E+126', '9.9999999999999999999999999999999999999E+125', 'NaN', 'Infinity', '', ' 1', '0x10', '1.', '.5'),
  fc.double({ noNaN: true }).map(String),
  fc.bigInt().map(String),
);
const attrValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.record({ S: fc.oneof(fc.string(), fc.constant('')) }),
    fc.record({ N: numberText }),
    fc.record({ B: fc.oneof(fc.base64String(), fc.string()) }),
    fc.record({ BOOL: fc.oneof(fc.boolean(), fc.string()) }),
    fc.record({ NULL: fc.oneof(fc.boolean(), fc.constant('true')) }),
    fc.record({ SS: fc.array(fc.string(), { maxLength: 4 }) }),
    fc.record({ NS: fc.array(numberText, { maxLength: 4 }) }),
    fc.record({ BS: fc.array(fc.base64String(), { maxLength: 3 }) }),
    fc.record({ L: fc.array(tie('value'), { maxLength: 3 }) }),
    fc.record({ M: fc.dictionary(names, tie('value'), { maxKeys: 3 }) }),
    fc.record({ S: fc.string(), N: numberText }),
    fc.constant({}),
    fc.jsonValue({ maxDepth: 2 }),
  ),
})).value;
const item = fc.oneof(
  fc.dictionary(names, attrValue, { maxKeys: 4 }),
  fc.record({ pk: attrValue }),
  fc.record({ pk: attrValue, sk: attrValue }),
  fc.jsonValue({ maxDepth: 2 }),
);
const expression = fc.oneof(
  fc.constantFrom(
    'pk = :v',
    'attribute_exists(pk)',
    'SET a = :v',
    'SET a = a + :v REMOVE b ADD c :v DELETE d :v',
    '#n = :v AND begins_with(sk, :v)',
    'size(a) > :v',
    'a IN (:v, :v)',
    'a BETWEEN :v AND :v',
    'SELECT * FROM "fz_hash"',
    "SELECT * FROM fz_hash WHERE pk = 'a'",
    'INSERT INTO fz_hash VALUE {\'pk\': \'a\'}',
    'pk, sk, a.b[0]',
    '',
    '(((',
  ),
  fc.string({ maxLength: 40 }),
);
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), attrValue, item, expression);
const tableName = fc.oneof(fc.constantFrom(...TABLES), fc.string({ maxLength: 8 }));

const request = fc.record(
  {
    TableName: tableName,
    Key: item,
    Item: item,
    ExclusiveStartKey: item,
    Limit: fc.oneof(fc.integer({ min: -2, max: 200 }), fc.jsonValue({ maxDepth: 1 })),
    KeyConditionExpression: expression,
    FilterExpression: expression,
    ConditionExpression: expression,
    UpdateExpression: expression,
    ProjectionExpression: expression,
    ExpressionAttributeNames: fc.oneof(fc.dictionary(fc.constantFrom('#n', 'n', '#'), fc.string({ maxLength: 4 })), fc.jsonValue({ maxDepth: 1 })),
    ExpressionAttributeValues: fc.oneof(fc.dictionary(fc.constantFrom(':v', 'v', ':'), attrValue), fc.jsonValue({ maxDepth: 1 })),
    ReturnValues: fc.constantFrom('NONE', 'ALL_OLD', 'ALL_NEW', 'UPDATED_OLD', 'UPDATED_NEW', 'bogus'),
    ReturnConsumedCapacity: fc.constantFrom('NONE', 'TOTAL', 'INDEXES', 'bogus'),
    ConsistentRead: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 0 })),
    Select: fc.constantFrom('ALL_ATTRIBUTES', 'COUNT', 'SPECIFIC_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES'),
    Segment: fc.integer({ min: -1, max: 5 }),
    TotalSegments: fc.integer({ min: -1, max: 5 }),
    IndexName: fc.constantFrom('idx', 'gsi', ''),
    AttributeDefinitions: anyValue,
    KeySchema: anyValue,
    BillingMode: fc.constantFrom('PAY_PER_REQUEST', 'PROVISIONED', 'x'),
    ProvisionedThroughput: anyValue,
    RequestItems: fc.oneof(
      fc.dictionary(tableName, fc.oneof(fc.record({ Keys: fc.array(item, { maxLength: 3 }) }), fc.array(fc.record({ PutRequest: fc.record({ Item: item }) }), { maxLength: 3 }), anyValue), { maxKeys: 2 }),
      anyValue,
    ),
    TransactItems: fc.oneof(
      fc.array(fc.record({ Put: fc.record({ TableName: tableName, Item: item }) }, { requiredKeys: [] }), { maxLength: 3 }),
      fc.array(fc.record({ Get: fc.record({ TableName: tableName, Key: item }) }, { requiredKeys: [] }), { maxLength: 3 }),
      anyValue,
    ),
    Statement: expression,
    Parameters: fc.array(attrValue, { maxLength: 3 }),
    Statements: anyValue,
    StreamArn: fc.oneof(fc.string(), fc.constant('arn:aws:dynamodb:us-east-1:000000000000:table/fz_hash/stream/2026-01-01T00:00:00.000')),
    ShardId: fc.string({ maxLength: 20 }),
    ShardIterator: fc.string({ maxLength: 40 }),
    ShardIteratorType: fc.constantFrom('TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'),
    SequenceNumber: fc.string({ maxLength: 25 }),
    ResourceArn: fc.oneof(fc.string(), fc.constant('arn:aws:dynamodb:us-east-1:000000000000:table/fz_hash')),
    Tags: anyValue,
    TagKeys: anyValue,
    TimeToLiveSpecification: anyValue,
    StreamSpecification: anyValue,
    GlobalSecondaryIndexes: anyValue,
    LocalSecondaryIndexes: anyValue,
    GlobalSecondaryIndexUpdates: anyValue,
    Expected: anyValue,
    AttributeUpdates: anyValue,
    KeyConditions: anyValue,
    ScanFilter: anyValue,
    QueryFilter: anyValue,
    AttributesToGet: anyValue,
    ConditionalOperator: fc.constantFrom('AND', 'OR', 'XOR'),
    ExclusiveStartTableName: fc.string({ maxLength: 5 }),
    DeletionProtectionEnabled: fc.oneof(fc.boolean(), fc.string()),
    ClientRequestToken: fc.string({ maxLength: 40 }),
  },
  { requiredKeys: [] },
);

// ---------------------------------------------------------------------------------------------

describe('never a 500', () => {
  test('every operation answers an empty request without a 5xx', async () => {
    for (const target of TARGETS) {
      for (const raw of ['{}', '', 'null', '[]', '"x"', '{"TableName": null}']) {
        checkAnswer(target, raw, await call(server.url, '', { target, raw }));
      }
    }
  });

  test('every operation answers each member of the wrong JSON type without a 5xx', async () => {
    const wrong = [1, 'x', true, [], {}, [1], { a: 1 }, -1.5e308];
    const members = ['TableName', 'Key', 'Item', 'Limit', 'ExclusiveStartKey', 'ExpressionAttributeValues', 'RequestItems', 'TransactItems', 'KeySchema', 'Statement', 'ShardIterator', 'StreamArn'];
    for (const target of TARGETS) {
      const bodies = members.flatMap((m) => wrong.map((v) => ({ TableName: 'fz_hash', [m]: v })));
      const answers = await Promise.all(bodies.map((body) => call(server.url, '', { target, body })));
      answers.forEach((r, i) => checkAnswer(target, bodies[i], r));
    }
  });

  test('random requests to random operations never get a 5xx (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TARGETS), request, async (target, body) => {
        checkAnswer(target, body, await call(server.url, '', { target, body }));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1500) },
    );
  });

  test('random requests to the item operations of real tables never get a 5xx (property)', async () => {
    const itemOps = ['PutItem', 'GetItem', 'DeleteItem', 'UpdateItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems', 'TransactGetItems', 'ExecuteStatement'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...itemOps), fc.constantFrom('fz_hash', 'fz_range'), request, async (op, table, body) => {
        const b = { ...body, TableName: table };
        checkAnswer(op, b, await call(server.url, op, { body: b }));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1500) },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Deeper: well-formed requests with random expressions from the documented grammar, so the
// expression parser, validator and evaluator (not just request validation) are exercised.

const gPath = fc.constantFrom('a', 'b.c', 'l[0]', 'l[3]', '#n', 'm.#n', 'm.#n[1]', 'ss', 'ns', 'n', 'pk', 'sk', 'x.y.z');
const gValue = fc.constantFrom(':v0', ':v0', ':v1', ':v2');
const gOperand = fc.oneof(gPath, gValue, gPath.map((p) => `size(${p})`));
const gCmp = fc.constantFrom('=', '<>', '<', '<=', '>', '>=');
const gCondition: fc.Arbitrary<string> = fc.letrec<{ c: string }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(gOperand, gCmp, gOperand).map(([a, op, b]) => `${a} ${op} ${b}`),
    gPath.map((p) => `attribute_exists(${p})`),
    gPath.map((p) => `attribute_not_exists(${p})`),
    fc.tuple(gPath, gValue).map(([p, v]) => `attribute_type(${p}, ${v})`),
    fc.tuple(gPath, gOperand).map(([p, v]) => `begins_with(${p}, ${v})`),
    fc.tuple(gPath, gOperand).map(([p, v]) => `contains(${p}, ${v})`),
    fc.tuple(gOperand, gOperand, gOperand).map(([a, b, c]) => `${a} BETWEEN ${b} AND ${c}`),
    fc.tuple(gOperand, fc.array(gOperand, { minLength: 1, maxLength: 3 })).map(([a, l]) => `${a} IN (${l.join(', ')})`),
    tie('c').map((c) => `NOT ${c}`),
    fc.tuple(tie('c'), tie('c')).map(([a, b]) => `(${a} AND ${b})`),
    fc.tuple(tie('c'), tie('c')).map(([a, b]) => `(${a}) OR ${b}`),
  ),
})).c;
const gUpdateOperand = fc.oneof(gPath, gValue);
const gSetValue = fc.oneof(
  gUpdateOperand,
  fc.tuple(gUpdateOperand, fc.constantFrom('+', '-'), gUpdateOperand).map(([a, op, b]) => `${a} ${op} ${b}`),
  fc.tuple(gPath, gValue).map(([p, v]) => `if_not_exists(${p}, ${v})`),
  fc.tuple(gUpdateOperand, gUpdateOperand).map(([a, b]) => `list_append(${a}, ${b})`),
);
/** SET/REMOVE/ADD/DELETE actions on distinct top-level attributes (overlapping paths are a trivial rejection). */
const gUpdate = fc
  .uniqueArray(
    fc.oneof(
      fc.tuple(fc.constant('SET'), gPath, gSetValue).map(([c, p, v]) => [c, p, `${p} = ${v}`] as const),
      fc.tuple(fc.constant('REMOVE'), gPath).map(([c, p]) => [c, p, p] as const),
      fc.tuple(fc.constant('ADD'), gPath, gValue).map(([c, p, v]) => [c, p, `${p} ${v}`] as const),
      fc.tuple(fc.constant('DELETE'), gPath, gValue).map(([c, p, v]) => [c, p, `${p} ${v}`] as const),
    ),
    { minLength: 1, maxLength: 4, selector: ([, p]) => (p.startsWith('#n') || p.startsWith('m.') ? 'x' : p.split(/[.[]/)[0]) },
  )
  .map((actions) => {
    const byClause = new Map<string, string[]>();
    for (const [c, , text] of actions) byClause.set(c, [...(byClause.get(c) ?? []), text]);
    return [...byClause].map(([c, l]) => `${c} ${l.join(', ')}`).join(' ');
  });
const gProjection = fc.array(gPath, { minLength: 1, maxLength: 4 }).map((p) => p.join(', '));
const gKeyCondition = fc.oneof(
  fc.constant('pk = :v0'),
  fc.tuple(gCmp, gValue).map(([op, v]) => `pk = :v0 AND sk ${op} ${v}`),
  gValue.map((v) => `pk = :v0 AND begins_with(sk, ${v})`),
  fc.constant('pk = :v0 AND sk BETWEEN :v1 AND :v2'),
  gCondition,
);
const gScalar = fc.oneof(
  fc.string({ maxLength: 6 }).map((S) => ({ S })),
  fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 100)).map((n) => ({ N: String(n) })),
  fc.constantFrom({ N: '1E+125' }, { N: '-1E-130' }, { N: '99999999999999999999999999999999999999' }),
);
const gValid: fc.Arbitrary<unknown> = fc.oneof(
  gScalar,
  fc.boolean().map((BOOL) => ({ BOOL })),
  fc.constant({ NULL: true }),
  fc.uniqueArray(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((SS) => ({ SS })),
  fc.uniqueArray(fc.integer({ min: -9, max: 9 }), { minLength: 1, maxLength: 3 }).map((n) => ({ NS: n.map(String) })),
  fc.array(gScalar, { maxLength: 3 }).map((L) => ({ L })),
  fc.dictionary(fc.constantFrom('x', 'y', 'c'), gScalar, { maxKeys: 2 }).map((M) => ({ M })),
  fc.constantFrom({ S: 'S' }, { S: 'N' }, { S: 'L' }, { S: 'M' }, { S: 'SS' }),
);

/** ExpressionAttributeNames/Values holding exactly the placeholders the expressions use. */
function placeholders(exprs: (string | undefined)[], values: unknown[]): Record<string, unknown> {
  const text = exprs.filter(Boolean).join(' ');
  const out: Record<string, unknown> = {};
  if (text.includes('#n')) out.ExpressionAttributeNames = { '#n': 'x' };
  const eav: Record<string, unknown> = {};
  values.forEach((v, i) => {
    if (text.includes(`:v${i}`)) eav[`:v${i}`] = v;
  });
  if (Object.keys(eav).length) out.ExpressionAttributeValues = eav;
  return out;
}

const gItemRequest = fc
  .record({
    op: fc.constantFrom('PutItem', 'UpdateItem', 'DeleteItem', 'GetItem', 'Query', 'Scan', 'TransactWriteItems'),
    table: fc.constantFrom('fz_hash', 'fz_range'),
    pk: fc.constantFrom('a', 'b', 'c'),
    sk: fc.constantFrom('1', '2'),
    condition: fc.option(gCondition, { nil: undefined }),
    update: gUpdate,
    projection: fc.option(gProjection, { nil: undefined }),
    keyCondition: gKeyCondition,
    // :v0 is usually a number so arithmetic and ADD get past the static type checks.
    values: fc.tuple(fc.oneof({ weight: 3, arbitrary: gScalar.filter((v) => 'N' in v) }, { weight: 1, arbitrary: gValid }), gValid, gValid),
    attrs: fc.dictionary(fc.constantFrom('a', 'b', 'l', 'm', 'ss', 'ns', 'n'), gValid, { maxKeys: 4 }),
    returnValues: fc.constantFrom('NONE', 'ALL_OLD', 'ALL_NEW', 'UPDATED_OLD', 'UPDATED_NEW'),
    limit: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  })
  .map((r) => {
    const key = r.table === 'fz_hash' ? { pk: { S: r.pk } } : { pk: { N: r.pk === 'a' ? '1' : '2' }, sk: { S: r.sk } };
    switch (r.op) {
      case 'PutItem':
        return { op: r.op, body: { TableName: r.table, Item: { ...r.attrs, ...key }, ConditionExpression: r.condition, ReturnValues: r.returnValues === 'ALL_OLD' ? 'ALL_OLD' : 'NONE', ...placeholders([r.condition], r.values) } };
      case 'UpdateItem':
        return { op: r.op, body: { TableName: r.table, Key: key, UpdateExpression: r.update, ConditionExpression: r.condition, ReturnValues: r.returnValues, ...placeholders([r.update, r.condition], r.values) } };
      case 'DeleteItem':
        return { op: r.op, body: { TableName: r.table, Key: key, ConditionExpression: r.condition, ReturnValues: r.returnValues === 'ALL_OLD' ? 'ALL_OLD' : 'NONE', ...placeholders([r.condition], r.values) } };
      case 'GetItem':
        return { op: r.op, body: { TableName: r.table, Key: key, ProjectionExpression: r.projection, ...placeholders([r.projection], r.values) } };
      case 'Query':
        return { op: r.op, body: { TableName: r.table, KeyConditionExpression: r.keyCondition, FilterExpression: r.condition, ProjectionExpression: r.projection, Limit: r.limit, ...placeholders([r.keyCondition, r.condition, r.projection], r.values) } };
      case 'Scan':
        return { op: r.op, body: { TableName: r.table, FilterExpression: r.condition, ProjectionExpression: r.projection, Limit: r.limit, ...placeholders([r.condition, r.projection], r.values) } };
      default:
        return {
          op: r.op,
          body: {
            TransactItems: [
              { Update: { TableName: r.table, Key: key, UpdateExpression: r.update, ConditionExpression: r.condition, ...placeholders([r.update, r.condition], r.values) } },
            ],
          },
        };
    }
  });

describe('never a 500: expressions', () => {
  test('well-formed item requests with random expressions never get a 5xx (property)', async () => {
    for (const pk of ['a', 'b']) {
      await call(server.url, 'PutItem', {
        body: { TableName: 'fz_hash', Item: { pk: { S: pk }, a: { N: '1' }, l: { L: [{ S: 'x' }, { N: '2' }] }, m: { M: { x: { L: [{ S: 'y' }, { S: 'z' }] } } }, ss: { SS: ['p'] }, ns: { NS: ['1'] } } },
      });
    }
    await fc.assert(
      fc.asyncProperty(gItemRequest, async ({ op, body }) => {
        checkAnswer(op, body, await call(server.url, op, { body }));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1500) },
    );
  });
});
