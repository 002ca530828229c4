/**
 * Shard iterators: opaque strings shaped like DynamoDB's, `<stream ARN>|1|<base64>`. The base64
 * part carries everything GetRecords needs — no server-side iterator state, so iterators survive
 * restarts and cost nothing to hand out:
 *
 *   version u8 | streamId u32 | position u64 | issuedAt u64 (epoch ms) | shardId (UTF-8) | check (8 bytes)
 *
 * `position` is the sequence number after which reading resumes. `check` is a keyed hash of the
 * rest and the ARN, so a corrupted or hand-edited iterator is refused ("Invalid ShardIterator")
 * rather than read from an arbitrary place. It guards against accidents, not attackers: the key
 * is fixed, which keeps iterators valid across restarts.
 */
import { createHmac } from 'node:crypto';

const VERSION = 1;
const CHECK_BYTES = 8;
const FIXED_BYTES = 1 + 4 + 8 + 8;
const KEY = 'tessera shard iterator v1';

export interface ShardIterator {
  arn: string;
  streamId: number;
  shardId: string;
  /** Read records with sequence numbers greater than this. */
  position: number;
  /** Epoch ms (server clock) when it was handed out; it expires 15 minutes later. */
  issuedAt: number;
}

function check(arn: string, body: Buffer): Buffer {
  return createHmac('sha256', KEY).update(arn).update(body).digest().subarray(0, CHECK_BYTES);
}

export function encodeIterator(it: ShardIterator): string {
  const shard = Buffer.from(it.shardId, 'utf8');
  const body = Buffer.allocUnsafe(FIXED_BYTES + shard.length);
  body[0] = VERSION;
  body.writeUInt32BE(it.streamId >>> 0, 1);
  body.writeBigUInt64BE(BigInt(Math.max(0, it.position)), 5);
  body.writeBigUInt64BE(BigInt(Math.max(0, Math.floor(it.issuedAt))), 13);
  shard.copy(body, FIXED_BYTES);
  return `${it.arn}|1|${Buffer.concat([body, check(it.arn, body)]).toString('base64')}`;
}

/** The iterator's contents, or undefined when the string is not an intact iterator of ours. */
export function decodeIterator(text: string): ShardIterator | undefined {
  const bar = text.lastIndexOf('|');
  if (bar < 3 || text.slice(bar - 2, bar + 1) !== '|1|') return undefined;
  const arn = text.slice(0, bar - 2);
  const data = Buffer.from(text.slice(bar + 1), 'base64');
  if (data.length < FIXED_BYTES + CHECK_BYTES + 1) return undefined;
  const body = data.subarray(0, data.length - CHECK_BYTES);
  if (!check(arn, body).equals(data.subarray(data.length - CHECK_BYTES)) || body[0] !== VERSION) return undefined;
  return {
    arn,
    streamId: body.readUInt32BE(1),
    position: Number(body.readBigUInt64BE(5)),
    issuedAt: Number(body.readBigUInt64BE(13)),
    shardId: body.subarray(FIXED_BYTES).toString('utf8'),
  };
}
