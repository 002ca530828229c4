import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { attributeValueSize, itemSize, numberSize, rawItemSize } from '../../src/model/size.js';
import { validateItem } from '../../src/model/values.js';
import { numberText } from './arbitraries.js';

describe('numberSize (bisected against DynamoDB Local)', () => {
  test('1 + base-100 digit pairs aligned at the point, + 1 if negative', () => {
    const measured: Record<string, number> = {
      '0': 1, '1': 2, '12': 2, '120': 3, '123': 3, '1230': 3, '12300': 3, '0.1': 2, '0.12': 2, '0.012': 3, '0.0012': 2,
      '3.14159': 5, '123456': 4, '-1': 3, '-12': 3, '-120': 4, '1E125': 2, '1E-130': 2, '-1E-130': 3, '1.5': 3, '10.05': 3,
      '100.5': 4, '1000.5': 4, '-0.5': 3, '12345678901234567890123456789012345678': 20, '0.12345678901234567890123456789012345678': 20,
      '-12345678901234567890123456789012345678': 21, '-1234567890123456789': 12, '-123456789012345678901': 13,
    };
    for (const [n, size] of Object.entries(measured)) assert.equal(numberSize(n), size, n);
  });
});

describe('attributeValueSize', () => {
  test('documents and sets (bisected against DynamoDB Local)', () => {
    assert.equal(attributeValueSize({ L: [] }), 3);
    assert.equal(attributeValueSize({ M: {} }), 3);
    assert.equal(attributeValueSize({ L: [{ S: 'a' }, { S: 'a' }] }), 7);
    assert.equal(attributeValueSize({ M: { ab: { S: 'a' } } }), 7);
    assert.equal(attributeValueSize({ M: { a: { M: {} } } }), 8);
    assert.equal(attributeValueSize({ L: [{ N: '12' }] }), 6);
    assert.equal(attributeValueSize({ SS: ['a', 'bc'] }), 3);
    assert.equal(attributeValueSize({ NS: ['1', '12', '-1'] }), 7);
    assert.equal(attributeValueSize({ BS: ['YQ==', 'YWJj'] }), 4);
    assert.equal(attributeValueSize({ S: 'é' }), 2);
    assert.equal(attributeValueSize({ B: '' }), 0);
    assert.equal(attributeValueSize({ BOOL: false }), 1);
  });
  test('item size counts attribute names in UTF-8', () => {
    assert.equal(itemSize({ 'shirt-color': { S: 'R' }, 'shirt-size': { S: 'M' } }), 23);
  });
  test('rawItemSize agrees with itemSize on valid items and never throws', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 4 }), numberText.map((N) => ({ N }))), (raw) => {
        assert.equal(rawItemSize(raw), itemSize(validateItem(raw)));
      }),
    );
    assert.equal(rawItemSize({ a: { N: 'abc' }, b: { B: '!!' }, c: null, d: { L: 3 } }), 1 + 3 + 1 + 2 + 1 + 1);
  });
});
