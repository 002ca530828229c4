/**
 * Time to Live on its own (no HTTP): UpdateTimeToLive/DescribeTimeToLive rules and the sweeper,
 * with an injected clock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { fixture } from './fixture.js';
import { operations as ttlOps } from '../../src/ops/ttl/index.js';
import { startTtlSweeper } from '../../src/ttl/sweeper.js';
import { itemStorageKey, readItem } from '../../src/ops/common/item-store.js';
import { isExpired, mayBeExpired, FIVE_YEARS_S } from '../../src/ttl/expiry.js';

const ttl = (f: Awaited<ReturnType<typeof fixture>>, op: 'UpdateTimeToLive' | 'DescribeTimeToLive', input: Record<string, unknown>) =>
  ttlOps[op]!(input, f.ctx) as Promise<any>;
const spec = (Enabled: boolean, AttributeName: string) => ({ TableName: 't', TimeToLiveSpecification: { Enabled, AttributeName } });

test('which values expire', () => {
  const now = 2_000_000_000;
  assert.equal(isExpired({ e: { N: String(now - 1) } }, 'e', now), true);
  assert.equal(isExpired({ e: { N: String(now - 0.5) } }, 'e', now), true);
  assert.equal(isExpired({ e: { N: String(now + 1) } }, 'e', now), false);
  assert.equal(isExpired({ e: { N: String(now - FIVE_YEARS_S - 1) } }, 'e', now), false, 'more than five years ago');
  assert.equal(isExpired({ e: { S: String(now - 1) } }, 'e', now), false, 'a string');
  assert.equal(isExpired({ e: { NS: [String(now - 1)] } }, 'e', now), false, 'a set');
  assert.equal(isExpired({ f: { N: String(now - 1) } }, 'e', now), false, 'no attribute');
  // The pre-check on stored JSON lets through every expired item (and may let through others).
  const json = (item: unknown) => JSON.stringify(item);
  assert.equal(mayBeExpired(json({ e: { N: String(now - 1) } }), 'e', now), true);
  assert.equal(mayBeExpired(json({ e: { N: String(now + 1) } }), 'e', now), false);
  assert.equal(mayBeExpired(json({ e: { S: String(now - 1) } }), 'e', now), false);
  assert.equal(mayBeExpired(json({ m: { M: { e: { N: '5' } } }, e: { N: String(now - 1) } }), 'e', now), true);
  assert.equal(mayBeExpired(json({ m: { M: { e: { N: String(now - 1) } } }, e: { N: String(now + 9) } }), 'e', now), true);
  assert.equal(isExpired({ m: { M: { e: { N: String(now - 1) } } }, e: { N: String(now + 9) } }, 'e', now), false, 'a nested one does not count');
  assert.equal(mayBeExpired(json({ 'a"b': { N: String(now - 1) } }), 'a"b', now), true);
});

test('UpdateTimeToLive: statuses, errors, and one change per hour unless rapid changes are allowed', async () => {
  const f = await fixture({ ttlAllowRapidChanges: false });
  try {
    await f.table('t');
    assert.deepEqual(await ttl(f, 'DescribeTimeToLive', { TableName: 't' }), { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } });
    await assert.rejects(ttl(f, 'UpdateTimeToLive', spec(false, 'exp')), { message: 'TimeToLive is already disabled' });
    await assert.rejects(ttl(f, 'DescribeTimeToLive', { TableName: 'nope' }), { type: 'ResourceNotFoundException' });
    assert.deepEqual(await ttl(f, 'UpdateTimeToLive', spec(true, 'exp')), { TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } });
    assert.deepEqual(await ttl(f, 'DescribeTimeToLive', { TableName: 't' }), {
      TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'exp' },
    });
    await assert.rejects(ttl(f, 'UpdateTimeToLive', spec(true, 'exp')), { message: 'TimeToLive is already enabled' });
    await assert.rejects(ttl(f, 'UpdateTimeToLive', spec(true, 'other')), {
      message: 'TimeToLive is active on a different AttributeName: current AttributeName is exp',
    });
    await assert.rejects(ttl(f, 'UpdateTimeToLive', spec(false, 'exp')), {
      type: 'ValidationException',
      message: 'Time to live has been modified multiple times within a fixed interval',
    });
    f.clock.now += 60 * 60 * 1000;
    await ttl(f, 'UpdateTimeToLive', spec(false, 'exp'));
    assert.deepEqual(await ttl(f, 'DescribeTimeToLive', { TableName: 't' }), { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } });
  } finally {
    await f.close();
  }
});

test('delayed transient statuses show ENABLING then ENABLED', async () => {
  const f = await fixture({ ttlAllowRapidChanges: true, delayTransientStatuses: true, transientStatusMs: 500 });
  try {
    await f.table('t');
    await ttl(f, 'UpdateTimeToLive', spec(true, 'exp'));
    assert.equal((await ttl(f, 'DescribeTimeToLive', { TableName: 't' })).TimeToLiveDescription.TimeToLiveStatus, 'ENABLING');
    f.clock.now += 500;
    assert.equal((await ttl(f, 'DescribeTimeToLive', { TableName: 't' })).TimeToLiveDescription.TimeToLiveStatus, 'ENABLED');
    await ttl(f, 'UpdateTimeToLive', spec(false, 'exp'));
    assert.deepEqual(await ttl(f, 'DescribeTimeToLive', { TableName: 't' }), {
      TimeToLiveDescription: { TimeToLiveStatus: 'DISABLING', AttributeName: 'exp' },
    });
  } finally {
    await f.close();
  }
});

test('the sweeper deletes expired items through the write path, with a service REMOVE record', async () => {
  const f = await fixture({ ttlAllowRapidChanges: true, ttlSweepIntervalMs: 20 });
  const sweeper = startTtlSweeper(f.services);
  try {
    const t = await f.table('t', 'NEW_AND_OLD_IMAGES');
    const nowS = Math.floor(f.clock.now / 1000);
    await f.write('t', { pk: { S: 'expired' }, exp: { N: String(nowS - 10) } });
    await f.write('t', { pk: { S: 'later' }, exp: { N: String(nowS + 60) } });
    await f.write('t', { pk: { S: 'ancient' }, exp: { N: String(nowS - FIVE_YEARS_S - 100) } });
    await f.write('t', { pk: { S: 'string' }, exp: { S: String(nowS - 10) } });
    await f.write('t', { pk: { S: 'none' } });
    const present = async (pk: string) =>
      (await f.services.storage.read((r) => readItem(r, itemStorageKey(f.services.catalog.get('ns', 't')!, { pk: { S: pk } })))) !== undefined;

    await sleep(100);
    assert.equal(await present('expired'), true, 'nothing expires before TTL is enabled');
    await ttl(f, 'UpdateTimeToLive', spec(true, 'exp'));
    const started = Date.now();
    while ((await present('expired')) && Date.now() - started < 2000) await sleep(10);
    assert.equal(await present('expired'), false, 'deleted within 2 s');
    for (const pk of ['later', 'ancient', 'string', 'none']) assert.equal(await present(pk), true, pk);

    f.clock.now += 61_000;
    const again = Date.now();
    while ((await present('later')) && Date.now() - again < 2000) await sleep(10);
    assert.equal(await present('later'), false);

    const shardId = (await f.call('DescribeStream', { StreamArn: t.stream!.arn })).StreamDescription.Shards[0].ShardId;
    const it = (await f.call('GetShardIterator', { StreamArn: t.stream!.arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator;
    const records = (await f.call('GetRecords', { ShardIterator: it })).Records;
    const removes = records.filter((r: any) => r.eventName === 'REMOVE');
    assert.deepEqual(removes.map((r: any) => r.dynamodb.Keys.pk.S), ['expired', 'later']);
    for (const r of removes) {
      assert.deepEqual(r.userIdentity, { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' });
      assert.ok(r.dynamodb.OldImage);
    }
    assert.ok(records.filter((r: any) => r.eventName === 'INSERT').every((r: any) => r.userIdentity === undefined));
  } finally {
    await sweeper.stop();
    await f.close();
  }
});
