/**
 * Read helpers (`--read-helpers`): connections are shared round-robin between the server and its
 * helper processes, and a client must not be able to tell which one answered.
 *
 * Each "connection" below is a keep-alive agent with a single socket, so its requests stay on
 * one process — until it writes an item: then it moves to the server for good. The request id's
 * first 36 characters are a per-process prefix (server/request-id.ts), which shows which process
 * answered.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { connect, createServer, type AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/index.js';
import { answeringProcesses, answeringProcessesOnce, FAKE_AUTH } from '../helpers/http.js';

interface Answer {
  status: number;
  json: any;
  requestId: string;
}

/** One keep-alive connection to the server. */
function connection(url: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(url);
  return {
    call(op: string, body: unknown, { gzip = false } = {}): Promise<Answer> {
      const json = Buffer.from(JSON.stringify(body));
      const payload = gzip ? gzipSync(json) : json;
      return new Promise((resolve, reject) => {
        const req = request(
          {
            agent,
            hostname,
            port,
            method: 'POST',
            path: '/',
            headers: {
              'content-type': 'application/x-amz-json-1.0',
              'content-length': payload.length,
              authorization: FAKE_AUTH,
              'x-amz-target': `DynamoDB_20120810.${op}`,
              ...(gzip ? { 'content-encoding': 'gzip' } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode!,
                json: JSON.parse(Buffer.concat(chunks).toString('utf8')),
                requestId: String(res.headers['x-amzn-requestid']),
              }),
            );
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

/** The per-process part of a request id. */
const processOf = (answer: Answer): string => answer.requestId.slice(0, 36);

/**
 * Requests written to one socket in one go (pipelined), and their answers in the order they came.
 * Answers are read by Content-Length, which the server always sends.
 */
function pipelined(url: string, requests: { op: string; body: unknown }[]): Promise<Answer[]> {
  const { hostname, port } = new URL(url);
  const bytes = requests.map(({ op, body }) => {
    const payload = JSON.stringify(body);
    return (
      `POST / HTTP/1.1\r\nHost: ${hostname}\r\ncontent-type: application/x-amz-json-1.0\r\n` +
      `authorization: ${FAKE_AUTH}\r\nx-amz-target: DynamoDB_20120810.${op}\r\n` +
      `content-length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`
    );
  });
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes.join('')));
    const answers: Answer[] = [];
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffered.subarray(0, end).toString('latin1');
        const length = Number(/content-length: *(\d+)/i.exec(head)![1]);
        if (buffered.length < end + 4 + length) return;
        answers.push({
          status: Number(head.split(' ')[1]),
          json: JSON.parse(buffered.subarray(end + 4, end + 4 + length).toString('utf8')),
          requestId: /x-amzn-requestid: *(\S+)/i.exec(head)![1]!,
        });
        buffered = buffered.subarray(end + 4 + length);
        if (answers.length === requests.length) {
          socket.destroy();
          resolve(answers);
        }
      }
    });
    socket.on('error', reject);
  });
}

const table = (TableName: string, keyType: 'S' | 'N' = 'S') => ({
  TableName,
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: keyType }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
});

describe('read helpers', () => {
  let dir: string;
  let server: RunningServer;
  let owner: ReturnType<typeof connection>;
  let helper: ReturnType<typeof connection>;
  let ownerProcess: string;
  let helperProcess: string;
  const opened: ReturnType<typeof connection>[] = [];

  /** A new connection; the server hands them out in turn (itself, then the helper, …). */
  function open(): ReturnType<typeof connection> {
    const c = connection(server.url);
    opened.push(c);
    return c;
  }

  /** Opens connections until the next one is the helper's: one the server answered itself comes before it. */
  async function nextGoesToHelper(): Promise<void> {
    while (processOf(await open().call('ListTables', {})) !== ownerProcess);
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-helpers-'));
    // No readHelperEntry: the default, the compiled cli.js beside the server module, is under test.
    server = await startServer({ port: 0, dataDir: dir, readHelpers: 1 });
    await server.readHelpersReady;
    // Opened one after the other, so the first lands on the server and the second on the helper.
    owner = open();
    ownerProcess = processOf(await owner.call('ListTables', {}));
    helper = open();
    helperProcess = processOf(await helper.call('ListTables', {}));
    await owner.call('CreateTable', table('rh_items'));
  });
  after(async () => {
    for (const c of opened) c.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('two processes answer, one per connection', async () => {
    assert.equal((await owner.call('ListTables', {})).requestId.length, 52);
    assert.notEqual(ownerProcess, helperProcess);
    assert.equal(processOf(await owner.call('ListTables', {})), ownerProcess);
    // ListTables is not a read the helper answers itself: it forwards it and relays the answer.
    assert.equal(processOf(await helper.call('ListTables', {})), helperProcess);
  });

  test('a write acknowledged on the server is read on the helper, every time', async () => {
    // Other clients keep the helper reading, so that its LMDB snapshot is always a recent one:
    // a helper that did not renew it before each request would answer from before the write.
    const busy = [];
    for (let i = 0; i < 4; i++) {
      const c = open();
      await c.call('ListTables', {});
      busy.push(c);
    }
    let running = true;
    const load = busy.map(async (c) => {
      while (running) await c.call('GetItem', { TableName: 'rh_items', Key: { pk: { S: 'other' } } });
    });
    try {
      for (let i = 0; i < 200; i++) {
        const put = await owner.call('PutItem', { TableName: 'rh_items', Item: { pk: { S: 'k' }, v: { N: String(i) } } });
        assert.equal(put.status, 200);
        const got = await helper.call('GetItem', { TableName: 'rh_items', Key: { pk: { S: 'k' } }, ConsistentRead: true });
        assert.deepEqual(got.json, { Item: { pk: { S: 'k' }, v: { N: String(i) } } }, `round ${i}`);
        assert.equal(processOf(got), helperProcess);
        const scanned = await helper.call('Scan', { TableName: 'rh_items', ScanFilter: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'k' }] } } });
        assert.deepEqual(scanned.json.Items, [{ pk: { S: 'k' }, v: { N: String(i) } }]);
      }
    } finally {
      running = false;
      await Promise.all(load);
    }
  });

  test('a connection that writes moves to the server for good, its write included', async () => {
    await nextGoesToHelper();
    const c = open();
    // Its first request is a write: the helper hands the connection over before answering anything.
    const first = await c.call('PutItem', { TableName: 'rh_items', Item: { pk: { S: 'moved-1' } }, ReturnValues: 'ALL_OLD' });
    assert.deepEqual([first.status, first.json], [200, {}]);
    assert.equal(processOf(first), ownerProcess);
    const read = await c.call('GetItem', { TableName: 'rh_items', Key: { pk: { S: 'moved-1' } } });
    assert.deepEqual(read.json, { Item: { pk: { S: 'moved-1' } } });
    assert.equal(processOf(read), ownerProcess);

    // One that reads first, then writes.
    await nextGoesToHelper();
    const d = open();
    assert.equal(processOf(await d.call('GetItem', { TableName: 'rh_items', Key: { pk: { S: 'moved-1' } } })), helperProcess);
    const update = await d.call('UpdateItem', {
      TableName: 'rh_items',
      Key: { pk: { S: 'moved-1' } },
      UpdateExpression: 'ADD n :one',
      ExpressionAttributeValues: { ':one': { N: '1' } },
      ReturnValues: 'ALL_NEW',
    });
    assert.deepEqual(update.json, { Attributes: { pk: { S: 'moved-1' }, n: { N: '1' } } });
    assert.equal(processOf(update), ownerProcess);
    assert.equal(processOf(await d.call('ListTables', {})), ownerProcess);
    // The helper still answers its other connections.
    assert.equal(processOf(await helper.call('GetItem', { TableName: 'rh_items', Key: { pk: { S: 'moved-1' } } })), helperProcess);
  });

  test('many connections move at once, and every write lands once', async () => {
    await owner.call('CreateTable', table('rh_many'));
    const clients = Array.from({ length: 8 }, () => open());
    await Promise.all(
      clients.map(async (c, n) => {
        for (let i = 0; i < 25; i++) {
          const put = await c.call('PutItem', { TableName: 'rh_many', Item: { pk: { S: `${n}-${i}` } } });
          assert.equal(put.status, 200);
          assert.equal(processOf(put), ownerProcess);
        }
      }),
    );
    const counted = await helper.call('Scan', { TableName: 'rh_many', Select: 'COUNT' });
    assert.equal(counted.json.Count, 200);
  });

  test('a write that cannot be replayed byte for byte is forwarded, and its connection stays', async () => {
    await nextGoesToHelper();
    const c = open();
    // A gzipped body: what the helper holds is the decoded one.
    const put = await c.call('PutItem', { TableName: 'rh_items', Item: { pk: { S: 'zipped' } } }, { gzip: true });
    assert.equal(put.status, 200);
    assert.equal(processOf(put), helperProcess);
    assert.deepEqual((await c.call('GetItem', { TableName: 'rh_items', Key: { pk: { S: 'zipped' } } })).json, { Item: { pk: { S: 'zipped' } } });

    // Pipelined: the write has requests in flight beside it on its connection. (Pipelined
    // requests run side by side, as they do without helpers; only their answers are in order.)
    await nextGoesToHelper();
    const answers = await pipelined(server.url, [
      { op: 'GetItem', body: { TableName: 'rh_items', Key: { pk: { S: 'piped' } } } },
      { op: 'PutItem', body: { TableName: 'rh_items', Item: { pk: { S: 'piped' } } } },
      { op: 'DescribeTable', body: { TableName: 'rh_items' } },
    ]);
    assert.deepEqual(
      answers.map((a) => [a.status, a.json.Table?.TableName ?? a.json, processOf(a)]),
      [
        [200, {}, helperProcess],
        [200, {}, helperProcess],
        [200, 'rh_items', helperProcess],
      ],
    );
    assert.deepEqual((await helper.call('GetItem', { TableName: 'rh_items', Key: { pk: { S: 'piped' } } })).json, { Item: { pk: { S: 'piped' } } });
  });

  test('the helper follows table changes at once: create, delete, re-create with another key type', async () => {
    assert.equal((await owner.call('CreateTable', table('rh_tables'))).status, 200);
    const key = { pk: { S: 'a' } };
    assert.deepEqual((await helper.call('GetItem', { TableName: 'rh_tables', Key: key })).json, {});

    assert.equal((await owner.call('DeleteTable', { TableName: 'rh_tables' })).status, 200);
    const gone = await helper.call('GetItem', { TableName: 'rh_tables', Key: key });
    assert.equal(gone.status, 400);
    assert.equal(gone.json.__type, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');

    assert.equal((await owner.call('CreateTable', table('rh_tables', 'N'))).status, 200);
    const wrongType = await helper.call('GetItem', { TableName: 'rh_tables', Key: key });
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.json.message, 'The provided key element does not match the schema');
    assert.equal(processOf(wrongType), helperProcess);
  });

  test('requests the helper forwards or hands over get the same answers, errors included', async () => {
    await owner.call('CreateTable', table('rh_same'));
    const bad = { TableName: 'rh_same', Item: { pk: { N: '1' } } };
    const viaOwner = await owner.call('PutItem', bad);
    await nextGoesToHelper();
    const viaHelper = await open().call('PutItem', bad);
    assert.equal(viaHelper.status, 400);
    assert.deepEqual(viaHelper.json, viaOwner.json);

    const described = await helper.call('DescribeTable', { TableName: 'rh_same' });
    assert.equal(described.json.Table.TableName, 'rh_same');
    const unknown = await helper.call('NoSuchOperation', {});
    assert.deepEqual(unknown.json, (await owner.call('NoSuchOperation', {})).json);
    assert.equal(processOf(unknown), helperProcess);
  });
});

/** This process's live read helpers: its children started with the helper's environment variable (a zombie's environ reads empty). */
function helperPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === process.pid && readFileSync(`/proc/${pid}/environ`, 'latin1').includes('TESSERA_READ_HELPER=');
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/**
 * Runs `fn` against a server of its own with one ready helper, then closes it; closing must not
 * hang, whatever became of the helpers (Node's listener close never calls back once they are gone).
 */
async function withHelperServer(fn: (server: RunningServer) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-helpers-'));
  const server = await startServer({ port: 0, dataDir: dir, readHelpers: 1 });
  try {
    await server.readHelpersReady;
    await fn(server);
  } finally {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      server.close(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('close() hung')), 10_000))),
    ]).finally(() => clearTimeout(timer));
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('read helpers: one that exits is replaced', () => {
  test('the server forks a new helper, which takes its share of new connections', { skip: process.platform !== 'linux' }, () =>
    withHelperServer(async (server) => {
      const before = await answeringProcesses(server.url);
      assert.equal(before.size, 2);
      const [pid, ...others] = helperPids();
      assert.ok(pid !== undefined && others.length === 0);
      // Clients keep opening connections while the helper dies: each gets an answer or an error
      // (a connection the helper held drops), none is left waiting.
      let opening = true;
      const outcomes: string[] = [];
      const clients = Array.from({ length: 4 }, async () => {
        while (opening) {
          outcomes.push(
            await new Promise<string>((resolve) => {
              const req = request(server.url, { method: 'GET', agent: false, timeout: 5_000 }, (res) => {
                res.resume();
                res.on('end', () => resolve('answered'));
                res.on('error', () => resolve('dropped'));
              });
              req.on('timeout', () => {
                req.destroy();
                resolve('left waiting');
              });
              req.on('error', () => resolve('dropped'));
              req.end();
            }),
          );
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      process.kill(pid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 300));
      opening = false;
      await Promise.all(clients);
      assert.ok(outcomes.includes('answered'));
      assert.ok(!outcomes.includes('left waiting'), `outcomes: ${outcomes.join(', ')}`);

      const now = await answeringProcessesOnce(server.url, (processes) => processes.size === 2 && [...processes].some((p) => !before.has(p)));
      assert.equal(now.size, 2, 'two processes answer again');
      assert.ok([...now].some((p) => !before.has(p)), 'one of them a new helper');
      assert.deepEqual(helperPids().filter((p) => p === pid), []);
    }));
});

describe('read helpers: one that keeps exiting', () => {
  test('is replaced at most three times a minute, and the server still answers and closes', { skip: process.platform !== 'linux' }, () =>
    withHelperServer(async (server) => {
      for (let kill = 1; kill <= 4; kill++) {
        // Only a helper that took connections counts (one that dies starting is a failed start).
        await answeringProcessesOnce(server.url, (processes) => processes.size >= 2);
        const [pid] = helperPids();
        assert.ok(pid !== undefined, `a helper before kill ${kill}`);
        process.kill(pid, 'SIGKILL');
        // Until the server has reaped it (a zombie keeps its /proc entry), it may still hand it connections.
        while (existsSync(`/proc/${pid}`)) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.deepEqual(helperPids(), [], 'the fourth exit within a minute is not replaced');
      assert.equal((await answeringProcesses(server.url)).size, 1);
    }));
});

describe('read helpers: settings', () => {
  test('a port already in use fails the start, helpers and all, without hanging', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const dir = mkdtempSync(join(tmpdir(), 'tessera-helpers-'));
    try {
      const port = (taken.address() as AddressInfo).port;
      await assert.rejects(startServer({ port, dataDir: dir, readHelpers: 1 }), /EADDRINUSE/);
    } finally {
      taken.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refused without a data directory', async () => {
    await assert.rejects(startServer({ port: 0, inMemory: true, readHelpers: 1 }), /need a data directory/);
  });
});
