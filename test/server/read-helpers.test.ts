/**
 * Read helpers (`--read-helpers`): connections are shared round-robin between the server and its
 * helper processes, and a client must not be able to tell which one answered.
 *
 * Each "connection" below is a keep-alive agent with a single socket, so its requests stay on
 * one process; the first connection goes to the server, the second to the helper. The request
 * id's first 36 characters are a per-process prefix (server/request-id.ts), which shows that two
 * different processes did answer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/index.js';
import { FAKE_AUTH } from '../helpers/http.js';

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
    call(op: string, body: unknown): Promise<Answer> {
      const payload = Buffer.from(JSON.stringify(body));
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

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-helpers-'));
    // No readHelperEntry: the default, the compiled cli.js beside the server module, is under test.
    server = await startServer({ port: 0, dataDir: dir, readHelpers: 1 });
    await server.readHelpersReady;
    owner = connection(server.url);
    // Opened one after the other, so the first lands on the server and the second on the helper.
    await owner.call('ListTables', {});
    helper = connection(server.url);
    await helper.call('ListTables', {});
  });
  after(async () => {
    owner?.close();
    helper?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('two processes answer, one per connection', async () => {
    const a = await owner.call('ListTables', {});
    const b = await helper.call('ListTables', {});
    assert.equal(a.requestId.length, 52);
    assert.notEqual(a.requestId.slice(0, 36), b.requestId.slice(0, 36));
    assert.equal((await owner.call('ListTables', {})).requestId.slice(0, 36), a.requestId.slice(0, 36));
  });

  test('a write acknowledged on one connection is read on the other, every time', async () => {
    assert.equal((await owner.call('CreateTable', table('rh_items'))).status, 200);
    // Other clients keep the helper reading, so that its LMDB snapshot is always a recent one:
    // a helper that did not renew it before each request would answer from before the write.
    const busy = [];
    for (let i = 0; i < 4; i++) {
      const c = connection(server.url);
      await c.call('ListTables', {});
      busy.push(c);
    }
    let running = true;
    const load = busy.map(async (c) => {
      while (running) await c.call('GetItem', { TableName: 'rh_items', Key: { pk: { S: 'other' } } });
      c.close();
    });
    try {
      await writeThenRead(200);
    } finally {
      running = false;
      await Promise.all(load);
    }
  });

  async function writeThenRead(rounds: number): Promise<void> {
    for (let i = 0; i < rounds; i++) {
      const [writer, reader] = i % 2 === 0 ? [owner, helper] : [helper, owner];
      const put = await writer.call('PutItem', { TableName: 'rh_items', Item: { pk: { S: 'k' }, v: { N: String(i) } } });
      assert.equal(put.status, 200);
      const got = await reader.call('GetItem', { TableName: 'rh_items', Key: { pk: { S: 'k' } }, ConsistentRead: true });
      assert.deepEqual(got.json, { Item: { pk: { S: 'k' }, v: { N: String(i) } } }, `round ${i}`);
      const scanned = await reader.call('Scan', { TableName: 'rh_items' });
      assert.deepEqual(scanned.json.Items, [{ pk: { S: 'k' }, v: { N: String(i) } }]);
    }
  }

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
  });

  test('requests the helper forwards get the same answers, errors included', async () => {
    await owner.call('CreateTable', table('rh_same'));
    const bad = { TableName: 'rh_same', Item: { pk: { N: '1' } } };
    const viaOwner = await owner.call('PutItem', bad);
    const viaHelper = await helper.call('PutItem', bad);
    assert.equal(viaHelper.status, 400);
    assert.deepEqual(viaHelper.json, viaOwner.json);

    const described = await helper.call('DescribeTable', { TableName: 'rh_same' });
    assert.equal(described.json.Table.TableName, 'rh_same');
    const unknown = await helper.call('NoSuchOperation', {});
    assert.deepEqual(unknown.json, (await owner.call('NoSuchOperation', {})).json);
  });
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
