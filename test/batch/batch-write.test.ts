/**
 * BatchWriteItem through the SDK: requests across tables applied through the one write path
 * (indexes, item collections), all-or-nothing on a faulty request, the 400 KB boundary, capacity,
 * and durability across a restart on disk. Wordings are pinned by test/golden/batch.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchWriteItemCommand,
  DynamoDBServiceException,
  GetItemCommand,
  ScanCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { createTable, ENGINES, itemOfSize, N, S, startFixture, type Fixture } from './fixture.js';

for (const engine of ENGINES) {
  describe(`BatchWriteItem (${engine})`, () => {
    let f: Fixture;
    before(async () => {
      f = await startFixture(engine);
      await createTable(f.db, 'plain');
      await createTable(f.db, 'indexed', { gsi: { name: 'byg', attribute: 'g' } });
      await createTable(f.db, 'collections', { sortKey: 'S', lsi: { name: 'byl', attribute: 'l' } });
    });
    after(() => f?.close());

    const get = async (TableName: string, pk: string) =>
      (await f.db.send(new GetItemCommand({ TableName, Key: { pk: S(pk) }, ConsistentRead: true }))).Item;

    test('25 requests across tables: applied, indexes kept, UnprocessedItems {}', async () => {
      const plain: WriteRequest[] = Array.from({ length: 15 }, (_, i) => ({ PutRequest: { Item: { pk: S(`p${i}`), n: N(i) } } }));
      const indexed: WriteRequest[] = Array.from({ length: 10 }, (_, i) => ({ PutRequest: { Item: { pk: S(`i${i}`), g: S(i % 2 ? 'odd' : 'even') } } }));
      const out = await f.db.send(new BatchWriteItemCommand({ RequestItems: { plain, indexed }, ReturnConsumedCapacity: 'INDEXES' }));
      assert.deepEqual(out.UnprocessedItems, {});
      const byTable = Object.fromEntries(out.ConsumedCapacity!.map((c) => [c.TableName, c]));
      assert.deepEqual(byTable.plain, { TableName: 'plain', CapacityUnits: 15, Table: { CapacityUnits: 15 } });
      assert.deepEqual(byTable.indexed, {
        TableName: 'indexed',
        CapacityUnits: 20,
        Table: { CapacityUnits: 10 },
        GlobalSecondaryIndexes: { byg: { CapacityUnits: 10 } },
      });
      const index = await f.db.send(new ScanCommand({ TableName: 'indexed', IndexName: 'byg' }));
      assert.equal(index.Count, 10);

      const deletes = await f.db.send(
        new BatchWriteItemCommand({
          RequestItems: {
            plain: [{ DeleteRequest: { Key: { pk: S('p0') } } }, { PutRequest: { Item: { pk: S('p1'), n: N(100) } } }],
            indexed: [{ DeleteRequest: { Key: { pk: S('i0') } } }, { PutRequest: { Item: { pk: S('i1') } } }],
          },
        }),
      );
      assert.deepEqual(deletes.UnprocessedItems, {});
      assert.equal(await get('plain', 'p0'), undefined);
      assert.deepEqual(await get('plain', 'p1'), { pk: S('p1'), n: N(100) });
      // i0 deleted, i1 rewritten without its index key: both leave the index.
      assert.equal((await f.db.send(new ScanCommand({ TableName: 'indexed', IndexName: 'byg' }))).Count, 8);
    });

    test('a faulty request anywhere rejects the whole batch', async () => {
      await assert.rejects(
        f.db.send(
          new BatchWriteItemCommand({
            RequestItems: {
              plain: [{ PutRequest: { Item: { pk: S('ok1') } } }],
              indexed: [{ PutRequest: { Item: { pk: S('ok2') } } }, { PutRequest: { Item: { pk: N(1) } } }],
            },
          }),
        ),
        (err: DynamoDBServiceException) => err.name === 'ValidationException' && err.message === 'The provided key element does not match the schema',
      );
      assert.equal(await get('plain', 'ok1'), undefined);
      assert.equal(await get('indexed', 'ok2'), undefined);
    });

    test('items of exactly 400 KB are accepted, one byte more is not; capacity rounds each item up to 1 KB', async () => {
      const out = await f.db.send(
        new BatchWriteItemCommand({
          RequestItems: { plain: [{ PutRequest: { Item: itemOfSize('max', 409_600) } }, { PutRequest: { Item: itemOfSize('kb', 1025) } }] },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      assert.deepEqual(out.ConsumedCapacity, [{ TableName: 'plain', CapacityUnits: 400 + 2 }]);
      await assert.rejects(
        f.db.send(new BatchWriteItemCommand({ RequestItems: { plain: [{ PutRequest: { Item: itemOfSize('over', 409_601) } }] } })),
        (err: DynamoDBServiceException) => err.message === 'Item size has exceeded the maximum allowed size',
      );
    });

    test('ReturnItemCollectionMetrics SIZE reports each item collection of a table with an LSI', async () => {
      const out = await f.db.send(
        new BatchWriteItemCommand({
          RequestItems: {
            collections: [
              { PutRequest: { Item: { pk: S('c1'), sk: S('a'), l: S('x') } } },
              { PutRequest: { Item: { pk: S('c1'), sk: S('b') } } },
              { PutRequest: { Item: { pk: S('c2'), sk: S('a') } } },
            ],
            plain: [{ PutRequest: { Item: { pk: S('nolsi') } } }],
          },
          ReturnItemCollectionMetrics: 'SIZE',
        }),
      );
      assert.deepEqual(out.ItemCollectionMetrics, {
        collections: [
          { ItemCollectionKey: { pk: S('c1') }, SizeEstimateRangeGB: [0, 1] },
          { ItemCollectionKey: { pk: S('c1') }, SizeEstimateRangeGB: [0, 1] },
          { ItemCollectionKey: { pk: S('c2') }, SizeEstimateRangeGB: [0, 1] },
        ],
      });
    });

    if (engine === 'lmdb') {
      test('a batch is durable once acknowledged (restart on the same data)', async () => {
        await f.db.send(
          new BatchWriteItemCommand({
            RequestItems: { plain: Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { pk: S(`d${i}`), n: N(i) } } })) },
          }),
        );
        await f.restart();
        for (let i = 0; i < 25; i++) assert.deepEqual(await get('plain', `d${i}`), { pk: S(`d${i}`), n: N(i) });
      });
    }
  });
}
