import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AttributeValue, KeyShape } from '../../src/model/types.js';
import {
  DDBL_KEY_MESSAGES,
  KEY_MESSAGES,
  VALUE_MESSAGES,
  compareValues,
  validateAttributeValue,
  validateExpressionAttributeValues,
  validateItem,
  validateKey,
  valuesEqual,
} from '../../src/model/values.js';
import { bValue, keyString, nValue, numberText, sValue } from './arbitraries.js';

const throwsMessage = (fn: () => unknown, message: string, type = 'ValidationException') =>
  assert.throws(fn, (e: Error & { type?: string }) => {
    assert.equal(e.message, message);
    assert.equal(e.type, type);
    return true;
  });

describe('validateAttributeValue', () => {
  test('normalises numbers, binaries and sets', () => {
    assert.deepEqual(validateAttributeValue({ N: '0001.500' }), { N: '1.5' });
    assert.deepEqual(validateAttributeValue({ B: 'YR==' }), { B: 'YQ==' });
    assert.deepEqual(validateAttributeValue({ NS: ['10', '9', '-1', '1e2'] }), { NS: ['-1', '9', '10', '100'] });
    assert.deepEqual(validateAttributeValue({ SS: ['\uff5e', '\u{1f600}', 'a'] }), { SS: ['a', '\u{1f600}', '\uff5e'] });
    assert.deepEqual(validateAttributeValue({ BS: ['/w==', 'AA==', 'gA=='] }), { BS: ['AA==', 'gA==', '/w=='] });
    assert.deepEqual(validateAttributeValue({ M: { a: { L: [{ N: '-0' }] } } }), { M: { a: { L: [{ N: '0' }] } } });
    assert.deepEqual(validateAttributeValue({ S: 'a', X: 1, N: null }), { S: 'a' });
  });

  test('reports NS duplicates found only after normalisation', () => {
    throwsMessage(() => validateAttributeValue({ NS: ['1', '1.0'] }), VALUE_MESSAGES.duplicateNS);
    throwsMessage(() => validateAttributeValue({ SS: ['b', 'a', 'b'] }), 'One or more parameter values were invalid: Input collection [b, a, b] contains duplicates');
  });

  test('wraps expression-value messages with the placeholder, keeping the double space', () => {
    throwsMessage(
      () => validateExpressionAttributeValues({ ':ok': { S: 'x' }, ':v': { NS: [] } }),
      'ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An number set  may not be empty for key :v',
    );
  });

  test('serialisation faults are not wrapped', () => {
    throwsMessage(() => validateExpressionAttributeValues({ ':v': { S: 1 } }), 'NUMBER_VALUE cannot be converted to String', 'SerializationException');
  });

  test('nesting: 31 levels inside an item attribute, 32 in an expression value', () => {
    const nest = (n: number): unknown => (n === 0 ? { S: 'x' } : { M: { a: nest(n - 1) } });
    validateItem({ a: nest(31) });
    throwsMessage(() => validateItem({ a: nest(32) }), VALUE_MESSAGES.nesting);
    validateExpressionAttributeValues({ ':v': nest(32) });
    assert.throws(() => validateExpressionAttributeValues({ ':v': nest(33) }), /Nesting Levels have exceeded/);
  });
});

describe('validateKey', () => {
  const shape: KeyShape = { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'N' } };
  test('item mode', () => {
    throwsMessage(() => validateKey(shape, { pk: { S: 'a' } }, 'item'), KEY_MESSAGES.missingKey('sk'));
    throwsMessage(() => validateKey(shape, { pk: { N: '1' }, sk: { N: '1' } }, 'item'), 'One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N');
    throwsMessage(() => validateKey(shape, { pk: { S: '' }, sk: { S: 'x' } }, 'item'), KEY_MESSAGES.emptyString('pk'));
    validateKey(shape, { pk: { S: 'a' }, sk: { N: '1' }, other: { S: '' } }, 'item');
  });
  test('batch-item mode: a wrong type generically, a missing key attribute in DynamoDB Local\'s words', () => {
    throwsMessage(() => validateKey(shape, { pk: { N: '1' }, sk: { N: '1' } }, 'batch-item'), KEY_MESSAGES.schemaMismatch);
    throwsMessage(() => validateKey(shape, { pk: { L: [] }, sk: { N: '1' } }, 'batch-item'), KEY_MESSAGES.schemaMismatch);
    throwsMessage(() => validateKey(shape, { sk: { N: '1' } }, 'batch-item'), DDBL_KEY_MESSAGES.missing);
  });
  test('batch-get-key mode: other attributes generically, the rest in DynamoDB Local\'s words', () => {
    throwsMessage(() => validateKey(shape, { pk: { S: 'a' }, zz: { N: '1' } }, 'batch-get-key'), KEY_MESSAGES.schemaMismatch);
    throwsMessage(() => validateKey(shape, { pk: { S: 'a' } }, 'batch-get-key'), DDBL_KEY_MESSAGES.count);
    throwsMessage(() => validateKey(shape, { pk: { N: '1' }, sk: { N: '1' } }, 'batch-get-key'), DDBL_KEY_MESSAGES.type);
    throwsMessage(() => validateKey(shape, { pk: { M: {} }, sk: { N: '1' } }, 'batch-get-key'), DDBL_KEY_MESSAGES.notScalar);
  });
  test('ddbl mode', () => {
    throwsMessage(() => validateKey(shape, { pk: { S: 'a' }, zz: { N: '1' } }, 'ddbl'), DDBL_KEY_MESSAGES.missing);
    throwsMessage(() => validateKey(shape, { pk: { S: 'a' }, sk: { N: '1' }, x: { S: 'a' } }, 'ddbl'), DDBL_KEY_MESSAGES.count);
    throwsMessage(() => validateKey(shape, { pk: { S: 'a' }, sk: { S: '1' } }, 'ddbl'), DDBL_KEY_MESSAGES.type);
  });
  test('key mode', () => {
    throwsMessage(() => validateKey(shape, { pk: { S: 'a' } }, 'key'), KEY_MESSAGES.schemaMismatch);
    throwsMessage(() => validateKey(shape, { pk: { S: 'a' }, sk: { N: '1' }, x: { S: 'a' } }, 'key'), KEY_MESSAGES.schemaMismatch);
    throwsMessage(() => validateKey(shape, { pk: { S: 'a' }, sk: { S: '1' } }, 'key'), KEY_MESSAGES.schemaMismatch);
    throwsMessage(() => validateKey(shape, { pk: { S: 'a'.repeat(2049) }, sk: { N: '1' } }, 'key'), KEY_MESSAGES.hashTooLong);
    validateKey(shape, { pk: { S: 'a'.repeat(2048) }, sk: { N: '1' } }, 'key');
  });
});

describe('compareValues', () => {
  test('strings order by UTF-8 bytes', () => {
    assert.equal(compareValues({ S: '\uff5e' }, { S: '\u{1f600}' }), -1);
    assert.ok('\uff5e' > '\u{1f600}', 'JS order is the opposite');
    fc.assert(
      fc.property(keyString, keyString, (a, b) => {
        assert.equal(compareValues({ S: a }, { S: b }), Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
    );
  });
  test('numbers by value, binaries by unsigned bytes', () => {
    assert.equal(compareValues({ N: '-10' }, { N: '9' }), -1);
    assert.equal(compareValues({ N: '1.0' }, { N: '1' }), 0);
    assert.equal(compareValues({ B: 'fw==' }, { B: 'gA==' }), -1);
  });
  test('undefined across types and for non-scalars', () => {
    assert.equal(compareValues({ S: '1' }, { N: '1' }), undefined);
    assert.equal(compareValues({ BOOL: true }, { BOOL: true }), undefined);
    assert.equal(compareValues({ SS: ['a'] }, { SS: ['a'] }), undefined);
  });
  test('antisymmetric and consistent with valuesEqual', () => {
    const scalar = fc.oneof(sValue, nValue, bValue);
    fc.assert(
      fc.property(scalar, scalar, (a, b) => {
        const c = compareValues(a, b);
        const r = compareValues(b, a);
        if (c === undefined) return assert.equal(r, undefined);
        assert.equal(c, 0 - r!); // not -r: strict equal tells -0 from 0
        assert.equal(c === 0, valuesEqual(a, b));
      }),
    );
  });
});

describe('valuesEqual', () => {
  test('DynamoDB semantics', () => {
    const eq = (a: AttributeValue, b: AttributeValue) => valuesEqual(a, b);
    assert.ok(eq({ N: '1' }, { N: '1.00' }));
    assert.ok(eq({ SS: ['a', 'b'] }, { SS: ['b', 'a'] }));
    assert.ok(eq({ NS: ['1', '2'] }, { NS: ['2.0', '1'] }));
    assert.ok(eq({ BS: ['YQ==', 'Yg=='] }, { BS: ['Yg==', 'YQ=='] }));
    assert.ok(eq({ M: { a: { N: '1' }, b: { NULL: true } } }, { M: { b: { NULL: true }, a: { N: '1.0' } } }));
    assert.ok(!eq({ L: [{ N: '1' }, { N: '2' }] }, { L: [{ N: '2' }, { N: '1' }] }));
    assert.ok(!eq({ S: '1' }, { N: '1' }));
    assert.ok(!eq({ SS: ['a'] }, { SS: ['a', 'b'] }));
    assert.ok(!eq({ M: { a: { N: '1' } } }, { M: { a: { N: '1' }, b: { N: '1' } } }));
    assert.ok(!eq({ BOOL: true }, { BOOL: false }));
    assert.ok(eq({ NULL: true }, { NULL: true }));
  });
  test('every value equals its normalised copy', () => {
    fc.assert(fc.property(numberText, (n) => valuesEqual({ N: n }, validateAttributeValue({ N: n }))));
  });
});
