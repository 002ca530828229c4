/**
 * BatchGetItem through the SDK: the 16 MiB cut-off and paging UnprocessedKeys to completion (the
 * client's side of the contract), read parameters carried into UnprocessedKeys, capacity, and
 * reading from one snapshot. Error wordings are pinned by the golden scenarios (test/golden/batch).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchGetItemCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
  type BatchGetItemCommandInput,
  type BatchGetItemCommandOutput,
  type KeysAndAttributes,
} from '@aws-sdk/client-dynamodb';
import { createTable, ENGINES, itemOfSize, N, putAll, S, startFixture, type Fixture } from './fixture.js';

for (const engine of ENGINES) {
  describe(`BatchGetItem (${engine})`, () => {
    let f: Fixture;
    before(async () => {
      f = await startFixture(engine);
      await createTable(f.db, 'big');
      await createTable(f.db, 'small', { sortKey: 'N' });
      // 60 items of 350 KiB: DynamoDB Local returns 46 of them, then 14 unprocessed keys.
      await putAll(f.db, 'big', Array.from({ length: 60 }, (_, i) => itemOfSize(`a${String(i).padStart(2, '0')}`, 350 * 1024)));
      await putAll(f.db, 'small', Array.from({ length: 40 }, (_, i) => ({ pk: S('p'), sk: N(i), n: N(i * 10) })));
    });
    after(() => f?.close());

    const bigKeys = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => ({ pk: S(`a${String(from + i).padStart(2, '0')}`) }));

    test('60 items of 350 KiB: 46 returned, the other 14 unprocessed with the read parameters', async () => {
      const out = await f.db.send(
        new BatchGetItemCommand({
          RequestItems: {
            big: { Keys: bigKeys(0, 60), ConsistentRead: true, ProjectionExpression: '#p', ExpressionAttributeNames: { '#p': 'pk' } },
          },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      assert.equal(out.Responses!.big!.length, 46);
      const again = out.UnprocessedKeys!.big!;
      assert.equal(again.Keys!.length, 14);
      assert.equal(again.ConsistentRead, true);
      assert.equal(again.ProjectionExpression, '#p');
      assert.deepEqual(again.ExpressionAttributeNames, { '#p': 'pk' });
      // The projection does not shrink what counts towards 16 MiB, nor the units.
      const got = new Set([...out.Responses!.big!.map((i) => i.pk!.S), ...again.Keys!.map((k) => k.pk!.S)]);
      assert.equal(got.size, 60);
      assert.equal(out.ConsumedCapacity![0]!.CapacityUnits, 46 * Math.ceil((350 * 1024) / 4096));
    });

    test('paging UnprocessedKeys to completion returns every item exactly once', async () => {
      const seen: string[] = [];
      let request: Record<string, KeysAndAttributes> | undefined = {
        big: { Keys: bigKeys(0, 60) },
        small: { Keys: Array.from({ length: 40 }, (_, i) => ({ pk: S('p'), sk: N(i) })), ProjectionExpression: 'sk' },
      };
      let rounds = 0;
      let smallSeen = 0;
      while (request && Object.keys(request).length > 0) {
        const out: BatchGetItemCommandOutput = await f.db.send(new BatchGetItemCommand({ RequestItems: request } as BatchGetItemCommandInput));
        rounds++;
        for (const item of out.Responses?.big ?? []) seen.push(item.pk!.S!);
        smallSeen += (out.Responses?.small ?? []).length;
        for (const item of out.Responses?.small ?? []) assert.deepEqual(Object.keys(item), ['sk']);
        request = out.UnprocessedKeys;
      }
      assert.equal(rounds, 2);
      assert.equal(seen.length, 60);
      assert.equal(new Set(seen).size, 60);
      assert.equal(smallSeen, 40);
    });

    test('the cut-off is 16 MiB of whole items: 47 of 356,962 bytes fit, 47 of 356,963 do not', async () => {
      await createTable(f.db, 'edge');
      const fit = Array.from({ length: 47 }, (_, i) => itemOfSize(`f${String(i).padStart(2, '0')}`, 356_962));
      const over = Array.from({ length: 47 }, (_, i) => itemOfSize(`o${String(i).padStart(2, '0')}`, 356_963));
      await putAll(f.db, 'edge', [...fit, ...over]);
      const read = async (items: Record<string, AttributeValue>[]) =>
        f.db.send(new BatchGetItemCommand({ RequestItems: { edge: { Keys: items.map((i) => ({ pk: i.pk! })), ProjectionExpression: 'pk' } } }));
      const a = await read(fit);
      assert.equal(a.Responses!.edge!.length, 47);
      assert.deepEqual(a.UnprocessedKeys, {});
      const b = await read(over);
      assert.equal(b.Responses!.edge!.length, 46);
      assert.equal(b.UnprocessedKeys!.edge!.Keys!.length, 1);
    });

    test('missing keys are left out and cost nothing; every table named has an entry', async () => {
      const out = await f.db.send(
        new BatchGetItemCommand({
          RequestItems: {
            small: { Keys: [{ pk: S('p'), sk: N(1) }, { pk: S('p'), sk: N(999) }, { pk: S('q'), sk: N(1) }] },
            big: { Keys: [{ pk: S('nope') }] },
          },
          ReturnConsumedCapacity: 'INDEXES',
        }),
      );
      assert.deepEqual(out.Responses, { small: [{ pk: S('p'), sk: N(1), n: N(10) }], big: [] });
      const byTable = Object.fromEntries(out.ConsumedCapacity!.map((c) => [c.TableName, c]));
      assert.deepEqual(byTable.small, { TableName: 'small', CapacityUnits: 0.5, Table: { CapacityUnits: 0.5 } });
      assert.deepEqual(byTable.big, { TableName: 'big', CapacityUnits: 0, Table: { CapacityUnits: 0 } });
    });

    test('reads all keys from one snapshot: a transfer is never seen half done', async () => {
      await createTable(f.db, 'pair');
      await putAll(f.db, 'pair', [
        { pk: S('x'), n: N(100) },
        { pk: S('y'), n: N(0) },
      ]);
      let running = true;
      const mover = (async () => {
        let i = 0;
        while (running) {
          const [from, to] = i++ % 2 === 0 ? ['x', 'y'] : ['y', 'x'];
          await f.db.send(
            new TransactWriteItemsCommand({
              TransactItems: [
                { Update: { TableName: 'pair', Key: { pk: S(from) }, UpdateExpression: 'SET n = n - :v', ExpressionAttributeValues: { ':v': N(100) } } },
                { Update: { TableName: 'pair', Key: { pk: S(to) }, UpdateExpression: 'SET n = n + :v', ExpressionAttributeValues: { ':v': N(100) } } },
              ],
            }),
          );
        }
      })();
      try {
        for (let r = 0; r < 100; r++) {
          const out = await f.db.send(new BatchGetItemCommand({ RequestItems: { pair: { Keys: [{ pk: S('x') }, { pk: S('y') }] } } }));
          const total = out.Responses!.pair!.reduce((t, i) => t + Number(i.n!.N), 0);
          assert.equal(total, 100);
        }
      } finally {
        running = false;
        await mover;
      }
    });
  });
}
