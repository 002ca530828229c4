/**
 * The one interface between Tessera's operations and any storage backend.
 *
 * It is deliberately narrow — ordered byte keys, string values, snapshot reads and serialisable
 * read-modify-write transactions — so that the embedded engines (in-memory, LMDB) and a future
 * PostgreSQL-wire backend can all sit behind it without the operations knowing which one runs.
 *
 * Keys are byte strings whose unsigned lexicographic order is the order the operations need
 * (see keys.ts). Values are UTF-8 text (Tessera stores JSON), so an item can go to the wire as it
 * was stored.
 */

export type StorageKey = Buffer;
export type StorageValue = string;
export type Entry = readonly [key: StorageKey, value: StorageValue];

export interface RangeOptions {
  /** Inclusive lower bound. */
  gte?: StorageKey;
  /** Exclusive lower bound. */
  gt?: StorageKey;
  /** Exclusive upper bound. */
  lt?: StorageKey;
  /** Inclusive upper bound. */
  lte?: StorageKey;
  /** Iterate from the upper bound down. */
  reverse?: boolean;
  /** Stop after this many entries. */
  limit?: number;
}

/** Reads against one consistent state of the store. */
export interface StorageReader {
  get(key: StorageKey): Promise<StorageValue | undefined>;
  /**
   * Entries in key order (or reverse). Embedded engines return a synchronous iterable; remote
   * ones an asynchronous one — consume with `for await`, which accepts both, or, on hot paths,
   * with forEachEntry.
   */
  range(options: RangeOptions): Iterable<Entry> | AsyncIterable<Entry>;
}

/**
 * Visits `entries` in order until `visit` returns false. A synchronous iterable (the embedded
 * engines') is walked with a plain loop, where `for await` would spend a microtask turn on each
 * entry (a 10-item Query: p50 1.7–2.0 → 1.55–1.66 ms under load; bench/NOTES.md, session 6).
 */
export async function forEachEntry(entries: Iterable<Entry> | AsyncIterable<Entry>, visit: (entry: Entry) => boolean): Promise<void> {
  if (Symbol.iterator in entries) {
    for (const entry of entries) if (!visit(entry)) return;
  } else {
    for await (const entry of entries) if (!visit(entry)) return;
  }
}

/** A read-modify-write transaction: sees its own writes; all of its writes commit or none do. */
export interface StorageTransaction extends StorageReader {
  put(key: StorageKey, value: StorageValue): void;
  delete(key: StorageKey): void;
}

export interface StorageEngine {
  /** Reads the latest committed (acknowledged) state. */
  get(key: StorageKey): Promise<StorageValue | undefined>;
  /** Runs `fn` against one snapshot: every read inside sees the same committed state. */
  read<T>(fn: (reader: StorageReader) => Promise<T> | T): Promise<T>;
  /**
   * Runs `fn` as a serialisable transaction: transactions behave as if run one at a time, in
   * order. If `fn` throws, nothing it wrote is applied and the error propagates. The returned
   * promise resolves only once the writes are durable (on disk for disk engines), so a caller
   * may acknowledge its client as soon as it resolves.
   *
   * `fn` must await only the transaction's own methods: anything slower holds up every writer.
   */
  transact<T>(fn: (tx: StorageTransaction) => Promise<T> | T): Promise<T>;
  /** Flushes and releases everything. The engine is unusable afterwards. */
  close(): Promise<void>;
}

export interface StorageOptions {
  /** Directory for a disk engine; ignored by the in-memory engine. */
  dataDir?: string;
  inMemory?: boolean;
}
