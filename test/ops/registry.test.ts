/**
 * The operation registry loads some families on first use (src/ops/index.ts). Their operation
 * names are listed there by hand; this checks each list against what the family really exports,
 * and that a lazy handler reaches the family's own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LAZY_FAMILIES, lazyFamily } from '../../src/ops/index.js';
import type { OperationMap, RequestContext } from '../../src/ops/types.js';

const families: Record<keyof typeof LAZY_FAMILIES, () => Promise<{ operations: OperationMap }>> = {
  partiql: () => import('../../src/ops/partiql/index.js'),
  ttl: () => import('../../src/ops/ttl/index.js'),
  misc: () => import('../../src/ops/misc/index.js'),
  streams: () => import('../../src/ops/streams/index.js'),
};

test('each lazily loaded family lists exactly the operations it exports', async () => {
  for (const [name, load] of Object.entries(families)) {
    const { operations } = await load();
    assert.deepEqual(
      Object.keys(LAZY_FAMILIES[name as keyof typeof LAZY_FAMILIES]).sort(),
      Object.keys(operations).sort(),
      `family ${name}`,
    );
  }
});

test('a lazy handler loads its family once and calls the named handler', async () => {
  let loads = 0;
  const seen: string[] = [];
  const map = lazyFamily(async () => {
    loads++;
    return {
      operations: {
        A: async (input) => (seen.push(`A:${String(input.x)}`), { a: 1 }),
        B: async () => (seen.push('B'), { b: 2 }),
      },
    };
  }, ['A', 'B']);
  const ctx = {} as RequestContext;
  assert.deepEqual(await Promise.all([map.A!({ x: 1 }, ctx), map.B!({}, ctx), map.A!({ x: 2 }, ctx)]), [{ a: 1 }, { b: 2 }, { a: 1 }]);
  assert.equal(loads, 1);
  assert.deepEqual(seen, ['A:1', 'B', 'A:2']);
});
