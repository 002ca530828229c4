/** fast-check generators for valid DynamoDB values, shared by the model and key-layout tests. */
import fc from 'fast-check';
import type { AttributeValue } from '../../src/model/types.js';

/** Any valid N value in a random notation: up to 38 significant digits, adjusted exponent −130…125. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('0', '-0', '0.000', '0e5') },
  {
    weight: 12,
    arbitrary: fc
      .record({
        negative: fc.boolean(),
        first: fc.integer({ min: 1, max: 9 }),
        rest: fc.stringMatching(/^[0-9]{0,37}$/),
        adjusted: fc.oneof(fc.integer({ min: -130, max: 125 }), fc.constantFrom(-130, -129, 0, 124, 125), fc.integer({ min: -3, max: 3 })),
      })
      .map(({ negative, first, rest, adjusted }) => `${negative ? '-' : ''}${first}.${rest}e${adjusted}`),
  },
);

/** Strings over all of Unicode (surrogate pairs included), biased towards the tricky ranges. */
export const keyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
  fc.string({ unit: fc.constantFrom('a', 'b', '\u007f', '\u0080', '\u07ff', '\u0800', '\uff5e', '\uffff', '\u{10000}', '\u{1f600}', '\u{10ffff}', '\u0000'), minLength: 1, maxLength: 5 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
);

export const keyBytes: fc.Arbitrary<Buffer> = fc
  .uint8Array({ minLength: 1, maxLength: 8 })
  .map((a) => Buffer.from(a));

export const sValue: fc.Arbitrary<AttributeValue> = keyString.map((S) => ({ S }));
export const nValue: fc.Arbitrary<AttributeValue> = numberText.map((N) => ({ N }));
export const bValue: fc.Arbitrary<AttributeValue> = keyBytes.map((b) => ({ B: b.toString('base64') }));
