/**
 * TransactWriteItems through the SDK: all-or-nothing, positional cancellation reasons as the SDK
 * surfaces them, faults that cancel versus faults that reject, the 4 MB payload, the 100-action
 * limit, transactional capacity, item collections. Exact wordings are pinned by test/golden/transact.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DynamoDBServiceException,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type AttributeValue,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { setItemCollectionLimitForTests } from '../../src/ops/common/item-collections.js';
import { createTable, ENGINES, N, S, startFixture, type Fixture } from '../batch/fixture.js';

for (const engine of ENGINES) {
  describe(`TransactWriteItems (${engine})`, () => {
    let f: Fixture;
    before(async () => {
      f = await startFixture(engine);
      await createTable(f.db, 'tw1');
      await createTable(f.db, 'tw2', { sortKey: 'N', gsi: { name: 'byg', attribute: 'g' } });
      await createTable(f.db, 'twl', { sortKey: 'S', lsi: { name: 'byl', attribute: 'l' } });
      await f.db.send(new PutItemCommand({ TableName: 'tw1', Item: { pk: S('a'), n: N(1) } }));
      await f.db.send(new PutItemCommand({ TableName: 'tw1', Item: { pk: S('b'), n: N(2) } }));
    });
    after(() => f?.close());

    const get = async (TableName: string, Key: Record<string, AttributeValue>) =>
      (await f.db.send(new GetItemCommand({ TableName, Key, ConsistentRead: true }))).Item;
    const send = (TransactItems: TransactWriteItem[], extra: Record<string, unknown> = {}) =>
      f.db.send(new TransactWriteItemsCommand({ TransactItems, ...extra }));
    const cancelled = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (err) {
        assert.ok(err instanceof TransactionCanceledException, `expected a cancellation, got ${String(err)}`);
        return err;
      }
      assert.fail('the transaction was not cancelled');
    };

    test('all four actions across tables apply together', async () => {
      const out = await send(
        [
          { Put: { TableName: 'tw1', Item: { pk: S('c'), n: N(3) } } },
          { Update: { TableName: 'tw1', Key: { pk: S('a') }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': N(1) } } },
          { Delete: { TableName: 'tw2', Key: { pk: S('gone'), sk: N(1) } } },
          { ConditionCheck: { TableName: 'tw1', Key: { pk: S('b') }, ConditionExpression: 'n = :two', ExpressionAttributeValues: { ':two': N(2) } } },
          { Put: { TableName: 'tw2', Item: { pk: S('x'), sk: N(1), g: S('idx') } } },
        ],
        { ReturnConsumedCapacity: 'INDEXES' },
      );
      assert.deepEqual(await get('tw1', { pk: S('c') }), { pk: S('c'), n: N(3) });
      assert.deepEqual(await get('tw1', { pk: S('a') }), { pk: S('a'), n: N(2) });
      const byTable = Object.fromEntries(out.ConsumedCapacity!.map((c) => [c.TableName, c]));
      // Two units per item up to 1 KB; the index entry is a transactional write too.
      assert.deepEqual(byTable.tw1, { TableName: 'tw1', CapacityUnits: 6, WriteCapacityUnits: 6, Table: { CapacityUnits: 6, WriteCapacityUnits: 6 } });
      assert.deepEqual(byTable.tw2, {
        TableName: 'tw2',
        CapacityUnits: 6,
        WriteCapacityUnits: 6,
        Table: { CapacityUnits: 4, WriteCapacityUnits: 4 },
        GlobalSecondaryIndexes: { byg: { CapacityUnits: 2, WriteCapacityUnits: 2 } },
      });
    });

    test('a failed condition cancels everything, with reasons in request order', async () => {
      const err = await cancelled(
        send([
          { Put: { TableName: 'tw1', Item: { pk: S('new1') } } },
          {
            ConditionCheck: {
              TableName: 'tw1',
              Key: { pk: S('b') },
              ConditionExpression: 'n = :zero',
              ExpressionAttributeValues: { ':zero': N(0) },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          { Update: { TableName: 'tw1', Key: { pk: S('a') }, UpdateExpression: 'SET z = :z', ExpressionAttributeValues: { ':z': S('z') } } },
          { Delete: { TableName: 'tw1', Key: { pk: S('c') }, ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
        ]),
      );
      assert.equal(
        err.message,
        'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None, ConditionalCheckFailed]',
      );
      assert.deepEqual(err.CancellationReasons, [
        { Code: 'None' },
        { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed.', Item: { pk: S('b'), n: N(2) } },
        { Code: 'None' },
        { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { pk: S('c'), n: N(3) } },
      ]);
      assert.equal(await get('tw1', { pk: S('new1') }), undefined);
      assert.equal((await get('tw1', { pk: S('a') }))?.z, undefined);
      assert.ok(await get('tw1', { pk: S('c') }));
    });

    test('two actions on one item are rejected before anything runs', async () => {
      await assert.rejects(
        send([
          { Put: { TableName: 'tw2', Item: { pk: S('k'), sk: N(1) } } },
          { ConditionCheck: { TableName: 'tw2', Key: { pk: S('k'), sk: N('1.0') }, ConditionExpression: 'attribute_exists(pk)' } },
        ]),
        (err: DynamoDBServiceException) =>
          err.name === 'ValidationException' && err.message === 'Transaction request cannot include multiple operations on one item',
      );
    });

    test('an update that fails at run time rejects the request; one that grows past 400 KB cancels', async () => {
      await assert.rejects(
        send([
          { Put: { TableName: 'tw1', Item: { pk: S('rt') } } },
          { Update: { TableName: 'tw1', Key: { pk: S('a') }, UpdateExpression: 'SET n = nothere + :one', ExpressionAttributeValues: { ':one': N(1) } } },
        ]),
        (err: DynamoDBServiceException) =>
          err.name === 'ValidationException' && err.message === 'The provided expression refers to an attribute that does not exist in the item',
      );
      assert.equal(await get('tw1', { pk: S('rt') }), undefined);
      const err = await cancelled(
        send([
          { Put: { TableName: 'tw1', Item: { pk: S('rt') } } },
          { Update: { TableName: 'tw1', Key: { pk: S('a') }, UpdateExpression: 'SET big = :v', ExpressionAttributeValues: { ':v': S('x'.repeat(409_600)) } } },
        ]),
      );
      assert.deepEqual(err.CancellationReasons, [
        { Code: 'None' },
        { Code: 'ValidationError', Message: 'Item size to update has exceeded the maximum allowed size' },
      ]);
      assert.equal(await get('tw1', { pk: S('rt') }), undefined);
    });

    test('100 actions are accepted; the payload may not pass 4 MB', async () => {
      await send(Array.from({ length: 100 }, (_, i) => ({ Put: { TableName: 'tw1', Item: { pk: S(`h${i}`) } } })));
      assert.ok(await get('tw1', { pk: S('h99') }));
      const items = (n: number) =>
        Array.from({ length: 12 }, (_, i) => ({ Put: { TableName: 'tw1', Item: { pk: S(`m${String(i).padStart(2, '0')}`), v: S('x'.repeat(n)) } } }));
      // 12 × (2 + 3 + 1 + n) bytes of items.
      await send(items(349_519));
      await assert.rejects(send(items(349_520)), (err: DynamoDBServiceException) =>
        err.message === 'Transaction payload size cannot exceed 4MB. Payload Size: 4194312');
    });

    test('a key of the wrong type cancels in its place; an empty key value rejects', async () => {
      const err = await cancelled(
        send([
          { ConditionCheck: { TableName: 'tw1', Key: { pk: S('a') }, ConditionExpression: 'attribute_exists(pk)' } },
          { Delete: { TableName: 'tw1', Key: { pk: N(1) } } },
        ]),
      );
      assert.deepEqual(err.CancellationReasons, [
        { Code: 'None' },
        { Code: 'ValidationError', Message: 'One or more parameter values were invalid: Type mismatch for key' },
      ]);
      await assert.rejects(send([{ Delete: { TableName: 'tw1', Key: { pk: S('') } } }]), (e: DynamoDBServiceException) => e.name === 'ValidationException');
    });

    test('a collection grown past its limit cancels with ItemCollectionSizeLimitExceeded', async () => {
      setItemCollectionLimitForTests(2_000);
      try {
        const err = await cancelled(
          send([
            { Put: { TableName: 'twl', Item: { pk: S('col'), sk: S('1'), l: S('a'), v: S('x'.repeat(900)) } } },
            { Put: { TableName: 'twl', Item: { pk: S('col'), sk: S('2'), l: S('b'), v: S('x'.repeat(900)) } } },
          ]),
        );
        assert.deepEqual(err.CancellationReasons!.map((r) => r.Code), ['None', 'ItemCollectionSizeLimitExceeded']);
        assert.equal(await get('twl', { pk: S('col'), sk: S('1') }), undefined);
      } finally {
        setItemCollectionLimitForTests(undefined);
      }
      const out = await send([{ Put: { TableName: 'twl', Item: { pk: S('col'), sk: S('1'), l: S('a') } } }], { ReturnItemCollectionMetrics: 'SIZE' });
      assert.deepEqual(out.ItemCollectionMetrics, { twl: [{ ItemCollectionKey: { pk: S('col') }, SizeEstimateRangeGB: [0, 1] }] });
    });

    if (engine === 'lmdb') {
      test('a committed transaction survives a restart', async () => {
        await send([
          { Put: { TableName: 'tw1', Item: { pk: S('durable1') } } },
          { Put: { TableName: 'tw2', Item: { pk: S('durable2'), sk: N(1) } } },
        ]);
        await f.restart();
        assert.ok(await get('tw1', { pk: S('durable1') }));
        assert.ok(await get('tw2', { pk: S('durable2'), sk: N(1) }));
      });
    }
  });
}
