import { randomBytes } from 'node:crypto';

/**
 * DynamoDB's request ids are 52 characters of [A-Z0-9]. A random prefix per process plus a
 * counter keeps them unique without paying for randomness on every request.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const prefix = Array.from(randomBytes(36), (b) => ALPHABET[b % 36]).join('');
let counter = 0;

export function nextRequestId(): string {
  counter = (counter + 1) % 36 ** 10;
  let n = counter;
  let suffix = '';
  for (let i = 0; i < 16; i++) {
    suffix = ALPHABET[n % 36]! + suffix;
    n = Math.floor(n / 36);
  }
  return prefix + suffix;
}
