/**
 * Every write path emits stream records, because every one ends in the one write path
 * (ops/common/item-store.ts): batches, transactions and PartiQL. A test skips itself while its
 * operation has not landed yet (Tessera answers UnknownOperationException for it).
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchExecuteStatementCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { readStream, suiteClients } from './consumer.js';

const c = suiteClients();

async function table(name: string): Promise<string> {
  const out = await c.db.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  return out.TableDescription!.LatestStreamArn!;
}

/** Runs `fn`; false (and the test skipped) when the operation is not implemented yet. */
async function landed(t: TestContext, what: string, fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (err) {
    if ((err as Error).name === 'UnknownOperationException') {
      t.skip(`${what} has not landed yet`);
      return false;
    }
    throw err;
  }
}

const events = async (arn: string) =>
  (await readStream(c.streams, arn)).map((r) => `${r.eventName} ${r.dynamodb!.Keys!.pk!.S}${r.dynamodb!.NewImage?.v ? `=${r.dynamodb!.NewImage.v.S}` : ''}`);

test('BatchWriteItem: one record per put or delete that changed an item', async (t) => {
  const arn = await table('wp_batch');
  await c.db.send(new PutItemCommand({ TableName: 'wp_batch', Item: { pk: { S: 'old' }, v: { S: '1' } } }));
  await c.db.send(new PutItemCommand({ TableName: 'wp_batch', Item: { pk: { S: 'same' }, v: { S: '1' } } }));
  const ok = await landed(t, 'BatchWriteItem', () =>
    c.db.send(
      new BatchWriteItemCommand({
        RequestItems: {
          wp_batch: [
            { PutRequest: { Item: { pk: { S: 'new' }, v: { S: '2' } } } },
            { PutRequest: { Item: { pk: { S: 'same' }, v: { S: '1' } } } },
            { DeleteRequest: { Key: { pk: { S: 'old' } } } },
            { DeleteRequest: { Key: { pk: { S: 'missing' } } } },
          ],
        },
      }),
    ),
  );
  if (!ok) return;
  const got = await events(arn);
  assert.deepEqual(got.slice(0, 2), ['INSERT old=1', 'INSERT same=1']);
  assert.deepEqual(got.slice(2).sort(), ['INSERT new=2', 'REMOVE old']);
});

test('TransactWriteItems: records for each changed item; a cancelled transaction writes none', async (t) => {
  const arn = await table('wp_tx');
  await c.db.send(new PutItemCommand({ TableName: 'wp_tx', Item: { pk: { S: 'a' }, v: { S: '1' } } }));
  const ok = await landed(t, 'TransactWriteItems', () =>
    c.db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'wp_tx', Item: { pk: { S: 'b' }, v: { S: '2' } } } },
          { Update: { TableName: 'wp_tx', Key: { pk: { S: 'a' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { S: '3' } } } },
          { Delete: { TableName: 'wp_tx', Key: { pk: { S: 'none' } } } },
        ],
      }),
    ),
  );
  if (!ok) return;
  await assert.rejects(
    c.db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'wp_tx', Item: { pk: { S: 'c' }, v: { S: '4' } } } },
          { ConditionCheck: { TableName: 'wp_tx', Key: { pk: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    ),
    { name: 'TransactionCanceledException' },
  );
  const got = await events(arn);
  assert.equal(got[0], 'INSERT a=1');
  assert.deepEqual(got.slice(1).sort(), ['INSERT b=2', 'MODIFY a=3']);
});

test('PartiQL: ExecuteStatement, BatchExecuteStatement and ExecuteTransaction write records', async (t) => {
  const arn = await table('wp_partiql');
  const ok = await landed(t, 'ExecuteStatement', () =>
    c.db.send(new ExecuteStatementCommand({ Statement: `INSERT INTO "wp_partiql" VALUE {'pk': 'a', 'v': '1'}` })),
  );
  if (!ok) return;
  await c.db.send(new ExecuteStatementCommand({ Statement: `UPDATE "wp_partiql" SET v = '2' WHERE pk = 'a'` }));
  await c.db.send(new ExecuteStatementCommand({ Statement: `UPDATE "wp_partiql" SET v = '2' WHERE pk = 'a'` })); // no change
  await c.db.send(
    new BatchExecuteStatementCommand({
      Statements: [{ Statement: `INSERT INTO "wp_partiql" VALUE {'pk': 'b', 'v': '3'}` }, { Statement: `DELETE FROM "wp_partiql" WHERE pk = 'a'` }],
    }),
  );
  await c.db.send(
    new ExecuteTransactionCommand({
      TransactStatements: [{ Statement: `UPDATE "wp_partiql" SET v = '4' WHERE pk = 'b'` }],
    }),
  );
  const got = await events(arn);
  assert.deepEqual(got.slice(0, 2), ['INSERT a=1', 'MODIFY a=2']);
  assert.deepEqual(got.slice(2, 4).sort(), ['INSERT b=3', 'REMOVE a']);
  assert.deepEqual(got.slice(4), ['MODIFY b=4']);
});
