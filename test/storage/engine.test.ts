import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachEntry, type Entry } from '../../src/storage/engine.js';

const entries: Entry[] = ['a', 'b', 'c', 'd'].map((v, i) => [Buffer.from([i]), v]);
async function* remote(): AsyncIterable<Entry> {
  for (const e of entries) yield e;
}

test('forEachEntry visits a synchronous or an asynchronous range in order, until told to stop', async () => {
  for (const source of [() => entries, remote]) {
    const seen: string[] = [];
    await forEachEntry(source(), ([, value]) => (seen.push(value), true));
    assert.deepEqual(seen, ['a', 'b', 'c', 'd']);
    const upToB: string[] = [];
    await forEachEntry(source(), ([, value]) => (upToB.push(value), value !== 'b'));
    assert.deepEqual(upToB, ['a', 'b']);
  }
});
