/**
 * A synchronous point read inside a transaction, for the item write path (which is synchronous
 * today). It relies on the embedded engines returning synchronous iterables from `range`; a remote
 * backend must first make the write path asynchronous — this is the one place that assumption lives.
 */
import type { StorageKey, StorageTransaction, StorageValue } from './engine.js';

export function getSync(tx: StorageTransaction, key: StorageKey): StorageValue | undefined {
  const entries = tx.range({ gte: key, lte: key, limit: 1 });
  if (!(Symbol.iterator in entries)) throw new Error('the item write path needs a storage engine with synchronous reads');
  for (const [, value] of entries as Iterable<readonly [StorageKey, StorageValue]>) return value;
  return undefined;
}
