/**
 * The behaviour every StorageEngine must share, run against each engine by its own test file.
 * Randomised checks use a seeded generator so a failure reproduces exactly.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import type { Entry, RangeOptions, StorageEngine, StorageReader } from '../../src/storage/engine.js';
import { MAX_KEY_BYTES } from '../../src/storage/transaction.js';

export type EngineFactory = () => Promise<StorageEngine>;

const k = (text: string): Buffer => Buffer.from(text, 'latin1');
const str = (key: Buffer): string => key.toString('latin1');

async function collect(entries: Iterable<Entry> | AsyncIterable<Entry>): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for await (const [key, value] of entries) out.push([str(key), value]);
  return out;
}

async function keysOf(reader: StorageReader, options: RangeOptions): Promise<string[]> {
  return (await collect(reader.range(options))).map(([key]) => key);
}

async function withEngine(factory: EngineFactory, body: (engine: StorageEngine) => Promise<void>): Promise<void> {
  const engine = await factory();
  try {
    await body(engine);
  } finally {
    await engine.close();
  }
}

async function putAll(engine: StorageEngine, entries: Record<string, string>): Promise<void> {
  await engine.transact((tx) => {
    for (const [key, value] of Object.entries(entries)) tx.put(k(key), value);
  });
}

function random(seed: number): () => number {
  // mulberry32: tiny, fast, good enough to pick keys.
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Short keys over bytes chosen to hit the edges: 0x00 (successor encoding), 0x7f/0x80 (signedness), 0xff. */
function randomKey(rand: () => number): string {
  const alphabet = '\x00\x01a\x7f\x80\xff';
  const length = 1 + Math.floor(rand() * 3);
  let key = '';
  for (let i = 0; i < length; i++) key += alphabet[Math.floor(rand() * alphabet.length)];
  return key;
}

function randomRange(rand: () => number): RangeOptions {
  const options: RangeOptions = {};
  const pick = () => (rand() < 0.5 ? k(randomKey(rand)) : undefined);
  if (rand() < 0.6) options.gte = pick();
  if (rand() < 0.4) options.gt = pick();
  if (rand() < 0.6) options.lt = pick();
  if (rand() < 0.4) options.lte = pick();
  if (rand() < 0.5) options.reverse = true;
  if (rand() < 0.5) options.limit = Math.floor(rand() * 6);
  return options;
}

/** What `range` must return over `model`, computed the obvious way. */
function expectedRange(model: Map<string, string>, options: RangeOptions): [string, string][] {
  const cmp = (a: string, b: string) => Buffer.compare(k(a), k(b));
  let entries = [...model.entries()]
    .filter(([key]) => options.gte === undefined || cmp(key, str(options.gte)) >= 0)
    .filter(([key]) => options.gt === undefined || cmp(key, str(options.gt)) > 0)
    .filter(([key]) => options.lt === undefined || cmp(key, str(options.lt)) < 0)
    .filter(([key]) => options.lte === undefined || cmp(key, str(options.lte)) <= 0)
    .sort(([a], [b]) => cmp(a, b));
  if (options.reverse) entries.reverse();
  if (options.limit !== undefined) entries = entries.slice(0, options.limit);
  return entries;
}

export function storageConformance(name: string, factory: EngineFactory): void {
  describe(`${name} engine conformance`, () => {
    it('puts, gets, overwrites and deletes', async () => {
      await withEngine(factory, async (engine) => {
        assert.equal(await engine.get(k('missing')), undefined);
        await putAll(engine, { a: '1', b: '2', empty: '' });
        assert.equal(await engine.get(k('a')), '1');
        assert.equal(await engine.get(k('empty')), '');
        await engine.transact((tx) => {
          tx.put(k('a'), '10');
          tx.delete(k('b'));
          tx.delete(k('never-existed'));
        });
        assert.equal(await engine.get(k('a')), '10');
        assert.equal(await engine.get(k('b')), undefined);
        assert.deepEqual(await engine.read((r) => collect(r.range({}))), [['a', '10'], ['empty', '']]);
      });
    });

    it('round-trips any UTF-8 value and large values', async () => {
      await withEngine(factory, async (engine) => {
        const values = ['é ü 日本 🎉', '\u0000nul\u0000', '{"S":"x"}', 'x'.repeat(400 * 1024)];
        await engine.transact((tx) => values.forEach((value, i) => tx.put(k(`v${i}`), value)));
        for (const [i, value] of values.entries()) assert.equal(await engine.get(k(`v${i}`)), value);
      });
    });

    it('orders keys as unsigned bytes, shorter prefix first', async () => {
      await withEngine(factory, async (engine) => {
        const keys = ['\xff', '\x80', '\x7f', 'a\x00', 'a', 'a\x01', '\x00', '\x00\x00', 'b'];
        await engine.transact((tx) => keys.forEach((key) => tx.put(k(key), key)));
        const sorted = [...keys].sort((a, b) => Buffer.compare(k(a), k(b)));
        assert.deepEqual(sorted, ['\x00', '\x00\x00', 'a', 'a\x00', 'a\x01', 'b', '\x7f', '\x80', '\xff']);
        assert.deepEqual(await engine.read((r) => keysOf(r, {})), sorted);
        assert.deepEqual(await engine.read((r) => keysOf(r, { reverse: true })), [...sorted].reverse());
      });
    });

    it('accepts keys up to the maximum length and rejects longer or empty ones', async () => {
      await withEngine(factory, async (engine) => {
        const longest = Buffer.alloc(MAX_KEY_BYTES, 0xab);
        await engine.transact((tx) => tx.put(longest, 'max'));
        assert.equal(await engine.get(longest), 'max');
        assert.deepEqual(await engine.read((r) => collect(r.range({ gte: longest }))), [[str(longest), 'max']]);
        // A bad key fails its own transaction only, even when it shares a commit group.
        const results = await Promise.allSettled([
          engine.transact((tx) => tx.put(k('ok1'), '1')),
          engine.transact((tx) => tx.put(Buffer.alloc(MAX_KEY_BYTES + 1), 'x')),
          engine.transact((tx) => tx.put(Buffer.alloc(0), 'x')),
          engine.transact((tx) => tx.put(k('ok2'), '2')),
        ]);
        assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'rejected', 'fulfilled']);
        assert.equal(await engine.get(k('ok1')), '1');
        assert.equal(await engine.get(k('ok2')), '2');
      });
    });

    it('handles bounds at and beyond the maximum key length', async () => {
      await withEngine(factory, async (engine) => {
        const longest = str(Buffer.alloc(MAX_KEY_BYTES, 0xab));
        const beyond = k(str(Buffer.alloc(MAX_KEY_BYTES + 100, 0xab)));
        const short = '\xab'.repeat(10);
        await putAll(engine, { [longest]: 'A', [short]: 'P', '\xac': 'Z' });
        const cases: [RangeOptions, string][] = [
          [{ lte: k(longest) }, 'PA'],
          [{ lt: k(longest) }, 'P'],
          [{ gt: k(longest) }, 'Z'],
          [{ gte: k(longest) }, 'AZ'],
          [{ gte: beyond }, 'Z'],
          [{ gt: beyond }, 'Z'],
          [{ lt: beyond }, 'PA'],
          [{ lte: beyond }, 'PA'],
          [{ gt: k(short), lt: beyond }, 'A'],
        ];
        const values = async (reader: StorageReader, options: RangeOptions) =>
          (await collect(reader.range(options))).map(([, value]) => value).join('');
        const check = async (reader: StorageReader, where: string) => {
          for (const [options, expected] of cases) {
            const label = `${where} ${Object.keys(options).join(',')}`;
            assert.equal(await values(reader, options), expected, label);
            assert.equal(await values(reader, { ...options, reverse: true }), [...expected].reverse().join(''), `${label} reverse`);
          }
          assert.equal(await reader.get(beyond), undefined);
        };
        await engine.read((r) => check(r, 'read'));
        await engine.transact(async (tx) => {
          tx.put(k(short), 'P'); // unchanged, but ranges now go through the overlay merge
          await check(tx, 'transaction');
        });
        assert.equal(await engine.get(beyond), undefined);
      });
    });

    it('applies range bounds, direction and limit', async () => {
      await withEngine(factory, async (engine) => {
        await putAll(engine, { a: '', b: '', c: '', d: '', e: '' });
        const cases: [RangeOptions, string][] = [
          [{}, 'abcde'],
          [{ gte: k('b') }, 'bcde'],
          [{ gt: k('b') }, 'cde'],
          [{ lt: k('d') }, 'abc'],
          [{ lte: k('d') }, 'abcd'],
          [{ gte: k('b'), lte: k('d') }, 'bcd'],
          [{ gt: k('b'), lt: k('d') }, 'c'],
          [{ gt: k('bb'), lt: k('cc') }, 'c'],
          [{ gte: k('b'), gt: k('b') }, 'cde'],
          [{ lte: k('d'), lt: k('c') }, 'ab'],
          [{ gte: k('d'), lte: k('b') }, ''],
          [{ gt: k('c'), lt: k('c') }, ''],
          [{ reverse: true }, 'edcba'],
          [{ reverse: true, lt: k('d') }, 'cba'],
          [{ reverse: true, lte: k('d') }, 'dcba'],
          [{ reverse: true, gt: k('b') }, 'edc'],
          [{ reverse: true, gte: k('b'), lt: k('e') }, 'dcb'],
          [{ reverse: true, lt: k('zz') }, 'edcba'],
          [{ limit: 2 }, 'ab'],
          [{ limit: 2, reverse: true }, 'ed'],
          [{ limit: 2, reverse: true, lt: k('d') }, 'cb'],
          [{ limit: 0 }, ''],
          [{ limit: 10 }, 'abcde'],
        ];
        await engine.read(async (r) => {
          for (const [options, expected] of cases) {
            assert.equal((await keysOf(r, options)).join(''), expected, JSON.stringify(options));
          }
        });
        await engine.transact(async (tx) => {
          for (const [options, expected] of cases) {
            assert.equal((await keysOf(tx, options)).join(''), expected, `in transaction: ${JSON.stringify(options)}`);
          }
        });
      });
    });

    it('matches a reference model on random byte keys and bounds', async () => {
      await withEngine(factory, async (engine) => {
        const rand = random(1);
        const model = new Map<string, string>();
        for (let i = 0; i < 60; i++) model.set(randomKey(rand), String(i));
        await putAll(engine, Object.fromEntries(model));
        await engine.read(async (r) => {
          for (let i = 0; i < 300; i++) {
            const options = randomRange(rand);
            assert.deepEqual(await collect(r.range(options)), expectedRange(model, options), JSON.stringify(options));
          }
        });
      });
    });

    it('lets a transaction read its own writes, in gets and in ranges', async () => {
      await withEngine(factory, async (engine) => {
        await putAll(engine, { a: '1', b: '2', c: '3' });
        await engine.transact(async (tx) => {
          tx.put(k('b'), 'two');
          tx.put(k('bb'), 'new');
          tx.delete(k('c'));
          assert.equal(await tx.get(k('b')), 'two');
          assert.equal(await tx.get(k('c')), undefined);
          assert.deepEqual(await collect(tx.range({})), [['a', '1'], ['b', 'two'], ['bb', 'new']]);
          tx.put(k('c'), 'back');
          assert.equal(await tx.get(k('c')), 'back');
          // Others do not see the writes before the transaction commits.
          assert.equal(await engine.get(k('b')), '2');
        });
        assert.equal(await engine.get(k('b')), 'two');
        assert.equal(await engine.get(k('c')), 'back');
      });
    });

    it('discards every write of a transaction that throws', async () => {
      await withEngine(factory, async (engine) => {
        await putAll(engine, { a: '1' });
        const boom = new Error('boom');
        await assert.rejects(
          engine.transact(async (tx) => {
            tx.put(k('a'), 'changed');
            tx.put(k('b'), 'added');
            await tick();
            throw boom;
          }),
          (error) => error === boom,
        );
        // Nor may a later transaction see them.
        const seen = await engine.transact(async (tx) => [await tx.get(k('a')), await tx.get(k('b'))]);
        assert.deepEqual(seen, ['1', undefined]);
        assert.equal(await engine.get(k('a')), '1');
        assert.equal(await engine.get(k('b')), undefined);
      });
    });

    it('commits a transaction even when all those queued behind it fail', async () => {
      await withEngine(factory, async (engine) => {
        const kept = engine.transact(async (tx) => {
          tx.put(k('kept'), '1');
          await tick();
        });
        const failing = Promise.allSettled(
          Array.from({ length: 4 }, () =>
            engine.transact(() => {
              throw new Error('no');
            }),
          ),
        );
        await kept;
        assert.equal((await failing).every((r) => r.status === 'rejected'), true);
        assert.equal(await engine.get(k('kept')), '1');
      });
    });

    it('returns the value of the transaction function', async () => {
      await withEngine(factory, async (engine) => {
        assert.equal(await engine.transact(() => 42), 42);
        assert.equal(await engine.transact(async (tx) => (tx.put(k('x'), 'y'), 'done')), 'done');
        assert.equal(await engine.read(async (r) => r.get(k('x'))), 'y');
      });
    });

    it('serialises concurrent read-modify-write transactions', async () => {
      await withEngine(factory, async (engine) => {
        const increment = () =>
          engine.transact(async (tx) => {
            const current = Number((await tx.get(k('counter'))) ?? '0');
            await tick(); // give others every chance to interleave
            tx.put(k('counter'), String(current + 1));
            return current;
          });
        const seen = await Promise.all(Array.from({ length: 200 }, increment));
        assert.equal(await engine.get(k('counter')), '200');
        // Each saw a distinct predecessor: a serial order exists.
        assert.deepEqual([...seen].sort((a, b) => a - b), Array.from({ length: 200 }, (_, i) => i));
      });
    });

    it('keeps an invariant under concurrent transfers, as seen by snapshot readers', async () => {
      await withEngine(factory, async (engine) => {
        const accounts = 8;
        await engine.transact((tx) => {
          for (let i = 0; i < accounts; i++) tx.put(k(`acct${i}`), '100');
        });
        const rand = random(7);
        const transfers = Array.from({ length: 150 }, () => {
          const from = Math.floor(rand() * accounts);
          const to = Math.floor(rand() * accounts);
          return engine.transact(async (tx) => {
            const a = Number(await tx.get(k(`acct${from}`)));
            tx.put(k(`acct${from}`), String(a - 1));
            const b = Number(await tx.get(k(`acct${to}`)));
            tx.put(k(`acct${to}`), String(b + 1));
          });
        });
        const sums: number[] = [];
        const readers = Array.from({ length: 20 }, async () => {
          await tick();
          sums.push(
            await engine.read(async (r) => {
              let sum = 0;
              for await (const [, value] of r.range({ gte: k('acct'), lt: k('acct\xff') })) {
                sum += Number(value);
                await tick();
              }
              return sum;
            }),
          );
        });
        await Promise.all([...transfers, ...readers]);
        assert.deepEqual(sums, sums.map(() => accounts * 100));
        const final = await engine.read((r) => collect(r.range({ gte: k('acct'), lt: k('acct\xff') })));
        assert.equal(final.reduce((sum, [, value]) => sum + Number(value), 0), accounts * 100);
      });
    });

    it('gives read() one snapshot across awaits while writers commit', async () => {
      await withEngine(factory, async (engine) => {
        await putAll(engine, { a: 'old', b: 'old', c: 'old' });
        let writesDone!: () => void;
        const writesCommitted = new Promise<void>((resolve) => (writesDone = resolve));
        const reading = engine.read(async (r) => {
          const first = await r.get(k('a'));
          await writesCommitted;
          const later = [await r.get(k('a')), await r.get(k('b')), await r.get(k('new'))];
          const range = await collect(r.range({}));
          return { first, later, range };
        });
        await tick();
        await engine.transact((tx) => {
          tx.put(k('a'), 'new');
          tx.delete(k('b'));
          tx.put(k('new'), 'new');
        });
        // Committed state is visible to anyone starting afresh ...
        assert.equal(await engine.get(k('a')), 'new');
        assert.equal(await engine.read((r) => r.get(k('new'))), 'new');
        writesDone();
        // ... but not to the reader that started before.
        const { first, later, range } = await reading;
        assert.equal(first, 'old');
        assert.deepEqual(later, ['old', 'old', undefined]);
        assert.deepEqual(range, [['a', 'old'], ['b', 'old'], ['c', 'old']]);
      });
    });

    it('shows earlier not-yet-durable transactions to later ones, merged into ranges', async () => {
      await withEngine(factory, async (engine) => {
        const rand = random(42);
        const model = new Map<string, string>();
        for (let i = 0; i < 40; i++) model.set(randomKey(rand), `base${i}`);
        await putAll(engine, Object.fromEntries(model));
        for (let round = 0; round < 8; round++) {
          // Several transactions in flight at once: each later one must see all the earlier ones.
          const pending: Promise<unknown>[] = [];
          for (let t = 0; t < 5; t++) {
            const ops: [string, string | null][] = Array.from({ length: 6 }, (_, i) => [
              randomKey(rand),
              rand() < 0.4 ? null : `r${round}t${t}i${i}`,
            ]);
            const checks = Array.from({ length: 12 }, () => randomRange(rand));
            pending.push(
              engine.transact(async (tx) => {
                for (const [key, value] of ops) {
                  if (value === null) {
                    tx.delete(k(key));
                    model.delete(key);
                  } else {
                    tx.put(k(key), value);
                    model.set(key, value);
                  }
                }
                for (const options of checks) {
                  assert.deepEqual(await collect(tx.range(options)), expectedRange(model, options), JSON.stringify(options));
                }
                for (const [key] of ops) assert.equal(await tx.get(k(key)), model.get(key));
              }),
            );
          }
          await Promise.all(pending);
          assert.deepEqual(await engine.read((r) => collect(r.range({}))), expectedRange(model, {}));
        }
      });
    });

    it('snapshots a range at the call, so writing while iterating is safe', async () => {
      await withEngine(factory, async (engine) => {
        await putAll(engine, { a: '1', b: '2', c: '3' });
        await engine.transact(async (tx) => {
          tx.put(k('ab'), 'x');
          const seen: string[] = [];
          for (const [key] of tx.range({}) as Iterable<Entry>) {
            seen.push(str(key));
            tx.delete(key);
            tx.put(k(`${str(key)}z`), 'added');
          }
          assert.deepEqual(seen, ['a', 'ab', 'b', 'c']);
          assert.deepEqual(await keysOf(tx, {}), ['abz', 'az', 'bz', 'cz']);
        });
        assert.deepEqual(await engine.read((r) => keysOf(r, {})), ['abz', 'az', 'bz', 'cz']);
      });
    });

    it('returns range keys that stay valid after later operations', async () => {
      await withEngine(factory, async (engine) => {
        await putAll(engine, { a: '1', b: '2' });
        const entries = await engine.read((r) => [...(r.range({}) as Iterable<Entry>)]);
        await putAll(engine, { c: '3', d: '4' });
        await engine.read((r) => [...(r.range({ reverse: true }) as Iterable<Entry>)]);
        assert.deepEqual(entries.map(([key, value]) => [str(key), value]), [['a', '1'], ['b', '2']]);
      });
    });

    it('makes read-only transactions wait for the writes they saw', async () => {
      await withEngine(factory, async (engine) => {
        const write = engine.transact((tx) => tx.put(k('w'), '1'));
        let writeDone = false;
        void write.then(() => (writeDone = true));
        const seen = await engine.transact((tx) => tx.get(k('w')));
        assert.equal(seen, '1');
        assert.equal(writeDone, true);
      });
    });

    it('refuses a transaction handle used after its function returned', async () => {
      await withEngine(factory, async (engine) => {
        let leaked: Parameters<Parameters<StorageEngine['transact']>[0]>[0] | undefined;
        await engine.transact((tx) => {
          leaked = tx;
        });
        assert.throws(() => leaked!.put(k('late'), 'x'));
        await assert.rejects(async () => leaked!.get(k('late')));
        assert.equal(await engine.get(k('late')), undefined);
      });
    });

    it('refuses a reader used after its function returned', async () => {
      await withEngine(factory, async (engine) => {
        await putAll(engine, { a: '1' });
        const leaked = await engine.read((r) => r);
        await assert.rejects(async () => leaked.get(k('a')));
        assert.throws(() => leaked.range({}));
      });
    });

    it('finishes accepted transactions on close and refuses new ones', async () => {
      const engine = await factory();
      const writes = Array.from({ length: 20 }, (_, i) => engine.transact((tx) => tx.put(k(`c${i}`), 'x')));
      await engine.close();
      await Promise.all(writes);
      await assert.rejects(engine.transact((tx) => tx.put(k('after'), 'x')));
    });
  });
}
