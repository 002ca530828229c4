/**
 * Global secondary indexes with multi-attribute keys: partition and sort keys composed of up to
 * four attributes each (DynamoDB, November 2025). DynamoDB Local rejects such key schemas ("Key
 * Schema too big"), so there is no recorded oracle; the expectations follow AWS's documentation:
 *
 *  - Developer Guide, "Multi-attribute keys pattern":
 *    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html
 *    (up to four attributes each; the partition attributes hashed together; queries specify every
 *    partition attribute with an equality and the sort attributes left to right, a range
 *    condition only on the last one used; no synthetic keys, the attributes keep their types);
 *  - Developer Guide, "Using Global Secondary Indexes in DynamoDB" § Multi-attribute key schema:
 *    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.md
 *  - API Reference, CreateGlobalSecondaryIndexAction.KeySchema: "Global secondary index supports up
 *    to 4 partition and up to 4 sort keys" (the botocore model gives the list no maximum);
 *  - AWS CDK GlobalSecondaryIndexPropsV2 `partitionKeys` / `sortKeys`: "The order of fields is
 *    important", one key made of several fields.
 *
 * Where the documentation gives no message, Tessera's wording is asserted (src/ops/tables/messages.ts,
 * src/expr/multi-key-condition.ts say which).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  ExecuteStatementCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  type KeySchemaElement,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { N, S, createTable, keyOf, putAll, rejects, startHarness, tableDef, walkQuery, walkScan, type Harness, type Item } from './helpers.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const H = (AttributeName: string): KeySchemaElement => ({ AttributeName, KeyType: 'HASH' });
const R = (AttributeName: string): KeySchemaElement => ({ AttributeName, KeyType: 'RANGE' });
const V = 'ValidationException';

// ---- the tournament table --------------------------------------------------------------------

const T = 'mak_matches';
const INDEX = 'by_match';
/** tournament + area → round, bracket, matchNo (S, S, N): the documentation's example, typed. */
const INDEX_KEY = [H('tournament'), H('area'), R('round'), R('bracket'), R('matchNo')];
const KEY_NAMES = ['pk', 'sk', 'tournament', 'area', 'round', 'bracket', 'matchNo'];

const ROUNDS = ['QF', 'R16', 'SF'];
const BRACKETS = ['LOWER', 'UPPER'];
const items: Item[] = [];
for (const tournament of ['T1', 'T2']) {
  for (const area of ['NA', 'EU']) {
    let i = 0;
    for (const round of ROUNDS) {
      for (const bracket of BRACKETS) {
        // matchNo 2, 10, 9: numeric order differs from text order.
        for (const matchNo of [10, 2, 9]) {
          items.push({
            pk: S(`${tournament}-${area}`),
            sk: N(i++),
            tournament: S(tournament),
            area: S(area),
            round: S(round),
            bracket: S(bracket),
            matchNo: N(matchNo),
            score: N((i * 7) % 5),
            other: S('not projected'),
          });
        }
      }
    }
  }
}
// Sparse: each lacks one key attribute, so none is in the index.
const sparse: Item[] = [
  { pk: S('sparse'), sk: N(1), tournament: S('T1'), area: S('NA'), round: S('QF'), bracket: S('UPPER') },
  { pk: S('sparse'), sk: N(2), tournament: S('T1'), round: S('QF'), bracket: S('UPPER'), matchNo: N(1) },
  { pk: S('sparse'), sk: N(3), area: S('NA'), round: S('QF'), bracket: S('UPPER'), matchNo: N(1) },
];

const s = (v: Item[string] | undefined) => (v && 'S' in v ? v.S : undefined)!;
const n = (v: Item[string] | undefined) => Number((v as { N: string }).N);
/** The index order: round, bracket (UTF-8 bytes: ASCII here), matchNo (numeric). */
const byIndexKey = (a: Item, b: Item) =>
  s(a.round) < s(b.round) ? -1 : s(a.round) > s(b.round) ? 1 : s(a.bracket) < s(b.bracket) ? -1 : s(a.bracket) > s(b.bracket) ? 1 : n(a.matchNo) - n(b.matchNo);
const keys = (list: Item[]) => list.map((i) => keyOf(i, ['pk', 'sk']));

/** The partition T1/NA in index order, narrowed by `pred`. */
const expected = (pred: (i: Item) => boolean = () => true) =>
  items.filter((i) => s(i.tournament) === 'T1' && s(i.area) === 'NA' && pred(i)).sort(byIndexKey);

/** A Query of the index, walked to the end; the placeholders the expressions use are supplied. */
const query = (KeyConditionExpression: string, values: Record<string, Item[string]>, extra: Partial<QueryCommandInput> = {}) => {
  const text = `${KeyConditionExpression} ${extra.FilterExpression ?? ''}`;
  const all: Record<string, Item[string]> = { ':t': S('T1'), ':g': S('NA'), ...values };
  const used = Object.fromEntries(Object.entries(all).filter(([k]) => new RegExp(`${k}\\b`).test(text)));
  return walkQuery(h.db, {
    TableName: T,
    IndexName: INDEX,
    KeyConditionExpression,
    // ROUND is not a reserved word; a name placeholder still exercises that path.
    ...(text.includes('#r') ? { ExpressionAttributeNames: { '#r': 'round' } } : {}),
    ExpressionAttributeValues: used,
    ...extra,
  });
};

const PK = 'tournament = :t AND area = :g';

describe('multi-attribute GSI keys', () => {
  before(async () => {
    await createTable(
      h.db,
      tableDef(T, ['pk', 'S'], ['sk', 'N'], {
        attributes: [
          ['tournament', 'S'],
          ['area', 'S'],
          ['round', 'S'],
          ['bracket', 'S'],
          ['matchNo', 'N'],
        ],
        GlobalSecondaryIndexes: [{ IndexName: INDEX, KeySchema: INDEX_KEY, Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['score'] } }],
      }),
    );
    await putAll(h.db, T, [...items, ...sparse]);
  });

  describe('creation and DescribeTable', () => {
    test('DescribeTable lists the KeySchema as given, in order, with every attribute defined', async () => {
      const t = (await h.db.send(new DescribeTableCommand({ TableName: T }))).Table!;
      const gsi = t.GlobalSecondaryIndexes![0]!;
      assert.deepEqual(gsi.KeySchema, INDEX_KEY);
      assert.equal(gsi.IndexStatus, 'ACTIVE');
      assert.deepEqual(gsi.Projection, { ProjectionType: 'INCLUDE', NonKeyAttributes: ['score'] });
      assert.equal(gsi.ItemCount, items.length, 'the sparse items are not counted');
      assert.ok(gsi.IndexSizeBytes! > 0);
      assert.deepEqual(t.AttributeDefinitions!.map((d) => d.AttributeName).sort(), ['area', 'bracket', 'matchNo', 'pk', 'round', 'sk', 'tournament']);
    });

    test('a partition key alone of several attributes, and one partition attribute with several sort attributes', async () => {
      const name = 'mak_shapes';
      const r = await h.db.send(
        new CreateTableCommand(
          tableDef(name, ['pk', 'S'], undefined, {
            attributes: [
              ['a', 'S'],
              ['b', 'N'],
              ['c', 'B'],
              ['d', 'S'],
            ],
            GlobalSecondaryIndexes: [
              { IndexName: 'hash_only', KeySchema: [H('a'), H('b'), H('c'), H('d')], Projection: { ProjectionType: 'KEYS_ONLY' } },
              { IndexName: 'ranges', KeySchema: [H('a'), R('b'), R('c'), R('d'), R('pk')], Projection: { ProjectionType: 'ALL' } },
            ],
          }),
        ),
      );
      const find = (n: string) => r.TableDescription!.GlobalSecondaryIndexes!.find((g) => g.IndexName === n);
      const [g1, g2] = [find('hash_only'), find('ranges')];
      assert.deepEqual(g1!.KeySchema, [H('a'), H('b'), H('c'), H('d')]);
      assert.deepEqual(g2!.KeySchema, [H('a'), R('b'), R('c'), R('d'), R('pk')]);
      const item: Item = { pk: S('p'), a: S('x'), b: N(1), c: { B: new Uint8Array([0, 1]) }, d: S('y') };
      await h.db.send(new PutItemCommand({ TableName: name, Item: item }));
      const q1 = await h.db.send(
        new QueryCommand({
          TableName: name,
          IndexName: 'hash_only',
          KeyConditionExpression: 'a = :a AND b = :b AND c = :c AND d = :d',
          ExpressionAttributeValues: { ':a': S('x'), ':b': N(1), ':c': { B: new Uint8Array([0, 1]) }, ':d': S('y') },
        }),
      );
      assert.equal(q1.Count, 1);
      // The partition is the tuple: another value of any one attribute is another partition.
      const q2 = await h.db.send(
        new QueryCommand({
          TableName: name,
          IndexName: 'hash_only',
          KeyConditionExpression: 'a = :a AND b = :b AND c = :c AND d = :d',
          ExpressionAttributeValues: { ':a': S('x'), ':b': N(2), ':c': { B: new Uint8Array([0, 1]) }, ':d': S('y') },
        }),
      );
      assert.equal(q2.Count, 0);
      const q3 = await h.db.send(
        new QueryCommand({
          TableName: name,
          IndexName: 'ranges',
          KeyConditionExpression: 'a = :a AND b = :b AND c = :c AND d = :d AND pk = :p',
          ExpressionAttributeValues: { ':a': S('x'), ':b': N(1), ':c': { B: new Uint8Array([0, 1]) }, ':d': S('y'), ':p': S('p') },
        }),
      );
      assert.equal(q3.Count, 1);
    });

    test('tuples do not run together: ("ab","c") and ("a","bc") are different partitions', async () => {
      const name = 'mak_tuples';
      await createTable(
        h.db,
        tableDef(name, ['pk', 'S'], undefined, {
          attributes: [
            ['a', 'S'],
            ['b', 'S'],
          ],
          GlobalSecondaryIndexes: [{ IndexName: 'by_ab', KeySchema: [H('a'), H('b')], Projection: { ProjectionType: 'ALL' } }],
        }),
      );
      await putAll(h.db, name, [
        { pk: S('1'), a: S('ab'), b: S('c') },
        { pk: S('2'), a: S('a'), b: S('bc') },
      ]);
      const r = await h.db.send(
        new QueryCommand({ TableName: name, IndexName: 'by_ab', KeyConditionExpression: 'a = :a AND b = :b', ExpressionAttributeValues: { ':a': S('a'), ':b': S('bc') } }),
      );
      assert.deepEqual(r.Items!.map((i) => i.pk), [S('2')]);
    });
  });

  describe('CreateTable validation', () => {
    const defs = (names: string[]) => names.map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const }));
    const create = (KeySchema: KeySchemaElement[], attrs = ['a', 'b', 'c', 'd', 'e']) =>
      h.db.send(
        new CreateTableCommand({
          TableName: 'mak_invalid',
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [H('pk')],
          AttributeDefinitions: defs(['pk', ...attrs]),
          GlobalSecondaryIndexes: [{ IndexName: 'gsi', KeySchema, Projection: { ProjectionType: 'ALL' } }],
        }),
      );

    test('at most 4 HASH and 4 RANGE elements', async () => {
      await rejects(() => create([H('a'), H('b'), H('c'), H('d'), H('e')]), V, 'Invalid KeySchema: A global secondary index key schema can have at most 4 HASH key elements');
      await rejects(
        () => create([H('pk'), R('a'), R('b'), R('c'), R('d'), R('e')]),
        V,
        'Invalid KeySchema: A global secondary index key schema can have at most 4 RANGE key elements',
      );
      // 4 + 4 is the largest key schema.
      await h.db.send(
        new CreateTableCommand({
          TableName: 'mak_eight',
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [H('pk')],
          AttributeDefinitions: defs(['pk', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']),
          GlobalSecondaryIndexes: [
            { IndexName: 'gsi', KeySchema: [H('a'), H('b'), H('c'), H('d'), R('e'), R('f'), R('g'), R('h')], Projection: { ProjectionType: 'ALL' } },
          ],
        }),
      );
    });

    test('order matters: HASH elements first, then RANGE elements', async () => {
      await rejects(() => create([R('a'), H('b'), H('c')]), V, 'Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
      await rejects(() => create([H('a'), R('b'), H('c')]), V, 'Invalid KeySchema: The HASH key elements must come before the RANGE key elements');
    });

    test('an attribute used twice, and undefined attributes', async () => {
      await rejects(() => create([H('a'), H('b'), R('a')]), V, 'Two keys can not have the same name');
      await rejects(() => create([H('a'), H('x'), R('b')]), V, 'Global Secondary Index hash key not specified in Attribute Definitions.Type unknown.');
      await rejects(() => create([H('a'), R('b'), R('x')]), V, 'Global Secondary Index range key not specified in Attribute Definitions.Type unknown.');
    });

    test('every attribute definition must still be used', async () => {
      await rejects(
        () => create([H('a'), H('b'), R('c')], ['a', 'b', 'c', 'd']),
        V,
        'One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: [pk, a, b, c, d], keys used: [a, b, c, pk]',
      );
    });

    test('tables and local secondary indexes keep single-attribute keys', async () => {
      await rejects(
        () =>
          h.db.send(
            new CreateTableCommand({
              TableName: 'mak_table3',
              BillingMode: 'PAY_PER_REQUEST',
              KeySchema: [H('pk'), R('a'), R('b')],
              AttributeDefinitions: defs(['pk', 'a', 'b']),
            }),
          ),
        V,
        "1 validation error detected: Value '[KeySchemaElement(attributeName=pk, keyType=HASH), KeySchemaElement(attributeName=a, keyType=RANGE), KeySchemaElement(attributeName=b, keyType=RANGE)]' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2",
      );
      await rejects(
        () =>
          h.db.send(
            new CreateTableCommand({
              TableName: 'mak_lsi3',
              BillingMode: 'PAY_PER_REQUEST',
              KeySchema: [H('pk'), R('a')],
              AttributeDefinitions: defs(['pk', 'a', 'b', 'c']),
              LocalSecondaryIndexes: [{ IndexName: 'lsi', KeySchema: [H('pk'), R('b'), R('c')], Projection: { ProjectionType: 'ALL' } }],
            }),
          ),
        V,
        "1 validation error detected: Value '[KeySchemaElement(attributeName=pk, keyType=HASH), KeySchemaElement(attributeName=b, keyType=RANGE), KeySchemaElement(attributeName=c, keyType=RANGE)]' at 'localSecondaryIndexes.1.member.keySchema' failed to satisfy constraint: Member must have length less than or equal to 2",
      );
    });
  });

  describe('membership (sparse index) and the write path', () => {
    const name = 'mak_members';
    const gsiItems = async () => (await walkScan(h.db, { TableName: name, IndexName: 'gsi_g' })).items;
    before(async () => {
      await createTable(
        h.db,
        tableDef(name, ['pk', 'S'], undefined, {
          attributes: [
            ['a', 'S'],
            ['b', 'N'],
            ['c', 'S'],
          ],
          GlobalSecondaryIndexes: [{ IndexName: 'gsi_g', KeySchema: [H('a'), H('b'), R('c')], Projection: { ProjectionType: 'KEYS_ONLY' } }],
        }),
      );
    });

    test('an item needs every key attribute; updates and deletes move it in and out', async () => {
      await h.db.send(new PutItemCommand({ TableName: name, Item: { pk: S('1'), a: S('x'), b: N(1), c: S('k'), v: S('payload') } }));
      await h.db.send(new PutItemCommand({ TableName: name, Item: { pk: S('2'), a: S('x'), c: S('k') } }));
      assert.deepEqual(await gsiItems(), [{ pk: S('1'), a: S('x'), b: N(1), c: S('k') }], 'KEYS_ONLY: table and index keys');
      await h.db.send(new UpdateItemCommand({ TableName: name, Key: { pk: S('2') }, UpdateExpression: 'SET b = :b', ExpressionAttributeValues: { ':b': N(1) } }));
      assert.equal((await gsiItems()).length, 2);
      await h.db.send(new UpdateItemCommand({ TableName: name, Key: { pk: S('1') }, UpdateExpression: 'REMOVE c' }));
      assert.deepEqual((await gsiItems()).map((i) => i.pk), [S('2')]);
      await h.db.send(new DeleteItemCommand({ TableName: name, Key: { pk: S('2') } }));
      assert.deepEqual(await gsiItems(), []);
      const d = (await h.db.send(new DescribeTableCommand({ TableName: name }))).Table!.GlobalSecondaryIndexes![0]!;
      assert.equal(d.ItemCount, 0);
    });

    test('every key attribute an item carries is checked against the index', async () => {
      await rejects(
        () => h.db.send(new PutItemCommand({ TableName: name, Item: { pk: S('3'), b: S('1') } })),
        V,
        'One or more parameter values were invalid: Type mismatch for Index Key b Expected: N Actual: S IndexName: gsi_g',
      );
      await rejects(
        () => h.db.send(new PutItemCommand({ TableName: name, Item: { pk: S('3'), a: S('x'), b: N(1), c: S('') } })),
        V,
        'One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: gsi_g, IndexKey: c',
      );
    });

    test('changing a sort attribute moves the entry', async () => {
      await putAll(h.db, name, [
        { pk: S('m1'), a: S('m'), b: N(0), c: S('b') },
        { pk: S('m2'), a: S('m'), b: N(0), c: S('c') },
      ]);
      const order = async () =>
        (
          await h.db.send(
            new QueryCommand({ TableName: name, IndexName: 'gsi_g', KeyConditionExpression: 'a = :a AND b = :b', ExpressionAttributeValues: { ':a': S('m'), ':b': N(0) } }),
          )
        ).Items!.map((i) => s(i.pk));
      assert.deepEqual(await order(), ['m1', 'm2']);
      await h.db.send(new UpdateItemCommand({ TableName: name, Key: { pk: S('m1') }, UpdateExpression: 'SET c = :c', ExpressionAttributeValues: { ':c': S('d') } }));
      assert.deepEqual(await order(), ['m2', 'm1']);
    });
  });

  describe('Query: every allowed key-condition shape', () => {
    const cases: [string, string, Record<string, Item[string]>, (i: Item) => boolean][] = [
      ['partition attributes only', PK, {}, () => true],
      ['first sort attribute =', `${PK} AND #r = :x`, { ':x': S('R16') }, (i) => s(i.round) === 'R16'],
      ['first sort attribute <', `${PK} AND #r < :x`, { ':x': S('R16') }, (i) => s(i.round) < 'R16'],
      ['first sort attribute <=', `${PK} AND #r <= :x`, { ':x': S('R16') }, (i) => s(i.round) <= 'R16'],
      ['first sort attribute >', `${PK} AND #r > :x`, { ':x': S('R16') }, (i) => s(i.round) > 'R16'],
      ['first sort attribute >=', `${PK} AND #r >= :x`, { ':x': S('R16') }, (i) => s(i.round) >= 'R16'],
      ['first sort attribute BETWEEN', `${PK} AND #r BETWEEN :x AND :y`, { ':x': S('QF'), ':y': S('R16') }, (i) => s(i.round) >= 'QF' && s(i.round) <= 'R16'],
      ['first sort attribute begins_with', `${PK} AND begins_with(#r, :x)`, { ':x': S('R') }, (i) => s(i.round).startsWith('R')],
      ['two sort attributes, = then =', `${PK} AND #r = :x AND bracket = :b`, { ':x': S('SF'), ':b': S('UPPER') }, (i) => s(i.round) === 'SF' && s(i.bracket) === 'UPPER'],
      ['two sort attributes, = then >', `${PK} AND #r = :x AND bracket > :b`, { ':x': S('SF'), ':b': S('LOWER') }, (i) => s(i.round) === 'SF' && s(i.bracket) > 'LOWER'],
      ['two sort attributes, = then <', `${PK} AND #r = :x AND bracket < :b`, { ':x': S('SF'), ':b': S('UPPER') }, (i) => s(i.round) === 'SF' && s(i.bracket) < 'UPPER'],
      ['two sort attributes, = then begins_with', `${PK} AND #r = :x AND begins_with(bracket, :b)`, { ':x': S('QF'), ':b': S('UP') }, (i) => s(i.round) === 'QF' && s(i.bracket).startsWith('UP')],
      ['all three, = = =', `${PK} AND #r = :x AND bracket = :b AND matchNo = :m`, { ':x': S('QF'), ':b': S('LOWER'), ':m': N(9) }, (i) => s(i.round) === 'QF' && s(i.bracket) === 'LOWER' && n(i.matchNo) === 9],
      ['all three, = = >= (numeric)', `${PK} AND #r = :x AND bracket = :b AND matchNo >= :m`, { ':x': S('QF'), ':b': S('LOWER'), ':m': N(9) }, (i) => s(i.round) === 'QF' && s(i.bracket) === 'LOWER' && n(i.matchNo) >= 9],
      ['all three, = = <=', `${PK} AND #r = :x AND bracket = :b AND matchNo <= :m`, { ':x': S('QF'), ':b': S('LOWER'), ':m': N(9) }, (i) => s(i.round) === 'QF' && s(i.bracket) === 'LOWER' && n(i.matchNo) <= 9],
      ['all three, = = BETWEEN', `${PK} AND #r = :x AND bracket = :b AND matchNo BETWEEN :m AND :n`, { ':x': S('SF'), ':b': S('UPPER'), ':m': N(3), ':n': N(10) }, (i) => s(i.round) === 'SF' && s(i.bracket) === 'UPPER' && n(i.matchNo) >= 3 && n(i.matchNo) <= 10],
      ['conditions in any order in the expression', `matchNo < :m AND bracket = :b AND area = :g AND #r = :x AND tournament = :t`, { ':x': S('SF'), ':b': S('UPPER'), ':m': N(10) }, (i) => s(i.round) === 'SF' && s(i.bracket) === 'UPPER' && n(i.matchNo) < 10],
    ];
    for (const [label, kce, values, pred] of cases) {
      test(label, async () => {
        const want = expected(pred);
        assert.ok(want.length > 0, 'the case selects something');
        const fwd = await query(kce, values);
        assert.deepEqual(keys(fwd.items), keys(want), 'ascending by round, bracket, matchNo');
        const back = await query(kce, values, { ScanIndexForward: false });
        assert.deepEqual(keys(back.items), keys(want).reverse());
      });
    }

    test('items are sorted by the sort attributes left to right, numbers numerically', async () => {
      const r = await query(`${PK} AND #r = :x AND bracket = :b`, { ':x': S('QF'), ':b': S('LOWER') });
      assert.deepEqual(r.items.map((i) => n(i.matchNo)), [2, 9, 10]);
    });

    test('INCLUDE projection: keys of table and index plus the included attribute', async () => {
      const r = await query(`${PK} AND #r = :x AND bracket = :b AND matchNo = :m`, { ':x': S('QF'), ':b': S('LOWER'), ':m': N(9) });
      assert.deepEqual(Object.keys(r.items[0]!).sort(), [...KEY_NAMES, 'score'].sort());
    });

    test('another partition of the tuple', async () => {
      const r = await query(PK, { ':t': S('T2'), ':g': S('EU') });
      assert.equal(r.items.length, 18);
      assert.ok(r.items.every((i) => s(i.tournament) === 'T2' && s(i.area) === 'EU'));
    });
  });

  describe('Query: rejected key conditions', () => {
    const bad = (kce: string, values: Record<string, Item[string]>, message: string) =>
      rejects(() => query(kce, values), V, message);

    test('every partition attribute must be given, with an equality', async () => {
      await bad('tournament = :t', {}, 'Query condition missed key schema element');
      await bad('tournament = :t AND #r = :x', { ':x': S('QF') }, 'Query condition missed key schema element');
      await bad('tournament = :t AND area > :g', {}, 'Query key condition not supported');
      await bad('tournament = :t AND begins_with(area, :g)', {}, 'Query key condition not supported');
    });

    test('sort attributes left to right without skipping', async () => {
      await bad(`${PK} AND bracket = :b`, { ':b': S('UPPER') }, 'Query condition missed key schema element');
      await bad(`${PK} AND #r = :x AND matchNo = :m`, { ':x': S('QF'), ':m': N(2) }, 'Query condition missed key schema element');
    });

    test('a range condition only on the last sort attribute used', async () => {
      await bad(
        `${PK} AND #r > :x AND bracket = :b`,
        { ':x': S('QF'), ':b': S('UPPER') },
        'Query key condition not supported: a range condition is allowed only on the last sort key attribute used; found one on round',
      );
      await bad(
        `${PK} AND #r = :x AND begins_with(bracket, :b) AND matchNo = :m`,
        { ':x': S('QF'), ':b': S('UP'), ':m': N(2) },
        'Query key condition not supported: a range condition is allowed only on the last sort key attribute used; found one on bracket',
      );
    });

    test('non-key attributes, repeated attributes, wrong types, OR', async () => {
      await bad(`${PK} AND score = :s`, { ':s': N(1) }, 'Query condition missed key schema element');
      await bad(`${PK} AND area = :x`, { ':x': S('EU') }, 'KeyConditionExpressions must only contain one condition per key');
      await bad(`${PK} AND #r = :x AND bracket = :b AND matchNo = :m`, { ':x': S('QF'), ':b': S('LOWER'), ':m': S('9') }, 'One or more parameter values were invalid: Condition parameter type does not match schema type');
      await bad(`tournament = :t AND area = :g OR #r = :x`, { ':x': S('QF') }, 'Invalid operator used in KeyConditionExpression: OR');
      await bad(`${PK} AND #r = :x`, { ':x': S('') }, 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: round');
    });

    test('a filter may not read any of the index key attributes', async () => {
      await rejects(
        () => query(PK, { ':b': S('UPPER') }, { FilterExpression: 'bracket = :b' }),
        V,
        'Filter Expression can only contain non-primary key attributes: Primary key attribute: bracket',
      );
      await rejects(
        () => query(PK, { ':g2': S('EU') }, { FilterExpression: 'area = :g2' }),
        V,
        'Filter Expression can only contain non-primary key attributes: Primary key attribute: area',
      );
    });

    test('legacy KeyConditions follow the same rules', async () => {
      const legacy = (KeyConditions: Record<string, { ComparisonOperator: string; AttributeValueList: Item[string][] }>, extra: Partial<QueryCommandInput> = {}) =>
        walkQuery(h.db, { TableName: T, IndexName: INDEX, KeyConditions: KeyConditions as QueryCommandInput['KeyConditions'], ...extra });
      const eq = (v: Item[string]) => ({ ComparisonOperator: 'EQ', AttributeValueList: [v] });
      const r = await legacy(
        { tournament: eq(S('T1')), area: eq(S('NA')), round: eq(S('SF')), bracket: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [S('UP')] } },
        { Limit: 2 },
      );
      assert.deepEqual(keys(r.items), keys(expected((i) => s(i.round) === 'SF' && s(i.bracket) === 'UPPER')));
      const all = await legacy({ tournament: eq(S('T1')), area: eq(S('NA')) }, { ScanIndexForward: false });
      assert.deepEqual(keys(all.items), keys(expected()).reverse());
      await rejects(() => legacy({ tournament: eq(S('T1')), area: eq(S('NA')), bracket: eq(S('UPPER')) }), V, 'Query condition missed key schema element');
      await rejects(
        () => legacy({ tournament: eq(S('T1')), area: { ComparisonOperator: 'GT', AttributeValueList: [S('A')] } }),
        V,
        'Query key condition not supported',
      );
      await rejects(
        () => legacy({ tournament: eq(S('T1')), area: eq(S('NA')), round: { ComparisonOperator: 'LT', AttributeValueList: [S('SF')] }, bracket: eq(S('UPPER')) }),
        V,
        'Query key condition not supported: a range condition is allowed only on the last sort key attribute used; found one on round',
      );
    });

    test('ConsistentRead is refused as on any GSI', async () => {
      await rejects(() => query(PK, {}, { ConsistentRead: true }), V, 'Consistent reads are not supported on global secondary indexes');
    });
  });

  describe('paging', () => {
    test('LastEvaluatedKey has the table key and every index key attribute', async () => {
      const r = await h.db.send(
        new QueryCommand({
          TableName: T,
          IndexName: INDEX,
          KeyConditionExpression: PK,
          ExpressionAttributeValues: { ':t': S('T1'), ':g': S('NA') },
          Limit: 1,
        }),
      );
      const first = expected()[0]!;
      assert.deepEqual(r.LastEvaluatedKey, Object.fromEntries(KEY_NAMES.map((k) => [k, first[k]])));
    });

    for (const forward of [true, false]) {
      test(`walks to completion with ExclusiveStartKey (${forward ? 'ascending' : 'descending'}), also with a filter`, async () => {
        const want = keys(expected());
        if (!forward) want.reverse();
        for (const Limit of [1, 4, 7]) {
          const w = await query(PK, {}, { Limit, ScanIndexForward: forward });
          assert.deepEqual(keys(w.items), want, `Limit ${Limit}`);
          assert.ok(w.pages.every((p) => p.scanned <= Limit));
          assert.equal(w.pages.at(-1)!.lek, undefined);
        }
        const filtered = await query(`${PK} AND #r >= :x`, { ':x': S('R16'), ':s': N(2) }, { Limit: 3, ScanIndexForward: forward, FilterExpression: 'score < :s' });
        const wantFiltered = keys(expected((i) => s(i.round) >= 'R16' && n(i.score) < 2));
        if (!forward) wantFiltered.reverse();
        assert.deepEqual(keys(filtered.items), wantFiltered);
      });
    }

    test('an ExclusiveStartKey outside the key condition, or without every key attribute, is rejected', async () => {
      const other = items.find((i) => s(i.tournament) === 'T1' && s(i.area) === 'EU')!;
      const start = Object.fromEntries(KEY_NAMES.map((k) => [k, other[k]!]));
      await rejects(() => query(PK, {}, { ExclusiveStartKey: start }), V, 'The provided starting key does not match the range key predicate');
      const mine = expected((i) => s(i.round) === 'QF')[0]!;
      const wrongPrefix = Object.fromEntries(KEY_NAMES.map((k) => [k, mine[k]!]));
      await rejects(
        () => query(`${PK} AND #r = :x AND bracket > :b`, { ':x': S('SF'), ':b': S('A') }, { ExclusiveStartKey: wrongPrefix }),
        V,
        'The provided starting key does not match the range key predicate',
      );
      const { bracket: _omit, ...short } = wrongPrefix;
      await rejects(() => query(PK, {}, { ExclusiveStartKey: short }), V, "Exclusive Start Key must have same size as table's key schema");
    });
  });

  describe('Scan', () => {
    const indexed = keys(items).sort();

    test('the index holds exactly the items with every key attribute; paging completes', async () => {
      for (const Limit of [undefined, 5]) {
        const w = await walkScan(h.db, { TableName: T, IndexName: INDEX, ...(Limit ? { Limit } : {}) });
        assert.deepEqual(keys(w.items).sort(), indexed);
        if (Limit) assert.ok(w.pages.length > 1 && w.pages.slice(0, -1).every((p) => p.lek && Object.keys(p.lek).length === KEY_NAMES.length));
      }
    });

    test('within a partition, a Scan returns the index order', async () => {
      const all = (await walkScan(h.db, { TableName: T, IndexName: INDEX })).items;
      const partition = all.filter((i) => s(i.tournament) === 'T1' && s(i.area) === 'NA');
      assert.deepEqual(keys(partition), keys(expected()));
    });

    test('parallel scan: segments are disjoint and together complete', async () => {
      const TotalSegments = 4;
      const seen: string[] = [];
      for (let Segment = 0; Segment < TotalSegments; Segment++) {
        const w = await walkScan(h.db, { TableName: T, IndexName: INDEX, Segment, TotalSegments, Limit: 6 });
        seen.push(...keys(w.items));
      }
      assert.equal(new Set(seen).size, seen.length, 'disjoint');
      assert.deepEqual(seen.sort(), indexed);
    });
  });

  describe('UpdateTable', () => {
    const name = 'mak_update';
    const tableItems: Item[] = [...Array(60).keys()].map((i) => {
      const item: Item = { pk: S(`k${i}`), a: S(`A${i % 3}`), b: N(i % 2), c: S(`C${i % 2}`) };
      if (i % 7 === 0) delete item.b; // sparse
      if (i % 11 === 0) item.c = N(1); // wrong type for the new index: left out by the backfill
      return item;
    });
    const belongs = (i: Item) => i.b !== undefined && i.c !== undefined && 'S' in i.c;

    before(async () => {
      await createTable(h.db, tableDef(name, ['pk', 'S']));
      await putAll(h.db, name, tableItems);
    });

    test('adds a multi-attribute GSI, backfilled, queryable', async () => {
      const answer = await h.db.send(
        new UpdateTableCommand({
          TableName: name,
          AttributeDefinitions: [
            { AttributeName: 'a', AttributeType: 'S' },
            { AttributeName: 'b', AttributeType: 'N' },
            { AttributeName: 'c', AttributeType: 'S' },
          ],
          GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'abc', KeySchema: [H('a'), H('b'), R('c'), R('pk')], Projection: { ProjectionType: 'ALL' } } }],
        }),
      );
      const gsi = answer.TableDescription!.GlobalSecondaryIndexes!.find((g) => g.IndexName === 'abc')!;
      assert.deepEqual(gsi.KeySchema, [H('a'), H('b'), R('c'), R('pk')]);
      let d = gsi;
      for (let i = 0; i < 100 && d.IndexStatus !== 'ACTIVE'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        d = (await h.db.send(new DescribeTableCommand({ TableName: name }))).Table!.GlobalSecondaryIndexes![0]!;
      }
      assert.equal(d.IndexStatus, 'ACTIVE');
      const scanned = (await walkScan(h.db, { TableName: name, IndexName: 'abc' })).items;
      assert.deepEqual(keys(scanned.map((i) => ({ ...i, sk: N(0) }))).sort(), keys(tableItems.filter(belongs).map((i) => ({ ...i, sk: N(0) }))).sort());

      const want = tableItems
        .filter((i) => belongs(i) && s(i.a) === 'A1' && n(i.b) === 1 && s(i.c) === 'C1')
        .map((i) => s(i.pk))
        .sort();
      const r = await walkQuery(h.db, {
        TableName: name,
        IndexName: 'abc',
        KeyConditionExpression: 'a = :a AND b = :b AND c = :c',
        ExpressionAttributeValues: { ':a': S('A1'), ':b': N(1), ':c': S('C1') },
        Limit: 1,
      });
      assert.deepEqual(r.items.map((i) => s(i.pk)), want, 'ordered by the second sort attribute, pk');
      assert.ok(want.length > 1);
      // Writes after the index exists are validated against every key attribute.
      await rejects(
        () => h.db.send(new PutItemCommand({ TableName: name, Item: { pk: S('x'), c: N(3) } })),
        V,
        'One or more parameter values were invalid: Type mismatch for Index Key c Expected: S Actual: N IndexName: abc',
      );
    });

    test('the same validation as CreateTable', async () => {
      await rejects(
        () =>
          h.db.send(
            new UpdateTableCommand({
              TableName: name,
              AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'S' }],
              GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'bad', KeySchema: [H('a'), R('pk'), H('a2')], Projection: { ProjectionType: 'ALL' } } }],
            }),
          ),
        V,
        'Invalid KeySchema: The HASH key elements must come before the RANGE key elements',
      );
    });
  });

  test('PartiQL reads of a multi-attribute index are not yet supported', async () => {
    await assert.rejects(
      h.db.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM "${T}"."${INDEX}" WHERE tournament = 'T1' AND area = 'NA'` })),
      (e: Error) => e.name === V && /multi-attribute key/.test(e.message),
    );
  });

  test('the table itself is unaffected: its own Query and Scan', async () => {
    const r = await h.db.send(new QueryCommand({ TableName: T, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('T1-NA') } }));
    assert.equal(r.Count, 18);
    const all = await h.db.send(new ScanCommand({ TableName: T, Select: 'COUNT' }));
    assert.equal(all.Count, items.length + sparse.length);
  });
});

describe('multi-attribute GSI keys: storage limits', () => {
  test('sort attributes too long together for a storage key are refused, not a server error', async () => {
    const name = 'mak_long';
    await createTable(
      h.db,
      tableDef(name, ['pk', 'S'], undefined, {
        attributes: [
          ['a', 'S'],
          ['w', 'S'],
          ['x', 'S'],
          ['y', 'S'],
          ['z', 'S'],
        ],
        GlobalSecondaryIndexes: [{ IndexName: 'long_sort', KeySchema: [H('a'), R('w'), R('x'), R('y'), R('z')], Projection: { ProjectionType: 'KEYS_ONLY' } }],
      }),
    );
    const big = S('s'.repeat(1024)); // DynamoDB's maximum for one sort key attribute
    await h.db.send(new PutItemCommand({ TableName: name, Item: { pk: S('ok'), a: S('a'), w: big, x: big, y: big, z: S('z') } }));
    await rejects(
      () => h.db.send(new PutItemCommand({ TableName: name, Item: { pk: S('no'), a: S('a'), w: big, x: big, y: big, z: big } })),
      V,
      'One or more parameter values were invalid: Size limit exceeded for the sort key attributes of Index Key w, x, y, z Actual Size: 4104 bytes Max Size: 3989 bytes IndexName: long_sort',
    );
    const r = await h.db.send(
      new QueryCommand({ TableName: name, IndexName: 'long_sort', KeyConditionExpression: 'a = :a AND w = :w', ExpressionAttributeValues: { ':a': S('a'), ':w': big } }),
    );
    assert.equal(r.Count, 1);
  });
});
