/**
 * DynamoDB numbers: up to 38 significant digits, magnitude in [1E-130, 1E+126), sent as strings.
 *
 * The service parses N values the way Java's BigDecimal does (so `+1`, `.5`, `5.`, `1E5` and even
 * non-ASCII decimal digits such as `١` are accepted) and returns them in plain notation with no
 * exponent, no leading zeros and no trailing fractional zeros — that canonical text is what Tessera
 * stores, so reads never re-format.
 *
 * Arithmetic is exact (decimal.js at a precision far beyond the widest possible aligned sum);
 * results are re-validated, so precision loss and range errors surface with the service's messages.
 */
import { Decimal } from 'decimal.js';
import { validation, type DynamoError } from '../errors.js';

export const MAX_SIGNIFICANT_DIGITS = 38;
/** Largest allowed adjusted exponent (the power of ten of the leading digit). */
export const MAX_EXPONENT = 125;
/** Smallest allowed adjusted exponent. */
export const MIN_EXPONENT = -130;

export const NUMBER_MESSAGES = {
  invalid: 'A value provided cannot be converted into a number',
  precision: 'DynamoDB only supports precision up to 38 digits',
  overflow: 'Number overflow. Attempting to store a number with magnitude larger than supported range',
  underflow: 'Number underflow. Attempting to store a number with magnitude smaller than supported range',
} as const;

/**
 * A parsed, validated number: value = (negative ? -1 : 1) × 0.d1d2…dn × 10^exponent, where
 * `digits` has no leading or trailing zeros. Zero is `digits === ''`, `negative === false`.
 * This "0.digits" form makes the storage encoding (keys.ts) a direct transcription.
 */
export interface ParsedNumber {
  negative: boolean;
  digits: string;
  /** Power of ten such that 0.digits × 10^exponent is the magnitude (= adjusted exponent + 1). */
  exponent: number;
}

// Decimal.js at this precision is exact for any sum of two in-range 38-digit numbers
// (at most 126 + 130 + 38 aligned digits); plain-notation output avoids an exponent round-trip.
const D = Decimal.clone({ precision: 1000, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });

const INT_MAX = 2147483647;

const ND = /^\p{Nd}$/u;
/**
 * Java's Character.digit(c, 10) for non-ASCII code points. Unicode decimal digits (Nd) come in
 * contiguous runs of whole 0–9 sets, so a digit's value is its distance from the run start, mod 10.
 */
function unicodeDigit(cp: number): number {
  const isNd = (c: number) => c >= 0 && ND.test(String.fromCodePoint(c));
  if (!isNd(cp)) return -1;
  let start = cp;
  while (isNd(start - 1)) start--;
  return (cp - start) % 10;
}

function digitValue(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c < 0x80) return -1;
  return unicodeDigit(c);
}

/**
 * [+-] digits [. [digits]] — no exponent, ASCII digits only — parsed with one scan of char codes
 * and at most two slices: every request's key encoding and every item sizing parses numbers, and
 * the regex + search + replace this replaced was ~4% of a write's CPU (bench/NOTES.md). Anything
 * else returns undefined and takes the full walk in parseNumber.
 */
function parsePlainDecimal(text: string): ParsedNumber | undefined {
  const n = text.length;
  let i = 0;
  let c = n > 0 ? text.charCodeAt(0) : 0;
  const negative = c === 0x2d;
  if (negative || c === 0x2b) i = 1;
  const intStart = i;
  while (i < n && (c = text.charCodeAt(i)) >= 0x30 && c <= 0x39) i++;
  const intEnd = i;
  if (intEnd === intStart) return undefined;
  let fracStart = n;
  if (i < n) {
    if (text.charCodeAt(i) !== 0x2e) return undefined;
    fracStart = ++i;
    while (i < n && (c = text.charCodeAt(i)) >= 0x30 && c <= 0x39) i++;
    if (i !== n) return undefined;
  }
  // The digits are text[intStart, intEnd) followed by text[fracStart, n): find the first and last
  // non-zero digit across both runs.
  let first = intStart;
  while (first < intEnd && text.charCodeAt(first) === 0x30) first++;
  if (first === intEnd) {
    first = fracStart;
    while (first < n && text.charCodeAt(first) === 0x30) first++;
    if (first === n) return { negative: false, digits: '', exponent: 0 };
  }
  let last = n - 1;
  if (fracStart < n) {
    while (last >= fracStart && text.charCodeAt(last) === 0x30) last--;
    if (last < fracStart) last = intEnd - 1;
  } else last = intEnd - 1;
  while (text.charCodeAt(last) === 0x30) last--;
  // Position of the first significant digit among all digits (integer part, then fraction).
  const lead = first < intEnd ? first - intStart : intEnd - intStart + (first - fracStart);
  const digits =
    first >= fracStart || last < intEnd
      ? text.slice(first, last + 1)
      : text.slice(first, intEnd) + text.slice(fracStart, last + 1);
  return { negative, digits, exponent: intEnd - intStart - lead };
}

function invalid(): DynamoError {
  return validation(NUMBER_MESSAGES.invalid);
}

/**
 * Parses text with BigDecimal's grammar: [+-] (digits [. digits?] | . digits) [(e|E) [+-] digits].
 * BigDecimal keeps its scale (fraction digits − exponent) in a 32-bit int, so exponents that push
 * the scale out of range are a parse failure, not an overflow — DynamoDB Local reports them as
 * "cannot be converted", which is mirrored here.
 */
export function parseNumber(text: string): ParsedNumber {
  if (typeof text !== 'string') throw invalid();
  // Nearly every number on the wire is plain ASCII decimal (keys, counters, timestamps): parse
  // those without the per-code-point walk below, which the key encoding of every request pays.
  const plain = parsePlainDecimal(text);
  if (plain) return plain;
  const chars = Array.from(text);
  let i = 0;
  let negative = false;
  if (chars[i] === '+' || chars[i] === '-') { negative = chars[i] === '-'; i++; }
  let intDigits = '';
  let fracDigits = '';
  let sawDigit = false;
  for (; i < chars.length; i++) {
    const v = digitValue(chars[i]!);
    if (v < 0) break;
    intDigits += String(v);
    sawDigit = true;
  }
  if (chars[i] === '.') {
    i++;
    for (; i < chars.length; i++) {
      const v = digitValue(chars[i]!);
      if (v < 0) break;
      fracDigits += String(v);
      sawDigit = true;
    }
  }
  if (!sawDigit) throw invalid();
  let exp = 0;
  if (chars[i] === 'e' || chars[i] === 'E') {
    i++;
    let expNegative = false;
    if (chars[i] === '+' || chars[i] === '-') { expNegative = chars[i] === '-'; i++; }
    let expDigits = '';
    for (; i < chars.length; i++) {
      const v = digitValue(chars[i]!);
      if (v < 0) break;
      expDigits += String(v);
    }
    if (expDigits === '') throw invalid();
    expDigits = expDigits.replace(/^0+(?=.)/, '');
    if (expDigits.length > 10) throw invalid();
    exp = Number(expDigits) * (expNegative ? -1 : 1);
    if (exp > INT_MAX || exp < -INT_MAX) throw invalid();
  }
  if (i !== chars.length) throw invalid();
  if (fracDigits.length - exp > INT_MAX) throw invalid();

  return canonical(negative, intDigits, fracDigits, exp);
}

function canonical(negative: boolean, intDigits: string, fracDigits: string, exp: number): ParsedNumber {
  const all = intDigits + fracDigits;
  const lead = all.search(/[1-9]/);
  if (lead < 0) return { negative: false, digits: '', exponent: 0 };
  const trimmed = all.slice(lead).replace(/0+$/, '');
  // all = intDigits·fracDigits; the leading nonzero digit sits at position `lead`.
  const exponent = intDigits.length - lead + exp;
  return { negative, digits: trimmed, exponent };
}

function checkLimits(p: ParsedNumber): void {
  if (p.digits === '') return;
  if (p.digits.length > MAX_SIGNIFICANT_DIGITS) throw validation(NUMBER_MESSAGES.precision);
  const adjusted = p.exponent - 1;
  if (adjusted > MAX_EXPONENT) throw validation(NUMBER_MESSAGES.overflow);
  if (adjusted < MIN_EXPONENT) throw validation(NUMBER_MESSAGES.underflow);
}

/** Plain notation: no exponent, no leading zeros, no trailing fractional zeros, no `-0`. */
export function formatNumber(p: ParsedNumber): string {
  if (p.digits === '') return '0';
  const sign = p.negative ? '-' : '';
  const { digits, exponent } = p;
  if (exponent >= digits.length) return sign + digits + '0'.repeat(exponent - digits.length);
  if (exponent > 0) return `${sign}${digits.slice(0, exponent)}.${digits.slice(exponent)}`;
  return `${sign}0.${'0'.repeat(-exponent)}${digits}`;
}

/** Parses and range-checks an N value; the result is in canonical form. */
export function parseValidNumber(text: string): ParsedNumber {
  const p = parseNumber(text);
  checkLimits(p);
  return p;
}

/** Validates a DynamoDB N value and returns the text DynamoDB would return when it is read back. */
export function normalizeNumber(text: string): string {
  return formatNumber(parseValidNumber(text));
}

function toDecimal(text: string): Decimal {
  return new D(formatNumber(parseNumber(text)));
}

function fromDecimal(d: Decimal): string {
  return normalizeNumber(d.toString());
}

/** a + b, exactly; throws DynamoDB's precision/overflow/underflow errors when the sum doesn't fit. */
export function addNumbers(a: string, b: string): string {
  return fromDecimal(toDecimal(a).plus(toDecimal(b)));
}

/** a − b, exactly; same errors as addNumbers. */
export function subtractNumbers(a: string, b: string): string {
  return fromDecimal(toDecimal(a).minus(toDecimal(b)));
}

/** Numeric comparison of two valid N values: negative, zero or positive. */
export function compareNumbers(a: string, b: string): number {
  return compareParsed(parseNumber(a), parseNumber(b));
}

export function compareParsed(a: ParsedNumber, b: ParsedNumber): number {
  const sa = a.digits === '' ? 0 : a.negative ? -1 : 1;
  const sb = b.digits === '' ? 0 : b.negative ? -1 : 1;
  if (sa !== sb) return sa - sb;
  if (sa === 0) return 0;
  let mag: number;
  if (a.exponent !== b.exponent) mag = a.exponent - b.exponent;
  else mag = a.digits < b.digits ? -1 : a.digits > b.digits ? 1 : 0;
  // `|| 0`: equal negatives would otherwise compare as -0, which strict equality tells from 0.
  return sa * Math.sign(mag) || 0;
}

/** True when two valid N values are numerically equal (`1`, `1.0`, `1e0`). */
export function numbersEqual(a: string, b: string): boolean {
  return compareNumbers(a, b) === 0;
}
