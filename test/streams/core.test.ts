/**
 * The streams module on its own (no HTTP, no CreateTable): records from the write path, shards,
 * iterators, trimming and rollover, with an injected clock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './fixture.js';
import { maintainStream } from '../../src/streams/maintenance.js';
import { decodeIterator, encodeIterator } from '../../src/streams/iterator.js';

const HOUR = 60 * 60 * 1000;

async function readAll(f: Awaited<ReturnType<typeof fixture>>, arn: string, shardId: string, type = 'TRIM_HORIZON') {
  const { ShardIterator } = await f.call('GetShardIterator', { StreamArn: arn, ShardId: shardId, ShardIteratorType: type });
  const out = await f.call('GetRecords', { ShardIterator });
  return out;
}

test('writes produce INSERT/MODIFY/REMOVE in order; no-op writes produce nothing', async () => {
  const f = await fixture();
  try {
    const t = await f.table('t', 'NEW_AND_OLD_IMAGES');
    await f.write('t', { pk: { S: 'a' }, v: { N: '1' } });
    await f.write('t', { pk: { S: 'a' }, v: { N: '1' } }); // same item
    await f.write('t', { pk: { S: 'a' }, v: { N: '2' } });
    await f.write('t', undefined, { pk: { S: 'a' } });
    await f.write('t', undefined, { pk: { S: 'a' } }); // missing item
    const d = await f.call('DescribeStream', { StreamArn: t.stream!.arn });
    assert.equal(d.StreamDescription.StreamStatus, 'ENABLED');
    assert.equal(d.StreamDescription.Shards.length, 1);
    const shard = d.StreamDescription.Shards[0];
    assert.match(shard.ShardId, /^shardId-\d{20}-[0-9a-f]{8}$/);
    const out = await readAll(f, t.stream!.arn!, shard.ShardId);
    assert.deepEqual(
      out.Records.map((r: any) => [r.eventName, r.dynamodb.OldImage?.v?.N, r.dynamodb.NewImage?.v?.N, r.dynamodb.SizeBytes]),
      [
        ['INSERT', undefined, '1', 9],
        ['MODIFY', '1', '2', 15],
        ['REMOVE', '2', undefined, 9],
      ],
    );
    const seqs = out.Records.map((r: any) => r.dynamodb.SequenceNumber);
    assert.ok(seqs.every((s: string) => /^\d{21}$/.test(s)));
    assert.deepEqual([...seqs].sort(), seqs);
    assert.equal(new Set(seqs).size, 3);
    assert.ok(out.NextShardIterator);
    const r = out.Records[0];
    assert.equal(r.eventVersion, '1.1');
    assert.equal(r.eventSource, 'aws:dynamodb');
    assert.equal(r.awsRegion, 'us-east-1');
    assert.match(r.eventID, /^[0-9a-f]{32}$/);
    assert.equal(r.userIdentity, undefined);
  } finally {
    await f.close();
  }
});

test('LATEST and AFTER_SEQUENCE_NUMBER / AT_SEQUENCE_NUMBER positions', async () => {
  const f = await fixture();
  try {
    const t = await f.table('t', 'KEYS_ONLY');
    const arn = t.stream!.arn!;
    await f.write('t', { pk: { S: '1' } });
    await f.write('t', { pk: { S: '2' } });
    const shardId = (await f.call('DescribeStream', { StreamArn: arn })).StreamDescription.Shards[0].ShardId;
    const latest = await f.call('GetShardIterator', { StreamArn: arn, ShardId: shardId, ShardIteratorType: 'LATEST' });
    await f.write('t', { pk: { S: '3' } });
    const fromLatest = await f.call('GetRecords', { ShardIterator: latest.ShardIterator });
    assert.deepEqual(fromLatest.Records.map((r: any) => r.dynamodb.Keys.pk.S), ['3']);
    const all = (await readAll(f, arn, shardId)).Records;
    const second = all[1].dynamodb.SequenceNumber;
    const at = await f.call('GetShardIterator', { StreamArn: arn, ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: second });
    assert.deepEqual((await f.call('GetRecords', { ShardIterator: at.ShardIterator })).Records.map((r: any) => r.dynamodb.Keys.pk.S), ['2', '3']);
    const after = await f.call('GetShardIterator', { StreamArn: arn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: second });
    assert.deepEqual((await f.call('GetRecords', { ShardIterator: after.ShardIterator })).Records.map((r: any) => r.dynamodb.Keys.pk.S), ['3']);
    // Limit and NextShardIterator
    const first = await f.call('GetRecords', { ShardIterator: (await f.call('GetShardIterator', { StreamArn: arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator, Limit: 2 });
    assert.equal(first.Records.length, 2);
    const rest = await f.call('GetRecords', { ShardIterator: first.NextShardIterator });
    assert.deepEqual(rest.Records.map((r: any) => r.dynamodb.Keys.pk.S), ['3']);
    const empty = await f.call('GetRecords', { ShardIterator: rest.NextShardIterator });
    assert.deepEqual(empty.Records, []);
    assert.ok(empty.NextShardIterator, 'an open shard always continues');
  } finally {
    await f.close();
  }
});

test('iterators expire after 15 minutes; tampered ones are invalid', async () => {
  const f = await fixture();
  try {
    const t = await f.table('t', 'KEYS_ONLY');
    const arn = t.stream!.arn!;
    const shardId = (await f.call('DescribeStream', { StreamArn: arn })).StreamDescription.Shards[0].ShardId;
    const { ShardIterator } = await f.call('GetShardIterator', { StreamArn: arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' });
    assert.ok(ShardIterator.startsWith(`${arn}|1|`));
    f.clock.now += 15 * 60 * 1000;
    const ok = await f.call('GetRecords', { ShardIterator });
    f.clock.now += 1;
    await assert.rejects(f.call('GetRecords', { ShardIterator }), { type: 'ExpiredIteratorException' });
    // The NextShardIterator of the last good call was issued later and is still fine.
    await f.call('GetRecords', { ShardIterator: ok.NextShardIterator });
    const decoded = decodeIterator(ShardIterator)!;
    const forged = encodeIterator({ ...decoded, position: 0 }).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    await assert.rejects(f.call('GetRecords', { ShardIterator: forged }), { type: 'ValidationException', message: 'Invalid ShardIterator' });
  } finally {
    await f.close();
  }
});

test('disabling closes the shard: drained reads end with no NextShardIterator; DISABLED for 24 h, then gone', async () => {
  const f = await fixture();
  try {
    const t = await f.table('t', 'NEW_IMAGE');
    const arn = t.stream!.arn!;
    await f.write('t', { pk: { S: 'a' } });
    await f.write('t', { pk: { S: 'b' } });
    await f.disable('t');
    await f.write('t', { pk: { S: 'c' } });
    const d = (await f.call('DescribeStream', { StreamArn: arn })).StreamDescription;
    assert.equal(d.StreamStatus, 'DISABLED');
    const shard = d.Shards[0];
    assert.ok(shard.SequenceNumberRange.EndingSequenceNumber);
    const first = await f.call('GetRecords', { ShardIterator: (await f.call('GetShardIterator', { StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator, Limit: 1 });
    assert.ok(first.NextShardIterator);
    const second = await f.call('GetRecords', { ShardIterator: first.NextShardIterator });
    assert.deepEqual(second.Records.map((r: any) => r.dynamodb.Keys.pk.S), ['b']);
    assert.equal(second.NextShardIterator, undefined);
    assert.equal(shard.SequenceNumberRange.EndingSequenceNumber, second.Records[0].dynamodb.SequenceNumber);
    f.clock.now += 24 * HOUR;
    await assert.rejects(f.call('DescribeStream', { StreamArn: arn }), { type: 'ResourceNotFoundException' });
    await maintainStream(f.services, t.stream!.streamId!);
    assert.deepEqual((await f.call('ListStreams', {})).Streams, []);
  } finally {
    await f.close();
  }
});

test('shards roll over: the child names its parent and every record is read exactly once', async () => {
  const f = await fixture({ streamShardRolloverMs: HOUR });
  try {
    const t = await f.table('t', 'KEYS_ONLY');
    const arn = t.stream!.arn!;
    await f.write('t', { pk: { S: '1' } });
    f.clock.now += HOUR;
    await maintainStream(f.services, t.stream!.streamId!);
    await f.write('t', { pk: { S: '2' } });
    f.clock.now += HOUR;
    await maintainStream(f.services, t.stream!.streamId!);
    const shards = (await f.call('DescribeStream', { StreamArn: arn })).StreamDescription.Shards;
    assert.equal(shards.length, 3);
    assert.equal(shards[0].ParentShardId, undefined);
    assert.equal(shards[1].ParentShardId, shards[0].ShardId);
    assert.equal(shards[2].ParentShardId, shards[1].ShardId);
    assert.ok(shards[0].SequenceNumberRange.EndingSequenceNumber);
    assert.equal(shards[2].SequenceNumberRange.EndingSequenceNumber, undefined);
    const keys: string[] = [];
    for (const s of shards) {
      let it = (await f.call('GetShardIterator', { StreamArn: arn, ShardId: s.ShardId, ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator;
      while (it) {
        const out = await f.call('GetRecords', { ShardIterator: it });
        keys.push(...out.Records.map((r: any) => r.dynamodb.Keys.pk.S));
        if (out.Records.length === 0) break;
        it = out.NextShardIterator;
      }
    }
    assert.deepEqual(keys, ['1', '2']);
    // Paging DescribeStream, and the CHILD_SHARDS filter.
    const page = (await f.call('DescribeStream', { StreamArn: arn, Limit: 2 })).StreamDescription;
    assert.equal(page.Shards.length, 2);
    assert.equal(page.LastEvaluatedShardId, shards[1].ShardId);
    const next = (await f.call('DescribeStream', { StreamArn: arn, ExclusiveStartShardId: page.LastEvaluatedShardId })).StreamDescription;
    assert.deepEqual(next.Shards.map((s: any) => s.ShardId), [shards[2].ShardId]);
    assert.equal(next.LastEvaluatedShardId, undefined);
    const children = (await f.call('DescribeStream', { StreamArn: arn, ShardFilter: { Type: 'CHILD_SHARDS', ShardId: shards[0].ShardId } })).StreamDescription;
    assert.deepEqual(children.Shards.map((s: any) => s.ShardId), [shards[1].ShardId]);
  } finally {
    await f.close();
  }
});

test('records older than 24 hours are trimmed; reading from before the trim point is TrimmedDataAccessException', async () => {
  const f = await fixture({ streamShardRolloverMs: 100 * HOUR });
  try {
    const t = await f.table('t', 'KEYS_ONLY');
    const arn = t.stream!.arn!;
    await f.write('t', { pk: { S: 'old' } });
    const shardId = (await f.call('DescribeStream', { StreamArn: arn })).StreamDescription.Shards[0].ShardId;
    const early = await f.call('GetShardIterator', { StreamArn: arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' });
    const oldSeq = (await f.call('GetRecords', { ShardIterator: early.ShardIterator })).Records[0].dynamodb.SequenceNumber;
    f.clock.now += 25 * HOUR;
    await maintainStream(f.services, t.stream!.streamId!);
    await f.write('t', { pk: { S: 'new' } });
    // Written after the clock moved: stamped with the moved time, so not trimmed.
    await maintainStream(f.services, t.stream!.streamId!);
    await assert.rejects(
      f.call('GetShardIterator', { StreamArn: arn, ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: oldSeq }),
      { type: 'TrimmedDataAccessException' },
    );
    const horizon = await readAll(f, arn, shardId);
    assert.deepEqual(horizon.Records.map((r: any) => r.dynamodb.Keys.pk.S), ['new']);
    // An iterator positioned before the trimmed record (issued within 15 minutes) fails too.
    const stale = decodeIterator(early.ShardIterator)!;
    const replay = encodeIterator({ ...stale, issuedAt: f.clock.now });
    await assert.rejects(f.call('GetRecords', { ShardIterator: replay }), { type: 'TrimmedDataAccessException' });
  } finally {
    await f.close();
  }
});

test('ListStreams lists newest first, by table, paged', async () => {
  const f = await fixture();
  try {
    await f.table('a1', 'KEYS_ONLY');
    f.clock.now += 10;
    await f.table('b1', 'KEYS_ONLY');
    f.clock.now += 10;
    await f.table('c1', 'KEYS_ONLY');
    await f.table('plain');
    const all = await f.call('ListStreams', {});
    assert.deepEqual(all.Streams.map((s: any) => s.TableName), ['c1', 'b1', 'a1']);
    const p1 = await f.call('ListStreams', { Limit: 2 });
    assert.deepEqual(p1.Streams.map((s: any) => s.TableName), ['c1', 'b1']);
    const p2 = await f.call('ListStreams', { Limit: 2, ExclusiveStartStreamArn: p1.LastEvaluatedStreamArn });
    assert.deepEqual(p2.Streams.map((s: any) => s.TableName), ['a1']);
    assert.equal(p2.LastEvaluatedStreamArn, undefined);
    assert.deepEqual((await f.call('ListStreams', { TableName: 'b1' })).Streams.map((s: any) => s.TableName), ['b1']);
  } finally {
    await f.close();
  }
});

test('GetRecords stops at 1 MB (but always returns at least one record)', async () => {
  const f = await fixture();
  try {
    const t = await f.table('t', 'NEW_AND_OLD_IMAGES');
    const big = 'x'.repeat(300 * 1024);
    for (let i = 0; i < 3; i++) await f.write('t', { pk: { S: String(i) }, big: { S: big } });
    const shardId = (await f.call('DescribeStream', { StreamArn: t.stream!.arn })).StreamDescription.Shards[0].ShardId;
    const first = await readAll(f, t.stream!.arn!, shardId);
    assert.deepEqual(first.Records.map((r: any) => r.dynamodb.Keys.pk.S), ['0', '1', '2'], '3 × 300 KB fit');
    await f.write('t', { pk: { S: '0' }, big: { S: `${big}y` } }); // a MODIFY carrying two images: ~600 KB
    await f.write('t', { pk: { S: '1' }, big: { S: `${big}y` } });
    const it = (await f.call('GetShardIterator', { StreamArn: t.stream!.arn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: first.Records[2].dynamodb.SequenceNumber })).ShardIterator;
    const page = await f.call('GetRecords', { ShardIterator: it });
    assert.equal(page.Records.length, 1);
    const rest = await f.call('GetRecords', { ShardIterator: page.NextShardIterator });
    assert.equal(rest.Records.length, 1);
  } finally {
    await f.close();
  }
});
