/**
 * Stream maintenance, in the background: 24-hour retention and shard rollover.
 *
 *  - Records older than 24 hours are trimmed (deleted); the stream remembers the highest trimmed
 *    sequence number, so reading from before it is TrimmedDataAccessException rather than a
 *    silent gap.
 *  - A shard closed more than 24 hours ago is dropped from the stream (its records are gone).
 *  - A disabled stream (or a deleted table's) is purged 24 hours after it was disabled.
 *  - The open shard of an enabled stream is closed after config.streamShardRolloverMs and a child
 *    shard naming it as parent opened, as DynamoDB's shards roll over every few hours.
 *
 * Every step is a small transaction that re-reads the stream's metadata (transactions are serial,
 * so it sees every change made since the scan), with a yield between steps.
 */
import type { BackgroundService } from '../background/index.js';
import { periodic, yieldToForeground } from '../background/periodic.js';
import { nowMs } from '../config.js';
import { log } from '../log.js';
import type { Services } from '../ops/types.js';
import { closeOpenShard } from '../ops/streams/stream-settings.js';
import type { StorageTransaction } from '../storage/engine.js';
import { sequenceOfRecordKey, streamRecordKey, streamRecordRange } from '../storage/stream-keys.js';
import { RETENTION_MS, newShardId, openShard, streamExpired, type StreamMeta } from './model.js';
import { nextSequence, observeSequence, registerClock, sequenceAt } from './sequence.js';
import { allStreams, deleteStream, lastSequence, readStream, writeStream } from './store.js';

/** Records deleted per transaction. */
const DELETE_BATCH = 500;

export function startStreamMaintenance(services: Services): BackgroundService {
  const clock = services.config.clock;
  const unregister = clock ? registerClock(clock) : () => {};
  // At once rather than on the first pass: writes may arrive as soon as the server listens.
  const seeded = seedSequenceClock(services).catch((err: unknown) => log.error('seeding the stream sequence clock failed', err));
  const job = periodic('stream maintenance', services.config.streamMaintenanceIntervalMs, async (stopped) => {
    await seeded;
    const streams = await services.storage.read(allStreams);
    for (const { id } of streams) {
      if (stopped()) return;
      await maintainStream(services, id, stopped);
    }
  });
  return {
    async stop() {
      await seeded;
      await job.stop();
      unregister();
    },
  };
}

/**
 * Moves the sequence clock past every number already stored, so records written after a restart
 * sort after the ones before it even if the wall clock went back meanwhile.
 */
export async function seedSequenceClock(services: Services): Promise<void> {
  await services.storage.read(async (reader) => {
    for (const meta of await allStreams(reader)) {
      for (const shard of meta.shards) observeSequence(Math.max(shard.start, shard.end ?? 0));
      const last = await lastSequence(reader, meta.id);
      if (last !== undefined) observeSequence(last);
    }
  });
}

export async function maintainStream(services: Services, streamId: number, stopped: () => boolean = () => false): Promise<void> {
  const { storage, config } = services;
  const now = nowMs(config);
  const meta = await storage.read((reader) => readStream(reader, streamId));
  if (!meta) return;

  if (streamExpired(meta, now)) {
    while (!stopped() && (await deleteRecords(services, meta.id, Number.MAX_SAFE_INTEGER, false)) > 0) await yieldToForeground();
    if (!stopped()) await storage.transact((tx) => deleteStream(tx, meta.id));
    return;
  }

  const cutoff = sequenceAt(now - RETENTION_MS);
  while (!stopped() && (await deleteRecords(services, meta.id, cutoff, true)) > 0) await yieldToForeground();

  // Most passes change nothing: look before opening a transaction.
  const rolloverMs = config.streamShardRolloverMs;
  const due = (m: StreamMeta) => hasOldShards(m, now) || (m.disabledAt === undefined && rolloverDue(m, now, rolloverMs));
  if (stopped() || !due(meta)) return;
  await storage.transact(async (tx) => {
    const current = await readStream(tx, streamId);
    if (!current) return;
    let changed = dropOldShards(current, now);
    if (current.disabledAt === undefined && rolloverDue(current, now, rolloverMs)) {
      await rollOver(tx, current, now);
      changed = true;
    }
    if (changed) writeStream(tx, current);
  });
}

/**
 * Deletes up to DELETE_BATCH records with sequence numbers below `below`; when `trim`, records the
 * highest one deleted as trimmed. Returns how many it deleted.
 */
async function deleteRecords(services: Services, streamId: number, below: number, trim: boolean): Promise<number> {
  return services.storage.transact(async (tx) => {
    const range = streamRecordRange(streamId);
    const lt = below >= Number.MAX_SAFE_INTEGER ? range.lt : streamRecordKey(streamId, below);
    const keys: Buffer[] = [];
    for await (const [key] of tx.range({ gte: range.gte, lt, limit: DELETE_BATCH })) keys.push(key);
    for (const key of keys) tx.delete(key);
    if (trim && keys.length > 0) {
      const meta = await readStream(tx, streamId);
      if (meta) {
        meta.trimmedThrough = Math.max(meta.trimmedThrough ?? 0, sequenceOfRecordKey(keys[keys.length - 1]!));
        writeStream(tx, meta);
      }
    }
    return keys.length;
  });
}

const hasOldShards = (meta: StreamMeta, now: number): boolean =>
  meta.shards.some((s) => s.closedAt !== undefined && now - s.closedAt >= RETENTION_MS);

/** Removes shards that closed more than 24 hours ago; true when any went. */
function dropOldShards(meta: StreamMeta, now: number): boolean {
  const kept = meta.shards.filter((s) => s.closedAt === undefined || now - s.closedAt < RETENTION_MS);
  if (kept.length === meta.shards.length) return false;
  meta.shards = kept;
  return true;
}

const rolloverDue = (meta: StreamMeta, now: number, rolloverMs: number): boolean => {
  const shard = openShard(meta);
  return shard !== undefined && now - shard.openedAt >= rolloverMs;
};

/** Closes the open shard and opens its child. */
export async function rollOver(tx: StorageTransaction, meta: StreamMeta, now: number): Promise<void> {
  const parent = openShard(meta);
  if (!parent) return;
  await closeOpenShard(tx, meta, now);
  meta.shards.push({ id: newShardId(now), start: nextSequence(), parent: parent.id, openedAt: now });
}
