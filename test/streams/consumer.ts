/**
 * A stream consumer the way applications write one with the AWS SDK v3: list the shards, read
 * each from TRIM_HORIZON (parents before children) until the shard is closed and drained or, for
 * the open shard, until a read comes back empty.
 */
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';

import { after, before } from 'node:test';
import { startServer, type RunningServer, type StartOptions } from '../../src/index.js';
import { client, credentials } from '../helpers/sdk.js';

export { credentials };

export const clients = (url: string) => ({
  db: client(url),
  streams: new DynamoDBStreamsClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 }),
});
export type Clients = ReturnType<typeof clients>;

/**
 * An in-memory server and its two clients for the enclosing suite: started by a `before` hook,
 * stopped by an `after` hook, and read through getters (so only inside tests and later hooks).
 */
export function suiteClients(options: Omit<StartOptions, 'port' | 'inMemory'> = {}): Clients {
  let server: RunningServer | undefined;
  let c: Clients | undefined;
  before(async () => {
    server = await startServer({ port: 0, inMemory: true, ...options });
    c = clients(server.url);
  });
  after(async () => {
    c?.db.destroy();
    c?.streams.destroy();
    await server?.close();
  });
  return {
    get db() {
      return c!.db;
    },
    get streams() {
      return c!.streams;
    },
  };
}

export async function allShards(streams: DynamoDBStreamsClient, arn: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let start: string | undefined;
  do {
    const out = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }));
    shards.push(...(out.StreamDescription!.Shards ?? []));
    start = out.StreamDescription!.LastEvaluatedShardId;
  } while (start);
  return shards;
}

/** Every record of the stream, in order, following shard lineage. */
export async function readStream(streams: DynamoDBStreamsClient, arn: string, limit?: number): Promise<_Record[]> {
  const shards = await allShards(streams, arn);
  const done = new Set<string>();
  const out: _Record[] = [];
  // Parents first: a shard is read once its parent (if still listed) has been.
  const listed = new Set(shards.map((s) => s.ShardId!));
  while (done.size < shards.length) {
    const next = shards.find((s) => !done.has(s.ShardId!) && (!s.ParentShardId || !listed.has(s.ParentShardId) || done.has(s.ParentShardId)));
    if (!next) throw new Error('shard lineage has a cycle');
    out.push(...(await readShard(streams, arn, next.ShardId!, limit)));
    done.add(next.ShardId!);
  }
  return out;
}

export async function readShard(streams: DynamoDBStreamsClient, arn: string, shardId: string, limit?: number): Promise<_Record[]> {
  const out: _Record[] = [];
  let iterator = (
    await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))
  ).ShardIterator;
  while (iterator) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
    out.push(...(page.Records ?? []));
    if ((page.Records ?? []).length === 0) break;
    iterator = page.NextShardIterator;
  }
  return out;
}
