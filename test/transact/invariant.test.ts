/**
 * The isolation test: many concurrent transfers between accounts (each a TransactWriteItems of a
 * conditional debit and a credit) while concurrent TransactGetItems read every account. Every
 * snapshot a reader sees must add up to the same total, and so must the end state; debits that
 * would overdraw are cancelled, never half applied. On both engines: the durable one commits in
 * groups, which is where a torn transaction would show.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BatchGetItemCommand,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { createTable, ENGINES, N, putAll, S, startFixture, type Fixture } from '../batch/fixture.js';

const ACCOUNTS = 12;
const OPENING = 100;
const TOTAL = ACCOUNTS * OPENING;
const WRITERS = 16;
const TRANSFERS_PER_WRITER = 40;
const READERS = 6;

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const account = (i: number) => ({ pk: S(`acct-${i}`) });

for (const engine of ENGINES) {
  describe(`concurrent transfers keep the total (${engine})`, () => {
    let f: Fixture;
    before(async () => {
      f = await startFixture(engine);
      await createTable(f.db, 'accounts');
      await putAll(f.db, 'accounts', Array.from({ length: ACCOUNTS }, (_, i) => ({ ...account(i), balance: N(OPENING) })));
    });
    after(() => f?.close());

    test(`${WRITERS} writers × ${TRANSFERS_PER_WRITER} transfers, ${READERS} snapshot readers`, async () => {
      let applied = 0;
      let cancelled = 0;
      let writing = true;

      const transfer = async (rnd: () => number) => {
        const from = Math.floor(rnd() * ACCOUNTS);
        let to = Math.floor(rnd() * (ACCOUNTS - 1));
        if (to >= from) to++;
        const amount = 1 + Math.floor(rnd() * 60);
        try {
          await f.db.send(
            new TransactWriteItemsCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: 'accounts',
                    Key: account(from),
                    UpdateExpression: 'SET balance = balance - :a',
                    ConditionExpression: 'balance >= :a',
                    ExpressionAttributeValues: { ':a': N(amount) },
                  },
                },
                {
                  Update: {
                    TableName: 'accounts',
                    Key: account(to),
                    UpdateExpression: 'SET balance = balance + :a',
                    ExpressionAttributeValues: { ':a': N(amount) },
                  },
                },
              ],
            }),
          );
          applied++;
        } catch (err) {
          assert.ok(err instanceof TransactionCanceledException, `unexpected ${String(err)}`);
          assert.deepEqual(
            err.CancellationReasons?.map((r) => r.Code),
            ['ConditionalCheckFailed', 'None'],
          );
          cancelled++;
        }
      };

      const writers = Array.from({ length: WRITERS }, async (_, w) => {
        const rnd = random(w + 1);
        for (let t = 0; t < TRANSFERS_PER_WRITER; t++) await transfer(rnd);
      });

      let snapshots = 0;
      const readers = Array.from({ length: READERS }, async (_, r) => {
        while (writing) {
          // Half the readers use TransactGetItems, half BatchGetItem (one snapshot in Tessera).
          let balances: number[];
          if (r % 2 === 0) {
            const out = await f.db.send(
              new TransactGetItemsCommand({
                TransactItems: Array.from({ length: ACCOUNTS }, (_, i) => ({ Get: { TableName: 'accounts', Key: account(i) } })),
              }),
            );
            balances = out.Responses!.map((x) => Number(x.Item!.balance!.N));
          } else {
            const out = await f.db.send(
              new BatchGetItemCommand({ RequestItems: { accounts: { Keys: Array.from({ length: ACCOUNTS }, (_, i) => account(i)) } } }),
            );
            balances = out.Responses!.accounts!.map((x) => Number(x.balance!.N));
          }
          assert.equal(balances.length, ACCOUNTS);
          assert.equal(balances.reduce((a, b) => a + b, 0), TOTAL, `snapshot ${snapshots} does not add up: ${balances.join(' ')}`);
          for (const b of balances) assert.ok(b >= 0, 'an account was overdrawn');
          snapshots++;
        }
      });

      await Promise.all(writers);
      writing = false;
      await Promise.all(readers);

      assert.equal(applied + cancelled, WRITERS * TRANSFERS_PER_WRITER);
      assert.ok(applied > 0 && snapshots > 0, `applied ${applied}, snapshots ${snapshots}`);
      const end = await f.db.send(
        new TransactGetItemsCommand({
          TransactItems: Array.from({ length: ACCOUNTS }, (_, i) => ({ Get: { TableName: 'accounts', Key: account(i) } })),
        }),
      );
      assert.equal(end.Responses!.reduce((t, x) => t + Number(x.Item!.balance!.N), 0), TOTAL);
    });
  });
}
