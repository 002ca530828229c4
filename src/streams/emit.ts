/**
 * Stream records, written by the one write path (ops/common/item-store.ts) in the same storage
 * transaction as the item change they describe: a record exists exactly when its change committed.
 *
 * Only puts, no reads: the record goes under the next sequence number of the table's current
 * stream, and the stream's shards (sequence ranges, see model.ts) place it. A record is stored as
 * the wire JSON of a Record without `awsRegion`, which GetRecords adds (it is the region the read
 * was received in), so reading never re-encodes the images.
 */
import { randomBytes } from 'node:crypto';
import { latestMeta } from '../catalog/latest.js';
import type { StreamViewType, TableMeta } from '../catalog/types.js';
import { itemSize } from '../model/size.js';
import type { Item } from '../model/types.js';
import { extractKey } from '../model/values.js';
import type { StorageTransaction } from '../storage/engine.js';
import { streamRecordKey } from '../storage/stream-keys.js';
import { formatSequence, nextSequence, sequenceTime } from './sequence.js';

export type EventName = 'INSERT' | 'MODIFY' | 'REMOVE';

/** Who made a change, when it was not a caller: TTL deletions name the DynamoDB service. */
export const TTL_IDENTITY = { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' } as const;

export interface RecordChange {
  table: TableMeta;
  oldItem: Item | undefined;
  newItem: Item | undefined;
  /** The item was deleted by Time to Live. */
  expiredByTtl?: boolean;
}

/**
 * Appends the record for one item change to the table's stream, if it has an enabled one. The
 * caller has established that the change changes something (DynamoDB writes no record for a put
 * or update that leaves the item as it was, nor for deleting a missing item).
 */
export function emitStreamRecord(tx: StorageTransaction, change: RecordChange): void {
  const stream = latestMeta(change.table).stream;
  if (!stream?.enabled || stream.streamId === undefined || !stream.viewType) return;
  const { oldItem, newItem } = change;
  const item = newItem ?? oldItem;
  if (!item) return;
  const eventName: EventName = !oldItem ? 'INSERT' : !newItem ? 'REMOVE' : 'MODIFY';
  const seq = nextSequence();
  const json = recordJson(
    eventName,
    stream.viewType,
    extractKey(change.table.key, item),
    oldItem,
    newItem,
    seq,
    sequenceTime(seq),
    change.expiredByTtl === true,
  );
  tx.put(streamRecordKey(stream.streamId, seq), json);
}

/**
 * True when a write to `table` goes to a stream. It asks the table's latest metadata (see
 * catalog/latest.ts): a write that looked its table up before UpdateTable enabled or disabled
 * the stream, and runs its transaction after, follows the new setting.
 */
export const hasEnabledStream = (table: TableMeta): boolean => latestMeta(table).stream?.enabled === true;

/** The stored form of a record (see the module comment). Exported for tests. */
export function recordJson(
  eventName: EventName,
  viewType: StreamViewType,
  keys: Item,
  oldItem: Item | undefined,
  newItem: Item | undefined,
  seq: number,
  epochMs: number,
  expiredByTtl: boolean,
): string {
  const withNew = newItem !== undefined && (viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES');
  const withOld = oldItem !== undefined && (viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES');
  // SizeBytes is the size of what the record carries, counted as item sizes are: DynamoDB Local
  // reports 9 for Keys {pk:"a"} + NewImage {pk:"a", v:1}, and the service's documented KEYS_ONLY
  // example 41 for two string keys (ForumName "DynamoDB", Subject "DynamoDB Thread 3").
  let size = itemSize(keys);
  const dynamodb: Record<string, unknown> = {
    // Rounded down to the second, as the service documents (DynamoDB Local rounds to the minute).
    ApproximateCreationDateTime: Math.floor(epochMs / 1000),
    Keys: keys,
  };
  if (withNew) {
    dynamodb.NewImage = newItem;
    size += itemSize(newItem);
  }
  if (withOld) {
    dynamodb.OldImage = oldItem;
    size += itemSize(oldItem);
  }
  dynamodb.SequenceNumber = formatSequence(seq);
  dynamodb.SizeBytes = size;
  dynamodb.StreamViewType = viewType;
  const record: Record<string, unknown> = {
    // The service's event ids are 32 hex digits.
    eventID: randomBytes(16).toString('hex'),
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    dynamodb,
  };
  if (expiredByTtl) record.userIdentity = TTL_IDENTITY;
  return JSON.stringify(record);
}

const DYNAMODB_MEMBER = '"dynamodb":';

/** The wire form of a stored record: `awsRegion` goes in before `dynamodb`, as the service orders it. */
export function recordForRegion(stored: string, regionJson: string): string {
  const at = stored.indexOf(DYNAMODB_MEMBER);
  return `${stored.slice(0, at)}"awsRegion":${regionJson},${stored.slice(at)}`;
}
