import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  NUMBER_MESSAGES,
  addNumbers,
  compareNumbers,
  normalizeNumber,
  parseNumber,
  subtractNumbers,
} from '../../src/model/numbers.js';
import { numberText } from './arbitraries.js';

const throwsMessage = (fn: () => unknown, message: string) =>
  assert.throws(fn, (e: Error & { type?: string }) => e.type === 'ValidationException' && e.message === message);

describe('normalizeNumber', () => {
  test('returns the canonical plain form', () => {
    const cases: [string, string][] = [
      ['0001.500', '1.5'],
      ['-0', '0'],
      ['-00.000', '0'],
      ['1e3', '1000'],
      ['123e-5', '0.00123'],
      ['+1', '1'],
      ['.5', '0.5'],
      ['5.', '5'],
      ['-.5', '-0.5'],
      ['1E+2', '100'],
      ['0e500', '0'],
      ['\u0661\u0662', '12'],
      ['1e\u0662', '100'],
      ['1E-130', `0.${'0'.repeat(129)}1`],
      ['1E+125', `1${'0'.repeat(125)}`],
      ['-9.9999999999999999999999999999999999999E+125', `-${'9'.repeat(38)}${'0'.repeat(88)}`],
      ['1'.repeat(38) + '0', '1'.repeat(38) + '0'],
    ];
    for (const [input, want] of cases) assert.equal(normalizeNumber(input), want, input);
  });

  test('rejects text that is not a number', () => {
    for (const t of ['abc', '', '1 ', ' 1', '0x10', 'Infinity', 'NaN', '1e', '1e+', '1.2.3', 'e5', '-', '.', '--1', '1_0', '1d', '1e2147483648', '0e-2147483648', '1.0e-2147483647', '1e9999999999']) {
      throwsMessage(() => normalizeNumber(t), NUMBER_MESSAGES.invalid);
    }
  });

  test('rejects more than 38 significant digits, ignoring trailing zeros', () => {
    throwsMessage(() => normalizeNumber('123456789012345678901234567890123456789'), NUMBER_MESSAGES.precision);
    assert.equal(normalizeNumber('12345678901234567890123456789012345678000'), '12345678901234567890123456789012345678000');
  });

  test('checks precision before range', () => {
    throwsMessage(() => normalizeNumber('123456789012345678901234567890123456789e200'), NUMBER_MESSAGES.precision);
  });

  test('range boundaries', () => {
    assert.ok(normalizeNumber('9.9999999999999999999999999999999999999E+125'));
    throwsMessage(() => normalizeNumber('1E+126'), NUMBER_MESSAGES.overflow);
    throwsMessage(() => normalizeNumber('-1E+126'), NUMBER_MESSAGES.overflow);
    throwsMessage(() => normalizeNumber('1e2147483647'), NUMBER_MESSAGES.overflow);
    assert.ok(normalizeNumber('1E-130'));
    throwsMessage(() => normalizeNumber('9.9E-131'), NUMBER_MESSAGES.underflow);
    throwsMessage(() => normalizeNumber('-1e-131'), NUMBER_MESSAGES.underflow);
    assert.equal(normalizeNumber('0e2147483647'), '0');
  });

  test('is idempotent', () => {
    fc.assert(fc.property(numberText, (t) => normalizeNumber(normalizeNumber(t)) === normalizeNumber(t)));
  });
});

describe('parseNumber plain-decimal fast path', () => {
  // The regex-and-slices parse the char-code scan replaced: the scan must give the same result
  // for every text the regex accepted, and leave everything else to the full walk.
  function reference(text: string) {
    const m = /^([+-]?)([0-9]+)(?:\.([0-9]*))?$/.exec(text);
    if (!m) return undefined;
    const intDigits = m[2]!;
    const all = intDigits + (m[3] ?? '');
    const lead = all.search(/[1-9]/);
    if (lead < 0) return { negative: false, digits: '', exponent: 0 };
    return { negative: m[1] === '-', digits: all.slice(lead).replace(/0+$/, ''), exponent: intDigits.length - lead };
  }
  const plainText = fc
    .tuple(
      fc.constantFrom('', '+', '-'),
      fc.stringMatching(/^[0-9]{0,8}$/),
      fc.option(fc.stringMatching(/^[0-9]{0,8}$/), { nil: undefined }),
    )
    .map(([sign, int, frac]) => sign + int + (frac === undefined ? '' : `.${frac}`));

  test('agrees with the regex parse on plain decimals', () => {
    fc.assert(
      fc.property(plainText, (t) => {
        // Texts the regex refused (`.5`, `-`) go to the unchanged full walk, checked elsewhere.
        const ref = reference(t);
        if (ref) assert.deepEqual(parseNumber(t), ref, t);
      }),
      { numRuns: 20_000 },
    );
    for (const t of ['0', '-0', '+0', '00', '0.', '5.', '-0.000', '0.012', '100', '10.500', '10.000', '007.700', '1700000000000', '-12.34'])
      assert.deepEqual(parseNumber(t), reference(t), t);
  });

  test('leaves other forms to the full walk', () => {
    assert.deepEqual(parseNumber('.5'), { negative: false, digits: '5', exponent: 0 });
    assert.deepEqual(parseNumber('1E5'), { negative: false, digits: '1', exponent: 6 });
    assert.deepEqual(parseNumber('١٢'), { negative: false, digits: '12', exponent: 2 });
    for (const t of ['', '-', '+', '.', '1.2.3', '1 ', ' 1', '1e', '--1', '0x10']) assert.throws(() => parseNumber(t), t);
  });
});

/** Exact reference arithmetic on BigInt: value = mantissa × 10^exp. */
function exact(text: string): { m: bigint; e: number } {
  const p = parseNumber(text);
  if (p.digits === '') return { m: 0n, e: 0 };
  const m = BigInt(p.digits) * (p.negative ? -1n : 1n);
  return { m, e: p.exponent - p.digits.length };
}
function refAdd(a: string, b: string, sign: 1n | -1n): () => string {
  const x = exact(a);
  const y = exact(b);
  const e = Math.min(x.e, y.e);
  const m = x.m * 10n ** BigInt(x.e - e) + sign * y.m * 10n ** BigInt(y.e - e);
  return () => normalizeNumber(`${m}e${e}`);
}
function outcome(fn: () => string): string {
  try {
    return fn();
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe('arithmetic', () => {
  test('observed results', () => {
    assert.equal(addNumbers('1', '2'), '3');
    assert.equal(addNumbers('0.5', '-0.5'), '0');
    assert.equal(subtractNumbers('0.5', '-0.5'), '1');
    assert.equal(addNumbers('99999999999999999999999999999999999999', '1'), '100000000000000000000000000000000000000');
    assert.equal(addNumbers('1', '1E-37'), '1.0000000000000000000000000000000000001');
    assert.equal(subtractNumbers('1', '1E-38'), '0.99999999999999999999999999999999999999');
    throwsMessage(() => addNumbers('1', '1E-38'), NUMBER_MESSAGES.precision);
    throwsMessage(() => addNumbers('9E+125', '9E+125'), NUMBER_MESSAGES.overflow);
    throwsMessage(() => addNumbers('9.9999999999999999999999999999999999999E+125', '1E+125'), NUMBER_MESSAGES.precision);
    throwsMessage(() => addNumbers('1.5E-130', '-1.4E-130'), NUMBER_MESSAGES.underflow);
  });

  test('add and subtract are exact (BigInt reference)', () => {
    fc.assert(
      fc.property(numberText, numberText, (a, b) => {
        assert.equal(outcome(() => addNumbers(a, b)), outcome(refAdd(a, b, 1n)));
        assert.equal(outcome(() => subtractNumbers(a, b)), outcome(refAdd(a, b, -1n)));
      }),
      { numRuns: 2000 },
    );
  });

  test('near-equal operands (cancellation)', () => {
    fc.assert(
      fc.property(numberText, fc.integer({ min: -3, max: 3 }), (a, d) => {
        const b = outcome(() => addNumbers(a, String(d)));
        if (b.startsWith('error')) return;
        assert.equal(outcome(() => subtractNumbers(b, a)), outcome(refAdd(b, a, -1n)));
      }),
    );
  });
});

describe('compareNumbers', () => {
  test('agrees with exact comparison', () => {
    fc.assert(
      fc.property(numberText, numberText, (a, b) => {
        const x = exact(a);
        const y = exact(b);
        const e = Math.min(x.e, y.e);
        const d = x.m * 10n ** BigInt(x.e - e) - y.m * 10n ** BigInt(y.e - e);
        assert.equal(Math.sign(compareNumbers(a, b)), d > 0n ? 1 : d < 0n ? -1 : 0);
      }),
      { numRuns: 2000 },
    );
  });

  test('equal values in different notations compare equal', () => {
    assert.equal(compareNumbers('1', '1.0'), 0);
    assert.equal(compareNumbers('-0', '0e9'), 0);
    assert.equal(compareNumbers('100', '1E2'), 0);
    assert.ok(compareNumbers('-0.12', '-0.123') > 0);
  });
});
