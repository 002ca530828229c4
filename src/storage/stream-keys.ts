/**
 * Keys of the streams space (0x04; see keys.ts for the others):
 *
 *   stream   0x04 'S' | streamId u32 BE                 → the stream's metadata (StreamMeta JSON)
 *   record   0x04 'R' | streamId u32 BE | seq u64 BE    → one stream record
 *
 * A stream's records form one log ordered by sequence number; its shards are sequence-number
 * ranges of that log (see src/streams/model.ts), so appending a record never needs to know which
 * shard is open. Stream ids come from the catalog's id counter and are never reused, so a purged
 * stream's keys cannot be confused with a live one's.
 */
import { SPACE_STREAMS, prefixEnd, taggedIdKey, type KeyRange } from './keys.js';

const STREAM_TAG = 0x53; // 'S'
const RECORD_TAG = 0x52; // 'R'

export const streamMetaPrefix = Buffer.from([SPACE_STREAMS, STREAM_TAG]);
export const streamMetaRange: KeyRange = { gte: streamMetaPrefix, lt: prefixEnd(streamMetaPrefix) };

export function streamMetaKey(streamId: number): Buffer {
  return taggedIdKey(SPACE_STREAMS, STREAM_TAG, streamId);
}

export function streamRecordPrefix(streamId: number): Buffer {
  return taggedIdKey(SPACE_STREAMS, RECORD_TAG, streamId);
}

export function streamRecordKey(streamId: number, seq: number): Buffer {
  const key = Buffer.allocUnsafe(14);
  key[0] = SPACE_STREAMS;
  key[1] = RECORD_TAG;
  key.writeUInt32BE(streamId >>> 0, 2);
  key.writeBigUInt64BE(BigInt(seq), 6);
  return key;
}

/** The sequence number of a record key. */
export function sequenceOfRecordKey(key: Buffer): number {
  return Number(key.readBigUInt64BE(6));
}

/** Every record of a stream. */
export function streamRecordRange(streamId: number): KeyRange {
  const prefix = streamRecordPrefix(streamId);
  return { gte: prefix, lt: prefixEnd(prefix) };
}
