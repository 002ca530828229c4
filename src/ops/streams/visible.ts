/**
 * Which streams and shards the Streams API shows: a disabled stream for 24 hours after it was
 * disabled, a closed shard for 24 hours after it closed (by then every record in it has aged out).
 * Maintenance deletes them soon after; until it has, reads must not show them either.
 */
import { nowMs } from '../../config.js';
import type { StorageReader } from '../../storage/engine.js';
import { RETENTION_MS, streamExpired, type ShardMeta, type StreamMeta } from '../../streams/model.js';
import { allStreams, readStream, streamByArn } from '../../streams/store.js';
import type { RequestContext } from '../types.js';

export const now = (ctx: RequestContext): number => nowMs(ctx.services.config);

export const transientMs = (ctx: RequestContext): number | undefined =>
  ctx.services.config.delayTransientStatuses ? ctx.services.config.transientStatusMs : undefined;

export async function visibleStreamByArn(reader: StorageReader, ctx: RequestContext, arn: string): Promise<StreamMeta | undefined> {
  const meta = await streamByArn(reader, ctx.namespace, arn);
  return meta && !streamExpired(meta, now(ctx)) ? meta : undefined;
}

export async function visibleStreamById(reader: StorageReader, ctx: RequestContext, id: number): Promise<StreamMeta | undefined> {
  const meta = await readStream(reader, id);
  return meta && meta.namespace === ctx.namespace && !streamExpired(meta, now(ctx)) ? meta : undefined;
}

/** The namespace's visible streams, newest first (as DynamoDB Local lists them). */
export async function visibleStreams(reader: StorageReader, ctx: RequestContext): Promise<StreamMeta[]> {
  const t = now(ctx);
  return (await allStreams(reader))
    .filter((m) => m.namespace === ctx.namespace && !streamExpired(m, t))
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
}

export function visibleShards(meta: StreamMeta, at: number): ShardMeta[] {
  return meta.shards.filter((s) => s.closedAt === undefined || at - s.closedAt < RETENTION_MS);
}
