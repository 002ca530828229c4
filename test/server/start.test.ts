/**
 * The programmatic API: startServer({ port, dataDir, inMemory }) → { url, port, close() }.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/index.js';
import { call } from '../helpers/http.js';

const createTable = (url: string, TableName: string) =>
  call(url, 'CreateTable', {
    body: {
      TableName,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    },
  });

describe('startServer', () => {
  test('port 0 picks a free port; url and port agree', async () => {
    const a = await startServer({ port: 0, inMemory: true });
    const b = await startServer({ port: 0, inMemory: true });
    try {
      assert.notEqual(a.port, b.port);
      assert.equal(a.url, `http://127.0.0.1:${a.port}`);
      assert.equal((await call(a.url, 'ListTables')).status, 200);
      assert.equal((await call(b.url, 'ListTables')).status, 200);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('two in-memory servers are independent', async () => {
    const a = await startServer({ port: 0, inMemory: true });
    const b = await startServer({ port: 0, inMemory: true });
    try {
      assert.equal((await createTable(a.url, 'only_in_a')).status, 200);
      assert.deepEqual((await call(b.url, 'ListTables')).json, { TableNames: [] });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('close() is idempotent and stops listening', async () => {
    const s = await startServer({ port: 0, inMemory: true });
    await call(s.url, 'ListTables');
    await Promise.all([s.close(), s.close()]);
    await s.close();
    await assert.rejects(call(s.url, 'ListTables'));
  });

  test('close() lets a request in flight finish', async () => {
    const s = await startServer({ port: 0, inMemory: true });
    const pending = Promise.all(Array.from({ length: 10 }, () => call(s.url, 'ListTables')));
    await new Promise((r) => setImmediate(r));
    const closing = s.close();
    const results = await pending.catch(() => undefined);
    await closing;
    if (results) for (const r of results) assert.equal(r.status, 200);
  });

  test('with dataDir, tables survive a close and reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-start-'));
    try {
      const first = await startServer({ port: 0, dataDir: dir });
      assert.equal((await createTable(first.url, 'kept')).status, 200);
      await first.close();
      assert.ok(readdirSync(dir).length > 0);
      const second = await startServer({ port: 0, dataDir: dir });
      try {
        assert.deepEqual((await call(second.url, 'ListTables')).json, { TableNames: ['kept'] });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('inMemory writes nothing, even when a dataDir is given', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'tessera-start-'));
    const dir = join(parent, 'unused');
    try {
      const s = await startServer({ port: 0, inMemory: true, dataDir: dir });
      await createTable(s.url, 't_mem');
      await s.close();
      assert.equal(existsSync(dir), false);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  test('a port in use rejects, and releases the data directory', async () => {
    const s = await startServer({ port: 0, inMemory: true });
    const dir = mkdtempSync(join(tmpdir(), 'tessera-start-'));
    try {
      await assert.rejects(startServer({ port: s.port, dataDir: dir }), /EADDRINUSE/);
      const ok = await startServer({ port: 0, dataDir: dir });
      assert.equal((await createTable(ok.url, 'after_failed_start')).status, 200);
      await ok.close();
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
