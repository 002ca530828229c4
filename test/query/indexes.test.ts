/**
 * Local and global secondary indexes through Query and Scan: every projection type, sparse
 * indexes, index order and paging (ties on the index key included), what each Select returns,
 * DynamoDB's refusals, an LSI fetching what it does not project (and paying for it), and index
 * maintenance on update and delete.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeleteItemCommand, DescribeTableCommand, PutItemCommand, QueryCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { N, S, createTable, keyOf, putAll, rejects, startHarness, tableDef, walkQuery, walkScan, type Harness, type Item } from './helpers.js';

let h: Harness;
const T = 'qs_indexes';
const items: Item[] = [];

const LSI = (name: string, sk: string, Projection: any) => ({
  IndexName: name,
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' as const },
    { AttributeName: sk, KeyType: 'RANGE' as const },
  ],
  Projection,
});

before(async () => {
  h = await startHarness();
  await createTable(
    h.db,
    tableDef(T, ['pk', 'S'], ['sk', 'N'], {
      attributes: [
        ['l1', 'S'],
        ['l2', 'S'],
        ['l3', 'N'],
        ['g1', 'S'],
        ['g2', 'N'],
      ],
      LocalSecondaryIndexes: [
        LSI('lsi_keys', 'l1', { ProjectionType: 'KEYS_ONLY' }),
        LSI('lsi_incl', 'l2', { ProjectionType: 'INCLUDE', NonKeyAttributes: ['a'] }),
        LSI('lsi_all', 'l3', { ProjectionType: 'ALL' }),
      ],
      GlobalSecondaryIndexes: [
        { IndexName: 'gsi_keys', KeySchema: [{ AttributeName: 'g1', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
        {
          IndexName: 'gsi_incl',
          KeySchema: [
            { AttributeName: 'g1', KeyType: 'HASH' },
            { AttributeName: 'g2', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['a'] },
        },
        {
          IndexName: 'gsi_all',
          KeySchema: [
            { AttributeName: 'g2', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  for (let p = 0; p < 4; p++) {
    for (let s = 0; s < 8; s++) {
      const n = p * 8 + s;
      const item: Item = { pk: S(`p${p}`), sk: N(s), a: S(`a${n}`), b: S('b'.repeat(n)) };
      // Sparse: every third item lacks l1, every fourth lacks g1.
      if (n % 3 !== 0) item.l1 = S(`l1-${String(7 - s).padStart(2, '0')}`);
      item.l2 = S(`l2-${String(s).padStart(2, '0')}`);
      item.l3 = N(100 - s);
      if (n % 4 !== 0) item.g1 = S(`G${n % 3}`);
      item.g2 = N(n);
      items.push(item);
    }
  }
  await putAll(h.db, T, items);
});
after(() => h.close());

const tableKey = (i: Item) => keyOf(i, ['pk', 'sk']);
const pick = (i: Item, names: string[]) => Object.fromEntries(names.filter((n) => n in i).map((n) => [n, i[n]!]));

describe('local secondary indexes', () => {
  test('KEYS_ONLY: sparse, in index sort-key order, holding only the keys', async () => {
    const w = await walkQuery(h.db, { TableName: T, IndexName: 'lsi_keys', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('p1') }, Limit: 2 });
    const expected = items
      .filter((i) => i.pk!.S === 'p1' && i.l1)
      .sort((x, y) => (x.l1!.S! < y.l1!.S! ? -1 : 1))
      .map((i) => pick(i, ['pk', 'sk', 'l1']));
    assert.deepEqual(w.items, expected);
    for (const p of w.pages.slice(0, -1)) assert.deepEqual(Object.keys(p.lek!).sort(), ['l1', 'pk', 'sk']);
  });

  test('INCLUDE and ALL projections', async () => {
    const incl = await h.db.send(new QueryCommand({ TableName: T, IndexName: 'lsi_incl', KeyConditionExpression: 'pk = :p AND l2 >= :x', ExpressionAttributeValues: { ':p': S('p2'), ':x': S('l2-06') } }));
    assert.deepEqual(incl.Items, items.filter((i) => i.pk!.S === 'p2' && i.l2!.S! >= 'l2-06').map((i) => pick(i, ['pk', 'sk', 'l2', 'a'])));
    const all = await h.db.send(new QueryCommand({ TableName: T, IndexName: 'lsi_all', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('p0') }, ScanIndexForward: false }));
    // l3 = 100 - sk, so descending l3 is ascending sk.
    assert.deepEqual(all.Items, items.filter((i) => i.pk!.S === 'p0'));
  });

  test('ConsistentRead is allowed on an LSI', async () => {
    const r = await h.db.send(new QueryCommand({ TableName: T, IndexName: 'lsi_keys', ConsistentRead: true, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('p0') } }));
    assert.ok(r.Count! > 0);
  });

  test('Select ALL_ATTRIBUTES fetches the items from the table, and the table is charged per item', async () => {
    const r = await h.db.send(
      new QueryCommand({ TableName: T, IndexName: 'lsi_keys', Select: 'ALL_ATTRIBUTES', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('p3') }, ReturnConsumedCapacity: 'INDEXES' }),
    );
    const expected = items.filter((i) => i.pk!.S === 'p3' && i.l1).sort((x, y) => (x.l1!.S! < y.l1!.S! ? -1 : 1));
    assert.deepEqual(r.Items, expected);
    // Index entries are tiny (one 4 KB unit, halved); each fetched item is one unit, halved.
    assert.deepEqual(r.ConsumedCapacity, {
      TableName: T,
      CapacityUnits: 0.5 + expected.length * 0.5,
      Table: { CapacityUnits: expected.length * 0.5 },
      LocalSecondaryIndexes: { lsi_keys: { CapacityUnits: 0.5 } },
    });
  });

  test('a projection of attributes the LSI does not hold fetches them; of projected ones, does not', async () => {
    const q = (ProjectionExpression: string) =>
      h.db.send(new QueryCommand({ TableName: T, IndexName: 'lsi_incl', ProjectionExpression, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('p0') }, ReturnConsumedCapacity: 'INDEXES', Limit: 3 }));
    const fetched = await q('b, a');
    assert.deepEqual(fetched.Items, items.filter((i) => i.pk!.S === 'p0').slice(0, 3).map((i) => pick(i, ['b', 'a'])));
    assert.equal(fetched.ConsumedCapacity!.Table!.CapacityUnits, 1.5);
    const projected = await q('a, l2');
    assert.deepEqual(projected.Items, items.filter((i) => i.pk!.S === 'p0').slice(0, 3).map((i) => pick(i, ['a', 'l2'])));
    assert.equal(projected.ConsumedCapacity!.Table!.CapacityUnits, 0);
  });

  test('COUNT and ALL_PROJECTED_ATTRIBUTES read only the index', async () => {
    const r = await h.db.send(
      new QueryCommand({ TableName: T, IndexName: 'lsi_keys', Select: 'COUNT', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('p3') }, ReturnConsumedCapacity: 'INDEXES' }),
    );
    assert.equal(r.Items, undefined);
    assert.equal(r.ConsumedCapacity!.Table!.CapacityUnits, 0);
  });

  test('filters: not on the index key, not on attributes the index does not project (Query); the table sort key is allowed', async () => {
    const base = { TableName: T, IndexName: 'lsi_keys', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('p1'), ':v': S('x') } };
    await rejects(() => h.db.send(new QueryCommand({ ...base, FilterExpression: 'l1 = :v' })), 'ValidationException', 'Filter Expression can only contain non-primary key attributes: Primary key attribute: l1');
    await rejects(
      () => h.db.send(new QueryCommand({ ...base, FilterExpression: 'b = :v OR a = :v' })),
      'ValidationException',
      'One or more parameter values were invalid: Secondary index lsi_keys does not project one or more filter attributes: [a, b]',
    );
    const r = await h.db.send(new QueryCommand({ ...base, FilterExpression: 'sk > :s', ExpressionAttributeValues: { ':p': S('p1'), ':s': N(3) } }));
    assert.deepEqual(r.Items!.map((i) => Number(i.sk!.N)).sort(), [5, 6]);
  });

  test('a Scan of an LSI filtering on attributes it does not project reads them from the table', async () => {
    const w = await walkScan(h.db, { TableName: T, IndexName: 'lsi_keys', FilterExpression: 'a = :a', ExpressionAttributeValues: { ':a': S('a10') } });
    assert.deepEqual(w.items, [pick(items[10]!, ['pk', 'sk', 'l1'])]);
  });
});

describe('global secondary indexes', () => {
  test('KEYS_ONLY hash-only GSI: sparse, pages with the table key in LastEvaluatedKey', async () => {
    const w = await walkQuery(h.db, { TableName: T, IndexName: 'gsi_keys', KeyConditionExpression: 'g1 = :g', ExpressionAttributeValues: { ':g': S('G1') }, Limit: 2 });
    const expected = items.filter((i) => i.g1?.S === 'G1').map((i) => pick(i, ['pk', 'sk', 'g1']));
    assert.deepEqual(new Set(w.items.map(tableKey)), new Set(expected.map(tableKey)));
    assert.equal(w.items.length, expected.length);
    for (const i of w.items) assert.deepEqual(Object.keys(i).sort(), ['g1', 'pk', 'sk']);
    for (const p of w.pages.slice(0, -1)) assert.deepEqual(Object.keys(p.lek!).sort(), ['g1', 'pk', 'sk']);
  });

  test('INCLUDE GSI with a sort key: order, conditions, projection', async () => {
    const r = await h.db.send(
      new QueryCommand({ TableName: T, IndexName: 'gsi_incl', KeyConditionExpression: 'g1 = :g AND g2 BETWEEN :lo AND :hi', ExpressionAttributeValues: { ':g': S('G2'), ':lo': N(5), ':hi': N(20) }, ScanIndexForward: false }),
    );
    const expected = items
      .filter((i) => i.g1?.S === 'G2' && Number(i.g2!.N) >= 5 && Number(i.g2!.N) <= 20)
      .sort((x, y) => Number(y.g2!.N) - Number(x.g2!.N))
      .map((i) => pick(i, ['pk', 'sk', 'g1', 'g2', 'a']));
    assert.deepEqual(r.Items, expected);
  });

  test('ALL GSI keyed on a table key attribute: Select ALL_ATTRIBUTES allowed, LastEvaluatedKey without duplicates', async () => {
    const r = await h.db.send(new QueryCommand({ TableName: T, IndexName: 'gsi_all', Select: 'ALL_ATTRIBUTES', KeyConditionExpression: 'g2 = :g', ExpressionAttributeValues: { ':g': N(9) }, Limit: 1 }));
    assert.deepEqual(r.Items, [items[9]]);
    assert.deepEqual(r.LastEvaluatedKey, { pk: S('p1'), sk: N(1), g2: N(9) });
  });

  test('ties on the index key: a walk with Limit 1 returns each item once', async () => {
    const TT = 'qs_indexes_ties';
    await createTable(
      h.db,
      tableDef(TT, ['pk', 'S'], ['sk', 'S'], {
        attributes: [
          ['h', 'S'],
          ['r', 'S'],
        ],
        GlobalSecondaryIndexes: [{ IndexName: 'h_r', KeySchema: [{ AttributeName: 'h', KeyType: 'HASH' }, { AttributeName: 'r', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
      }),
    );
    const tied = [...Array(12).keys()].map((i) => ({ pk: S(`t${i % 3}`), sk: S(`s${i}`), h: S('H'), r: S(i < 10 ? 'same' : 'later') }));
    await putAll(h.db, TT, tied);
    for (const forward of [true, false]) {
      const w = await walkQuery(h.db, { TableName: TT, IndexName: 'h_r', KeyConditionExpression: 'h = :h', ExpressionAttributeValues: { ':h': S('H') }, Limit: 1, ScanIndexForward: forward });
      assert.equal(w.items.length, 12);
      assert.equal(new Set(w.items.map(tableKey)).size, 12);
      const rs = w.items.map((i) => i.r!.S);
      assert.deepEqual(rs, forward ? [...Array(2).fill('later'), ...Array(10).fill('same')] : [...Array(10).fill('same'), ...Array(2).fill('later')]);
      for (const p of w.pages.slice(0, -1)) assert.deepEqual(Object.keys(p.lek!).sort(), ['h', 'pk', 'r', 'sk']);
    }
  });

  test("refusals, in DynamoDB's words", async () => {
    const q = (extra: Record<string, unknown>) => () =>
      h.db.send(new QueryCommand({ TableName: T, IndexName: 'gsi_keys', KeyConditionExpression: 'g1 = :g', ExpressionAttributeValues: { ':g': S('G1') }, ...extra }));
    await rejects(q({ ConsistentRead: true }), 'ValidationException', 'Consistent reads are not supported on global secondary indexes');
    // A Scan keeps DynamoDB Local's words (target.ts).
    await rejects(() => h.db.send(new ScanCommand({ TableName: T, IndexName: 'gsi_keys', ConsistentRead: true })), 'ValidationException', 'Consistent read cannot be true when scanning a GSI');
    await rejects(
      q({ Select: 'ALL_ATTRIBUTES' }),
      'ValidationException',
      'One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index gsi_keys because its projection type is not ALL',
    );
    await rejects(q({ ProjectionExpression: 'zz, b, a, pk' }), 'ValidationException', 'One or more parameter values were invalid: Global secondary index gsi_keys does not project [zz, a, b]');
    await rejects(q({ IndexName: 'nope' }), 'ValidationException', 'The table does not have the specified index: nope');
    await rejects(q({ Select: 'ALL_PROJECTED_ATTRIBUTES', IndexName: undefined, KeyConditionExpression: 'pk = :g' }), 'ValidationException', 'ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
    await rejects(q({ ExclusiveStartKey: { pk: S('p0'), sk: N(1) } }), 'ValidationException', "Exclusive Start Key must have same size as table's key schema");
    await rejects(q({ ExclusiveStartKey: { pk: S('p0'), sk: N(1), gx: S('G1') } }), 'ValidationException', 'The provided starting key is invalid');
  });

  test('a Scan of a GSI returns what the index holds', async () => {
    const w = await walkScan(h.db, { TableName: T, IndexName: 'gsi_incl', Limit: 5 });
    const expected = items.filter((i) => i.g1).map((i) => pick(i, ['pk', 'sk', 'g1', 'g2', 'a']));
    assert.equal(w.items.length, expected.length);
    assert.deepEqual(new Set(w.items.map((i) => JSON.stringify(i, Object.keys(i).sort()))), new Set(expected.map((i) => JSON.stringify(i, Object.keys(i).sort()))));
  });
});

describe('index maintenance', () => {
  test('an update that moves, removes or adds index keys moves the entries', async () => {
    const key = { pk: S('p0'), sk: N(1) };
    const count = async (IndexName: string, KeyConditionExpression: string, v: any) =>
      (await h.db.send(new QueryCommand({ TableName: T, IndexName, KeyConditionExpression, ExpressionAttributeValues: { ':v': v }, Select: 'COUNT' }))).Count;
    assert.equal(await count('gsi_keys', 'g1 = :v', S('MOVED')), 0);
    await h.db.send(new UpdateItemCommand({ TableName: T, Key: key, UpdateExpression: 'SET g1 = :g REMOVE l1', ExpressionAttributeValues: { ':g': S('MOVED') } }));
    assert.equal(await count('gsi_keys', 'g1 = :v', S('MOVED')), 1);
    const lsi = await h.db.send(new QueryCommand({ TableName: T, IndexName: 'lsi_keys', KeyConditionExpression: 'pk = :v', ExpressionAttributeValues: { ':v': S('p0') } }));
    assert.ok(!lsi.Items!.some((i) => i.sk!.N === '1'));
    await h.db.send(new DeleteItemCommand({ TableName: T, Key: key }));
    assert.equal(await count('gsi_keys', 'g1 = :v', S('MOVED')), 0);
    assert.equal(await count('gsi_all', 'g2 = :v', N(1)), 0);
    await h.db.send(new PutItemCommand({ TableName: T, Item: items[1]! }));
  });

  test('DescribeTable counts index entries and their projected size', async () => {
    const d = (await h.db.send(new DescribeTableCommand({ TableName: T }))).Table!;
    const gsi = d.GlobalSecondaryIndexes!.find((g) => g.IndexName === 'gsi_keys')!;
    assert.equal(gsi.ItemCount, items.filter((i) => i.g1).length);
    const lsi = d.LocalSecondaryIndexes!.find((g) => g.IndexName === 'lsi_all')!;
    assert.equal(lsi.ItemCount, items.length);
    assert.equal(lsi.IndexSizeBytes, d.TableSizeBytes);
  });
});

describe('index pages', () => {
  test('an index page is measured on the index entries, not the table items (the service; DynamoDB Local counts whole items)', async () => {
    const TB = 'qs_indexes_big';
    await createTable(
      h.db,
      tableDef(TB, ['pk', 'S'], ['sk', 'N'], {
        attributes: [['g', 'S']],
        GlobalSecondaryIndexes: [{ IndexName: 'by_g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
      }),
    );
    await putAll(h.db, TB, [...Array(15).keys()].map((i) => ({ pk: S('p'), sk: N(i), g: S('G'), v: S('x'.repeat(100 * 1024)) })), 4);
    const table = await h.db.send(new QueryCommand({ TableName: TB, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('p') }, Select: 'COUNT' }));
    assert.equal(table.Count, 11);
    const index = await h.db.send(new QueryCommand({ TableName: TB, IndexName: 'by_g', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': S('G') }, ReturnConsumedCapacity: 'INDEXES' }));
    assert.equal(index.Count, 15);
    assert.equal(index.LastEvaluatedKey, undefined);
    assert.deepEqual(index.ConsumedCapacity!.GlobalSecondaryIndexes, { by_g: { CapacityUnits: 0.5 } });
  });
});
