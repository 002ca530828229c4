/**
 * The crash test: a real server process (`node dist/src/cli.js --data-dir <tmp>`) takes a stream
 * of concurrent PutItems; every write it acknowledges is recorded; it is killed with SIGKILL
 * (kill -9) mid-stream, restarted on the same directory, and every acknowledged write must be
 * there. Several rounds, so recovery itself is crashed into as well.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { call } from '../helpers/http.js';
import { startCli, stop, type Spawned } from '../helpers/process.js';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 3);
const WORKERS = 48;
const TABLE = 'crash_t';

async function put(url: string, item: Record<string, unknown>): Promise<boolean> {
  try {
    const r = await call(url, 'PutItem', { body: { TableName: TABLE, Item: item } });
    if (r.status === 200) return true;
    // A 4xx/5xx while the server is up is a real failure, not a crash artefact.
    throw new Error(`PutItem answered ${r.status}: ${r.text}`);
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('PutItem answered')) throw err;
    return false; // connection refused/reset: the server is gone, the write is not acknowledged
  }
}

async function getItem(url: string, pk: string): Promise<any> {
  const r = await call(url, 'GetItem', { body: { TableName: TABLE, Key: { pk: { S: pk } }, ConsistentRead: true } });
  assert.equal(r.status, 200, r.text);
  return r.json.Item;
}

async function waitActive(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = await call(url, 'DescribeTable', { body: { TableName: TABLE } });
    if (r.status === 200 && r.json.Table.TableStatus === 'ACTIVE') return;
    await new Promise((res) => setTimeout(res, 100));
  }
  assert.fail('table never became ACTIVE');
}

/** Runs `fn` over `items` with at most `n` at a time. */
async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

describe('crash safety', () => {
  test('every acknowledged PutItem survives kill -9 and restart', { timeout: 180_000 }, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-crash-'));
    /** Unique keys: acknowledged value. */
    const acked = new Map<string, string>();
    /** Per-worker counters overwritten in place: [last acknowledged, last attempted]. */
    const counters = new Map<string, { acked: number; attempted: number }>();
    let server: Spawned | undefined;
    try {
      server = await startCli(['--port', '0', '--data-dir', dir]);
      const created = await call(server.url, 'CreateTable', {
        body: {
          TableName: TABLE,
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        },
      });
      assert.equal(created.status, 200, created.text);
      await waitActive(server.url);

      for (let round = 0; round < ROUNDS; round++) {
        const url = server.url;
        let killed = false;
        const writers = Array.from({ length: WORKERS }, async (_, w) => {
          const counterKey = `counter-${w}`;
          const c = counters.get(counterKey) ?? { acked: 0, attempted: 0 };
          counters.set(counterKey, c);
          for (let i = 0; !killed; i++) {
            const unique = i % 4 !== 3;
            if (unique) {
              const pk = `r${round}-w${w}-${i}`;
              const value = randomBytes(8 + (i % 50) * 20).toString('base64');
              if (!(await put(url, { pk: { S: pk }, v: { S: value }, n: { N: String(i) } }))) return;
              acked.set(pk, value);
            } else {
              const next = c.attempted + 1;
              c.attempted = next;
              if (!(await put(url, { pk: { S: counterKey }, n: { N: String(next) } }))) return;
              c.acked = Math.max(c.acked, next);
            }
          }
        });
        // Let the stream run, then kill -9 in the middle of it.
        const ackedBefore = acked.size;
        const deadline = Date.now() + 5000;
        const minWrites = 300 + Math.floor(Math.random() * 700);
        while (acked.size - ackedBefore < minWrites && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        server.child.kill('SIGKILL');
        killed = true;
        assert.equal(await server.exited, 'SIGKILL');
        await Promise.all(writers);
        assert.ok(acked.size > ackedBefore, `round ${round}: some writes were acknowledged before the kill`);

        server = await startCli(['--port', '0', '--data-dir', dir]);
        await waitActive(server.url);
        const lost: string[] = [];
        const entries = [...acked.entries()];
        const recovered = server.url;
        await pool(entries, 32, async ([pk, value]) => {
          const item = await getItem(recovered, pk);
          if (item?.v?.S !== value) lost.push(pk);
        });
        assert.deepEqual(lost.slice(0, 20), [], `round ${round}: ${lost.length} of ${acked.size} acknowledged items lost or wrong`);
        t.diagnostic(`round ${round}: killed after ${acked.size - ackedBefore} acknowledged writes; all ${acked.size} present after restart`);
        for (const [pk, c] of counters) {
          if (c.attempted === 0) continue;
          const item = await getItem(recovered, pk);
          const n = Number(item?.n?.N ?? 0);
          assert.ok(n >= c.acked && n <= c.attempted, `${pk}: ${n} outside [${c.acked}, ${c.attempted}] after the crash`);
          // What is on disk now is what later writes build on.
          c.acked = n;
          c.attempted = n;
        }
      }
      assert.equal(await stop(server), 0, 'a clean SIGTERM shutdown after the crashes');
      server = undefined;
    } finally {
      if (server) server.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
