/**
 * A transaction's handle: its own writes in a private layer over everything that committed (or
 * is committing) before it. Nothing it writes is visible elsewhere until the sequencer admits it.
 */
import type { Entry, RangeOptions, StorageKey, StorageReader, StorageTransaction, StorageValue } from './engine.js';
import { isEmptyRange, toBounds } from './bounds.js';
import { newSortedMap, toLatin1 } from './btree.js';
import { overlay, type Layer, type SyncView } from './view.js';

/**
 * Longest key either engine accepts. It is LMDB's ceiling with 8 KiB pages; the in-memory engine
 * enforces it too so that a request behaves the same with and without `--in-memory`.
 */
export const MAX_KEY_BYTES = 4026;

/** Exposes a synchronous view through the promise-returning StorageReader interface. */
export function readerOf(view: SyncView, assertUsable: () => void = () => {}): StorageReader {
  return {
    async get(key: StorageKey): Promise<StorageValue | undefined> {
      assertUsable();
      return view.get(key);
    },
    range(options: RangeOptions): Iterable<Entry> {
      assertUsable();
      const bounds = toBounds(options);
      return isEmptyRange(bounds) ? [] : view.range(bounds);
    },
  };
}

/**
 * Runs a read() function over `view`. The reader refuses use once `fn` settles, in both engines
 * alike: for LMDB its snapshot is released then.
 */
export async function readWith<T>(view: SyncView, fn: (reader: StorageReader) => Promise<T> | T): Promise<T> {
  let done = false;
  const reader = readerOf(view, () => {
    if (done) throw new Error('storage reader used after its function returned');
  });
  try {
    return await fn(reader);
  } finally {
    done = true;
  }
}

function checkKey(key: StorageKey): void {
  if (!Buffer.isBuffer(key)) throw new TypeError('storage key must be a Buffer');
  // LMDB rejects empty keys; failing here fails only this transaction, not its whole commit group.
  if (key.length === 0 || key.length > MAX_KEY_BYTES) {
    throw new RangeError(`storage key must be 1–${MAX_KEY_BYTES} bytes, got ${key.length}`);
  }
}

export class Transaction implements StorageTransaction {
  /** This transaction's writes: a value, or null for a deletion. */
  readonly writes: Layer = newSortedMap();
  private finished = false;
  private readonly reader: StorageReader;

  constructor(below: Layer, committed: SyncView) {
    this.reader = readerOf(overlay([this.writes, below], committed), () => this.assertOpen());
  }

  get(key: StorageKey): Promise<StorageValue | undefined> {
    return this.reader.get(key);
  }

  range(options: RangeOptions): Iterable<Entry> {
    return this.reader.range(options) as Iterable<Entry>;
  }

  put(key: StorageKey, value: StorageValue): void {
    this.assertOpen();
    checkKey(key);
    if (typeof value !== 'string') throw new TypeError('storage value must be a string');
    this.writes.set(toLatin1(key), value);
  }

  delete(key: StorageKey): void {
    this.assertOpen();
    checkKey(key);
    this.writes.set(toLatin1(key), null);
  }

  /** Called once `fn` has settled: a handle that escaped it must not write into a later state. */
  finish(): void {
    this.finished = true;
  }

  private assertOpen(): void {
    if (this.finished) throw new Error('storage transaction used after its function returned');
  }
}
