/**
 * TransactGetItems through the SDK: request order, `{}` for missing items, projections, doubled
 * capacity, the 4 MB response cap, and key faults as cancellation reasons.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DynamoDBServiceException,
  TransactGetItemsCommand,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { createTable, ENGINES, itemOfSize, N, putAll, S, startFixture, type Fixture } from '../batch/fixture.js';

for (const engine of ENGINES) {
  describe(`TransactGetItems (${engine})`, () => {
    let f: Fixture;
    before(async () => {
      f = await startFixture(engine);
      await createTable(f.db, 'tg1');
      await createTable(f.db, 'tg2', { sortKey: 'N' });
      await putAll(f.db, 'tg1', [
        { pk: S('a'), n: N(1), m: { M: { x: N(1), y: S('y') } } },
        { pk: S('b'), n: N(2), big: S('x'.repeat(5000)) },
        ...Array.from({ length: 12 }, (_, i) => itemOfSize(`c${String(i).padStart(2, '0')}`, 350_000)),
      ]);
      await putAll(f.db, 'tg2', [{ pk: S('p'), sk: N(1), v: S('one') }]);
    });
    after(() => f?.close());

    test('items in request order, {} for a missing one, projections, two units per 4 KB each', async () => {
      const out = await f.db.send(
        new TransactGetItemsCommand({
          TransactItems: [
            { Get: { TableName: 'tg1', Key: { pk: S('b') }, ProjectionExpression: 'n' } },
            { Get: { TableName: 'tg2', Key: { pk: S('p'), sk: N(1) } } },
            { Get: { TableName: 'tg1', Key: { pk: S('zz') } } },
            { Get: { TableName: 'tg1', Key: { pk: S('a') }, ProjectionExpression: '#m.#x', ExpressionAttributeNames: { '#m': 'm', '#x': 'x' } } },
          ],
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      assert.deepEqual(out.Responses, [
        { Item: { n: N(2) } },
        { Item: { pk: S('p'), sk: N(1), v: S('one') } },
        {},
        { Item: { m: { M: { x: N(1) } } } },
      ]);
      assert.deepEqual(out.ConsumedCapacity, [
        { TableName: 'tg1', CapacityUnits: 4 + 2 + 2, ReadCapacityUnits: 8 },
        { TableName: 'tg2', CapacityUnits: 2, ReadCapacityUnits: 2 },
      ]);
    });

    test('the items returned may not pass 4 MB', async () => {
      const gets = (projection?: string) =>
        Array.from({ length: 12 }, (_, i) => ({
          Get: { TableName: 'tg1', Key: { pk: S(`c${String(i).padStart(2, '0')}`) }, ...(projection ? { ProjectionExpression: projection } : {}) },
        }));
      await assert.rejects(f.db.send(new TransactGetItemsCommand({ TransactItems: gets() })), (err: DynamoDBServiceException) =>
        err.name === 'ValidationException' && err.message === `Payload in response is too large.${12 * (350_000 + 4)}`);
      const small = await f.db.send(new TransactGetItemsCommand({ TransactItems: gets('pk') }));
      assert.equal(small.Responses!.length, 12);
    });

    test('a key that does not fit its table cancels with a ValidationError in its place', async () => {
      try {
        await f.db.send(
          new TransactGetItemsCommand({
            TransactItems: [
              { Get: { TableName: 'tg1', Key: { pk: S('a') } } },
              { Get: { TableName: 'tg2', Key: { pk: S('p') } } },
            ],
          }),
        );
        assert.fail('not cancelled');
      } catch (err) {
        assert.ok(err instanceof TransactionCanceledException);
        assert.deepEqual(err.CancellationReasons, [{ Code: 'None' }, { Code: 'ValidationError', Message: 'The number of conditions on the keys is invalid' }]);
      }
    });

    test('two Gets of one item are rejected', async () => {
      await assert.rejects(
        f.db.send(
          new TransactGetItemsCommand({
            TransactItems: [
              { Get: { TableName: 'tg2', Key: { pk: S('p'), sk: N(1) } } },
              { Get: { TableName: 'tg2', Key: { sk: N('1.00'), pk: S('p') } } },
            ],
          }),
        ),
        (err: DynamoDBServiceException) => err.message === 'Transaction request cannot include multiple operations on one item',
      );
    });
  });
}
