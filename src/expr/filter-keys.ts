/**
 * A Query's FilterExpression may not name the key attributes of the table or index read
 * ("Filter Expression can only contain non-primary key attributes"): the key condition does that.
 */
import { validation } from '../errors.js';
import type { KeyShape } from '../model/types.js';
import type { CCondition } from './compiled.js';
import { conditionPaths } from './condition-paths.js';

export function checkFilterKeyAttributes(filter: CCondition, key: KeyShape): void {
  const keyNames = [key.hash.name, ...(key.range ? [key.range.name] : [])];
  for (const p of conditionPaths(filter)) {
    const top = p[0] as string;
    if (!keyNames.includes(top)) continue;
    if (p.length > 1) {
      throw validation(`Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: ${top}`);
    }
    throw validation(`Filter Expression can only contain non-primary key attributes: Primary key attribute: ${top}`);
  }
}
