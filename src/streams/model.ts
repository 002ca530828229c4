/**
 * What Tessera keeps about a stream, and the rules that derive its wire description.
 *
 * A stream belongs to one enabling of a table's StreamSpecification: disabling keeps it (readable
 * for 24 hours, as DynamoDB's), re-enabling makes a new one with a new label and ARN. It also
 * survives DeleteTable for those 24 hours.
 *
 * Its records form one log ordered by sequence number. Shards are consecutive ranges of that log:
 * the open shard holds every sequence number from its start on; closing it fixes its end (the last
 * record written before the close) and opens a child that starts beyond it. Appending a record
 * thus never needs to know which shard is open (see emit.ts), and a consumer following
 * ParentShardId sees each record exactly once.
 */
import { randomBytes } from 'node:crypto';
import type { StreamViewType } from '../catalog/types.js';
import type { KeySchemaElement } from '../model/types.js';

export const RETENTION_MS = 24 * 60 * 60 * 1000;
export const ITERATOR_LIFETIME_MS = 15 * 60 * 1000;

export interface ShardMeta {
  /** e.g. shardId-00000001795433420641-4ed24eb6 (creation time in ms, then random hex). */
  id: string;
  /** Lowest sequence number the shard can hold (taken from the sequence clock when it opened). */
  start: number;
  /** Highest sequence number it holds, set when it closes (its start if it stayed empty). */
  end?: number;
  parent?: string;
  /** Epoch ms (server clock). */
  openedAt: number;
  closedAt?: number;
}

export interface StreamMeta {
  id: number;
  namespace: string;
  tableName: string;
  /** Storage id of the table (TableMeta.id). */
  tableStorageId: number;
  tableArn: string;
  label: string;
  arn: string;
  viewType: StreamViewType;
  keySchema: KeySchemaElement[];
  /** Epoch ms (server clock) of the request that enabled the stream. */
  createdAt: number;
  /** Epoch ms at which the stream was disabled (UpdateTable, or its table deleted). */
  disabledAt?: number;
  /** Oldest first; the last one is open while the stream is enabled. */
  shards: ShardMeta[];
  /** Highest sequence number removed by 24-hour trimming (reads from below it fail). */
  trimmedThrough?: number;
}

/** DynamoDB's stream label: the enabling time, ISO 8601 in UTC with milliseconds and no zone. */
export function streamLabel(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 23);
}

export const streamArn = (tableArn: string, label: string): string => `${tableArn}/stream/${label}`;

export function newShardId(epochMs: number): string {
  return `shardId-${String(Math.max(0, Math.floor(epochMs))).padStart(20, '0')}-${randomBytes(4).toString('hex')}`;
}

export type StreamStatus = 'ENABLING' | 'ENABLED' | 'DISABLING' | 'DISABLED';

/**
 * The status DescribeStream shows. DynamoDB Local and the service (once settled) show ENABLED or
 * DISABLED; with delayed transient statuses the first `transientMs` after a change show
 * ENABLING/DISABLING, as the service does while it sets the stream up or tears it down.
 */
export function streamStatus(meta: StreamMeta, now: number, transientMs: number | undefined): StreamStatus {
  if (meta.disabledAt !== undefined) {
    return transientMs !== undefined && now - meta.disabledAt < transientMs ? 'DISABLING' : 'DISABLED';
  }
  return transientMs !== undefined && now - meta.createdAt < transientMs ? 'ENABLING' : 'ENABLED';
}

export const openShard = (meta: StreamMeta): ShardMeta | undefined => {
  const last = meta.shards[meta.shards.length - 1];
  return last && last.end === undefined ? last : undefined;
};

export const findShard = (meta: StreamMeta, shardId: string): ShardMeta | undefined =>
  meta.shards.find((s) => s.id === shardId);

/** True once a disabled stream's 24 hours are over: it is then purged and no longer found. */
export const streamExpired = (meta: StreamMeta, now: number): boolean =>
  meta.disabledAt !== undefined && now - meta.disabledAt >= RETENTION_MS;
