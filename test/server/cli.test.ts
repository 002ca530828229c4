/**
 * The command line, by spawning `node dist/src/cli.js`: flags, environment variables, DynamoDB
 * Local's aliases, the ready line, and clean shutdown on SIGINT/SIGTERM.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { answeringProcesses, answeringProcessesOnce, call } from '../helpers/http.js';
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { READY_LINE, REPO, runCli, startCli, stop } from '../helpers/process.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'tessera-cli-'));

async function healthy(url: string): Promise<void> {
  const r = await call(url, '', { method: 'GET' });
  assert.equal(r.status, 200);
  assert.match(r.text, /^healthy: /);
}

/** A port that is free right now. */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('tessera CLI', { concurrency: 4 }, () => {
  test('--port 0 --in-memory prints one parseable ready line and serves requests', async () => {
    const s = await startCli(['--port', '0', '--in-memory']);
    try {
      assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(s.stdout().trim().split('\n').length, 1, s.stdout());
      assert.match(s.stdout(), /in memory/);
      await healthy(s.url);
      const r = await call(s.url, 'ListTables');
      assert.equal(r.status, 200, r.text);
    } finally {
      assert.equal(await stop(s), 0, s.stderr());
    }
  });

  test('SIGINT shuts down cleanly with exit code 0', async () => {
    const s = await startCli(['--port', '0', '--in-memory']);
    assert.equal(await stop(s, 'SIGINT'), 0, s.stderr());
  });

  test('SIGTERM shuts down cleanly with exit code 0, data directory kept', async () => {
    const dir = tmp();
    try {
      const s = await startCli(['--port', '0', '--data-dir', dir]);
      assert.match(s.stdout(), new RegExp(`data in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      await healthy(s.url);
      assert.equal(await stop(s, 'SIGTERM'), 0, s.stderr());
      assert.ok(readdirSync(dir).length > 0, 'the engine wrote its files in --data-dir');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('shutdown waits for a request in flight', async () => {
    const s = await startCli(['--port', '0', '--in-memory']);
    const pending = Array.from({ length: 20 }, () => call(s.url, 'ListTables'));
    s.child.kill('SIGTERM');
    const settled = await Promise.allSettled(pending);
    // Requests either completed or were refused after the listener closed; none got a 5xx.
    for (const r of settled) if (r.status === 'fulfilled') assert.ok(r.value.status < 500, r.value.text);
    assert.equal(await s.exited, 0, `stdout: ${s.stdout()}\nstderr: ${s.stderr()}`);
  });

  test('--port and --host choose the address', async () => {
    const port = await freePort();
    const s = await startCli(['--port', String(port), '--host', '127.0.0.1', '--in-memory']);
    try {
      assert.equal(s.url, `http://127.0.0.1:${port}`);
      await healthy(s.url);
    } finally {
      await stop(s);
    }
  });

  test('PORT and DATA_DIR environment variables', async () => {
    const dir = tmp();
    try {
      const port = await freePort();
      const s = await startCli([], { env: { PORT: String(port), DATA_DIR: dir } });
      try {
        assert.equal(s.url, `http://127.0.0.1:${port}`);
        assert.match(s.stdout(), /data in /);
        await healthy(s.url);
      } finally {
        await stop(s);
      }
      assert.ok(readdirSync(dir).length > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('flags win over environment variables', async () => {
    const port = await freePort();
    const s = await startCli(['--port', String(port), '--in-memory'], { env: { PORT: '1' } });
    try {
      assert.equal(s.url, `http://127.0.0.1:${port}`);
    } finally {
      await stop(s);
    }
  });

  test('--in-memory writes nothing to disk (not even ./data)', async () => {
    const cwd = tmp();
    try {
      const s = await startCli(['--port', '0', '--in-memory'], { cwd });
      await call(s.url, 'ListTables');
      await stop(s);
      assert.deepEqual(readdirSync(cwd), []);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  test('the default data directory is ./data', async () => {
    const cwd = tmp();
    try {
      const s = await startCli(['--port', '0'], { cwd });
      await stop(s);
      assert.ok(existsSync(join(cwd, 'data')), 'data/ created in the working directory');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  test("DynamoDB Local's flags: -port -inMemory -sharedDb -delayTransientStatuses", async () => {
    const port = await freePort();
    const s = await startCli(['-port', String(port), '-inMemory', '-sharedDb', '-delayTransientStatuses']);
    try {
      assert.equal(s.url, `http://127.0.0.1:${port}`);
      await healthy(s.url);
    } finally {
      assert.equal(await stop(s), 0, s.stderr());
    }
  });

  test("DynamoDB Local's -dbPath", async () => {
    const dir = tmp();
    try {
      const s = await startCli(['-port', '0', '-dbPath', dir]);
      await healthy(s.url);
      await stop(s);
      assert.ok(readdirSync(dir).length > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('-sharedDb: every access key and region sees the same tables', async () => {
    const s = await startCli(['--port', '0', '--in-memory', '-sharedDb']);
    try {
      const create = await call(s.url, 'CreateTable', {
        body: {
          TableName: 'shared_t',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        },
      });
      assert.equal(create.status, 200, create.text);
      const other = await call(s.url, 'ListTables', {
        headers: { authorization: 'AWS4-HMAC-SHA256 Credential=otherKey/20260101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' },
      });
      assert.deepEqual(other.json, { TableNames: ['shared_t'] });
    } finally {
      await stop(s);
    }
  });

  test('one process by default; --read-helpers auto adds a helper with data on disk and a second core, none in memory', async () => {
    const answering = async (url: string): Promise<number> => (await answeringProcesses(url)).size;
    const dir = tmp();
    try {
      const plain = await startCli(['--port', '0', '--data-dir', dir]);
      assert.equal(await answering(plain.url), 1);
      assert.equal(await stop(plain, 'SIGTERM'), 0, plain.stderr());

      const auto = await startCli(['--port', '0', '--data-dir', dir, '--read-helpers', 'auto']);
      // Until its helper is ready, the server answers every connection itself.
      const expected = availableParallelism() >= 2 ? 2 : 1;
      const seen = await answeringProcessesOnce(auto.url, (processes) => processes.size >= expected, 10_000);
      assert.equal(seen.size, expected);
      assert.equal(await stop(auto, 'SIGTERM'), 0, auto.stderr());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const memory = await startCli(['--port', '0', '--in-memory'], { env: { READ_HELPERS: 'auto' } });
    assert.equal(await answering(memory.url), 1);
    assert.equal(await stop(memory, 'SIGTERM'), 0, memory.stderr());
  });

  test('SIGTERM with idle keep-alive connections on the server and its helper exits at once', async () => {
    const dir = tmp();
    const agent = new Agent({ keepAlive: true });
    try {
      const s = await startCli(['--port', '0', '--data-dir', dir, '--read-helpers', '1']);
      // Several connections at once, left open and idle: they are spread over both processes.
      const ask = () =>
        new Promise<number>((resolve, reject) =>
          request(s.url, { method: 'GET', agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode!));
          })
            .on('error', reject)
            .end(),
        );
      for (let round = 0; round < 3; round++) assert.deepEqual(await Promise.all(Array.from({ length: 6 }, ask)), Array(6).fill(200));
      const started = Date.now();
      assert.equal(await stop(s, 'SIGTERM', 8000), 0, s.stderr());
      // Far below a keep-alive timeout (65 s): nobody waited for the idle connections to end.
      assert.ok(Date.now() - started < 8000);
    } finally {
      agent.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an invalid number of read helpers exits non-zero with a message', async () => {
    for (const value of ['x', '-1', '1.5', '']) {
      const r = await runCli(['--port', '0', '--in-memory', `--read-helpers=${value}`]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /invalid number of read helpers/);
    }
  });

  test('--help prints the usage and exits 0', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /--port/);
    assert.match(r.stdout, /-dbPath/);
  });

  test('an unknown flag exits non-zero with a message', async () => {
    const r = await runCli(['--no-such-flag']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /no-such-flag/);
  });

  test('an invalid port exits non-zero with a message', async () => {
    for (const port of ['abc', '-1', '70000']) {
      const r = await runCli(['--port', port, '--in-memory']);
      assert.notEqual(r.code, 0, port);
      assert.match(r.stderr, /port/i, port);
    }
  });

  test('a port in use exits non-zero with a message', async () => {
    const s = await startCli(['--port', '0', '--in-memory']);
    try {
      const port = new URL(s.url).port;
      const r = await runCli(['--port', port, '--in-memory']);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /EADDRINUSE|in use/i);
    } finally {
      await stop(s);
    }
  });

  test('npm start -- --port N --data-dir D starts the server exactly like the flags say', async () => {
    const dir = tmp();
    const port = await freePort();
    // A process group of its own, so the whole npm → sh → node chain can be signalled.
    const child = spawn('npm', ['start', '--silent', '--', '--port', String(port), '--data-dir', dir], {
      cwd: REPO,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: undefined, DATA_DIR: undefined },
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      let out = '';
      child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
      const deadline = Date.now() + 20000;
      while (!READY_LINE.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.match(out, READY_LINE);
      assert.equal(READY_LINE.exec(out)![1], `http://127.0.0.1:${port}`);
      await healthy(`http://127.0.0.1:${port}`);
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
      assert.ok(readdirSync(dir).length > 0);
    } finally {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
