/**
 * Synchronous views of key-value state, and the overlay that stacks uncommitted writes on top of
 * one. Both embedded engines read their committed state synchronously, so a transaction's view
 * is plain iteration with no promises until the StorageReader boundary.
 */
import type { Entry, StorageKey, StorageValue } from './engine.js';
import type { Bounds } from './bounds.js';
import { fromLatin1, sortedRange, toLatin1, type SortedMap } from './btree.js';

export interface SyncView {
  get(key: StorageKey): StorageValue | undefined;
  /** Entries within `bounds`, honouring direction and limit. */
  range(bounds: Bounds): Iterable<Entry>;
}

/** Writes not yet in the view below: a value, or null for a deletion (which must hide the key). */
export type Layer = SortedMap<StorageValue | null>;

/**
 * `layers` (topmost first) over `base`. Range results reflect the layers as they are when
 * `range` is called: a transaction may write while it iterates.
 */
export function overlay(layers: readonly Layer[], base: SyncView): SyncView {
  return {
    get(key) {
      let latin1: string | undefined;
      for (const layer of layers) {
        if (layer.size === 0) continue;
        const value = layer.get((latin1 ??= toLatin1(key)));
        if (value !== undefined) return value ?? undefined;
      }
      return base.get(key);
    },
    range(bounds) {
      const live = layers.filter((layer) => layer.size > 0);
      if (live.length === 0) return base.range(bounds);
      // clone() is O(1) copy-on-write, so the snapshot costs nothing unless the layer changes.
      return mergeRange(live.map((layer) => layer.clone()), base, bounds);
    },
  };
}

interface Cursor {
  readonly iterator: Iterator<readonly [StorageKey, StorageValue | null]>;
  key: StorageKey | undefined;
  value: StorageValue | null;
}

function advance(cursor: Cursor): void {
  const next = cursor.iterator.next();
  if (next.done) cursor.key = undefined;
  else [cursor.key, cursor.value] = next.value;
}

function* layerEntries(layer: Layer, bounds: Bounds): Generator<readonly [StorageKey, StorageValue | null]> {
  for (const [key, value] of sortedRange(layer, bounds)) yield [fromLatin1(key), value];
}

/**
 * A k-way merge in key order. On equal keys the earliest cursor (topmost layer) wins and the
 * others skip that key. The base is asked for no limit, since deletions above it may hide some of
 * its entries; its iteration is lazy, so stopping at our limit stops it too.
 */
function* mergeRange(layers: readonly Layer[], base: SyncView, bounds: Bounds): Generator<Entry> {
  const direction = bounds.reverse ? -1 : 1;
  const cursors: Cursor[] = layers.map((layer) => ({ iterator: layerEntries(layer, bounds), key: undefined, value: null }));
  const baseIterable: Iterable<readonly [StorageKey, StorageValue | null]> = base.range({ ...bounds, limit: Infinity });
  cursors.push({ iterator: baseIterable[Symbol.iterator](), key: undefined, value: null });
  try {
    for (const cursor of cursors) advance(cursor);
    let remaining = bounds.limit;
    while (remaining > 0) {
      let winner: Cursor | undefined;
      for (const cursor of cursors) {
        if (cursor.key === undefined) continue;
        if (winner === undefined || Buffer.compare(cursor.key, winner.key!) * direction < 0) winner = cursor;
      }
      if (winner === undefined) return;
      const key = winner.key!;
      const value = winner.value;
      for (const cursor of cursors) {
        if (cursor !== winner && cursor.key !== undefined && cursor.key.equals(key)) advance(cursor);
      }
      advance(winner);
      if (value === null) continue;
      remaining--;
      yield [key, value];
    }
  } finally {
    // Stopping early must release the base's cursor (an LMDB read transaction reference).
    for (const cursor of cursors) cursor.iterator.return?.();
  }
}
