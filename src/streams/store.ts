/**
 * Stream metadata and records in storage. Streams are few and their metadata small, so there is no
 * cache: readers take a snapshot, writers read-modify-write inside a transaction (transactions are
 * serial, so concurrent maintenance and UpdateTable never lose each other's changes).
 */
import type { StorageReader, StorageTransaction } from '../storage/engine.js';
import {
  sequenceOfRecordKey,
  streamMetaKey,
  streamMetaRange,
  streamRecordKey,
  streamRecordRange,
} from '../storage/stream-keys.js';
import type { StreamMeta } from './model.js';

export async function readStream(reader: StorageReader, streamId: number): Promise<StreamMeta | undefined> {
  const raw = await reader.get(streamMetaKey(streamId));
  return raw === undefined ? undefined : (JSON.parse(raw) as StreamMeta);
}

export function writeStream(tx: StorageTransaction, meta: StreamMeta): void {
  tx.put(streamMetaKey(meta.id), JSON.stringify(meta));
}

export function deleteStream(tx: StorageTransaction, streamId: number): void {
  tx.delete(streamMetaKey(streamId));
}

/** Every stream in storage, of every namespace (purged ones excepted). */
export async function allStreams(reader: StorageReader): Promise<StreamMeta[]> {
  const out: StreamMeta[] = [];
  for await (const [, value] of reader.range(streamMetaRange)) out.push(JSON.parse(value) as StreamMeta);
  return out;
}

/**
 * The part of a stream ARN after the account (`table/<name>/stream/<label>`). Within a namespace it
 * names the stream; comparing only it lets a shared database (-sharedDb) answer callers whose ARNs
 * carry another region or account.
 */
export const arnResource = (arn: string): string => {
  const at = arn.indexOf(':table/');
  return at < 0 ? arn : arn.slice(at + 1);
};

/** The stream of a namespace with this ARN. */
export async function streamByArn(reader: StorageReader, namespace: string, arn: string): Promise<StreamMeta | undefined> {
  const resource = arnResource(arn);
  for (const meta of await allStreams(reader)) {
    if (meta.namespace === namespace && arnResource(meta.arn) === resource && arn.startsWith('arn:')) return meta;
  }
  return undefined;
}

/** The highest sequence number written to a stream at or below `atMost` (any, by default). */
export async function lastSequence(reader: StorageReader, streamId: number, atMost?: number): Promise<number | undefined> {
  const range = streamRecordRange(streamId);
  const lt = atMost === undefined ? range.lt : streamRecordKey(streamId, atMost + 1);
  for await (const [key] of reader.range({ gte: range.gte, lt, reverse: true, limit: 1 })) return sequenceOfRecordKey(key);
  return undefined;
}
