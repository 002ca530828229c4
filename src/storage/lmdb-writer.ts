/**
 * The LMDB writer thread: commits the groups the sequencer hands it as synchronous LMDB write
 * transactions — write, commit, fsync — and answers once they are durable.
 *
 * Why a thread of our own instead of lmdb-js's asynchronous `batch`: `batch` starts its commit
 * from a `setImmediate` (after the rest of the poll phase) and runs it on libuv's pool, which
 * costs every group commit a wait and two thread hand-offs. Committing here with
 * `transactionSync` starts at once. Measured over HTTP: PutItem/UpdateItem p99 10–16% lower,
 * throughput 3–17% higher (bench/NOTES.md, session 4).
 *
 * Groups arrive while a commit runs (the sequencer does not wait for it); when it is done, the
 * thread takes every group that has queued and commits them together, so the disk goes from one
 * fsync to the next without waiting for the main thread.
 *
 * This module is both sides: `LmdbWriter` (the main thread's handle) and, when loaded as a worker,
 * the thread itself. lmdb-js shares one environment among the threads of a process, so the
 * thread's writes are the main thread's data; the main thread renews its read snapshot after
 * each commit (LmdbEngine.commit).
 */
import { isMainThread, parentPort, receiveMessageOnPort, Worker, workerData } from 'node:worker_threads';
import type { WriteSet } from './sequencer.js';
import { openLmdb, type LmdbDatabase } from './lmdb-env.js';

/** The key of workerData that makes a thread loading this module the writer, for that data directory. */
const WRITER_FOR = 'tesseraLmdbWriterFor';

/** One group: latin1 keys (as the sequencer keeps them), null deletes. */
type Writes = [key: string, value: string | null][];

interface Commit {
  type: 'commit';
  id: number;
  writes: Writes;
}
type ToWriter = Commit | { type: 'recover' } | { type: 'close' };
/** `committed` covers every commit up to and including `upTo`: they are applied in order. */
type FromWriter = { type: 'committed'; upTo: number } | { type: 'failed'; id: number; message: string } | { type: 'broken'; message: string };

interface Pending {
  resolve(): void;
  reject(error: Error): void;
}

/** The main thread's handle on the writer thread. */
export class LmdbWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Set once the thread cannot commit any more; every later commit fails with it. */
  private broken: Error | undefined;
  private readonly exited: Promise<void>;

  constructor(dataDir: string) {
    // The same file, whether it runs compiled (dist/src/storage) or bundled (dist/bundle, where
    // scripts/bundle.mjs emits it as an entry of its own).
    this.worker = new Worker(new URL('./lmdb-writer.js', import.meta.url), { workerData: { [WRITER_FOR]: dataDir } });
    // Only a commit in flight keeps the process alive (see commit).
    this.worker.unref();
    this.worker.on('message', (message: FromWriter) => this.receive(message));
    this.worker.on('error', (err) => this.fail(err));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        this.fail(new Error(`the LMDB writer thread exited (code ${code})`));
        resolve();
      }),
    );
  }

  /**
   * Resolves once `writes` are committed and on disk. Commits are applied in the order they are
   * called; once one fails, every later one fails too, until `recover()`.
   */
  commit(writes: WriteSet): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    const message: ToWriter = { type: 'commit', id, writes: [...writes] };
    return new Promise<void>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(message);
    });
  }

  /** The commits called from now on no longer depend on the one that failed. */
  recover(): void {
    if (!this.broken) this.worker.postMessage({ type: 'recover' } satisfies ToWriter);
  }

  /** Closes the thread's handle on the environment and ends the thread; call when no commit is in flight. */
  async close(): Promise<void> {
    if (!this.broken) this.worker.postMessage({ type: 'close' } satisfies ToWriter);
    this.worker.ref();
    await this.exited;
  }

  private receive(message: FromWriter): void {
    if (message.type === 'broken') return this.fail(new Error(message.message));
    if (message.type === 'failed') {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.settle(message.id);
      return waiter.reject(new Error(message.message));
    }
    // Map iteration follows insertion, which is id order.
    for (const [id, waiter] of this.pending) {
      if (id > message.upTo) break;
      this.settle(id);
      waiter.resolve();
    }
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const [id, waiter] of this.pending) {
      this.settle(id);
      waiter.reject(this.broken);
    }
  }
}

/** The thread: opens the environment, then commits what it is sent, in order. */
async function runWriter(dataDir: string): Promise<void> {
  const port = parentPort!;
  const send = (message: FromWriter) => port.postMessage(message);
  let db: LmdbDatabase;
  try {
    db = await openLmdb(dataDir);
  } catch (err) {
    send({ type: 'broken', message: `the LMDB writer thread could not open ${dataDir}: ${(err as Error).message}` });
    return;
  }
  /** Why commits are refused: set when one fails, cleared by `recover`. */
  let refusing: string | undefined;

  /** One LMDB transaction for all of `commits`: all of them or none; returns after the fsync. */
  const apply = (commits: Commit[]): void =>
    db.transactionSync(() => {
      for (const { writes } of commits) {
        for (const [latin1Key, value] of writes) {
          const key = Buffer.from(latin1Key, 'latin1');
          if (value === null) db.removeSync(key);
          else db.putSync(key, value);
        }
      }
    });

  const commitAll = (commits: Commit[]): void => {
    if (commits.length === 0) return;
    if (refusing !== undefined) {
      for (const { id } of commits) send({ type: 'failed', id, message: refusing });
      return;
    }
    try {
      apply(commits);
      send({ type: 'committed', upTo: commits.at(-1)!.id });
    } catch (err) {
      if (commits.length > 1) {
        // One group's failure must not take the groups before it down with it.
        for (const commit of commits) commitAll([commit]);
        return;
      }
      const { message } = err as Error;
      refusing = `an earlier commit failed (${message})`;
      send({ type: 'failed', id: commits[0]!.id, message });
    }
  };

  port.on('message', (first: ToWriter) => {
    // Everything that queued during the last commit, in order.
    const messages = [first];
    for (let next; (next = receiveMessageOnPort(port)); ) messages.push(next.message as ToWriter);
    let commits: Commit[] = [];
    for (const message of messages) {
      if (message.type === 'commit') {
        commits.push(message);
        continue;
      }
      commitAll(commits);
      commits = [];
      if (message.type === 'recover') {
        refusing = undefined;
      } else {
        void db.close().finally(() => port.close());
        return;
      }
    }
    commitAll(commits);
  });
}

const writerFor = isMainThread ? undefined : (workerData as Record<string, unknown> | null)?.[WRITER_FOR];
if (typeof writerFor === 'string') void runWriter(writerFor);
