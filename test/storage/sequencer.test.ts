/**
 * The sequencer against a target whose commits the test completes by hand, to pin down group
 * commit, durability ordering and failure handling — timing the real engines cannot control.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import type { Entry } from '../../src/storage/engine.js';
import { Sequencer, type CommitTarget, type WriteSet } from '../../src/storage/sequencer.js';

const k = (text: string): Buffer => Buffer.from(text, 'latin1');

interface PendingCommit {
  readonly writes: WriteSet;
  succeed(): void;
  fail(error: Error): void;
}

/**
 * Keeps the target's side of the contract: commits apply in call order, and after one fails, the
 * ones called before `recover()` are refused even when the test tries to complete them.
 */
class ManualTarget implements CommitTarget {
  readonly state = new Map<string, string>();
  readonly commits: PendingCommit[] = [];
  /** Bumped by recover(); a failure refuses the rest of its generation. */
  private generation = 0;
  private readonly failedGenerations = new Set<number>();
  readonly committed = {
    get: (key: Buffer) => this.state.get(key.toString('latin1')),
    range: (): Iterable<Entry> =>
      [...this.state.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, value]): Entry => [k(key), value]),
  };

  commit(writes: WriteSet): Promise<void> {
    const generation = this.generation;
    return new Promise((resolve, reject) => {
      this.commits.push({
        writes: new Map(writes),
        succeed: () => {
          if (this.failedGenerations.has(generation)) return reject(new Error('refused: an earlier commit failed'));
          for (const [key, value] of writes) {
            if (value === null) this.state.delete(key);
            else this.state.set(key, value);
          }
          resolve();
        },
        fail: (error) => {
          this.failedGenerations.add(generation);
          reject(error);
        },
      });
    });
  }

  recover(): void {
    this.generation++;
  }
}

/** Tracks a promise's outcome without awaiting it. */
function watch<T>(promise: Promise<T>): { settled: () => string } {
  let state = 'pending';
  promise.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  return { settled: () => state };
}

function put(sequencer: Sequencer, key: string, value: string): Promise<void> {
  return sequencer.transact((tx) => tx.put(k(key), value));
}

describe('sequencer', () => {
  it('resolves a transaction only once its group is durable', async () => {
    const target = new ManualTarget();
    const sequencer = new Sequencer(target);
    const write = watch(put(sequencer, 'a', '1'));
    await tick();
    assert.equal(target.commits.length, 1);
    assert.equal(write.settled(), 'pending');
    target.commits[0]!.succeed();
    await tick();
    assert.equal(write.settled(), 'resolved');
  });

  it('sends what arrives during a commit as one group, without waiting for the commit', async () => {
    const target = new ManualTarget();
    const sequencer = new Sequencer(target);
    const first = watch(put(sequencer, 'first', '1'));
    await tick();
    const rest = Array.from({ length: 10 }, (_, i) => watch(put(sequencer, `k${i}`, String(i))));
    // One turn of the event loop to admit them, one for the group to go.
    await tick();
    await tick();
    assert.equal(target.commits.length, 2);
    assert.equal(target.commits[1]!.writes.size, 10);
    target.commits[0]!.succeed();
    await tick();
    assert.equal(first.settled(), 'resolved');
    assert.deepEqual(rest.map((w) => w.settled()), rest.map(() => 'pending'));
    target.commits[1]!.succeed();
    await tick();
    assert.deepEqual(rest.map((w) => w.settled()), rest.map(() => 'resolved'));
  });

  it('keeps a later pending value when an earlier group with the same key completes', async () => {
    const target = new ManualTarget();
    const sequencer = new Sequencer(target);
    void put(sequencer, 'x', 'group1');
    void put(sequencer, 'y', 'group1');
    await tick();
    void put(sequencer, 'x', 'group2');
    void sequencer.transact((tx) => tx.delete(k('y')));
    await tick();
    target.commits[0]!.succeed();
    await tick();
    let seen: unknown;
    const reading = sequencer.transact(async (tx) => {
      seen = [await tx.get(k('x')), await tx.get(k('y')), [...(tx.range({}) as Iterable<Entry>)].length];
    });
    await tick();
    assert.deepEqual(seen, ['group2', undefined, 1]);
    target.commits[1]!.succeed();
    await reading;
  });

  it('lets a read-only transaction finish at once when nothing is pending', async () => {
    const target = new ManualTarget();
    target.state.set('a', '1');
    const sequencer = new Sequencer(target);
    assert.equal(await sequencer.transact((tx) => tx.get(k('a'))), '1');
    assert.equal(target.commits.length, 0);
  });

  it('makes a read-only transaction that saw pending writes wait for them', async () => {
    const target = new ManualTarget();
    const sequencer = new Sequencer(target);
    void put(sequencer, 'a', '1');
    const read = sequencer.transact((tx) => tx.get(k('a')));
    const watched = watch(read);
    await tick();
    assert.equal(watched.settled(), 'pending');
    target.commits[0]!.succeed();
    assert.equal(await read, '1');
  });

  it('rejects a failed group and every transaction that ran on top of it', async () => {
    const target = new ManualTarget();
    target.state.set('balance', '10');
    const sequencer = new Sequencer(target);
    const lost = watch(put(sequencer, 'balance', '20'));
    await tick();
    // Reads the lost write, so it must not commit either.
    const dependent = watch(
      sequencer.transact(async (tx) => {
        tx.put(k('copy'), (await tx.get(k('balance')))!);
      }),
    );
    // Still running when the failure lands.
    let release!: () => void;
    const running = watch(
      sequencer.transact(async (tx) => {
        const seen = await tx.get(k('balance'));
        await new Promise<void>((resolve) => (release = resolve));
        tx.put(k('running'), seen!);
      }),
    );
    await tick();
    target.commits[0]!.fail(new Error('disk full'));
    await tick();
    release();
    await tick();
    assert.deepEqual([lost.settled(), dependent.settled(), running.settled()], ['rejected', 'rejected', 'rejected']);
    assert.equal(target.commits.length, 1, 'nothing built on the lost writes was sent');

    // Afterwards the sequencer works from the durable state again.
    const after = sequencer.transact(async (tx) => {
      const balance = await tx.get(k('balance'));
      tx.put(k('after'), balance!);
      return balance;
    });
    await tick();
    target.commits[1]!.succeed();
    assert.equal(await after, '10');
    assert.equal(target.state.get('after'), '10');
    assert.equal(target.state.has('copy'), false);
  });

  it('rejects groups sent behind a failed one, which the target refuses, then recovers it', async () => {
    const target = new ManualTarget();
    const sequencer = new Sequencer(target);
    const first = watch(put(sequencer, 'a', '1'));
    await tick();
    const behind = watch(sequencer.transact(async (tx) => tx.put(k('b'), `${await tx.get(k('a'))}+1`)));
    await tick();
    await tick();
    assert.equal(target.commits.length, 2, 'the second group went while the first was in flight');
    target.commits[0]!.fail(new Error('disk full'));
    target.commits[1]!.succeed();
    await tick();
    assert.deepEqual([first.settled(), behind.settled()], ['rejected', 'rejected']);
    assert.equal(target.state.size, 0);

    const later = put(sequencer, 'c', '3');
    await tick();
    target.commits[2]!.succeed();
    await later;
    assert.deepEqual([...target.state], [['c', '3']]);
  });

  it('reports the cause of a failed commit', async () => {
    const target = new ManualTarget();
    const sequencer = new Sequencer(target);
    const write = put(sequencer, 'a', '1');
    await tick();
    const cause = new Error('EIO');
    target.commits[0]!.fail(cause);
    await assert.rejects(write, (error: Error) => error.cause === cause);
  });

  it('closes once accepted work is durable', async () => {
    const target = new ManualTarget();
    const sequencer = new Sequencer(target);
    void put(sequencer, 'a', '1');
    const closed = watch(sequencer.close());
    await tick();
    assert.equal(closed.settled(), 'pending');
    target.commits[0]!.succeed();
    await tick();
    assert.equal(closed.settled(), 'resolved');
    await assert.rejects(put(sequencer, 'b', '2'));
  });
});
