import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LmdbEngine } from '../../src/storage/lmdb.js';
import { LmdbWriter } from '../../src/storage/lmdb-writer.js';
import { openStorage } from '../../src/storage/open.js';
import { LMDB_FILE, openLmdb } from '../../src/storage/lmdb-env.js';
import { storageConformance } from './conformance.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-lmdb-'));
  dirs.push(dir);
  return dir;
}
after(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

storageConformance('lmdb', async () => openStorage({ dataDir: await tempDir() }));

describe('lmdb engine', () => {
  it('creates the data directory and keeps data across reopening', async () => {
    const dir = join(await tempDir(), 'nested', 'data');
    const first = await openStorage({ dataDir: dir });
    await first.transact((tx) => {
      tx.put(Buffer.from('kept'), 'yes');
      tx.put(Buffer.from('gone'), 'soon');
    });
    await first.transact((tx) => tx.delete(Buffer.from('gone')));
    await first.close();
    assert.ok(existsSync(join(dir, LMDB_FILE)));

    const second = await openStorage({ dataDir: dir });
    try {
      assert.equal(await second.get(Buffer.from('kept')), 'yes');
      assert.equal(await second.get(Buffer.from('gone')), undefined);
    } finally {
      await second.close();
    }
  });

  it('fails commits, rather than hanging them, once the writer thread is gone', async () => {
    const dir = await tempDir();
    const db = await openLmdb(dir);
    const writer = new LmdbWriter(dir);
    await writer.commit(new Map([[Buffer.from('k').toString('latin1'), 'v']]));
    await writer.close();
    await assert.rejects(writer.commit(new Map([['k', null]])), /writer thread exited/);
    assert.equal(db.get(Buffer.from('k')), 'v');
    await db.close();
  });

  it('applies none of a group that LMDB refuses, nor anything sent after it until recover', async () => {
    const dir = await tempDir();
    const db = await openLmdb(dir);
    const writer = new LmdbWriter(dir);
    try {
      // A key past LMDB's limit: the engine never sends one, so it stands in for any failed commit.
      const refused = new Map([
        ['partOfRefused', 'kept?'],
        ['x'.repeat(5000), 'too long'],
      ]);
      // Sent together, so the thread may take them as one LMDB transaction: the group before the
      // refused one must still commit, and the one behind it (built on it) must not.
      const outcomes = await Promise.allSettled([
        writer.commit(new Map([['before', 'yes']])),
        writer.commit(refused),
        writer.commit(new Map([['behind', 'no']])),
      ]);
      assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'rejected']);
      writer.recover();
      await writer.commit(new Map([['afterRecover', 'yes']]));
      db.resetReadTxn();
      assert.equal(db.get(Buffer.from('before')), 'yes');
      assert.equal(db.get(Buffer.from('partOfRefused')), undefined);
      assert.equal(db.get(Buffer.from('behind')), undefined);
      assert.equal(db.get(Buffer.from('afterRecover')), 'yes');
    } finally {
      await writer.close();
      await db.close();
    }
  });

  it('commits many concurrent transactions per LMDB transaction', async () => {
    const dir = await tempDir();
    const db = await openLmdb(dir);
    const engine = new LmdbEngine(db, new LmdbWriter(dir));
    try {
      const before = db.getStats() as { lastTxnId: number };
      await Promise.all(
        Array.from({ length: 256 }, (_, i) => engine.transact((tx) => tx.put(Buffer.from(`g${i}`), String(i)))),
      );
      const commits = (db.getStats() as { lastTxnId: number }).lastTxnId - before.lastTxnId;
      assert.ok(commits <= 32, `256 transactions took ${commits} commits`);
    } finally {
      await engine.close();
    }
  });

  it('keeps every acknowledged transaction, whole, when the process is killed', async () => {
    const dir = await tempDir();
    const script = fileURLToPath(new URL('./fixtures/crash-writer.js', import.meta.url));
    const child = fork(script, [dir], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    const acknowledged: number[] = [];
    let buffered = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) acknowledged.push(Number(line));
      if (acknowledged.length >= 2000 && !child.killed) child.kill('SIGKILL');
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (code, signal) => resolve([code, signal])),
    );
    assert.equal(signal, 'SIGKILL', `writer exited with code ${code} before it was killed`);
    assert.ok(acknowledged.length >= 2000);

    const engine = await openStorage({ dataDir: dir });
    try {
      for (const id of acknowledged) {
        const value = await engine.get(Buffer.from(`a/${id}`));
        assert.ok(value?.startsWith(`value-${id}-`), `acknowledged transaction ${id} is missing`);
        assert.equal(await engine.get(Buffer.from(`b/${id}`)), value);
      }
      // Unacknowledged transactions may or may not have landed, but never in part.
      const [as, bs] = await engine.read(async (r) => {
        const count = async (prefix: string) => {
          const ids = new Set<string>();
          for await (const [key] of r.range({ gte: Buffer.from(prefix), lt: Buffer.from(`${prefix}\xff`, 'latin1') })) {
            ids.add(key.toString().slice(2));
          }
          return ids;
        };
        return [await count('a/'), await count('b/')];
      });
      assert.deepEqual(as, bs);
      assert.ok(as.size >= acknowledged.length);
    } finally {
      await engine.close();
    }
  });
});
