/**
 * The durable engine: committed state in LMDB, transactions through the shared sequencer.
 *
 * LMDB gives one writer at a time and synchronous, lock-free snapshot reads. Each commit group
 * goes to the writer thread (lmdb-writer.ts) as one LMDB write transaction and one fsync, however
 * many Tessera transactions it carries.
 */
import type { Database, Transaction as ReadTxn } from 'lmdb';
import type { Entry, StorageEngine, StorageKey, StorageReader, StorageTransaction, StorageValue } from './engine.js';
import type { Bounds } from './bounds.js';
import type { LmdbWriter } from './lmdb-writer.js';
import type { LmdbDatabase } from './lmdb-env.js';
import { Sequencer, type WriteSet } from './sequencer.js';
import { MAX_KEY_BYTES, readWith } from './transaction.js';
import type { SyncView } from './view.js';

interface LmdbRange {
  start?: StorageKey;
  end?: StorageKey;
  reverse?: boolean;
  exclusiveStart?: boolean;
  inclusiveEnd?: boolean;
  limit?: number;
  transaction?: ReadTxn;
}

const SMALLEST_KEY = Buffer.from([0]);

interface Edge {
  readonly key: StorageKey;
  readonly inclusive: boolean;
}

/*
 * LMDB refuses keys longer than its maximum even as range bounds, but a bound may be longer (a
 * successor, or a caller's prefix bound). No stored key exceeds MAX_KEY_BYTES, so such a bound B
 * can be cut to its first MAX_KEY_BYTES bytes T: for every storable key K, K >= B iff K > T, and
 * K < B iff K <= T (T itself is shorter than B, hence below it).
 */
function lowerEdge(lower: StorageKey): Edge {
  return lower.length > MAX_KEY_BYTES ? { key: lower.subarray(0, MAX_KEY_BYTES), inclusive: false } : { key: lower, inclusive: true };
}

function upperEdge(upper: StorageKey): Edge {
  return upper.length > MAX_KEY_BYTES ? { key: upper.subarray(0, MAX_KEY_BYTES), inclusive: true } : { key: upper, inclusive: false };
}

/** Translates [lower, upper) into lmdb-js terms, where `start` is wherever iteration begins. */
function lmdbRange(bounds: Bounds, transaction: ReadTxn | undefined): LmdbRange {
  const options: LmdbRange = {};
  if (transaction) options.transaction = transaction;
  if (bounds.limit !== Infinity) options.limit = bounds.limit;
  const lower = bounds.lower && lowerEdge(bounds.lower);
  const upper = bounds.upper && upperEdge(bounds.upper);
  if (!bounds.reverse) {
    if (lower) {
      options.start = lower.key;
      options.exclusiveStart = !lower.inclusive;
    }
    if (upper) {
      options.end = upper.key;
      options.inclusiveEnd = upper.inclusive;
    }
  } else {
    options.reverse = true;
    if (upper) {
      options.start = upper.key;
      options.exclusiveStart = !upper.inclusive;
    }
    // Without an end, lmdb-js stops at its default beginning key, [0x00], exclusively — which
    // would hide the key [0x00] itself. That is the smallest non-empty key, so include it.
    options.end = lower?.key ?? SMALLEST_KEY;
    options.inclusiveEnd = lower?.inclusive ?? true;
  }
  return options;
}

/** Keys LMDB cannot hold (and would throw on) cannot be present. */
const storable = (key: StorageKey): boolean => key.length > 0 && key.length <= MAX_KEY_BYTES;

/** Committed state as of `transaction`, or the latest committed state when it is undefined. */
function lmdbView(db: Database<StorageValue, StorageKey>, transaction?: ReadTxn): SyncView {
  const getOptions = transaction ? { transaction } : undefined;
  return {
    get: (key) => (storable(key) ? db.get(key, getOptions) : undefined),
    range: (bounds) =>
      db.getRange(lmdbRange(bounds, transaction)).map(({ key, value }): Entry => [key, value]),
  };
}

export class LmdbEngine implements StorageEngine {
  private readonly sequencer: Sequencer;

  /** `writer` commits the groups; without one (a read helper's engine) every transaction is refused. */
  constructor(
    private readonly db: LmdbDatabase,
    private readonly writer?: LmdbWriter,
  ) {
    // lmdb-js sets maxKeySize on the store without declaring it in its types.
    const { maxKeySize } = db as unknown as { maxKeySize: number };
    if (maxKeySize < MAX_KEY_BYTES) {
      throw new Error(`LMDB environment allows keys of ${maxKeySize} bytes; Tessera needs ${MAX_KEY_BYTES} (8 KiB pages)`);
    }
    this.sequencer = new Sequencer({
      committed: lmdbView(db),
      commit: (writes) => this.commit(writes),
      recover: () => this.writer!.recover(),
    });
  }

  async get(key: StorageKey): Promise<StorageValue | undefined> {
    return storable(key) ? this.db.get(key) : undefined;
  }

  async read<T>(fn: (reader: StorageReader) => Promise<T> | T): Promise<T> {
    // Pins one LMDB snapshot until fn settles, however many awaits it spans; readers that start
    // with no commit in between share the same LMDB read transaction.
    const txn = this.db.useReadTransaction();
    try {
      return await readWith(lmdbView(this.db, txn), fn);
    } finally {
      txn.done();
    }
  }

  transact<T>(fn: (tx: StorageTransaction) => Promise<T> | T): Promise<T> {
    // A read helper's engine: a write there would bypass the owner's sequencer.
    if (!this.writer) return Promise.reject(new Error('this LMDB engine has no writer: it was opened to read'));
    return this.sequencer.transact(fn);
  }

  /**
   * Makes the next read see every commit made so far, by any process. lmdb-js renews its shared
   * read snapshot lazily (on a timer), so this engine calls it after each of its own commits, and
   * a process reading what another one writes calls it before each request, so that a write
   * acknowledged elsewhere is never missed.
   */
  refresh(): void {
    this.db.resetReadTxn();
  }

  async close(): Promise<void> {
    await this.sequencer.close();
    await this.writer?.close();
    await this.db.close();
  }

  private async commit(writes: WriteSet): Promise<void> {
    // Only reached through transact, which refuses to run without a writer.
    await this.writer!.commit(writes);
    // So that `committed` shows this group before the sequencer stops overlaying it.
    this.refresh();
  }
}
