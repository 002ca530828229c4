/**
 * PartiQL end to end through the AWS SDK v3 against startServer(): statements with SDK-marshalled
 * parameters, errors mapped to the SDK's exception classes, secondary indexes kept by PartiQL
 * writes, 1 MB pages and NextToken, consumed capacity, BatchExecuteStatement's per-statement
 * answers, and ExecuteTransaction's atomicity, reasons, idempotency and isolation under
 * concurrent transfers (the total never changes, whatever a concurrent reader looks at).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchExecuteStatementCommand,
  ConditionalCheckFailedException,
  CreateTableCommand,
  DuplicateItemException,
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
  IdempotentParameterMismatchException,
  QueryCommand,
  TransactionCanceledException,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { sdkServer } from '../helpers/sdk.js';

const env = sdkServer({}, async (db) => {
  await db.send(
    new CreateTableCommand({
      TableName: 'orders',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
        { AttributeName: 'status', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        { IndexName: 'by_status', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await db.send(
    new CreateTableCommand({
      TableName: 'accounts',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});

const run = (Statement: string, Parameters?: AttributeValue[], extra: Record<string, unknown> = {}) =>
  env.db.send(new ExecuteStatementCommand({ Statement, Parameters, ...extra }));

describe('ExecuteStatement', () => {
  test('INSERT, SELECT, UPDATE … RETURNING, DELETE … RETURNING with parameters', async () => {
    await run(`INSERT INTO "orders" VALUE {'pk': ?, 'sk': ?, 'status': 'open', 'total': ?, 'tags': <<'a', 'b'>>}`, [
      { S: 'cust1' },
      { N: '1' },
      { N: '10.50' },
    ]);
    await run(`INSERT INTO orders VALUE {'pk': 'cust1', 'sk': 2, 'status': 'open', 'total': 3}`);
    const read = await run(`SELECT sk, total FROM orders WHERE pk = ? ORDER BY sk DESC`, [{ S: 'cust1' }]);
    assert.deepEqual(read.Items, [
      { sk: { N: '2' }, total: { N: '3' } },
      { sk: { N: '1' }, total: { N: '10.5' } },
    ]);
    const upd = await run(`UPDATE orders SET total = total + ?, tags = set_add(tags, <<'c'>>) WHERE pk = 'cust1' AND sk = 1 RETURNING MODIFIED NEW *`, [
      { N: '1' },
    ]);
    assert.deepEqual(upd.Items, [{ total: { N: '11.5' }, tags: { SS: ['a', 'b', 'c'] } }]);
    const del = await run(`DELETE FROM orders WHERE pk = 'cust1' AND sk = 2 RETURNING ALL OLD *`);
    assert.equal(del.Items?.[0]?.total?.N, '3');
    assert.deepEqual((await run(`SELECT * FROM orders WHERE pk = 'cust1' AND sk = 2`)).Items, []);
  });

  test("errors arrive as the SDK's exception classes", async () => {
    await run(`INSERT INTO orders VALUE {'pk': 'dup', 'sk': 1}`);
    await assert.rejects(run(`INSERT INTO orders VALUE {'pk': 'dup', 'sk': 1}`), (e) => e instanceof DuplicateItemException);
    await assert.rejects(run(`UPDATE orders SET x = 1 WHERE pk = 'dup' AND sk = 99`), (e) => e instanceof ConditionalCheckFailedException);
    await assert.rejects(
      run(`UPDATE orders SET x = 1 WHERE pk = 'dup' AND sk = 1 AND x = 5`, undefined, { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
      (e) => e instanceof ConditionalCheckFailedException && (e.Item as Record<string, AttributeValue>)?.pk?.S === 'dup',
    );
    await assert.rejects(run('SELECT * FROM orders WHERE'), /Statement wasn't well formed, can't be processed: SELECT \* FROM orders WHERE/);
  });

  test('writes keep secondary indexes in step (the one write path)', async () => {
    const byStatus = async (status: string) =>
      (
        await env.db.send(
          new QueryCommand({
            TableName: 'orders',
            IndexName: 'by_status',
            KeyConditionExpression: '#s = :s',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':s': { S: status } },
          }),
        )
      ).Items ?? [];
    await run(`INSERT INTO orders VALUE {'pk': 'idx', 'sk': 1, 'status': 'new'}`);
    assert.equal((await byStatus('new')).length, 1);
    await run(`UPDATE orders SET status = 'shipped' WHERE pk = 'idx' AND sk = 1`);
    assert.equal((await byStatus('new')).length, 0);
    assert.equal((await byStatus('shipped')).filter((i) => i.pk?.S === 'idx').length, 1);
    const viaPartiql = await run(`SELECT pk FROM "orders"."by_status" WHERE status = 'shipped'`);
    assert.ok(viaPartiql.Items?.some((i) => i.pk?.S === 'idx'));
    await run(`DELETE FROM orders WHERE pk = 'idx' AND sk = 1`);
    assert.equal((await byStatus('shipped')).filter((i) => i.pk?.S === 'idx').length, 0);
  });

  test('1 MB pages: a NextToken until every item has been read, in order', async () => {
    const big = 'x'.repeat(100_000);
    for (let i = 0; i < 25; i++) await run(`INSERT INTO orders VALUE {'pk': 'big', 'sk': ?, 'blob': ?}`, [{ N: String(i) }, { S: big }]);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await run(`SELECT sk FROM orders WHERE pk = 'big'`, undefined, { NextToken: token });
      seen.push(...(page.Items ?? []).map((i) => i.sk!.N!));
      token = page.NextToken;
      pages++;
      // As Query: a page stops once it has read 1 MB (the item crossing the limit included).
      if (token) assert.equal(page.Items?.length, 11);
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(
      seen,
      Array.from({ length: 25 }, (_, i) => String(i)),
    );
  });

  test('Limit pages through a Query, a backward Query and a Scan', async () => {
    for (let i = 0; i < 7; i++) await run(`INSERT INTO orders VALUE {'pk': 'lim', 'sk': ${i}}`);
    const all = async (statement: string, limit: number) => {
      const out: string[] = [];
      let token: string | undefined;
      do {
        const page = await run(statement, undefined, { Limit: limit, NextToken: token });
        assert.ok((page.Items?.length ?? 0) <= limit);
        out.push(...(page.Items ?? []).map((i) => `${i.pk!.S}#${i.sk!.N}`));
        token = page.NextToken;
      } while (token);
      return out;
    };
    assert.deepEqual(await all(`SELECT * FROM orders WHERE pk = 'lim'`, 3), [0, 1, 2, 3, 4, 5, 6].map((i) => `lim#${i}`));
    assert.deepEqual(await all(`SELECT * FROM orders WHERE pk = 'lim' ORDER BY sk DESC`, 2), [6, 5, 4, 3, 2, 1, 0].map((i) => `lim#${i}`));
    assert.deepEqual(await all(`SELECT * FROM orders WHERE pk IN ['lim', 'nobody', 'dup'] AND sk < 3`, 2), ['lim#0', 'lim#1', 'lim#2', 'dup#1']);
    const scanned = await all(`SELECT * FROM orders WHERE sk >= 0`, 4);
    const once = await all(`SELECT * FROM orders WHERE sk >= 0`, 1000);
    assert.deepEqual([...scanned].sort(), [...once].sort());
    assert.equal(new Set(scanned).size, scanned.length, 'no item is returned twice');
  });

  test('NextToken that names no position', async () => {
    await assert.rejects(run(`SELECT * FROM orders WHERE pk = 'lim'`, undefined, { NextToken: 'bm9wZQ==' }), /Invalid NextToken/);
  });

  test('ReturnConsumedCapacity', async () => {
    await run(`INSERT INTO orders VALUE {'pk': 'cap', 'sk': 1, 'status': 'x'}`);
    const w = await run(`UPDATE orders SET v = 1 WHERE pk = 'cap' AND sk = 1`, undefined, { ReturnConsumedCapacity: 'INDEXES' });
    assert.equal(w.ConsumedCapacity?.TableName, 'orders');
    assert.equal(w.ConsumedCapacity?.Table?.CapacityUnits, 1);
    assert.equal(w.ConsumedCapacity?.GlobalSecondaryIndexes?.by_status?.CapacityUnits, 1);
    const r = await run(`SELECT * FROM orders WHERE pk = 'cap'`, undefined, { ReturnConsumedCapacity: 'TOTAL', ConsistentRead: true });
    assert.deepEqual(r.ConsumedCapacity, { TableName: 'orders', CapacityUnits: 1 });
    const e = await run(`SELECT * FROM orders WHERE pk = 'cap'`, undefined, { ReturnConsumedCapacity: 'TOTAL' });
    assert.equal(e.ConsumedCapacity?.CapacityUnits, 0.5);
    const none = await run(`SELECT * FROM orders WHERE pk = 'cap'`);
    assert.equal(none.ConsumedCapacity, undefined);
  });
});

describe('BatchExecuteStatement', () => {
  test('reads: one item each, missing ones answered with the table name alone', async () => {
    await run(`INSERT INTO accounts VALUE {'id': 'b1', 'bal': 5}`);
    const out = await env.db.send(
      new BatchExecuteStatementCommand({
        Statements: [
          { Statement: `SELECT bal FROM accounts WHERE id = ?`, Parameters: [{ S: 'b1' }] },
          { Statement: `SELECT * FROM accounts WHERE id = 'none'` },
          { Statement: `SELECT * FROM accounts` },
        ],
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    assert.deepEqual(out.Responses?.[0], { TableName: 'accounts', Item: { bal: { N: '5' } } });
    assert.deepEqual(out.Responses?.[1], { TableName: 'accounts' });
    assert.deepEqual(out.Responses?.[2]?.Error, { Code: 'ValidationError', Message: 'Only single item select is supported' });
    assert.deepEqual(out.ConsumedCapacity, [{ TableName: 'accounts', CapacityUnits: 1 }]);
  });

  test('writes: each on its own, failures in place (a failed condition carries the item when asked)', async () => {
    await run(`INSERT INTO accounts VALUE {'id': 'b0'}`);
    const out = await env.db.send(
      new BatchExecuteStatementCommand({
        Statements: [
          { Statement: `INSERT INTO accounts VALUE {'id': 'b2', 'bal': 1}` },
          { Statement: `UPDATE accounts SET bal = 0 WHERE id = 'b1' AND bal = 99`, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
          { Statement: `INSERT INTO accounts VALUE {'id': 'b0'}` },
          { Statement: `UPDATE accounts SET bal = bal + 1 WHERE id = 'b3'` },
        ],
      }),
    );
    assert.deepEqual(out.Responses?.[0], { TableName: 'accounts' });
    assert.deepEqual(out.Responses?.[1]?.Error, {
      Code: 'ConditionalCheckFailed',
      Message: 'The conditional request failed',
      Item: { id: { S: 'b1' }, bal: { N: '5' } },
    });
    assert.equal(out.Responses?.[2]?.Error?.Code, 'DuplicateItem');
    assert.equal(out.Responses?.[3]?.Error?.Code, 'ConditionalCheckFailed');
    assert.deepEqual((await run(`SELECT bal FROM accounts WHERE id = 'b2'`)).Items, [{ bal: { N: '1' } }]);
  });

  test('reads and writes together are refused as a whole', async () => {
    await assert.rejects(
      env.db.send(
        new BatchExecuteStatementCommand({
          Statements: [{ Statement: `SELECT * FROM accounts WHERE id = 'b1'` }, { Statement: `DELETE FROM accounts WHERE id = 'b1'` }],
        }),
      ),
      /Read and write requests together in the same batch is not supported\./,
    );
  });
});

describe('ExecuteTransaction', () => {
  test('all or nothing, with one reason per statement', async () => {
    await run(`INSERT INTO accounts VALUE {'id': 't1', 'bal': 10}`);
    await run(`INSERT INTO accounts VALUE {'id': 't2', 'bal': 0}`);
    let caught: unknown;
    try {
      await env.db.send(
        new ExecuteTransactionCommand({
          TransactStatements: [
            { Statement: `UPDATE accounts SET bal = bal - 20 WHERE id = 't1' AND bal >= 20`, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
            { Statement: `UPDATE accounts SET bal = bal + 20 WHERE id = 't2'` },
            { Statement: `INSERT INTO accounts VALUE {'id': 't3'}` },
          ],
        }),
      );
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof TransactionCanceledException);
    assert.deepEqual(caught.CancellationReasons, [
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { id: { S: 't1' }, bal: { N: '10' } } },
      { Code: 'None' },
      { Code: 'None' },
    ]);
    const read = await env.db.send(
      new ExecuteTransactionCommand({
        TransactStatements: [
          { Statement: `SELECT bal FROM accounts WHERE id = 't1'` },
          { Statement: `SELECT bal FROM accounts WHERE id = 't2'` },
          { Statement: `SELECT * FROM accounts WHERE id = 't3'` },
        ],
      }),
    );
    assert.deepEqual(read.Responses, [{ Item: { bal: { N: '10' } } }, { Item: { bal: { N: '0' } } }, {}]);
  });

  test('a ClientRequestToken applies a transaction once; another request with it is refused', async () => {
    await run(`INSERT INTO accounts VALUE {'id': 'idem', 'n': 0}`);
    const send = (by: number) =>
      env.db.send(
        new ExecuteTransactionCommand({
          TransactStatements: [{ Statement: `UPDATE accounts SET n = n + ${by} WHERE id = 'idem'` }],
          ClientRequestToken: 'token-partiql-1',
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
    const first = await send(1);
    assert.deepEqual(first.ConsumedCapacity, [{ TableName: 'accounts', CapacityUnits: 2, WriteCapacityUnits: 2 }]);
    await send(1);
    assert.deepEqual((await run(`SELECT n FROM accounts WHERE id = 'idem'`)).Items, [{ n: { N: '1' } }]);
    await assert.rejects(send(2), (e) => e instanceof IdempotentParameterMismatchException);
  });

  test('concurrent transfers never change the total, and concurrent readers always see it whole', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `acct${i}`);
    for (const id of ids) await run(`INSERT INTO accounts VALUE {'id': ?, 'bal': 100}`, [{ S: id }]);
    const total = ids.length * 100;
    let stop = false;
    const reader = (async () => {
      let reads = 0;
      while (!stop) {
        const out = await env.db.send(
          new ExecuteTransactionCommand({ TransactStatements: ids.map((id) => ({ Statement: `SELECT bal FROM accounts WHERE id = ?`, Parameters: [{ S: id }] })) }),
        );
        const sum = (out.Responses ?? []).reduce((s, r) => s + Number(r.Item!.bal!.N), 0);
        assert.equal(sum, total, 'a reader saw part of a transfer');
        reads++;
      }
      return reads;
    })();
    let applied = 0;
    let cancelled = 0;
    const transfers = Array.from({ length: 200 }, async (_, n) => {
      const from = ids[n % ids.length]!;
      const to = ids[(n * 7 + 3) % ids.length]!;
      if (from === to) return;
      const amount = 1 + (n % 30);
      try {
        await env.db.send(
          new ExecuteTransactionCommand({
            TransactStatements: [
              { Statement: `UPDATE accounts SET bal = bal - ? WHERE id = ? AND bal >= ?`, Parameters: [{ N: String(amount) }, { S: from }, { N: String(amount) }] },
              { Statement: `UPDATE accounts SET bal = bal + ? WHERE id = ?`, Parameters: [{ N: String(amount) }, { S: to }] },
            ],
          }),
        );
        applied++;
      } catch (e) {
        if (!(e instanceof TransactionCanceledException)) throw e;
        cancelled++;
      }
    });
    await Promise.all(transfers);
    stop = true;
    const reads = await reader;
    assert.ok(applied > 0 && reads > 0);
    const final = await env.db.send(
      new BatchExecuteStatementCommand({ Statements: ids.map((id) => ({ Statement: `SELECT bal FROM accounts WHERE id = '${id}'` })) }),
    );
    const balances = (final.Responses ?? []).map((r) => Number(r.Item!.bal!.N));
    assert.equal(
      balances.reduce((a, b) => a + b, 0),
      total,
    );
    assert.ok(balances.every((b) => b >= 0), 'a condition let a balance go negative');
    assert.equal(applied + cancelled, transfers.length - countSelfTransfers(ids.length, transfers.length));
  });
});

/** Transfers of the test above whose two accounts coincide (skipped). */
function countSelfTransfers(accounts: number, n: number): number {
  let self = 0;
  for (let i = 0; i < n; i++) if (i % accounts === (i * 7 + 3) % accounts) self++;
  return self;
}
