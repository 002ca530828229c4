/**
 * The `--in-memory` engine: a B-tree in this process, nothing on disk. Transactions go through the
 * same sequencer as the LMDB engine, so the two differ only in where committed state lives.
 */
import type { Entry, StorageEngine, StorageKey, StorageReader, StorageTransaction, StorageValue } from './engine.js';
import type { Bounds } from './bounds.js';
import { fromLatin1, newSortedMap, sortedRange, toLatin1, type SortedMap } from './btree.js';
import { Sequencer, type WriteSet } from './sequencer.js';
import { readWith } from './transaction.js';
import type { SyncView } from './view.js';

function* limited(entries: Iterable<[string, StorageValue]>, limit: number): Generator<Entry> {
  if (limit <= 0) return;
  let remaining = limit;
  for (const [key, value] of entries) {
    yield [fromLatin1(key), value];
    if (--remaining === 0) return;
  }
}

function treeView(tree: SortedMap<StorageValue>): SyncView {
  return {
    get: (key) => tree.get(toLatin1(key)),
    range: (bounds: Bounds) => limited(sortedRange(tree, bounds), bounds.limit),
  };
}

export class MemoryEngine implements StorageEngine {
  private readonly tree = newSortedMap<StorageValue>();
  /**
   * A copy-on-write clone of `tree`, shared by every reader until the next commit. Ranges iterate
   * a clone rather than `tree` itself, both for snapshot reads and because a commit may land while
   * a transaction is part-way through a range (B-tree iterators do not survive mutation).
   */
  private snapshot: SortedMap<StorageValue> | undefined;
  private readonly sequencer: Sequencer;

  constructor() {
    const committed: SyncView = {
      get: (key) => this.tree.get(toLatin1(key)),
      range: (bounds) => treeView(this.currentSnapshot()).range(bounds),
    };
    // Applying to the tree cannot fail, so there is never anything to recover from.
    this.sequencer = new Sequencer({ committed, commit: async (writes) => this.apply(writes), recover: () => {} });
  }

  async get(key: StorageKey): Promise<StorageValue | undefined> {
    return this.tree.get(toLatin1(key));
  }

  async read<T>(fn: (reader: StorageReader) => Promise<T> | T): Promise<T> {
    return readWith(treeView(this.currentSnapshot()), fn);
  }

  transact<T>(fn: (tx: StorageTransaction) => Promise<T> | T): Promise<T> {
    return this.sequencer.transact(fn);
  }

  close(): Promise<void> {
    return this.sequencer.close();
  }

  private currentSnapshot(): SortedMap<StorageValue> {
    return (this.snapshot ??= this.tree.clone());
  }

  private apply(writes: WriteSet): void {
    for (const [key, value] of writes) {
      if (value === null) this.tree.delete(key);
      else this.tree.set(key, value);
    }
    this.snapshot = undefined;
  }
}
