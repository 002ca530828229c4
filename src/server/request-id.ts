import { randomBytes } from 'node:crypto';

/**
 * DynamoDB's request ids are 52 characters of [A-Z0-9]. A random prefix per process plus a
 * counter keeps them unique without paying for randomness on every request.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const prefix = Array.from(randomBytes(36), (b) => ALPHABET[b % 36]).join('');
let counter = 0;
const ZEROS = '0'.repeat(16);

export function nextRequestId(): string {
  counter = (counter + 1) % 36 ** 10;
  // Number#toString(36) does in native code what a loop of 16 string concatenations did, and its
  // result is flat: ~0.15 µs against ~0.6 with the header write included (bench/NOTES.md).
  const digits = counter.toString(36).toUpperCase();
  return prefix + ZEROS.slice(digits.length) + digits;
}
