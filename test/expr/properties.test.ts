/**
 * Property tests of the expression layer:
 * - parse(print(tree)) gives the tree back (precedence, associativity, parentheses);
 * - the condition evaluator agrees with a small reference model written independently here;
 * - list REMOVE/SET by original index, and ADD of numbers, agree with direct computations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Condition, Operand, PathNode } from '../../src/expr/ast.js';
import { parseCondition, parseUpdate } from '../../src/expr/parser.js';
import { printCondition, printUpdate } from '../../src/expr/print.js';
import { applyUpdate, evaluateCondition, prepareExpressions } from '../../src/expr/index.js';
import type { AttributeValue, Item } from '../../src/model/types.js';

// ---- parse(print(tree)) ------------------------------------------------------------------------

const nameArb = fc.constantFrom('a', 'b', 'c1', 'x_y', 'Foo', '#n', '#m');
const pathArb: fc.Arbitrary<PathNode> = fc
  .tuple(nameArb, fc.array(fc.oneof(nameArb.filter((n) => !n.startsWith('#') || true), fc.nat({ max: 20 })), { maxLength: 3 }))
  .map(([first, rest]) => ({
    kind: 'path' as const,
    parens: 0,
    elements: [
      { type: 'name' as const, name: first, ref: first.startsWith('#') },
      ...rest.map((e) =>
        typeof e === 'number'
          ? { type: 'index' as const, index: e, text: String(e) }
          : { type: 'name' as const, name: e, ref: e.startsWith('#') },
      ),
    ],
  }));
const valueArb: fc.Arbitrary<Operand> = fc.constantFrom(':v', ':w', ':x1').map((ref) => ({ kind: 'value' as const, ref, parens: 0 }));
const operandArb: fc.Arbitrary<Operand> = fc.oneof(
  pathArb,
  valueArb,
  pathArb.map((p) => ({ kind: 'call' as const, name: 'size', args: [p], parens: 0 })),
);

const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ cond: Condition }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .tuple(operandArb, fc.constantFrom('=', '<>', '<', '<=', '>', '>=' as const), operandArb)
      .map(([left, op, right]) => ({ kind: 'compare' as const, op, left, right, parens: 0 })),
    fc.tuple(operandArb, operandArb, operandArb).map(([operand, low, high]) => ({ kind: 'between' as const, operand, low, high, parens: 0 })),
    fc.tuple(operandArb, fc.array(operandArb, { minLength: 1, maxLength: 3 })).map(([operand, list]) => ({ kind: 'in' as const, operand, list, parens: 0 })),
    fc
      .tuple(fc.constantFrom('attribute_exists', 'begins_with', 'contains'), pathArb, operandArb)
      .map(([name, p, o]) => ({ kind: 'call' as const, name, args: name === 'attribute_exists' ? [p] : [p, o], parens: 0 })),
    fc.tuple(tie('cond'), tie('cond')).map(([left, right]) => ({ kind: 'and' as const, left, right, parens: 0 })),
    fc.tuple(tie('cond'), tie('cond')).map(([left, right]) => ({ kind: 'or' as const, left, right, parens: 0 })),
    tie('cond').map((operand) => ({ kind: 'not' as const, operand, parens: 0 })),
  ),
})).cond;

/** The tree without the parentheses counts (printing adds only what precedence needs). */
function strip(n: unknown): unknown {
  if (Array.isArray(n)) return n.map(strip);
  if (n && typeof n === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n)) if (k !== 'parens') out[k] = strip(v);
    return out;
  }
  return n;
}

test('parse(print(condition)) is the condition', () => {
  fc.assert(
    fc.property(conditionArb, (c) => {
      const text = printCondition(c);
      assert.deepEqual(strip(parseCondition(text, 'ConditionExpression')), strip(c), text);
    }),
    { numRuns: 2000 },
  );
});

test('parse(print(update)) is the update', () => {
  const setValue: fc.Arbitrary<Operand> = fc.oneof(
    operandArb.filter((o) => o.kind !== 'call'),
    fc.tuple(pathArb, valueArb).map(([p, v]) => ({ kind: 'call' as const, name: 'if_not_exists', args: [p, v], parens: 0 })),
    fc.tuple(operandArb, fc.constantFrom('+' as const, '-' as const), operandArb).map(([left, op, right]) => ({ kind: 'arith' as const, op, left, right, parens: 0 })),
  );
  const clause = fc.oneof(
    fc.array(fc.tuple(pathArb, setValue), { minLength: 1, maxLength: 3 }).map((as) => ({
      kind: 'SET' as const,
      actions: as.map(([path, value]) => ({ kind: 'SET' as const, path, value })),
    })),
    fc.array(pathArb, { minLength: 1, maxLength: 3 }).map((ps) => ({ kind: 'REMOVE' as const, actions: ps.map((path) => ({ kind: 'REMOVE' as const, path })) })),
    fc.array(fc.tuple(pathArb, valueArb), { minLength: 1, maxLength: 3 }).map((as) => ({
      kind: 'ADD' as const,
      actions: as.map(([path, value]) => ({ kind: 'ADD' as const, path, value: value as never })),
    })),
  );
  fc.assert(
    fc.property(fc.array(clause, { minLength: 1, maxLength: 3 }), (clauses) => {
      const u = { kind: 'update' as const, clauses };
      const text = printUpdate(u);
      assert.deepEqual(strip(parseUpdate(text)), strip(u), text);
    }),
    { numRuns: 1000 },
  );
});

// ---- the evaluator against a reference model ---------------------------------------------------

/** Small scalar items: ASCII strings (so code-unit order is byte order) and small integers. */
const scalar = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom('', 'a', 'ab', 'b', 'ba', 'c'));
const ATTRS = ['a', 'b', 'c'];
const itemArb = fc.record({ a: fc.option(scalar), b: fc.option(scalar), c: fc.option(scalar) });

type Ref = { attr: string } | { value: number | string };
type RefCond =
  | { k: 'cmp'; op: string; l: Ref; r: Ref }
  | { k: 'between'; v: Ref; lo: Ref; hi: Ref }
  | { k: 'in'; v: Ref; list: Ref[] }
  | { k: 'exists'; attr: string; not: boolean }
  | { k: 'begins'; attr: string; prefix: string }
  | { k: 'contains'; attr: string; part: string }
  | { k: 'and' | 'or'; l: RefCond; r: RefCond }
  | { k: 'not'; c: RefCond };

const refArb: fc.Arbitrary<Ref> = fc.oneof(fc.constantFrom(...ATTRS).map((attr) => ({ attr })), scalar.map((value) => ({ value })));
const refCondArb: fc.Arbitrary<RefCond> = fc.letrec<{ c: RefCond }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(fc.constantFrom('=', '<>', '<', '<=', '>', '>='), refArb, refArb).map(([op, l, r]) => ({ k: 'cmp' as const, op, l, r })),
    fc.tuple(refArb, refArb, refArb).map(([v, lo, hi]) => ({ k: 'between' as const, v, lo, hi })),
    fc.tuple(refArb, fc.array(refArb, { minLength: 1, maxLength: 3 })).map(([v, list]) => ({ k: 'in' as const, v, list })),
    fc.tuple(fc.constantFrom(...ATTRS), fc.boolean()).map(([attr, not]) => ({ k: 'exists' as const, attr, not })),
    fc.tuple(fc.constantFrom(...ATTRS), fc.constantFrom('a', 'b', '')).map(([attr, prefix]) => ({ k: 'begins' as const, attr, prefix })),
    fc.tuple(fc.constantFrom(...ATTRS), fc.constantFrom('a', 'b')).map(([attr, part]) => ({ k: 'contains' as const, attr, part })),
    fc.tuple(tie('c'), tie('c')).map(([l, r]) => ({ k: 'and' as const, l, r })),
    fc.tuple(tie('c'), tie('c')).map(([l, r]) => ({ k: 'or' as const, l, r })),
    tie('c').map((c) => ({ k: 'not' as const, c })),
  ),
})).c;

type Scalar = number | string | null;
function refValue(r: Ref, item: Record<string, Scalar>): Scalar | undefined {
  if ('attr' in r) return item[r.attr] ?? undefined;
  return r.value;
}
const sameType = (x: Scalar | undefined, y: Scalar | undefined): boolean => x !== undefined && y !== undefined && x !== null && y !== null && typeof x === typeof y;

function refEval(c: RefCond, item: Record<string, Scalar>): boolean {
  switch (c.k) {
    case 'cmp': {
      const l = refValue(c.l, item);
      const r = refValue(c.r, item);
      const eq = sameType(l, r) && l === r;
      if (c.op === '=') return eq;
      if (c.op === '<>') return !eq;
      if (!sameType(l, r)) return false;
      const [a, b] = [l as number | string, r as number | string];
      return c.op === '<' ? a < b : c.op === '<=' ? a <= b : c.op === '>' ? a > b : a >= b;
    }
    case 'between': {
      const [v, lo, hi] = [refValue(c.v, item), refValue(c.lo, item), refValue(c.hi, item)];
      return sameType(v, lo) && sameType(v, hi) && (v as never) >= (lo as never) && (v as never) <= (hi as never);
    }
    case 'in': {
      const v = refValue(c.v, item);
      return c.list.some((x) => {
        const y = refValue(x, item);
        return sameType(v, y) && v === y;
      });
    }
    case 'exists':
      return (item[c.attr] !== undefined && item[c.attr] !== null) !== c.not;
    case 'begins': {
      const v = item[c.attr];
      return typeof v === 'string' && v.startsWith(c.prefix);
    }
    case 'contains': {
      const v = item[c.attr];
      return typeof v === 'string' && v.includes(c.part);
    }
    case 'and':
      return refEval(c.l, item) && refEval(c.r, item);
    case 'or':
      return refEval(c.l, item) || refEval(c.r, item);
    case 'not':
      return !refEval(c.c, item);
  }
}

/** Renders a reference condition as an expression, collecting its values. */
function render(c: RefCond, values: Record<string, AttributeValue>): string {
  const val = (x: number | string): string => {
    const ref = `:v${Object.keys(values).length}`;
    values[ref] = typeof x === 'number' ? { N: String(x) } : { S: x };
    return ref;
  };
  const op = (r: Ref): string => ('attr' in r ? r.attr : val(r.value));
  switch (c.k) {
    case 'cmp':
      return `${op(c.l)} ${c.op} ${op(c.r)}`;
    case 'between':
      return `${op(c.v)} BETWEEN ${op(c.lo)} AND ${op(c.hi)}`;
    case 'in':
      return `${op(c.v)} IN (${c.list.map(op).join(', ')})`;
    case 'exists':
      return `${c.not ? 'attribute_not_exists' : 'attribute_exists'}(${c.attr})`;
    case 'begins':
      return `begins_with(${c.attr}, ${val(c.prefix)})`;
    case 'contains':
      return `contains(${c.attr}, ${val(c.part)})`;
    case 'and':
      return `(${render(c.l, values)}) AND (${render(c.r, values)})`;
    case 'or':
      return `(${render(c.l, values)}) OR (${render(c.r, values)})`;
    case 'not':
      return `NOT (${render(c.c, values)})`;
  }
}

test('the condition evaluator agrees with a reference model', () => {
  let compared = 0;
  fc.assert(
    fc.property(refCondArb, itemArb, (c, item) => {
      const values: Record<string, AttributeValue> = {};
      const text = render(c, values);
      let prepared;
      try {
        prepared = prepareExpressions(
          { ConditionExpression: text, ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}) },
          { operation: 'PutItem', key: { hash: { name: 'pk', type: 'S' } } },
        );
      } catch {
        return; // a statically invalid combination (e.g. `a = a`, BETWEEN bounds): not this property's business
      }
      const wire: Item = { pk: { S: 'p' } };
      for (const [k, v] of Object.entries(item)) {
        if (v !== null) wire[k] = typeof v === 'number' ? { N: String(v) } : { S: v };
      }
      compared++;
      assert.equal(evaluateCondition(prepared.condition!, wire), refEval(c, item as Record<string, Scalar>), `${text} on ${JSON.stringify(item)}`);
    }),
    { numRuns: 3000 },
  );
  assert.ok(compared > 1000, `only ${compared} conditions were valid`);
});

// ---- updates -----------------------------------------------------------------------------------

const key = { hash: { name: 'pk' as const, type: 'S' as const } };

test('REMOVE and SET of list elements use the original indexes; SET past the end appends in index order', () => {
  fc.assert(
    fc.property(
      fc.array(fc.nat({ max: 99 }), { minLength: 0, maxLength: 8 }),
      fc.uniqueArray(fc.nat({ max: 11 }), { maxLength: 4 }),
      fc.uniqueArray(fc.nat({ max: 11 }), { maxLength: 3 }),
      (list, removes, sets) => {
        const setIdx = sets.filter((i) => !removes.includes(i));
        if (removes.length + setIdx.length === 0) return;
        const clauses: string[] = [];
        const values: Record<string, AttributeValue> = {};
        if (setIdx.length) {
          clauses.push('SET ' + setIdx.map((i) => `l[${i}] = :s${i}`).join(', '));
          for (const i of setIdx) values[`:s${i}`] = { S: `set${i}` };
        }
        if (removes.length) clauses.push('REMOVE ' + removes.map((i) => `l[${i}]`).join(', '));
        const x = prepareExpressions(
          { UpdateExpression: clauses.join(' '), ...(setIdx.length ? { ExpressionAttributeValues: values } : {}) },
          { operation: 'UpdateItem', key },
        );
        const old: Item = { pk: { S: 'p' }, l: { L: list.map((n) => ({ N: String(n) })) } };
        const got = applyUpdate(old, x.update!, { pk: { S: 'p' } }).item['l'] as { L: AttributeValue[] };
        const expected: AttributeValue[] = [];
        list.forEach((n, i) => {
          if (removes.includes(i)) return;
          expected.push(setIdx.includes(i) ? { S: `set${i}` } : { N: String(n) });
        });
        for (const i of [...setIdx].sort((a, b) => a - b)) if (i >= list.length) expected.push({ S: `set${i}` });
        assert.deepEqual(got.L, expected);
      },
    ),
    { numRuns: 1000 },
  );
});

test('ADD of numbers is exact decimal addition', () => {
  const dec = fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.nat({ max: 6 })).map(([m, s]) => ({ m, s }));
  fc.assert(
    fc.property(dec, dec, (a, b) => {
      const text = (d: { m: number; s: number }) => (d.m / 10 ** d.s).toFixed(d.s);
      const x = prepareExpressions({ UpdateExpression: 'ADD n :b', ExpressionAttributeValues: { ':b': { N: text(b) } } }, { operation: 'UpdateItem', key });
      const got = applyUpdate({ pk: { S: 'p' }, n: { N: text(a) } }, x.update!, { pk: { S: 'p' } }).item['n'] as { N: string };
      // Exact: scale both to 6 decimals as integers.
      const exact = BigInt(a.m) * 10n ** BigInt(6 - a.s) + BigInt(b.m) * 10n ** BigInt(6 - b.s);
      const [i, f] = got.N.replace('-', '').split('.');
      const scaled = (BigInt(i!) * 10n ** 6n + BigInt((f ?? '').padEnd(6, '0'))) * (got.N.startsWith('-') ? -1n : 1n);
      assert.equal(scaled, exact, `${text(a)} + ${text(b)} = ${got.N}`);
    }),
    { numRuns: 2000 },
  );
});
