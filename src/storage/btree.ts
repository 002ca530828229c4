/**
 * The sorted map behind the in-memory engine and the transaction overlays.
 *
 * Keys are byte strings held as latin1 JS strings: each char is one byte (0–255), and JS string
 * comparison orders by UTF-16 code unit, so plain `<` gives unsigned byte order without calling
 * into Buffer.compare for every tree comparison. Measured on 200k keys of ~30 bytes, including the
 * Buffer↔string conversion at the boundary: about twice the sets, gets and short scans per second
 * of a tree keyed by Buffers with Buffer.compare.
 */
import sortedBtree from 'sorted-btree';
import type { Bounds } from './bounds.js';

// sorted-btree is CommonJS with `exports.default`; an ES module's default import is the whole
// `module.exports`, so the class sits one level down.
const BTreeClass = sortedBtree.default;
export type SortedMap<V> = InstanceType<typeof BTreeClass<string, V>>;

function compareLatin1(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function newSortedMap<V>(): SortedMap<V> {
  return new BTreeClass<string, V>(undefined, compareLatin1);
}

export const toLatin1 = (key: Buffer): string => key.toString('latin1');
export const fromLatin1 = (key: string): Buffer => Buffer.from(key, 'latin1');

/** Entries of `map` within `bounds`, in the bounds' direction; ignores `bounds.limit`. */
export function* sortedRange<V>(map: SortedMap<V>, bounds: Bounds): Generator<[string, V]> {
  const lower = bounds.lower && toLatin1(bounds.lower);
  const upper = bounds.upper && toLatin1(bounds.upper);
  if (!bounds.reverse) {
    for (const entry of map.entries(lower)) {
      if (upper !== undefined && entry[0] >= upper) return;
      yield entry;
    }
  } else {
    const entries = upper === undefined ? map.entriesReversed() : map.entriesReversed(upper, undefined, true);
    for (const entry of entries) {
      if (lower !== undefined && entry[0] < lower) return;
      yield entry;
    }
  }
}
