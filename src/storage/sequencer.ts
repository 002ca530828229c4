/**
 * Serialisable transactions with group commit, shared by both embedded engines.
 *
 * One writer: transaction functions run strictly one at a time, each against its own writes over
 * the `pending` layer (writes admitted but not yet durable) over the committed state. That makes
 * every transaction see exactly the transactions before it, so the order they run in is a serial
 * order — no conflict detection or retries needed.
 *
 * Admitted write sets collect in an open group while the previous group is being made durable;
 * when the target finishes, the whole open group goes to it as one commit. Under load one fsync
 * therefore covers as many transactions as arrived during the previous one. A transaction's
 * promise resolves only when its group is durable, and a read-only transaction waits for the
 * group holding the writes it may have read, so no caller is ever told about state that a crash
 * could take back.
 *
 * Only one group is ever in flight. A second could overlap the first's fsync, but it was built on
 * the first's writes: if the first failed, the second must not reach the disk, and once handed to
 * the target it could not be stopped.
 *
 * A transaction function that calls `transact` itself and awaits the result deadlocks: the inner
 * one queues behind the outer.
 */
// The module's performance, not the global one, which is a getter in Node 20.
import { performance } from 'node:perf_hooks';
import type { StorageTransaction, StorageValue } from './engine.js';
import { newSortedMap } from './btree.js';
import { Transaction } from './transaction.js';
import type { Layer, SyncView } from './view.js';

export type WriteSet = ReadonlyMap<string, StorageValue | null>;

export interface CommitTarget {
  /** The latest durable state, read synchronously. */
  readonly committed: SyncView;
  /**
   * Applies `writes` (latin1 keys; null deletes) atomically. Resolves once they are durable and
   * `committed` shows them.
   */
  commit(writes: WriteSet): Promise<void>;
}

interface Task {
  readonly fn: (tx: StorageTransaction) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

interface Group {
  readonly id: number;
  readonly openedAt: number;
  readonly writes: Map<string, StorageValue | null>;
  readonly waiters: Waiter[];
}

/**
 * Bounds on how long a group stays open while the disk is idle and transactions are still
 * queued: a burst coalesces into one commit, but a steady stream cannot starve the disk.
 */
const MAX_GROUP_WRITES = 10_000;
const MAX_GROUP_AGE_MS = 1;

export class Sequencer {
  private readonly queue: (Task | undefined)[] = [];
  private head = 0;
  private draining = false;
  /** True while a transaction function is running (possibly suspended at an await). */
  private running = false;
  private closed = false;

  /** Writes admitted but not yet durable, newest value per key. */
  private readonly pending: Layer = newSortedMap();
  /** Which group last wrote each pending key, so a group's completion removes only its own values. */
  private readonly pendingGroup = new Map<string, number>();
  /** Durable groups whose keys are still in `pending`; trimmed between transactions (see trim). */
  private durable: Group[] = [];
  private open: Group | undefined;
  private inFlight: Group | undefined;
  private nextGroupId = 1;
  /** Bumped when a commit fails: transactions that began before it may have read lost writes. */
  private epoch = 0;
  private lastFailure: unknown;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly target: CommitTarget) {}

  transact<T>(fn: (tx: StorageTransaction) => Promise<T> | T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('storage engine is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // Start on a microtask so `fn` never runs inside the caller's own call to transact.
        queueMicrotask(() => void this.drain());
      }
    });
  }

  /** Stops accepting transactions and resolves once everything accepted is durable (or failed). */
  close(): Promise<void> {
    this.closed = true;
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.notifyIfIdle();
    });
  }

  private async drain(): Promise<void> {
    while (this.head < this.queue.length) {
      const task = this.queue[this.head]!;
      this.queue[this.head++] = undefined;
      if (this.head >= 1024 && this.head * 2 >= this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      await this.run(task);
      this.maybeFlush();
    }
    this.draining = false;
    this.trim();
    this.notifyIfIdle();
  }

  private async run(task: Task): Promise<void> {
    this.trim();
    const epoch = this.epoch;
    const tx = new Transaction(this.pending, this.target.committed);
    let result: unknown;
    this.running = true;
    try {
      result = await task.fn(tx);
    } catch (error) {
      task.reject(error);
      return;
    } finally {
      this.running = false;
      tx.finish();
    }
    if (epoch !== this.epoch) {
      task.reject(commitFailure(this.lastFailure));
      return;
    }
    this.admit(tx.writes, { resolve: () => task.resolve(result), reject: task.reject });
  }

  private admit(writes: Layer, waiter: Waiter): void {
    if (writes.size === 0) {
      // A read-only transaction may have read writes that are not durable yet, so it reports no
      // sooner than the newest of them.
      const dependency = this.open ?? this.inFlight;
      if (dependency) dependency.waiters.push(waiter);
      else waiter.resolve();
    } else {
      const group = (this.open ??= this.newGroup());
      for (const [key, value] of writes.entries()) {
        group.writes.set(key, value);
        this.pending.set(key, value);
        this.pendingGroup.set(key, group.id);
      }
      group.waiters.push(waiter);
    }
  }

  /** Called after every transaction, whether it committed, failed or only read. */
  private maybeFlush(): void {
    const group = this.open;
    if (
      group !== undefined &&
      this.inFlight === undefined &&
      (this.head >= this.queue.length ||
        group.writes.size >= MAX_GROUP_WRITES ||
        performance.now() - group.openedAt >= MAX_GROUP_AGE_MS)
    ) {
      this.flush();
    }
  }

  private newGroup(): Group {
    return { id: this.nextGroupId++, openedAt: performance.now(), writes: new Map(), waiters: [] };
  }

  private flush(): void {
    const group = this.open!;
    this.open = undefined;
    this.inFlight = group;
    // An async wrapper so that a synchronous throw from the target is handled like a rejection.
    (async () => this.target.commit(group.writes))().then(
      () => this.committed(group),
      (error: unknown) => this.failed(group, error),
    );
  }

  private committed(group: Group): void {
    this.inFlight = undefined;
    this.durable.push(group);
    if (!this.running) this.trim();
    for (const waiter of group.waiters) waiter.resolve();
    // The disk is idle again: whatever gathered meanwhile goes now, however small.
    if (this.open) this.flush();
    else this.notifyIfIdle();
  }

  private failed(group: Group, error: unknown): void {
    this.inFlight = undefined;
    // Every later admitted transaction ran on top of the lost writes, so none of them may commit.
    const lost: Group[] = this.open ? [group, this.open] : [group];
    this.open = undefined;
    this.epoch++;
    this.lastFailure = error;
    this.pending.clear();
    this.pendingGroup.clear();
    this.durable = [];
    const failure = commitFailure(error);
    for (const { waiters } of lost) for (const waiter of waiters) waiter.reject(failure);
    this.notifyIfIdle();
  }

  /**
   * Drops durable groups' values from `pending` now that `committed` shows them. Never while a
   * transaction function runs: it may be iterating `pending`, and a value it already read must not
   * vanish from under it.
   */
  private trim(): void {
    for (const group of this.durable) {
      for (const key of group.writes.keys()) {
        if (this.pendingGroup.get(key) === group.id) {
          this.pending.delete(key);
          this.pendingGroup.delete(key);
        }
      }
    }
    this.durable = [];
  }

  private notifyIfIdle(): void {
    if (this.draining || this.open || this.inFlight || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function commitFailure(cause: unknown): Error {
  return new Error('storage commit failed; the transaction was not applied', { cause });
}
