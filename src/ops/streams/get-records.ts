/**
 * GetRecords: up to `Limit` (≤ 1000) records, and at most 1 MB, after the iterator's position in
 * its shard, plus the iterator to continue from. Once a closed shard has been read to its end the
 * answer has no NextShardIterator (the consumer moves on to the child shard), as in DynamoDB.
 *
 * Records are sent as stored (streams/emit.ts), with the region the request was received in.
 */
import { ITERATOR_LIFETIME_MS } from '../../streams/model.js';
import { decodeIterator, encodeIterator } from '../../streams/iterator.js';
import { recordForRegion } from '../../streams/emit.js';
import { sequenceOfRecordKey, streamRecordKey, streamRecordRange } from '../../storage/stream-keys.js';
import { arnResource } from '../../streams/store.js';
import { RawJson, type OperationHandler } from '../types.js';
import { S } from './errors.js';
import { now, visibleShards, visibleStreamById } from './visible.js';

const MAX_LIMIT = 1000;
const MAX_BYTES = 1024 * 1024;

export const getRecords: OperationHandler = async (input, ctx) => {
  const limit: number = input.Limit ?? MAX_LIMIT;
  if (limit > MAX_LIMIT) throw S.getRecordsLimit();
  const it = decodeIterator(input.ShardIterator);
  if (!it) throw S.invalidIterator();
  const t = now(ctx);
  if (t - it.issuedAt > ITERATOR_LIFETIME_MS) throw S.expiredIterator();

  const { records, last, more, closed } = await ctx.services.storage.read(async (reader) => {
    const meta = await visibleStreamById(reader, ctx, it.streamId);
    if (!meta || arnResource(meta.arn) !== arnResource(it.arn)) throw S.noSuchStream();
    const shard = visibleShards(meta, t).find((s) => s.id === it.shardId);
    // The iterator is authentic, so its shard existed: gone now means aged out.
    if (!shard) throw S.trimmed();
    // Records after the position and up to the trim point were removed unread.
    const lost = Math.min(meta.trimmedThrough ?? 0, shard.end ?? Number.MAX_SAFE_INTEGER);
    if (it.position < lost && lost >= shard.start) throw S.trimmed();

    const range = streamRecordRange(meta.id);
    const lt = shard.end === undefined ? range.lt : streamRecordKey(meta.id, shard.end + 1);
    const records: string[] = [];
    let bytes = 0;
    let last = it.position;
    let more = false;
    for await (const [key, value] of reader.range({ gt: streamRecordKey(meta.id, it.position), lt, limit: limit + 1 })) {
      if (records.length === limit || (records.length > 0 && bytes + value.length > MAX_BYTES)) {
        more = true;
        break;
      }
      records.push(value);
      bytes += value.length;
      last = sequenceOfRecordKey(key);
    }
    return { records, last, more, closed: shard.end !== undefined };
  });

  const region = JSON.stringify(ctx.region);
  let json = `{"Records":[${records.map((r) => recordForRegion(r, region)).join(',')}]`;
  if (!closed || more) {
    const next = encodeIterator({ ...it, position: last, issuedAt: t });
    json += `,"NextShardIterator":${JSON.stringify(next)}`;
  }
  return new RawJson(`${json}}`);
};
