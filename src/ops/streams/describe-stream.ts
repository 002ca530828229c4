/** DescribeStream: status, view type, key schema and shards (paged by ExclusiveStartShardId). */
import { formatSequence } from '../../streams/sequence.js';
import { streamStatus, type ShardMeta } from '../../streams/model.js';
import type { OperationHandler } from '../types.js';
import { S } from './errors.js';
import { now, transientMs, visibleShards, visibleStreamByArn } from './visible.js';

const MAX_LIMIT = 100;

export const describeStream: OperationHandler = async (input, ctx) => {
  const limit: number = input.Limit ?? MAX_LIMIT;
  if (limit > MAX_LIMIT) throw S.describeStreamLimit();
  const arn: string = input.StreamArn;
  const meta = await ctx.services.storage.read((reader) => visibleStreamByArn(reader, ctx, arn));
  if (!meta) throw S.streamNotFound(arn);
  const t = now(ctx);

  let shards = visibleShards(meta, t);
  // ShardFilter CHILD_SHARDS: the shards whose parent is the given one.
  if (input.ShardFilter?.Type === 'CHILD_SHARDS' && input.ShardFilter.ShardId !== undefined) {
    shards = shards.filter((s) => s.parent === input.ShardFilter.ShardId);
  }
  if (input.ExclusiveStartShardId !== undefined) {
    // An unknown shard id starts past the end, as DynamoDB Local answers.
    const at = shards.findIndex((s) => s.id === input.ExclusiveStartShardId);
    shards = at < 0 ? [] : shards.slice(at + 1);
  }
  const page = shards.slice(0, limit);
  const description: Record<string, unknown> = {
    StreamArn: meta.arn,
    StreamLabel: meta.label,
    StreamStatus: streamStatus(meta, t, transientMs(ctx)),
    StreamViewType: meta.viewType,
    CreationRequestDateTime: meta.createdAt / 1000,
    TableName: meta.tableName,
    KeySchema: meta.keySchema,
    Shards: page.map(shardDescription),
  };
  if (shards.length > page.length) description.LastEvaluatedShardId = page[page.length - 1]!.id;
  return { StreamDescription: description };
};

function shardDescription(shard: ShardMeta): Record<string, unknown> {
  const range: Record<string, string> = { StartingSequenceNumber: formatSequence(shard.start) };
  if (shard.end !== undefined) range.EndingSequenceNumber = formatSequence(shard.end);
  const out: Record<string, unknown> = { ShardId: shard.id, SequenceNumberRange: range };
  if (shard.parent !== undefined) out.ParentShardId = shard.parent;
  return out;
}
