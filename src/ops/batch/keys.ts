/** Key identity shared by the batch and transaction operations. */
import type { Item } from '../../model/types.js';

/**
 * A text that is equal for two validated attribute maps exactly when they name the same key:
 * attribute order does not matter and values are already normalised (so `1` and `1.0` are one
 * number). Used to find duplicates before the tables are looked up.
 */
export function keyIdentity(attrs: Item): string {
  const names = Object.keys(attrs).sort();
  let out = '';
  for (const name of names) out += `${JSON.stringify(name)}=${JSON.stringify(attrs[name])};`;
  return out;
}
