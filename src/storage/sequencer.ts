/**
 * Serialisable transactions with group commit, shared by both embedded engines.
 *
 * One writer: transaction functions run strictly one at a time, each against its own writes over
 * the `pending` layer (writes admitted but not yet durable) over the committed state. That makes
 * every transaction see exactly the transactions before it, so the order they run in is a serial
 * order — no conflict detection or retries needed.
 *
 * Admitted write sets collect in an open group. When nothing is being committed, the group goes
 * to the target as soon as the queue of transactions is empty; while a commit is in flight, it
 * goes at the end of the event-loop turn (setImmediate), queued behind the commits already sent,
 * so the target can start its next commit the moment the last one is durable, without waiting
 * for this thread (the LMDB writer thread merges what has queued into one commit). A
 * transaction's promise resolves only when its group is durable, and a read-only transaction
 * waits for the group holding the writes it may have read, so no caller is ever told about state
 * that a crash could take back.
 *
 * Groups sent after a group that fails were built on its writes, so they must never reach the
 * disk: the target refuses every commit after a failed one until `recover()`, which the sequencer
 * calls once it has rejected everything built on the lost writes.
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
   * `committed` shows them. Calls may overlap: the target applies them in call order, and once
   * one has failed it applies none of the later ones until `recover()`.
   */
  commit(writes: WriteSet): Promise<void>;
  /** Everything built on a failed commit has been rejected: commits from now on are sound again. */
  recover(): void;
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
  /** Groups handed to the target and not yet durable, oldest first. */
  private inFlight: Group[] = [];
  private flushScheduled = false;
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
      const dependency = this.open ?? this.inFlight.at(-1);
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
      group === undefined ||
      !(
        this.head >= this.queue.length ||
        group.writes.size >= MAX_GROUP_WRITES ||
        performance.now() - group.openedAt >= MAX_GROUP_AGE_MS
      )
    ) {
      return;
    }
    if (this.inFlight.length === 0) {
      this.flush();
    } else if (!this.flushScheduled) {
      // Whatever else this turn of the event loop admits (the other requests read in the same
      // poll) joins the group before it goes.
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        if (this.open) this.flush();
      });
    }
  }

  private newGroup(): Group {
    return { id: this.nextGroupId++, openedAt: performance.now(), writes: new Map(), waiters: [] };
  }

  private flush(): void {
    const group = this.open!;
    this.open = undefined;
    this.inFlight.push(group);
    const epoch = this.epoch;
    // An async wrapper so that a synchronous throw from the target is handled like a rejection.
    (async () => this.target.commit(group.writes))().then(
      () => this.committed(group, epoch),
      (error: unknown) => this.failed(error, epoch),
    );
  }

  private committed(group: Group, epoch: number): void {
    // A group sent after one that failed was rejected with it; the target will not apply it.
    if (epoch !== this.epoch) return;
    // The target applies groups in order, so every group sent before this one is durable too.
    const done = this.inFlight.splice(0, this.inFlight.indexOf(group) + 1);
    this.durable.push(...done);
    if (!this.running) this.trim();
    for (const { waiters } of done) for (const waiter of waiters) waiter.resolve();
    // The disk is idle again: whatever gathered meanwhile goes now, however small.
    if (this.open && this.inFlight.length === 0) this.flush();
    else this.notifyIfIdle();
  }

  private failed(error: unknown, epoch: number): void {
    if (epoch !== this.epoch) return;
    // Every later group ran on top of the lost writes, so none of them may commit; and a group
    // sent before the failed one whose answer has not come yet cannot be vouched for either.
    const lost = this.open ? [...this.inFlight, this.open] : this.inFlight;
    this.inFlight = [];
    this.open = undefined;
    this.epoch++;
    this.lastFailure = error;
    this.pending.clear();
    this.pendingGroup.clear();
    this.durable = [];
    const failure = commitFailure(error);
    for (const { waiters } of lost) for (const waiter of waiters) waiter.reject(failure);
    this.target.recover();
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
    if (this.draining || this.open || this.inFlight.length > 0 || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function commitFailure(cause: unknown): Error {
  return new Error('storage commit failed; the transaction was not applied', { cause });
}
