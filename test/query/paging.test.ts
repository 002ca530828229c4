/**
 * Query and Scan paging: Limit, LastEvaluatedKey/ExclusiveStartKey walked to the end in both
 * directions, with key conditions and filters, the 1 MB page as DynamoDB measures it, Count and
 * ScannedCount, and the capacity arithmetic. Expectations come from DynamoDB Local (the
 * corresponding golden scenarios are under test/golden/query/).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { N, S, createTable, keyOf, putAll, rejects, startHarness, tableDef, walkQuery, walkScan, type Harness, type Item } from './helpers.js';

let h: Harness;
const T = 'qs_paging';
const TS = 'qs_paging_s';
const all: Item[] = [];
const strings: Item[] = [];

before(async () => {
  h = await startHarness();
  await createTable(h.db, tableDef(T, ['pk', 'S'], ['sk', 'N']));
  await createTable(h.db, tableDef(TS, ['pk', 'S'], ['sk', 'S']));
  for (let i = 0; i < 50; i++) all.push({ pk: S('a'), sk: N(i), even: { BOOL: i % 2 === 0 }, v: S('x'.repeat(i)) });
  for (let i = 0; i < 5; i++) all.push({ pk: S('b'), sk: N(i - 2), even: { BOOL: i % 2 === 0 } });
  await putAll(h.db, T, all);
  for (const sk of ['', 'a', 'ab', 'abc', 'abd', 'b', 'ba', 'z', '\u00e9', '\u{1F600}']) {
    if (sk === '') continue;
    strings.push({ pk: S('p'), sk: S(sk) });
  }
  await putAll(h.db, TS, strings);
});
after(() => h.close());

const inA = () => all.filter((i) => i.pk!.S === 'a');
const skNums = (items: Item[]) => items.map((i) => Number(i.sk!.N));

describe('Query paging', () => {
  for (const limit of [1, 2, 3, 7, 25, 50, 51]) {
    test(`Limit ${limit}: forward and backward walks return every item once, in order`, async () => {
      const KC = { TableName: T, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('a') }, Limit: limit };
      const fwd = await walkQuery(h.db, KC);
      assert.deepEqual(skNums(fwd.items), [...Array(50).keys()]);
      const bwd = await walkQuery(h.db, { ...KC, ScanIndexForward: false });
      assert.deepEqual(skNums(bwd.items), [...Array(50).keys()].reverse());
      // A page that ends on the last item still has a LastEvaluatedKey: one more, empty page follows.
      const expectedPages = Math.floor(50 / limit) + 1;
      assert.equal(fwd.pages.length, expectedPages);
      assert.equal(bwd.pages.length, expectedPages);
      for (const p of fwd.pages.slice(0, -1)) {
        assert.equal(p.items, limit);
        assert.deepEqual(Object.keys(p.lek!).sort(), ['pk', 'sk']);
      }
      assert.equal(fwd.pages.at(-1)!.lek, undefined);
    });
  }

  test('Limit counts items evaluated before the filter; Count and ScannedCount per page', async () => {
    const input = {
      TableName: T,
      KeyConditionExpression: 'pk = :p',
      FilterExpression: 'even = :t',
      ExpressionAttributeValues: { ':p': S('a'), ':t': { BOOL: true } },
      Limit: 7,
    };
    for (const forward of [true, false]) {
      const w = await walkQuery(h.db, { ...input, ScanIndexForward: forward });
      const evens = [...Array(25).keys()].map((i) => i * 2);
      assert.deepEqual(skNums(w.items), forward ? evens : evens.reverse());
      assert.equal(w.pages.reduce((t, p) => t + p.scanned, 0), 50);
      for (const p of w.pages) {
        assert.equal(p.count, p.items);
        assert.ok(p.scanned <= 7);
      }
      // The first page's key is the 7th item evaluated, whether or not the filter kept it.
      assert.deepEqual(w.pages[0]!.lek, { pk: S('a'), sk: N(forward ? 6 : 43) });
    }
  });

  test('a filter that keeps nothing still pages: Count 0, ScannedCount = Limit, a key to go on', async () => {
    const r = await h.db.send(
      new QueryCommand({
        TableName: T,
        KeyConditionExpression: 'pk = :p',
        FilterExpression: 'v = :none',
        ExpressionAttributeValues: { ':p': S('a'), ':none': S('nothing') },
        Limit: 5,
      }),
    );
    assert.deepEqual(r.Items, []);
    assert.equal(r.Count, 0);
    assert.equal(r.ScannedCount, 5);
    assert.deepEqual(r.LastEvaluatedKey, { pk: S('a'), sk: N(4) });
  });

  const conditions: [string, Record<string, any>, (n: number) => boolean][] = [
    ['sk = :x', { ':x': N(7) }, (n) => n === 7],
    ['sk < :x', { ':x': N(7) }, (n) => n < 7],
    ['sk <= :x', { ':x': N(7) }, (n) => n <= 7],
    ['sk > :x', { ':x': N(41) }, (n) => n > 41],
    ['sk >= :x', { ':x': N(41) }, (n) => n >= 41],
    ['sk BETWEEN :x AND :y', { ':x': N(10), ':y': N(20) }, (n) => n >= 10 && n <= 20],
    ['sk BETWEEN :x AND :y', { ':x': N(9.5), ':y': N(10.5) }, (n) => n === 10],
    [':x < sk', { ':x': N(45) }, (n) => n > 45],
  ];
  for (const [cond, values, keep] of conditions) {
    test(`sort-key condition ${cond} ${JSON.stringify(values)}: paged both ways`, async () => {
      const input = {
        TableName: T,
        KeyConditionExpression: `pk = :p AND ${cond}`,
        ExpressionAttributeValues: { ':p': S('a'), ...values },
        Limit: 3,
      };
      const expected = skNums(inA()).filter(keep).sort((a, b) => a - b);
      assert.deepEqual(skNums((await walkQuery(h.db, input)).items), expected);
      assert.deepEqual(skNums((await walkQuery(h.db, { ...input, ScanIndexForward: false })).items), expected.reverse());
    });
  }

  test('negative and fractional numbers sort numerically', async () => {
    const w = await walkQuery(h.db, { TableName: T, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('b') }, Limit: 2 });
    assert.deepEqual(skNums(w.items), [-2, -1, 0, 1, 2]);
  });

  test('string sort keys: UTF-8 byte order and begins_with', async () => {
    const q = (KeyConditionExpression: string, values: Record<string, any>, forward = true) =>
      walkQuery(h.db, { TableName: TS, KeyConditionExpression, ExpressionAttributeValues: { ':p': S('p'), ...values }, Limit: 2, ScanIndexForward: forward });
    const names = (w: { items: Item[] }) => w.items.map((i) => i.sk!.S);
    assert.deepEqual(names(await q('pk = :p', {})), ['a', 'ab', 'abc', 'abd', 'b', 'ba', 'z', '\u00e9', '\u{1F600}']);
    assert.deepEqual(names(await q('pk = :p AND begins_with(sk, :b)', { ':b': S('ab') })), ['ab', 'abc', 'abd']);
    assert.deepEqual(names(await q('pk = :p AND begins_with(sk, :b)', { ':b': S('ab') }, false)), ['abd', 'abc', 'ab']);
    assert.deepEqual(names(await q('pk = :p AND sk BETWEEN :x AND :y', { ':x': S('abc'), ':y': S('b') })), ['abc', 'abd', 'b']);
  });

  test('a start key between items, or of an item that does not exist, is a position', async () => {
    const r = await h.db.send(
      new QueryCommand({ TableName: T, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('a') }, ExclusiveStartKey: { pk: S('a'), sk: N(46.5) } }),
    );
    assert.deepEqual(skNums(r.Items!), [47, 48, 49]);
    const back = await h.db.send(
      new QueryCommand({ TableName: T, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('a') }, ExclusiveStartKey: { pk: S('a'), sk: N(2.5) }, ScanIndexForward: false }),
    );
    assert.deepEqual(skNums(back.Items!), [2, 1, 0]);
  });

  test('start keys DynamoDB rejects', async () => {
    const base = { TableName: T, KeyConditionExpression: 'pk = :p AND sk > :s', ExpressionAttributeValues: { ':p': S('a'), ':s': N(10) } };
    const q = (ExclusiveStartKey: Item) => () => h.db.send(new QueryCommand({ ...base, ExclusiveStartKey }));
    await rejects(q({ pk: S('a') }), 'ValidationException', "Exclusive Start Key must have same size as table's key schema");
    await rejects(q({ pk: S('a'), sk: N(11), x: S('y') }), 'ValidationException', "Exclusive Start Key must have same size as table's key schema");
    await rejects(q({ pk: S('a'), sx: N(11) }), 'ValidationException', 'The provided starting key is invalid');
    // DynamoDB Local's words for a key attribute of the wrong type (start-key.ts).
    await rejects(q({ pk: S('a'), sk: S('11') }), 'ValidationException', 'Type mismatch for attribute to update');
    await rejects(q({ pk: S('b'), sk: N(11) }), 'ValidationException', 'The provided starting key does not match the range key predicate');
    await rejects(q({ pk: S('a'), sk: N(3) }), 'ValidationException', 'The provided starting key does not match the range key predicate');
    await rejects(
      q({ pk: S(''), sk: N(11) }),
      'ValidationException',
      'The query can return at most one row and cannot be restarted. The provided starting key is invalid: One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk',
    );
  });
});

describe('Scan paging', () => {
  for (const limit of [1, 4, 55, 56]) {
    test(`Limit ${limit}: the walk returns every item once`, async () => {
      const w = await walkScan(h.db, { TableName: T, Limit: limit });
      assert.equal(w.items.length, all.length);
      assert.equal(new Set(w.items.map((i) => keyOf(i, ['pk', 'sk']))).size, all.length);
      assert.equal(w.pages.length, Math.floor(all.length / limit) + 1);
    });
  }

  test('items come in partition-hash order, each partition in sort-key order', async () => {
    const w = await walkScan(h.db, { TableName: T, Limit: 9 });
    const full = await h.db.send(new ScanCommand({ TableName: T }));
    assert.deepEqual(w.items, full.Items);
    const pks = w.items.map((i) => i.pk!.S);
    // Partitions are contiguous.
    assert.equal(pks.filter((p, i) => i === 0 || pks[i - 1] !== p).length, 2);
    assert.deepEqual(skNums(w.items.filter((i) => i.pk!.S === 'a')), [...Array(50).keys()]);
  });

  test('a table start key with the wrong attributes', async () => {
    const s = (ExclusiveStartKey: Item) => () => h.db.send(new ScanCommand({ TableName: T, ExclusiveStartKey }));
    await rejects(s({ pk: S('a') }), 'ValidationException', "Exclusive Start Key must have same size as table's key schema");
    await rejects(s({ pk: S('a'), sx: N(1) }), 'ValidationException', 'The provided starting key is invalid: The provided key element does not match the schema');
    await rejects(s({ pk: S('a'), sk: { BOOL: true } }), 'ValidationException', 'Type mismatch for attribute to update');
  });
});

describe('1 MB pages', () => {
  const T1 = 'qs_paging_mb';
  before(() => createTable(h.db, tableDef(T1, ['pk', 'S'], ['sk', 'S'])));

  /** Items of exact sizes (DynamoDB's measure): "pk" + its value, "sk" + "kNN", "v" + the filler. */
  async function fill(pk: string, sizes: number[]): Promise<void> {
    const overhead = 2 + pk.length + 2 + 3 + 1;
    await putAll(
      h.db,
      T1,
      sizes.map((size, i) => ({ pk: S(pk), sk: S(`k${String(i).padStart(2, '0')}`), v: S('x'.repeat(size - overhead)) })),
      4,
    );
  }

  test('15 × 100 KB: pages of 11 and 4, both for Query and Scan', async () => {
    await fill('p', Array(15).fill(100 * 1024));
    const q = await walkQuery(h.db, { TableName: T1, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('p') }, ProjectionExpression: 'sk' });
    assert.deepEqual(q.pages.map((p) => p.items), [11, 4]);
    assert.deepEqual(q.pages[0]!.lek, { pk: S('p'), sk: S('k10') });
  });

  // DynamoDB Local: the page stops once it has read at least 1 MB; the item crossing it is kept.
  for (const [atTen, expected] of [
    [1048575, 11],
    [1048576, 10],
    [1048577, 10],
  ] as const) {
    test(`the first 10 items total ${atTen} bytes: the first page has ${expected}`, async () => {
      const pk = `b${atTen}`;
      const sizes = Array(15).fill(102400);
      sizes[0] = atTen - 102400 * 9;
      await fill(pk, sizes);
      const r = await h.db.send(
        new QueryCommand({ TableName: T1, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S(pk) }, Select: 'COUNT', ReturnConsumedCapacity: 'TOTAL' }),
      );
      assert.equal(r.Count, expected);
      assert.deepEqual(r.LastEvaluatedKey, { pk: S(pk), sk: S(`k${String(expected - 1).padStart(2, '0')}`) });
      const bytes = atTen + (expected - 10) * 102400;
      assert.equal(r.ConsumedCapacity!.CapacityUnits, Math.ceil(bytes / 4096) / 2);
    });
  }

  test('a page that reaches 1 MB exactly at the last item has no LastEvaluatedKey', async () => {
    const sizes = Array(10).fill(102400);
    sizes[0] = 1048576 - 102400 * 9;
    await fill('exact', sizes);
    const r = await h.db.send(new QueryCommand({ TableName: T1, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('exact') }, Select: 'COUNT' }));
    assert.equal(r.Count, 10);
    assert.equal(r.LastEvaluatedKey, undefined);
  });
});

describe('ConsumedCapacity', () => {
  const T2 = 'qs_paging_cc';
  before(async () => {
    await createTable(h.db, tableDef(T2, ['pk', 'S'], ['sk', 'N']));
    // 6 items of 1,500 B each (9,000 B): per-item rounding would give 6 units, summing gives 3.
    await putAll(h.db, T2, [...Array(6).keys()].map((i) => ({ pk: S('c'), sk: N(i), keep: { BOOL: i === 0 }, v: S('x'.repeat(1500 - 4 - 2 - 2 - 5 - 5)) })));
  });

  const units = async (extra: Record<string, unknown>, op: 'Query' | 'Scan' = 'Query') => {
    const base = { TableName: T2, ReturnConsumedCapacity: 'TOTAL' as const, ...extra };
    const r =
      op === 'Query'
        ? await h.db.send(new QueryCommand({ KeyConditionExpression: 'pk = :p', ...base, ExpressionAttributeValues: { ':p': S('c'), ...((extra.ExpressionAttributeValues as object) ?? {}) } }))
        : await h.db.send(new ScanCommand(base as any));
    return r.ConsumedCapacity!.CapacityUnits;
  };

  test('Query sums the items read, then rounds up to 4 KB once; eventual reads cost half', async () => {
    assert.equal(await units({}), 1.5);
    assert.equal(await units({ ConsistentRead: true }), 3);
  });

  test('filters, projections and COUNT do not lower the cost', async () => {
    assert.equal(await units({ FilterExpression: 'keep = :k', ExpressionAttributeValues: { ':k': { BOOL: true } } }), 1.5);
    assert.equal(await units({ ProjectionExpression: 'sk' }), 1.5);
    assert.equal(await units({ Select: 'COUNT' }), 1.5);
  });

  test('Scan charges what it evaluated', async () => {
    assert.equal(await units({}, 'Scan'), 1.5);
    assert.equal(await units({ ConsistentRead: true, FilterExpression: 'keep = :k', ExpressionAttributeValues: { ':k': { BOOL: true } } }, 'Scan'), 3);
    assert.equal(await units({ Limit: 1 }, 'Scan'), 0.5);
  });

  test('reading nothing costs nothing (DynamoDB Local), and INDEXES adds the Table member', async () => {
    const r = await h.db.send(
      new QueryCommand({ TableName: T2, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('none') }, ReturnConsumedCapacity: 'INDEXES' }),
    );
    assert.deepEqual(r.ConsumedCapacity, { TableName: T2, CapacityUnits: 0, Table: { CapacityUnits: 0 } });
  });
});
