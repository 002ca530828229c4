/**
 * GetShardIterator: a position in one shard, as an opaque iterator (streams/iterator.ts).
 *
 *   TRIM_HORIZON            before the shard's oldest untrimmed record
 *   LATEST                  after the newest record written so far (the end of a closed shard)
 *   AT_SEQUENCE_NUMBER n    before n        AFTER_SEQUENCE_NUMBER n    after n
 *
 * n must lie in the shard's range (from its start; up to its end once closed). A position inside
 * the trimmed part of the shard is TrimmedDataAccessException.
 */
import { encodeIterator } from '../../streams/iterator.js';
import type { ShardMeta, StreamMeta } from '../../streams/model.js';
import { parseSequence } from '../../streams/sequence.js';
import { lastSequence } from '../../streams/store.js';
import type { StorageReader } from '../../storage/engine.js';
import type { OperationHandler } from '../types.js';
import { S } from './errors.js';
import { now, visibleShards, visibleStreamByArn } from './visible.js';

type IteratorType = 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER';

export const getShardIterator: OperationHandler = async (input, ctx) => {
  const type = input.ShardIteratorType as IteratorType;
  const seqText: string | undefined = input.SequenceNumber;
  const bySequence = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
  if (bySequence && seqText === undefined) throw S.sequenceNumberRequired();
  if (!bySequence && seqText !== undefined) throw S.sequenceNumberNotAllowed();
  const seq = seqText === undefined ? undefined : parseSequence(seqText);
  if (bySequence && seq === undefined) throw S.sequenceNumberRequired();
  const t = now(ctx);

  return ctx.services.storage.read(async (reader) => {
    const meta = await visibleStreamByArn(reader, ctx, input.StreamArn);
    if (!meta) throw S.noSuchStream();
    const shard = visibleShards(meta, t).find((s) => s.id === input.ShardId);
    if (!shard) throw S.noSuchShard();
    const position = await startPosition(reader, meta, shard, type, seq);
    return { ShardIterator: encodeIterator({ arn: meta.arn, streamId: meta.id, shardId: shard.id, position, issuedAt: t }) };
  });
};

/** The sequence number after which the iterator reads. */
async function startPosition(
  reader: StorageReader,
  meta: StreamMeta,
  shard: ShardMeta,
  type: IteratorType,
  seq: number | undefined,
): Promise<number> {
  const trimmed = meta.trimmedThrough ?? 0;
  switch (type) {
    case 'TRIM_HORIZON':
      return Math.max(shard.start - 1, trimmed);
    case 'LATEST': {
      if (shard.end !== undefined) return shard.end;
      const last = await lastSequence(reader, meta.id);
      return Math.max(shard.start - 1, last ?? 0);
    }
    case 'AT_SEQUENCE_NUMBER':
    case 'AFTER_SEQUENCE_NUMBER': {
      const n = seq!;
      if (n < shard.start || (shard.end !== undefined && n > shard.end)) throw S.sequenceNumberOutsideShard();
      const position = type === 'AT_SEQUENCE_NUMBER' ? n - 1 : n;
      if (position < trimmed) throw S.trimmed();
      return position;
    }
  }
}
