/**
 * DynamoDB's item size: the figure checked against the 400 KB limit and used for capacity units.
 *
 * Measured against DynamoDB Local by bisecting the 409,600-byte boundary:
 * - S: UTF-8 bytes; B: raw bytes; BOOL/NULL: 1.
 * - N: 1 + the number of base-100 digit pairs, aligned at the decimal point, from the first pair
 *   holding a significant digit to the last (`120` → 3, `12` → 2, `0.012` → 3, `1E125` → 2),
 *   + 1 more if negative. This is the size of the service's internal decimal encoding, which is
 *   why it is not simply "one byte per two digits".
 * - SS/NS/BS: the sum of the members' sizes.
 * - L: 3 + Σ (element + 1); M: 3 + Σ (name + value + 1).
 * - Item: Σ (attribute name UTF-8 bytes + value).
 */
import { Buffer } from 'node:buffer';
import type { AttributeValue, Item } from './types.js';
import { parseNumber, type ParsedNumber } from './numbers.js';

export const MAX_ITEM_SIZE = 400 * 1024;

export function parsedNumberSize(p: ParsedNumber): number {
  if (p.digits === '') return 1;
  // Digit i (0-based) sits at decimal position exponent-1-i; pairs are {2k+1, 2k}.
  const top = Math.floor((p.exponent - 1) / 2);
  const bottom = Math.floor((p.exponent - p.digits.length) / 2);
  return 1 + (top - bottom + 1) + (p.negative ? 1 : 0);
}

export function numberSize(n: string): number {
  return parsedNumberSize(parseNumber(n));
}

// Buffer from node:buffer, not the global: in Node 20 the global is a getter (~12 ns a read), and
// every attribute name and string value of every item sized passes through here.
const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Decoded length of (valid, padded) base64 without decoding it. */
export function base64ByteLength(b: string): number {
  if (b.length === 0) return 0;
  const pad = b.endsWith('==') ? 2 : b.endsWith('=') ? 1 : 0;
  return (b.length / 4) * 3 - pad;
}

export function attributeValueSize(v: AttributeValue): number {
  if ('S' in v) return utf8(v.S);
  if ('N' in v) return numberSize(v.N);
  if ('B' in v) return base64ByteLength(v.B);
  if ('BOOL' in v || 'NULL' in v) return 1;
  if ('SS' in v) return v.SS.reduce((t, s) => t + utf8(s), 0);
  if ('NS' in v) return v.NS.reduce((t, n) => t + numberSize(n), 0);
  if ('BS' in v) return v.BS.reduce((t, b) => t + base64ByteLength(b), 0);
  if ('L' in v) return v.L.reduce((t, e) => t + attributeValueSize(e) + 1, 3);
  if ('M' in v) {
    let t = 3;
    for (const k in v.M) t += utf8(k) + attributeValueSize(v.M[k]!) + 1;
    return t;
  }
  return 0;
}

export function itemSize(item: Item): number {
  let t = 0;
  for (const k in item) t += utf8(k) + attributeValueSize(item[k]!);
  return t;
}

/**
 * Size of an item straight from a request, before validation: the service rejects an oversized
 * item before it looks at the values (an invalid number in a 500 KB item is reported as the size
 * error), so this must not throw on malformed values. Malformed parts count their text length.
 */
export function rawItemSize(item: unknown): number {
  if (typeof item !== 'object' || item === null) return 0;
  // Object.keys rather than Object.entries (same members, same order): every request item is
  // sized here, and a [key, value] array per attribute was a visible part of BatchWriteItem's GC.
  const o = item as Record<string, unknown>;
  let t = 0;
  for (const k of Object.keys(o)) t += utf8(k) + rawValueSize(o[k]);
  return t;
}

function rawValueSize(v: unknown): number {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 0;
  const o = v as Record<string, unknown>;
  let t = 0;
  for (const type of Object.keys(o)) {
    const body = o[type];
    if (body === null || body === undefined) continue;
    switch (type) {
      case 'S':
        t += utf8(String(body));
        break;
      case 'N':
        t += lenientNumberSize(body);
        break;
      case 'B':
        t += lenientBinarySize(body);
        break;
      case 'BOOL':
      case 'NULL':
        t += 1;
        break;
      case 'SS':
        if (Array.isArray(body)) for (const m of body) t += m == null ? 0 : utf8(String(m));
        break;
      case 'NS':
        if (Array.isArray(body)) for (const m of body) t += lenientNumberSize(m);
        break;
      case 'BS':
        if (Array.isArray(body)) for (const m of body) t += lenientBinarySize(m);
        break;
      case 'L':
        if (Array.isArray(body)) t += body.reduce((s: number, e: unknown) => s + rawValueSize(e) + 1, 3);
        break;
      case 'M':
        if (typeof body === 'object' && !Array.isArray(body)) {
          t += 3;
          const members = body as Record<string, unknown>;
          for (const k of Object.keys(members)) t += utf8(k) + rawValueSize(members[k]) + 1;
        }
        break;
    }
  }
  return t;
}

function lenientNumberSize(n: unknown): number {
  if (n === null || n === undefined) return 0;
  const text = String(n);
  try {
    return numberSize(text);
  } catch {
    return utf8(text);
  }
}

function lenientBinarySize(b: unknown): number {
  if (typeof b !== 'string') return 0;
  return /^[A-Za-z0-9+/]*={0,2}$/.test(b) && b.length % 4 === 0 ? base64ByteLength(b) : utf8(b);
}
