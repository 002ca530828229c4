/**
 * Small emulations of Java behaviour that leak into DynamoDB's (coral's) validation messages:
 * HashMap iteration order and the `toString()` of the values echoed in "Value '…' at '…'".
 * Only used on the error path, so clarity beats speed here.
 */

/** java.lang.String#hashCode over UTF-16 code units, 32-bit wrap-around. */
export function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Iteration order of a java.util.HashMap (Java 8+, default capacity 16, load factor 0.75) after
 * inserting `keys` in the given order. Within a bucket, insertion order is kept (resize splits
 * buckets preserving relative order); tree bins (8+ collisions in one bucket) are not modelled.
 */
export function javaHashMapOrder(keys: readonly string[]): string[] {
  let cap = 16;
  while (keys.length > cap * 0.75) cap *= 2;
  const buckets = new Map<number, string[]>();
  for (const k of keys) {
    const h = javaHash(k);
    const b = (h ^ (h >>> 16)) & (cap - 1);
    let list = buckets.get(b);
    if (!list) buckets.set(b, (list = []));
    list.push(k);
  }
  return [...buckets.keys()].sort((a, b) => a - b).flatMap((b) => buckets.get(b)!);
}

/** Java's Double.toString for finite doubles (close enough for echoing values in messages). */
export function javaDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(n);
    return s.includes('.') ? s : `${s}.0`;
  }
  // Scientific: mantissa with at least one fractional digit, exponent with "E".
  const [mant, exp] = n.toExponential().split('e');
  const m = mant!.includes('.') ? mant! : `${mant}.0`;
  return `${m}E${Number(exp)}`;
}
