/**
 * Range bounds in one canonical form — inclusive lower, exclusive upper — so that each engine and
 * the overlay merge handle a single case instead of four combinations of gt/gte/lt/lte.
 *
 * The conversion is exact because byte strings have immediate successors: nothing sorts strictly
 * between `k` and `k ‖ 0x00`, so `> k` is `>= k‖00` and `<= k` is `< k‖00`.
 */
import type { RangeOptions, StorageKey } from './engine.js';

export interface Bounds {
  /** Inclusive; undefined means unbounded. */
  readonly lower: StorageKey | undefined;
  /** Exclusive; undefined means unbounded. */
  readonly upper: StorageKey | undefined;
  readonly reverse: boolean;
  /** Infinity when the caller set no limit. */
  readonly limit: number;
}

const ZERO = Buffer.from([0]);

export function successor(key: StorageKey): StorageKey {
  return Buffer.concat([key, ZERO], key.length + 1);
}

function maxKey(a: StorageKey | undefined, b: StorageKey | undefined): StorageKey | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Buffer.compare(a, b) >= 0 ? a : b;
}

function minKey(a: StorageKey | undefined, b: StorageKey | undefined): StorageKey | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Buffer.compare(a, b) <= 0 ? a : b;
}

export function toBounds(options: RangeOptions): Bounds {
  // When both forms of a bound are given, the tighter one wins: the range is their intersection.
  const lower = maxKey(options.gte, options.gt && successor(options.gt));
  const upper = minKey(options.lt, options.lte && successor(options.lte));
  const limit = options.limit ?? Infinity;
  if (!(limit >= 0)) throw new RangeError(`range limit must be a non-negative number, got ${options.limit}`);
  return { lower, upper, reverse: options.reverse === true, limit };
}

/** True when no key can satisfy the bounds, so engines can skip the lookup entirely. */
export function isEmptyRange(bounds: Bounds): boolean {
  if (bounds.limit === 0) return true;
  return bounds.lower !== undefined && bounds.upper !== undefined && Buffer.compare(bounds.lower, bounds.upper) >= 0;
}
