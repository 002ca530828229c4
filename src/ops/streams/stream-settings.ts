/**
 * What the control plane calls to turn a table's stream on and off, inside the same transaction
 * that writes the table's metadata (CreateTable, UpdateTable, DeleteTable), and what DescribeTable
 * shows of it. Validating the StreamSpecification itself (view type present when enabling, the
 * "already enabled"/"no stream to disable" errors) is the control plane's (ops/tables).
 *
 *   CreateTable with StreamEnabled:        meta.stream = await openStream(tx, catalog, meta, viewType, now)
 *   UpdateTable enabling:                  meta.stream = await openStream(tx, catalog, meta, viewType, now)
 *   UpdateTable disabling:                 meta.stream = await closeStream(tx, meta, now)
 *   DeleteTable:                           await closeStream(tx, meta, now)
 *   DescribeTable / TableDescription:      ...streamDescriptionFields(meta)
 *
 * `now` is the server clock (config.ts nowMs). Each enabling makes a new stream with a new label
 * and ARN; a disabled stream (and the stream of a deleted table) stays listable and readable for
 * 24 hours as DISABLED, then stream maintenance purges it.
 */
import type { Catalog } from '../../catalog/catalog.js';
import type { StreamSettings, StreamViewType, TableMeta } from '../../catalog/types.js';
import type { StorageTransaction } from '../../storage/engine.js';
import { newShardId, openShard, streamArn, streamLabel, type StreamMeta } from '../../streams/model.js';
import { nextSequence } from '../../streams/sequence.js';
import { lastSequence, readStream, writeStream } from '../../streams/store.js';

/**
 * Creates a new, enabled stream for `table` (whose `namespace`, `name`, `id`, `arn` and
 * `keySchema` must be set) and returns the settings to store as `table.stream`.
 */
export async function openStream(
  tx: StorageTransaction,
  catalog: Catalog,
  table: TableMeta,
  viewType: StreamViewType,
  now: number,
): Promise<StreamSettings> {
  // The label names the stream together with the table, so two enablings within one millisecond
  // must still differ.
  let at = now;
  if (table.stream?.label && streamLabel(at) <= table.stream.label) at = Date.parse(`${table.stream.label}Z`) + 1;
  const label = streamLabel(at);
  const arn = streamArn(table.arn, label);
  const meta: StreamMeta = {
    id: await catalog.allocateId(tx),
    namespace: table.namespace,
    tableName: table.name,
    tableStorageId: table.id,
    tableArn: table.arn,
    label,
    arn,
    viewType,
    keySchema: table.keySchema,
    createdAt: now,
    shards: [{ id: newShardId(now), start: nextSequence(), openedAt: now }],
  };
  writeStream(tx, meta);
  return { enabled: true, viewType, label, streamId: meta.id, arn };
}

/**
 * Disables the table's stream, if it has an enabled one, and returns the settings to store as
 * `table.stream` (still naming the stream, for LatestStreamArn/LatestStreamLabel).
 */
export async function closeStream(tx: StorageTransaction, table: TableMeta, now: number): Promise<StreamSettings | undefined> {
  const settings = table.stream;
  if (!settings?.enabled || settings.streamId === undefined) return settings;
  const meta = await readStream(tx, settings.streamId);
  if (meta && meta.disabledAt === undefined) {
    await closeOpenShard(tx, meta, now);
    meta.disabledAt = now;
    writeStream(tx, meta);
  }
  const { viewType: _viewType, ...rest } = settings;
  return { ...rest, enabled: false };
}

/**
 * Fixes the end of the stream's open shard at the last record written so far. Records appended
 * later get greater sequence numbers, so they fall into the next shard (or, once the stream is
 * disabled, into none: a write that raced with disabling is not shown, like one written while
 * DynamoDB's stream is DISABLING).
 */
export async function closeOpenShard(tx: StorageTransaction, meta: StreamMeta, now: number): Promise<void> {
  const shard = openShard(meta);
  if (!shard) return;
  // Trimming may have removed the shard's newest records already; their numbers still count.
  const last = Math.max((await lastSequence(tx, meta.id)) ?? 0, meta.trimmedThrough ?? 0);
  shard.end = last > shard.start ? last : shard.start;
  shard.closedAt = now;
}

/** StreamSpecification (while enabled), LatestStreamArn and LatestStreamLabel, as DescribeTable shows them. */
export function streamDescriptionFields(table: TableMeta): Record<string, unknown> {
  const s = table.stream;
  if (!s?.label || !s.arn) return {};
  const out: Record<string, unknown> = {};
  if (s.enabled && s.viewType) out.StreamSpecification = { StreamEnabled: true, StreamViewType: s.viewType };
  out.LatestStreamLabel = s.label;
  out.LatestStreamArn = s.arn;
  return out;
}
