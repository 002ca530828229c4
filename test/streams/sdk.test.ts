/**
 * DynamoDB Streams end to end: a real server, written to with @aws-sdk/client-dynamodb and
 * consumed with @aws-sdk/client-dynamodb-streams, as an application's tests would.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  PutItemCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  type AttributeValue,
  type StreamViewType,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { startServer } from '../../src/index.js';
import { allShards, clients, readShard, readStream, suiteClients } from './consumer.js';

type Item = Record<string, AttributeValue>;

async function createTable(db: ReturnType<typeof clients>['db'], name: string, viewType?: StreamViewType): Promise<string | undefined> {
  const out = await db.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: viewType ? { StreamEnabled: true, StreamViewType: viewType } : undefined,
    }),
  );
  return out.TableDescription!.LatestStreamArn;
}

/** What a record says, without the parts that differ from run to run. */
const summary = (r: _Record) => ({
  eventName: r.eventName,
  Keys: r.dynamodb!.Keys,
  ...(r.dynamodb!.NewImage ? { NewImage: r.dynamodb!.NewImage } : {}),
  ...(r.dynamodb!.OldImage ? { OldImage: r.dynamodb!.OldImage } : {}),
  SizeBytes: r.dynamodb!.SizeBytes,
});

describe('records for scripted writes', () => {
  const c = suiteClients();

  const a1: Item = { pk: { S: 'a' }, sk: { N: '1' } };
  const one: Item = { ...a1, v: { S: 'one' } };
  const two: Item = { ...a1, v: { S: 'two' }, n: { N: '42' } };
  const b2: Item = { pk: { S: 'b' }, sk: { N: '2' }, l: { L: [{ BOOL: true }, { NULL: true }] } };
  // Item sizes as DynamoDB counts them (names + values; the 1-digit numbers take 2 bytes, "42" 2).
  // A record's SizeBytes is the size of its Keys plus the images it carries (see the golden
  // scenario streams/records.json, recorded from DynamoDB Local).
  const size = { a1: 7, one: 11, two: 14, b2: 15 };

  async function script(table: string): Promise<void> {
    await c.db.send(new PutItemCommand({ TableName: table, Item: one })); // INSERT
    await c.db.send(new PutItemCommand({ TableName: table, Item: one })); // the same item: nothing
    await c.db.send(new PutItemCommand({ TableName: table, Item: two })); // MODIFY
    await c.db.send(new PutItemCommand({ TableName: table, Item: b2 })); // INSERT
    await c.db.send(new DeleteItemCommand({ TableName: table, Key: a1 })); // REMOVE
    await c.db.send(new DeleteItemCommand({ TableName: table, Key: a1 })); // a missing item: nothing
  }

  const expected: Record<StreamViewType, ReturnType<typeof summary>[]> = {
    KEYS_ONLY: [
      { eventName: 'INSERT', Keys: a1, SizeBytes: size.a1 },
      { eventName: 'MODIFY', Keys: a1, SizeBytes: size.a1 },
      { eventName: 'INSERT', Keys: { pk: b2.pk!, sk: b2.sk! }, SizeBytes: size.a1 },
      { eventName: 'REMOVE', Keys: a1, SizeBytes: size.a1 },
    ],
    NEW_IMAGE: [
      { eventName: 'INSERT', Keys: a1, NewImage: one, SizeBytes: size.a1 + size.one },
      { eventName: 'MODIFY', Keys: a1, NewImage: two, SizeBytes: size.a1 + size.two },
      { eventName: 'INSERT', Keys: { pk: b2.pk!, sk: b2.sk! }, NewImage: b2, SizeBytes: size.a1 + size.b2 },
      { eventName: 'REMOVE', Keys: a1, SizeBytes: size.a1 },
    ],
    OLD_IMAGE: [
      { eventName: 'INSERT', Keys: a1, SizeBytes: size.a1 },
      { eventName: 'MODIFY', Keys: a1, OldImage: one, SizeBytes: size.a1 + size.one },
      { eventName: 'INSERT', Keys: { pk: b2.pk!, sk: b2.sk! }, SizeBytes: size.a1 },
      { eventName: 'REMOVE', Keys: a1, OldImage: two, SizeBytes: size.a1 + size.two },
    ],
    NEW_AND_OLD_IMAGES: [
      { eventName: 'INSERT', Keys: a1, NewImage: one, SizeBytes: size.a1 + size.one },
      { eventName: 'MODIFY', Keys: a1, NewImage: two, OldImage: one, SizeBytes: size.a1 + size.two + size.one },
      { eventName: 'INSERT', Keys: { pk: b2.pk!, sk: b2.sk! }, NewImage: b2, SizeBytes: size.a1 + size.b2 },
      { eventName: 'REMOVE', Keys: a1, OldImage: two, SizeBytes: size.a1 + size.two },
    ],
  };

  for (const viewType of Object.keys(expected) as StreamViewType[]) {
    test(viewType, async () => {
      const table = `sdk_${viewType.toLowerCase()}`;
      const arn = (await createTable(c.db, table, viewType))!;
      const before = Date.now();
      await script(table);
      const records = await readStream(c.streams, arn);
      assert.deepEqual(records.map(summary), expected[viewType]);
      const seqs = records.map((r) => BigInt(r.dynamodb!.SequenceNumber!));
      for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i]! > seqs[i - 1]!, 'sequence numbers increase');
      for (const r of records) {
        assert.equal(r.eventVersion, '1.1');
        assert.equal(r.eventSource, 'aws:dynamodb');
        assert.equal(r.awsRegion, 'us-east-1');
        assert.match(r.eventID!, /^[0-9a-f]{32}$/);
        assert.match(r.dynamodb!.SequenceNumber!, /^[0-9]{21}$/);
        assert.equal(r.dynamodb!.StreamViewType, viewType);
        assert.equal(r.userIdentity, undefined);
        const at = r.dynamodb!.ApproximateCreationDateTime!.getTime();
        assert.ok(at >= Math.floor(before / 1000) * 1000 && at <= Date.now(), 'ApproximateCreationDateTime is the write time, to the second');
      }
    });
  }

  test('UpdateItem: MODIFY with both images; an update that changes nothing writes no record', async (t) => {
    const arn = (await createTable(c.db, 'sdk_update', 'NEW_AND_OLD_IMAGES'))!;
    await c.db.send(new PutItemCommand({ TableName: 'sdk_update', Item: one }));
    try {
      await c.db.send(
        new UpdateItemCommand({ TableName: 'sdk_update', Key: a1, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { S: 'one' } } }),
      );
    } catch (err) {
      if ((err as Error).name === 'UnknownOperationException') return t.skip('UpdateItem has not landed yet');
      throw err;
    }
    await c.db.send(
      new UpdateItemCommand({ TableName: 'sdk_update', Key: a1, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { S: 'uno' } } }),
    );
    const records = await readStream(c.streams, arn);
    assert.deepEqual(
      records.map((r) => [r.eventName, r.dynamodb!.OldImage?.v?.S, r.dynamodb!.NewImage?.v?.S]),
      [
        ['INSERT', undefined, 'one'],
        ['MODIFY', 'one', 'uno'],
      ],
    );
  });

  test('a table without a stream has none; disabling keeps the stream readable, re-enabling makes a new one', async () => {
    assert.equal(await createTable(c.db, 'sdk_plain'), undefined);
    assert.deepEqual((await c.streams.send(new ListStreamsCommand({ TableName: 'sdk_plain' }))).Streams, []);

    const arn = (await createTable(c.db, 'sdk_toggle', 'KEYS_ONLY'))!;
    await c.db.send(new PutItemCommand({ TableName: 'sdk_toggle', Item: one }));
    await c.db.send(new UpdateTableCommand({ TableName: 'sdk_toggle', StreamSpecification: { StreamEnabled: false } }));
    await c.db.send(new PutItemCommand({ TableName: 'sdk_toggle', Item: two })); // not recorded
    const table = (await c.db.send(new DescribeTableCommand({ TableName: 'sdk_toggle' }))).Table!;
    assert.equal(table.StreamSpecification, undefined);
    assert.equal(table.LatestStreamArn, arn);
    const d = (await c.streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!;
    assert.equal(d.StreamStatus, 'DISABLED');
    assert.ok(d.Shards![0]!.SequenceNumberRange!.EndingSequenceNumber);
    assert.deepEqual((await readStream(c.streams, arn)).map((r) => r.eventName), ['INSERT']);

    const enabled = await c.db.send(
      new UpdateTableCommand({ TableName: 'sdk_toggle', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } }),
    );
    const arn2 = enabled.TableDescription!.LatestStreamArn!;
    assert.notEqual(arn2, arn);
    await c.db.send(new DeleteItemCommand({ TableName: 'sdk_toggle', Key: a1 }));
    assert.deepEqual((await readStream(c.streams, arn2)).map((r) => r.eventName), ['REMOVE']);
    const listed = (await c.streams.send(new ListStreamsCommand({ TableName: 'sdk_toggle' }))).Streams!.map((s) => s.StreamArn);
    assert.deepEqual(listed, [arn2, arn]);

    // Deleting the table disables its stream, which stays readable.
    await c.db.send(new DeleteTableCommand({ TableName: 'sdk_toggle' }));
    const after = (await c.streams.send(new DescribeStreamCommand({ StreamArn: arn2 }))).StreamDescription!;
    assert.equal(after.StreamStatus, 'DISABLED');
    assert.deepEqual((await readStream(c.streams, arn2)).map((r) => r.eventName), ['REMOVE']);
  });
});

describe('iterators', () => {
  let now = Date.now();
  const c = suiteClients({ clock: () => now });

  test('TRIM_HORIZON, LATEST, AT_ and AFTER_SEQUENCE_NUMBER; paging with Limit', async () => {
    const arn = (await createTable(c.db, 'it_types', 'KEYS_ONLY'))!;
    const put = (sk: number) => c.db.send(new PutItemCommand({ TableName: 'it_types', Item: { pk: { S: 'p' }, sk: { N: String(sk) } } }));
    for (const sk of [1, 2, 3]) await put(sk);
    const [shard] = await allShards(c.streams, arn);
    const shardId = shard!.ShardId!;
    const iterator = async (ShardIteratorType: 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER', SequenceNumber?: string) =>
      (await c.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType, SequenceNumber }))).ShardIterator!;
    const read = async (it: string, Limit?: number) => c.streams.send(new GetRecordsCommand({ ShardIterator: it, Limit }));
    const sks = (rs: _Record[] | undefined) => (rs ?? []).map((r) => r.dynamodb!.Keys!.sk!.N);

    const all = (await read(await iterator('TRIM_HORIZON'))).Records!;
    assert.deepEqual(sks(all), ['1', '2', '3']);
    const latest = await iterator('LATEST');
    await put(4);
    const fromLatest = await read(latest);
    assert.deepEqual(sks(fromLatest.Records), ['4']);
    assert.deepEqual(sks((await read(await iterator('AT_SEQUENCE_NUMBER', all[1]!.dynamodb!.SequenceNumber))).Records), ['2', '3', '4']);
    assert.deepEqual(sks((await read(await iterator('AFTER_SEQUENCE_NUMBER', all[1]!.dynamodb!.SequenceNumber))).Records), ['3', '4']);

    const page1 = await read(await iterator('TRIM_HORIZON'), 3);
    assert.deepEqual(sks(page1.Records), ['1', '2', '3']);
    const page2 = await read(page1.NextShardIterator!, 3);
    assert.deepEqual(sks(page2.Records), ['4']);
    const page3 = await read(page2.NextShardIterator!, 3);
    assert.deepEqual(page3.Records, []);
    assert.ok(page3.NextShardIterator, 'an open shard keeps handing out iterators');
    await put(5);
    assert.deepEqual(sks((await read(page3.NextShardIterator!)).Records), ['5']);
  });

  test('an iterator expires 15 minutes after it was handed out', async () => {
    const arn = (await createTable(c.db, 'it_expiry', 'KEYS_ONLY'))!;
    const [shard] = await allShards(c.streams, arn);
    const it = (await c.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard!.ShardId!, ShardIteratorType: 'TRIM_HORIZON' })))
      .ShardIterator!;
    now += 15 * 60 * 1000;
    const fresh = await c.streams.send(new GetRecordsCommand({ ShardIterator: it }));
    now += 1;
    await assert.rejects(c.streams.send(new GetRecordsCommand({ ShardIterator: it })), (err: unknown) => {
      assert.ok(err instanceof ExpiredIteratorException);
      assert.equal(err.message, 'The provided iterator exceeds the maximum age allowed.');
      return true;
    });
    // Each answer's NextShardIterator starts a new 15 minutes.
    assert.deepEqual((await c.streams.send(new GetRecordsCommand({ ShardIterator: fresh.NextShardIterator }))).Records, []);
  });
});

test('shards roll over; a consumer following ParentShardId reads every record once, in order', async () => {
  const server = await startServer({ port: 0, inMemory: true, streamShardRolloverMs: 150, streamMaintenanceIntervalMs: 20 });
  const c = clients(server.url);
  try {
    const arn = (await createTable(c.db, 'roll', 'NEW_IMAGE'))!;
    for (let i = 0; i < 8; i++) {
      await c.db.send(new PutItemCommand({ TableName: 'roll', Item: { pk: { S: 'p' }, sk: { N: String(i) } } }));
      await sleep(60);
    }
    const shards = await allShards(c.streams, arn);
    assert.ok(shards.length >= 3, `rolled over (${shards.length} shards)`);
    for (let i = 1; i < shards.length; i++) assert.equal(shards[i]!.ParentShardId, shards[i - 1]!.ShardId);
    for (const s of shards.slice(0, -1)) assert.ok(s.SequenceNumberRange!.EndingSequenceNumber, 'closed shards have an end');
    // A closed shard drained to its end answers no NextShardIterator.
    const first = shards[0]!;
    let it = (await c.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: first.ShardId!, ShardIteratorType: 'TRIM_HORIZON' })))
      .ShardIterator;
    let pages = 0;
    while (it && pages++ < 10) it = (await c.streams.send(new GetRecordsCommand({ ShardIterator: it }))).NextShardIterator;
    assert.equal(it, undefined);
    const records = await readStream(c.streams, arn, 2);
    assert.deepEqual(
      records.map((r) => r.dynamodb!.NewImage!.sk!.N),
      ['0', '1', '2', '3', '4', '5', '6', '7'],
    );
  } finally {
    c.db.destroy();
    c.streams.destroy();
    await server.close();
  }
});

test('readShard and the SDK agree on an empty, disabled stream', async () => {
  const server = await startServer({ port: 0, inMemory: true });
  const c = clients(server.url);
  try {
    const arn = (await createTable(c.db, 'empty', 'OLD_IMAGE'))!;
    await c.db.send(new UpdateTableCommand({ TableName: 'empty', StreamSpecification: { StreamEnabled: false } }));
    const [shard] = await allShards(c.streams, arn);
    assert.equal(shard!.SequenceNumberRange!.EndingSequenceNumber, shard!.SequenceNumberRange!.StartingSequenceNumber);
    const out = await c.streams.send(
      new GetRecordsCommand({
        ShardIterator: (await c.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard!.ShardId!, ShardIteratorType: 'LATEST' })))
          .ShardIterator,
      }),
    );
    assert.deepEqual(out.Records, []);
    assert.equal(out.NextShardIterator, undefined);
    assert.deepEqual(await readShard(c.streams, arn, shard!.ShardId!), []);
  } finally {
    c.db.destroy();
    c.streams.destroy();
    await server.close();
  }
});
