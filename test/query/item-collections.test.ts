/**
 * Item collections of tables with local secondary indexes: ReturnItemCollectionMetrics on writes
 * and the per-partition size limit (lowered here so a test can reach it; 10 GB in service).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { setItemCollectionLimitForTests } from '../../src/ops/common/item-collections.js';
import { itemSize } from '../../src/model/size.js';
import type { Item as ModelItem } from '../../src/model/types.js';
import { N, S, createTable, rejects, startHarness, tableDef, type Harness } from './helpers.js';

let h: Harness;
const T = 'qs_collections';
const PLAIN = 'qs_collections_plain';

before(async () => {
  h = await startHarness();
  await createTable(
    h.db,
    tableDef(T, ['pk', 'S'], ['sk', 'N'], {
      attributes: [['l', 'S']],
      LocalSecondaryIndexes: [{ IndexName: 'by_l', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'l', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
    }),
  );
  await createTable(h.db, tableDef(PLAIN, ['pk', 'S'], ['sk', 'N']));
});
after(async () => {
  setItemCollectionLimitForTests(undefined);
  await h.close();
});

const METRICS = (pk: string) => ({ ItemCollectionKey: { pk: S(pk) }, SizeEstimateRangeGB: [0, 1] });

describe('ReturnItemCollectionMetrics', () => {
  test('PutItem, UpdateItem and DeleteItem report the collection of a table with LSIs', async () => {
    const put = await h.db.send(new PutItemCommand({ TableName: T, Item: { pk: S('m'), sk: N(1), l: S('x') }, ReturnItemCollectionMetrics: 'SIZE' }));
    assert.deepEqual(put.ItemCollectionMetrics, METRICS('m'));
    const upd = await h.db.send(
      new UpdateItemCommand({ TableName: T, Key: { pk: S('m'), sk: N(1) }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': S('v') }, ReturnItemCollectionMetrics: 'SIZE' }),
    );
    assert.deepEqual(upd.ItemCollectionMetrics, METRICS('m'));
    const del = await h.db.send(new DeleteItemCommand({ TableName: T, Key: { pk: S('m'), sk: N(1) }, ReturnItemCollectionMetrics: 'SIZE' }));
    assert.deepEqual(del.ItemCollectionMetrics, METRICS('m'));
  });

  test('not without SIZE, and not for a table without LSIs', async () => {
    const none = await h.db.send(new PutItemCommand({ TableName: T, Item: { pk: S('m'), sk: N(2) }, ReturnItemCollectionMetrics: 'NONE' }));
    assert.equal(none.ItemCollectionMetrics, undefined);
    const plain = await h.db.send(new PutItemCommand({ TableName: PLAIN, Item: { pk: S('m'), sk: N(2) }, ReturnItemCollectionMetrics: 'SIZE' }));
    assert.equal(plain.ItemCollectionMetrics, undefined);
  });
});

describe('item collection size limit', () => {
  test('a write that would grow a collection past the limit fails; shrinking and other collections still work', async () => {
    // Each item counts twice: in the table and in the ALL-projected LSI. Room for exactly five.
    const item = (sk: number) => ({ pk: S('big'), sk: N(sk), l: S('l'), v: S('v'.repeat(1000)) });
    setItemCollectionLimitForTests(5 * 2 * itemSize(item(1) as ModelItem));
    for (let i = 1; i <= 5; i++) await h.db.send(new PutItemCommand({ TableName: T, Item: item(i) }));
    await rejects(() => h.db.send(new PutItemCommand({ TableName: T, Item: item(6) })), 'ItemCollectionSizeLimitExceededException', 'Collection size exceeded');
    // Growing an existing item is refused too; replacing it with a smaller one is not.
    await rejects(
      () => h.db.send(new UpdateItemCommand({ TableName: T, Key: { pk: S('big'), sk: N(1) }, UpdateExpression: 'SET w = :w', ExpressionAttributeValues: { ':w': S('w') } })),
      'ItemCollectionSizeLimitExceededException',
      'Collection size exceeded',
    );
    await h.db.send(new UpdateItemCommand({ TableName: T, Key: { pk: S('big'), sk: N(1) }, UpdateExpression: 'REMOVE v' }));
    await h.db.send(new PutItemCommand({ TableName: T, Item: { pk: S('other'), sk: N(1), v: S('v'.repeat(1000)) } }));
    // Deleting makes room again.
    await h.db.send(new DeleteItemCommand({ TableName: T, Key: { pk: S('big'), sk: N(2) } }));
    await h.db.send(new PutItemCommand({ TableName: T, Item: item(6) }));
    // The table without LSIs has no such limit.
    for (let i = 1; i <= 8; i++) await h.db.send(new PutItemCommand({ TableName: PLAIN, Item: item(i) as any }));
  });
});

describe('item collection counters', () => {
  test('are dropped with their table', async () => {
    const { MemoryEngine } = await import('../../src/storage/memory.js');
    const { Catalog } = await import('../../src/catalog/catalog.js');
    const { defaultConfig } = await import('../../src/config.js');
    const { dynamodbOperations } = await import('../../src/ops/index.js');
    const { lifecycleOf } = await import('../../src/ops/tables/lifecycle.js');
    const { collectionCountersPrefix } = await import('../../src/ops/common/item-collections.js');
    const { prefixRange } = await import('../../src/storage/keys.js');
    const storage = new MemoryEngine();
    const catalog = new Catalog(storage);
    const services = { storage, catalog, config: defaultConfig() };
    const ctx = { services, region: 'us-east-1', accountId: '000000000000', accessKeyId: 'fakeKey', namespace: 'ns', requestId: 'r' };
    const op = (name: string, input: unknown) => dynamodbOperations[name]!(input as Record<string, unknown>, ctx);
    const counters = async (id: number) => storage.read(async (r) => [...(r.range(prefixRange(collectionCountersPrefix(id))) as Iterable<unknown>)].length);
    try {
      await op('CreateTable', tableDef('qs_collections_drop', ['pk', 'S'], ['sk', 'N'], { attributes: [['l', 'S']], LocalSecondaryIndexes: [{ IndexName: 'by_l', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'l', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } }] }));
      for (const pk of ['a', 'b', 'c']) await op('PutItem', { TableName: 'qs_collections_drop', Item: { pk: S(pk), sk: N(1), l: S('l') } });
      const id = catalog.get('ns', 'qs_collections_drop')!.id;
      assert.equal(await counters(id), 3);
      await op('DeleteTable', { TableName: 'qs_collections_drop' });
      for (let i = 0; i < 200 && (await catalog.pendingDrops()).length > 0; i++) await new Promise((r) => setTimeout(r, 5));
      assert.equal(await counters(id), 0);
    } finally {
      await lifecycleOf(services).stop();
      await storage.close();
    }
  });
});
