/**
 * Some of DynamoDB's messages list things in the iteration order of Java hash collections
 * (`keys: {#b, #a}` for unused placeholders, which of several overlapping update paths is
 * named). Reproducing the message word for word means reproducing that order, which depends only
 * on String.hashCode, the table capacity and insertion order — all deterministic.
 */

/** Java's String.hashCode (over UTF-16 code units, 32-bit wrap-around). */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** java.util.HashMap's bucket index for a hash at a given (power of two) capacity. */
export function javaBucket(hash: number, capacity: number): number {
  return (hash ^ (hash >>> 16)) & (capacity - 1);
}

/** Capacity of a HashMap/HashSet grown by inserting `size` entries one at a time (load factor 0.75). */
export function grownCapacity(size: number): number {
  let cap = 16;
  while (size > cap * 0.75) cap *= 2;
  return cap;
}

/** Capacity of `new HashSet<>(collection)` for a collection of `size` elements. */
export function copiedCapacity(size: number): number {
  const wanted = Math.max(Math.floor(size / 0.75) + 1, 16);
  let cap = 1;
  while (cap < wanted) cap *= 2;
  return cap;
}

/**
 * Orders `keys` (given in insertion order) as a java.util.HashMap of `capacity` iterates them:
 * by bucket, and within a bucket in insertion order.
 */
export function javaHashOrder<T>(keys: readonly T[], capacity: number, hashOf: (k: T) => number): T[] {
  return keys
    .map((k, i) => ({ k, i, b: javaBucket(hashOf(k), capacity) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((e) => e.k);
}
