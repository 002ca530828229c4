/**
 * ClientRequestToken: the same token and request apply once and get the first answer again (its
 * capacity as reads), for 10 minutes after the first request, durably; another request with the
 * token is IdempotentParameterMismatchException; cancelled transactions do not claim tokens.
 * The clock is injected so the 10 minutes can pass instantly.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DynamoDBServiceException,
  GetItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { call } from '../helpers/http.js';
import { openStorage } from '../../src/storage/open.js';
import { defaultConfig } from '../../src/config.js';
import { sweepExpiredTokens, tokenKey, TOKEN_LIFETIME_MS, writeToken } from '../../src/ops/transact/idempotency.js';
import { createTable, ENGINES, N, S, startFixture, type Fixture } from '../batch/fixture.js';

const ADD: TransactWriteItem[] = [
  { Update: { TableName: 'idem', Key: { pk: S('k') }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': N(1) } } },
];

for (const engine of ENGINES) {
  describe(`ClientRequestToken (${engine})`, () => {
    let f: Fixture;
    let now = Date.UTC(2026, 10, 23, 12, 0, 0);
    before(async () => {
      f = await startFixture(engine, { clock: () => now });
      await createTable(f.db, 'idem');
    });
    after(() => f?.close());

    const counter = async () =>
      Number((await f.db.send(new GetItemCommand({ TableName: 'idem', Key: { pk: S('k') }, ConsistentRead: true }))).Item?.n?.N ?? 0);
    const send = (ClientRequestToken: string, TransactItems = ADD, extra: Record<string, unknown> = {}) =>
      f.db.send(new TransactWriteItemsCommand({ TransactItems, ClientRequestToken, ...extra }));

    test('the same token and request apply once; replays answer with read units', async () => {
      const start = await counter();
      const first = await send('t-once', ADD, { ReturnConsumedCapacity: 'TOTAL' });
      assert.deepEqual(first.ConsumedCapacity, [{ TableName: 'idem', CapacityUnits: 2, WriteCapacityUnits: 2 }]);
      const again = await send('t-once', ADD, { ReturnConsumedCapacity: 'INDEXES' });
      assert.deepEqual(again.ConsumedCapacity, [
        { TableName: 'idem', CapacityUnits: 2, ReadCapacityUnits: 2, Table: { CapacityUnits: 2, ReadCapacityUnits: 2 } },
      ]);
      const plain = await send('t-once');
      assert.equal(plain.ConsumedCapacity, undefined);
      assert.equal(await counter(), start + 1);
    });

    test('the order of JSON members does not make another request', async () => {
      const start = await counter();
      const body = (reordered: boolean) => {
        const update = reordered
          ? { ExpressionAttributeValues: { ':one': { N: '1' } }, UpdateExpression: 'ADD n :one', Key: { pk: { S: 'k' } }, TableName: 'idem' }
          : { TableName: 'idem', Key: { pk: { S: 'k' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } };
        return reordered ? { ClientRequestToken: 't-order', TransactItems: [{ Update: update }] } : { TransactItems: [{ Update: update }], ClientRequestToken: 't-order' };
      };
      assert.equal((await call(f.server.url, 'TransactWriteItems', { body: body(false) })).status, 200);
      assert.equal((await call(f.server.url, 'TransactWriteItems', { body: body(true) })).status, 200);
      assert.equal(await counter(), start + 1);
    });

    test('the same token with another request is IdempotentParameterMismatchException', async () => {
      await send('t-mismatch');
      await assert.rejects(
        send('t-mismatch', [{ Update: { ...ADD[0]!.Update!, ExpressionAttributeValues: { ':one': N(2) } } }]),
        (err: DynamoDBServiceException) => err.name === 'IdempotentParameterMismatchException' && err.$metadata.httpStatusCode === 400,
      );
    });

    test('a cancelled transaction leaves its token free', async () => {
      const start = await counter();
      const failing: TransactWriteItem[] = [{ Update: { ...ADD[0]!.Update!, ConditionExpression: 'attribute_not_exists(pk)' } }];
      await assert.rejects(send('t-free', failing), TransactionCanceledException);
      await assert.rejects(send('t-free', failing), TransactionCanceledException);
      await send('t-free');
      assert.equal(await counter(), start + 1);
    });

    test('concurrent requests with one token apply once', async () => {
      const start = await counter();
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => send('t-race')));
      assert.ok(results.every((r) => r.status === 'fulfilled'));
      assert.equal(await counter(), start + 1);
    });

    test('a token is remembered for 10 minutes after its request', async () => {
      const start = await counter();
      await send('t-expiry');
      now += TOKEN_LIFETIME_MS - 1;
      await send('t-expiry');
      assert.equal(await counter(), start + 1);
      now += 2;
      await send('t-expiry');
      assert.equal(await counter(), start + 2, 'after 10 minutes the token is a new request');
      // ...and the second application claimed it again.
      await send('t-expiry');
      assert.equal(await counter(), start + 2);
    });

    test('tokens are scoped to the caller\'s account and region', async () => {
      const start = await counter();
      const body = { TransactItems: [{ Update: { TableName: 'idem', Key: { pk: { S: 'k' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } }], ClientRequestToken: 't-scope' };
      await send('t-scope');
      // Another region is another namespace: its table of that name does not exist there.
      const other = await call(f.server.url, 'TransactWriteItems', {
        body,
        headers: { authorization: 'AWS4-HMAC-SHA256 Credential=fakeKey/20260101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' },
      });
      assert.equal(other.json.__type, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
      assert.equal(await counter(), start + 1);
    });

    if (engine === 'lmdb') {
      test('a token outlives a restart', async () => {
        const start = await counter();
        await send('t-restart');
        await f.restart();
        await send('t-restart');
        assert.equal(await counter(), start + 1);
      });
    }
  });
}

describe('expired token records', () => {
  test('are swept; live ones stay', async () => {
    let now = 1_000_000;
    const config = { ...defaultConfig(), inMemory: true, clock: () => now };
    const storage = await openStorage({ inMemory: true });
    try {
      const record = (expiresAt: number) => ({ fingerprint: 'f', expiresAt, tables: [] });
      await storage.transact((tx) => {
        for (let i = 0; i < 600; i++) writeToken(tx, tokenKey('ns', `old-${i}`), record(now - 1));
        writeToken(tx, tokenKey('ns', 'live'), record(now + 1000));
      });
      assert.equal(await sweepExpiredTokens({ storage, config }), 600);
      assert.ok(await storage.get(tokenKey('ns', 'live')));
      assert.equal(await storage.get(tokenKey('ns', 'old-0')), undefined);
      now += 1000;
      assert.equal(await sweepExpiredTokens({ storage, config }), 1);
    } finally {
      await storage.close();
    }
  });
});
