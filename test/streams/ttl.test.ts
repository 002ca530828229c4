/**
 * Time to Live end to end: items expire through a real server within the sweep bound, leave a
 * REMOVE record naming the DynamoDB service, and are still readable until swept.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateTimeToLiveCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { startServer } from '../../src/index.js';
import { clients, readStream, suiteClients } from './consumer.js';

const key = (pk: string): Record<string, AttributeValue> => ({ pk: { S: pk } });

async function setUp(c: ReturnType<typeof clients>, table: string): Promise<string> {
  const out = await c.db.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  await c.db.send(new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } }));
  return out.TableDescription!.LatestStreamArn!;
}

describe('the sweeper', () => {
  const c = suiteClients({ ttlSweepIntervalMs: 200, ttlAllowRapidChanges: true });

  const exists = async (table: string, pk: string) =>
    (await c.db.send(new GetItemCommand({ TableName: table, Key: key(pk), ConsistentRead: true }))).Item !== undefined;

  /** Milliseconds until the item is gone (polling), or Infinity after `limitMs`. */
  async function goneAfter(table: string, pk: string, limitMs: number): Promise<number> {
    const start = Date.now();
    while (Date.now() - start < limitMs) {
      if (!(await exists(table, pk))) return Date.now() - start;
      await sleep(25);
    }
    return Infinity;
  }

  test('deletes expired items within ~1 s at a 200 ms sweep, and only those', async () => {
    const arn = await setUp(c, 'ttl_sweep');
    assert.deepEqual((await c.db.send(new DescribeTimeToLiveCommand({ TableName: 'ttl_sweep' }))).TimeToLiveDescription, {
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'exp',
    });
    const nowS = Math.floor(Date.now() / 1000);
    const items: Record<string, Record<string, AttributeValue>> = {
      past: { ...key('past'), exp: { N: String(nowS - 10) } },
      soon: { ...key('soon'), exp: { N: String(nowS + 2) } },
      future: { ...key('future'), exp: { N: String(nowS + 3600) } },
      ancient: { ...key('ancient'), exp: { N: String(nowS - 6 * 365 * 24 * 3600) } },
      string: { ...key('string'), exp: { S: String(nowS - 10) } },
      millis: { ...key('millis'), exp: { N: String(Date.now() + 10_000) } },
      none: key('none'),
    };
    for (const Item of Object.values(items)) await c.db.send(new PutItemCommand({ TableName: 'ttl_sweep', Item }));

    assert.ok((await goneAfter('ttl_sweep', 'past', 3000)) < 1500, 'an expired item goes within about one sweep');
    const soonAt = (nowS + 2) * 1000;
    await goneAfter('ttl_sweep', 'soon', 5000);
    const lag = Date.now() - soonAt;
    assert.ok(lag < 1500, `deleted ${lag} ms after it expired`);
    for (const pk of ['future', 'ancient', 'string', 'millis', 'none']) assert.equal(await exists('ttl_sweep', pk), true, pk);

    const records = await readStream(c.streams, arn);
    const removes = records.filter((r) => r.eventName === 'REMOVE');
    assert.deepEqual(
      removes.map((r) => r.dynamodb!.Keys!.pk!.S),
      ['past', 'soon'],
    );
    for (const r of removes) {
      assert.deepEqual(r.userIdentity, { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' });
      assert.deepEqual(r.dynamodb!.OldImage, items[r.dynamodb!.Keys!.pk!.S!]);
    }
    assert.equal(records.filter((r) => r.eventName === 'INSERT').length, Object.keys(items).length);
  });

  test('disabling TTL stops expiry', async () => {
    await setUp(c, 'ttl_off');
    await c.db.send(new UpdateTimeToLiveCommand({ TableName: 'ttl_off', TimeToLiveSpecification: { Enabled: false, AttributeName: 'exp' } }));
    await c.db.send(new PutItemCommand({ TableName: 'ttl_off', Item: { ...key('x'), exp: { N: String(Math.floor(Date.now() / 1000) - 5) } } }));
    await sleep(600);
    assert.equal(await exists('ttl_off', 'x'), true);
  });
});

test('an expired item is still returned by reads until the sweeper gets to it', async () => {
  const server = await startServer({ port: 0, inMemory: true, ttlSweepIntervalMs: 60_000, ttlAllowRapidChanges: true });
  const c = clients(server.url);
  try {
    await setUp(c, 'ttl_late');
    const Item = { ...key('x'), exp: { N: String(Math.floor(Date.now() / 1000) - 60) } };
    await c.db.send(new PutItemCommand({ TableName: 'ttl_late', Item }));
    assert.deepEqual((await c.db.send(new GetItemCommand({ TableName: 'ttl_late', Key: key('x') }))).Item, Item);
  } finally {
    c.db.destroy();
    c.streams.destroy();
    await server.close();
  }
});

test('with an injected clock, moving time on expires items', async () => {
  let now = Date.now();
  const server = await startServer({ port: 0, inMemory: true, ttlSweepIntervalMs: 50, ttlAllowRapidChanges: true, clock: () => now });
  const c = clients(server.url);
  try {
    await setUp(c, 'ttl_clock');
    const exp = Math.floor(now / 1000) + 24 * 3600;
    await c.db.send(new PutItemCommand({ TableName: 'ttl_clock', Item: { ...key('day'), exp: { N: String(exp) } } }));
    await sleep(200);
    assert.ok((await c.db.send(new GetItemCommand({ TableName: 'ttl_clock', Key: key('day') }))).Item);
    now += 24 * 3600 * 1000 + 1000;
    const start = Date.now();
    while ((await c.db.send(new GetItemCommand({ TableName: 'ttl_clock', Key: key('day') }))).Item && Date.now() - start < 2000) await sleep(20);
    assert.equal((await c.db.send(new GetItemCommand({ TableName: 'ttl_clock', Key: key('day') }))).Item, undefined);
  } finally {
    c.db.destroy();
    c.streams.destroy();
    await server.close();
  }
});
