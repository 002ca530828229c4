/**
 * Stream records are durable: they commit with the item change, so a `kill -9` loses neither, and
 * after a restart the stream continues with greater sequence numbers and old iterators still work.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { startCli, stop } from '../helpers/process.js';
import { allShards, clients, readStream } from './consumer.js';

test('records survive kill -9; the stream continues after the restart', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-streams-'));
  const args = ['--port', '0', '--data-dir', dir];
  let server = await startCli(args);
  let c = clients(server.url);
  try {
    const created = await c.db.send(
      new CreateTableCommand({
        TableName: 'durable',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
    const arn = created.TableDescription!.LatestStreamArn!;
    // Each PutItem is acknowledged only once durable, record included.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => c.db.send(new PutItemCommand({ TableName: 'durable', Item: { pk: { S: `k${i}` }, n: { N: String(i) } } }))),
    );
    const before = await readStream(c.streams, arn);
    assert.equal(before.length, 20);
    const [shard] = await allShards(c.streams, arn);
    const horizon = (await c.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard!.ShardId!, ShardIteratorType: 'TRIM_HORIZON' })))
      .ShardIterator!;

    assert.equal(await stop(server, 'SIGKILL'), 'SIGKILL');
    c.db.destroy();
    c.streams.destroy();
    server = await startCli(args);
    c = clients(server.url);

    const after = await readStream(c.streams, arn);
    assert.deepEqual(after, before, 'the same records, ids and sequence numbers included');
    // An iterator from before the crash still reads (iterators carry their position).
    assert.equal((await c.streams.send(new GetRecordsCommand({ ShardIterator: horizon }))).Records!.length, 20);

    await c.db.send(new PutItemCommand({ TableName: 'durable', Item: { pk: { S: 'later' } } }));
    const all = await readStream(c.streams, arn);
    assert.equal(all.length, 21);
    assert.equal(all[20]!.dynamodb!.Keys!.pk!.S, 'later');
    assert.ok(BigInt(all[20]!.dynamodb!.SequenceNumber!) > BigInt(all[19]!.dynamodb!.SequenceNumber!));
  } finally {
    c.db.destroy();
    c.streams.destroy();
    await stop(server, 'SIGKILL').catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});
