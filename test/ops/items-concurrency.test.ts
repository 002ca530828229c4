/**
 * A condition and its write are one atomic step: concurrent writers to one item behave as if
 * they ran one at a time. Run on both engines — the durable one groups commits, which is exactly
 * where a lost update would hide.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { startServer, type RunningServer } from '../../src/index.js';
import { client } from '../helpers/sdk.js';

for (const engine of ['memory', 'lmdb'] as const) {
  describe(`concurrent writes to one item (${engine})`, () => {
    let server: RunningServer;
    let db: DynamoDBClient;
    let dir: string | undefined;

    before(async () => {
      dir = engine === 'lmdb' ? await mkdtemp(join(tmpdir(), 'tessera-conc-')) : undefined;
      server = await startServer({ port: 0, inMemory: engine === 'memory', dataDir: dir });
      db = client(server.url);
      await db.send(
        new CreateTableCommand({
          TableName: 'counters',
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    });
    after(async () => {
      db?.destroy();
      await server?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    test('200 concurrent ADD increments give exactly 200', async () => {
      await Promise.all(
        Array.from({ length: 200 }, () =>
          db.send(
            new UpdateItemCommand({
              TableName: 'counters',
              Key: { pk: { S: 'add' } },
              UpdateExpression: 'ADD n :one',
              ExpressionAttributeValues: { ':one': { N: '1' } },
            }),
          ),
        ),
      );
      const got = await db.send(new GetItemCommand({ TableName: 'counters', Key: { pk: { S: 'add' } }, ConsistentRead: true }));
      assert.deepEqual(got.Item?.n, { N: '200' });
    });

    test('optimistic read-check-increment: successes equal the final value', async () => {
      // Each writer reads v and then asks to set v+1 only if v is still what it read; every
      // success must be visible in the final value, and no two writers may win the same v.
      let successes = 0;
      let conflicts = 0;
      const writer = async () => {
        for (let attempt = 0; attempt < 5; attempt++) {
          const got = await db.send(new GetItemCommand({ TableName: 'counters', Key: { pk: { S: 'cas' } }, ConsistentRead: true }));
          const v = Number(got.Item?.v?.N ?? '0');
          try {
            await db.send(
              new UpdateItemCommand({
                TableName: 'counters',
                Key: { pk: { S: 'cas' } },
                UpdateExpression: 'SET v = :next',
                ConditionExpression: v === 0 ? 'attribute_not_exists(v)' : 'v = :cur',
                ExpressionAttributeValues: v === 0 ? { ':next': { N: '1' } } : { ':next': { N: String(v + 1) }, ':cur': { N: String(v) } },
              }),
            );
            successes++;
          } catch (err) {
            if (!(err instanceof ConditionalCheckFailedException)) throw err;
            conflicts++;
          }
        }
      };
      await Promise.all(Array.from({ length: 40 }, writer));
      const got = await db.send(new GetItemCommand({ TableName: 'counters', Key: { pk: { S: 'cas' } }, ConsistentRead: true }));
      assert.equal(Number(got.Item?.v?.N), successes);
      assert.equal(successes + conflicts, 200);
      assert.ok(conflicts > 0, 'the test should provoke conflicts');
    });
  });
}
