import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import type { AttributeValue, KeyShape, KeyType } from '../../src/model/types.js';
import { compareValues } from '../../src/model/values.js';
import {
  SPACE_INDEX,
  SPACE_ITEMS,
  delimit,
  encodeKeyValue,
  hashKeyValue,
  indexEntryKey,
  indexPartitionPrefix,
  isEmptyRange,
  itemKey,
  partitionPrefix,
  prefixEnd,
  segmentBounds,
  sortKeyRange,
  tablePrefix,
  type KeyRange,
  type SortKeyCondition,
} from '../../src/storage/keys.js';
import { bValue, nValue, sValue } from '../model/arbitraries.js';

const sign = (n: number) => (n > 0 ? 1 : n < 0 ? -1 : 0);
const byType: Record<KeyType, fc.Arbitrary<AttributeValue>> = { S: sValue, N: nValue, B: bValue };
const inRange = (k: Buffer, r: KeyRange) => Buffer.compare(k, r.gte) >= 0 && Buffer.compare(k, r.lt) < 0;

describe('order-preserving encoding', () => {
  for (const type of ['S', 'N', 'B'] as const) {
    test(`${type}: byte order equals DynamoDB order`, () => {
      fc.assert(
        fc.property(byType[type], byType[type], (a, b) => {
          assert.equal(sign(Buffer.compare(encodeKeyValue(a), encodeKeyValue(b))), compareValues(a, b));
        }),
        { numRuns: 3000 },
      );
    });
    test(`${type}: the delimited form keeps the order whatever follows it`, () => {
      fc.assert(
        fc.property(byType[type], byType[type], fc.uint8Array({ maxLength: 4 }), fc.uint8Array({ maxLength: 4 }), (a, b, x, y) => {
          const c = compareValues(a, b)!;
          const ka = Buffer.concat([delimit(encodeKeyValue(a)), x]);
          const kb = Buffer.concat([delimit(encodeKeyValue(b)), y]);
          if (c !== 0) assert.equal(sign(Buffer.compare(ka, kb)), c);
          else assert.ok(delimit(encodeKeyValue(a)).equals(delimit(encodeKeyValue(b))));
        }),
        { numRuns: 2000 },
      );
    });
  }

  test('numbers: tricky cases in order', () => {
    const ordered = [
      '-9.9999999999999999999999999999999999999E+125', '-1E+125', '-123', '-12.5', '-1', '-0.123', '-0.12', '-1E-130',
      '0', '1E-130', '1.5E-130', '0.12', '0.123', '1', '12.5', '123', '1E+125', '9.9999999999999999999999999999999999999E+125',
    ];
    for (let i = 1; i < ordered.length; i++) {
      const a = encodeKeyValue({ N: ordered[i - 1]! });
      const b = encodeKeyValue({ N: ordered[i]! });
      assert.equal(Buffer.compare(a, b), -1, `${ordered[i - 1]} < ${ordered[i]}`);
    }
    assert.ok(encodeKeyValue({ N: '-0' }).equals(encodeKeyValue({ N: '0.000' })));
    assert.ok(encodeKeyValue({ N: '1.50' }).equals(encodeKeyValue({ N: '15e-1' })));
  });

  test('"a" sorts before "ab" and before "a\\0" when delimited', () => {
    const d = (s: string) => delimit(Buffer.from(s, 'utf8'));
    assert.equal(Buffer.compare(d('a'), d('ab')), -1);
    assert.equal(Buffer.compare(d('a'), d('a\u0000')), -1);
    assert.equal(Buffer.compare(d('a\u0000'), d('a\u0001')), -1);
  });
});

describe('partition hashing', () => {
  test('type-tagged: S "1", N 1 and B "1" hash differently; equal numbers hash alike', () => {
    const h = (v: AttributeValue) => hashKeyValue(v).toString('hex');
    assert.notEqual(h({ S: '1' }), h({ N: '1' }));
    assert.notEqual(h({ S: '1' }), h({ B: Buffer.from('1').toString('base64') }));
    assert.equal(h({ N: '1' }), h({ N: '1.0' }));
    assert.equal(hashKeyValue({ S: 'x' }).length, 16);
  });

  // The hashes are part of the on-disk layout: data written by an earlier build must be found by
  // this one. Each is checked against MD5 of the documented bytes, made the plain way.
  const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();
  const tag = (t: number) => Buffer.from([t]);

  test('a partition key hashes as MD5 of its type tag and its bytes, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        assert.ok(hashKeyValue({ S: s }).equals(md5(tag(0x01), Buffer.from(s, 'utf8'))));
      }),
    );
    assert.ok(hashKeyValue({ S: 'a\ud800' }).equals(md5(tag(0x01), Buffer.from('a\ufffd'))), 'lone surrogate as U+FFFD');
    assert.ok(hashKeyValue({ N: '1.50' }).equals(md5(tag(0x02), encodeKeyValue({ N: '1.5' }))));
    assert.ok(hashKeyValue({ B: 'AAEA' }).equals(md5(tag(0x03), Buffer.from([0, 1, 0]))));
  });

  test('an index entry ends with MD5 of the tagged, delimited table key', () => {
    const table: KeyShape = { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'N' } };
    const index: KeyShape = { hash: { name: 'g', type: 'S' } };
    const item = { pk: { S: 'p' }, sk: { N: '7' }, g: { S: 'x' } };
    const expected = md5(tag(0x01), delimit(Buffer.from('p')), tag(0x02), delimit(encodeKeyValue({ N: '7' })));
    assert.ok(indexEntryKey(9, index, table, item).subarray(-16).equals(expected));
  });
});

describe('item keys', () => {
  const shape: KeyShape = { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'N' } };
  test('layout: tag, table id, hash, sort key', () => {
    const k = itemKey(7, shape, { pk: { S: 'p' }, sk: { N: '1' }, other: { S: 'x' } });
    assert.equal(k[0], SPACE_ITEMS);
    assert.equal(k.readUInt32BE(1), 7);
    assert.ok(k.subarray(5, 21).equals(hashKeyValue({ S: 'p' })));
    assert.ok(k.subarray(21).equals(encodeKeyValue({ N: '1' })));
    const p = partitionPrefix(7, shape, { S: 'p' });
    assert.ok(k.subarray(0, p.length).equals(p));
    assert.ok(p.subarray(0, 5).equals(tablePrefix(7)));
    assert.equal(itemKey(7, { hash: shape.hash }, { pk: { S: 'p' } }).length, 21);
  });

  test('tables do not overlap, whatever their ids', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xfffffffe }), (id) => {
        const k = itemKey(id, shape, { pk: { S: 'p' }, sk: { N: '-1E+125' } });
        assert.ok(inRange(k, { gte: tablePrefix(id), lt: prefixEnd(tablePrefix(id)) }));
        assert.ok(!inRange(k, { gte: tablePrefix(id + 1), lt: prefixEnd(tablePrefix(id + 1)) }));
      }),
    );
  });
});

/** Sort-key condition evaluated directly, as the reference for the key ranges. */
function holds(v: AttributeValue, cond: SortKeyCondition): boolean {
  switch (cond.op) {
    case 'EQ': return compareValues(v, cond.value) === 0;
    case 'LT': return compareValues(v, cond.value)! < 0;
    case 'LE': return compareValues(v, cond.value)! <= 0;
    case 'GT': return compareValues(v, cond.value)! > 0;
    case 'GE': return compareValues(v, cond.value)! >= 0;
    case 'BETWEEN': return compareValues(v, cond.low)! >= 0 && compareValues(v, cond.high)! <= 0;
    case 'BEGINS_WITH': {
      const a = encodeKeyValue(v);
      const p = encodeKeyValue(cond.value);
      return a.subarray(0, p.length).equals(p);
    }
  }
}

function conditions(value: fc.Arbitrary<AttributeValue>, prefixable: boolean): fc.Arbitrary<SortKeyCondition> {
  const ops = fc.oneof(
    fc.record({ op: fc.constantFrom('EQ' as const, 'LT' as const, 'LE' as const, 'GT' as const, 'GE' as const), value }),
    fc.record({ op: fc.constant('BETWEEN' as const), low: value, high: value }),
  );
  return prefixable ? fc.oneof(ops, fc.record({ op: fc.constant('BEGINS_WITH' as const), value })) : ops;
}

describe('sort-key ranges select exactly the matching keys', () => {
  for (const type of ['S', 'N', 'B'] as const) {
    const prefixable = type !== 'N';
    test(`${type}, table items (sort key last)`, () => {
      const shape: KeyShape = { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type } };
      fc.assert(
        fc.property(fc.array(byType[type], { minLength: 1, maxLength: 12 }), conditions(byType[type], prefixable), (sks, cond) => {
          const p = partitionPrefix(1, shape, { S: 'p' });
          const r = sortKeyRange(p, cond, false);
          for (const sk of sks) {
            const k = itemKey(1, shape, { pk: { S: 'p' }, sk });
            assert.equal(inRange(k, r), holds(sk, cond), JSON.stringify({ sk, cond }));
          }
          const other = itemKey(1, shape, { pk: { S: 'q' }, sk: sks[0]! });
          assert.ok(!inRange(other, r) || other.subarray(0, 21).equals(p));
        }),
        { numRuns: 1000 },
      );
    });
    test(`${type}, index entries (sort key delimited, then the table key hash)`, () => {
      const table: KeyShape = { hash: { name: 'id', type: 'S' } };
      const index: KeyShape = { hash: { name: 'g', type: 'S' }, range: { name: 's', type } };
      fc.assert(
        fc.property(fc.array(fc.tuple(byType[type], fc.string()), { minLength: 1, maxLength: 12 }), conditions(byType[type], prefixable), (entries, cond) => {
          const p = indexPartitionPrefix(9, { S: 'g' });
          const r = sortKeyRange(p, cond, true);
          for (const [s, id] of entries) {
            const k = indexEntryKey(9, index, table, { id: { S: id }, g: { S: 'g' }, s });
            assert.equal(k[0], SPACE_INDEX);
            assert.equal(inRange(k, r), holds(s, cond), JSON.stringify({ s, cond }));
          }
        }),
        { numRuns: 1000 },
      );
    });
  }

  test('an impossible BETWEEN is an empty range', () => {
    const p = partitionPrefix(1, { hash: { name: 'pk', type: 'S' } }, { S: 'p' });
    assert.ok(isEmptyRange(sortKeyRange(p, { op: 'BETWEEN', low: { N: '5' }, high: { N: '1' } }, false)));
  });

  test('index entries are unique per table item and grouped by index sort key', () => {
    const table: KeyShape = { hash: { name: 'id', type: 'S' }, range: { name: 'r', type: 'N' } };
    const index: KeyShape = { hash: { name: 'g', type: 'S' }, range: { name: 's', type: 'S' } };
    const a = indexEntryKey(1, index, table, { id: { S: 'x' }, r: { N: '1' }, g: { S: 'g' }, s: { S: 'a' } });
    const b = indexEntryKey(1, index, table, { id: { S: 'x' }, r: { N: '2' }, g: { S: 'g' }, s: { S: 'a' } });
    const c = indexEntryKey(1, index, table, { id: { S: 'x' }, r: { N: '1' }, g: { S: 'g' }, s: { S: 'ab' } });
    assert.ok(!a.equals(b));
    assert.ok(Buffer.compare(a, c) < 0 && Buffer.compare(b, c) < 0);
  });
});

describe('segmentBounds', () => {
  test('segments are contiguous, disjoint and cover the hash space', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.uint8Array({ minLength: 16, maxLength: 16 }), { maxLength: 20 }), (total, hashes) => {
        const owner = tablePrefix(3);
        const idx = [0, total - 1, Math.floor(total / 2)];
        for (const i of idx) {
          const r = segmentBounds(owner, i, total);
          assert.ok(Buffer.compare(r.gte, r.lt) < 0);
          if (i + 1 < total) assert.ok(r.lt.equals(segmentBounds(owner, i + 1, total).gte));
        }
        assert.ok(segmentBounds(owner, 0, total).gte.equals(Buffer.concat([owner, Buffer.alloc(16)])));
        assert.ok(segmentBounds(owner, total - 1, total).lt.equals(prefixEnd(owner)));
        if (total <= 64) {
          const all = Array.from({ length: total }, (_, i) => segmentBounds(owner, i, total));
          for (const h of hashes) {
            const key = Buffer.concat([owner, Buffer.from(h), Buffer.from('sk')]);
            assert.equal(all.filter((r) => inRange(key, r)).length, 1);
          }
        }
      }),
    );
  });
  test('rejects bad arguments', () => {
    assert.throws(() => segmentBounds(tablePrefix(1), 2, 2), RangeError);
    assert.throws(() => segmentBounds(tablePrefix(1), 0, 0), RangeError);
  });
});
