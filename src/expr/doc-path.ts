/**
 * Reading a document path (`a.b[2].c`) out of an item. A path that crosses a value of the wrong
 * kind (an index into a map, a name into a list or a scalar) simply finds nothing.
 */
import type { AttributeValue, Item } from '../model/types.js';
import type { DocPath } from './compiled.js';

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export function getPath(item: Item | undefined, path: DocPath): AttributeValue | undefined {
  if (item === undefined) return undefined;
  const first = path[0] as string;
  if (!hasOwn(item, first)) return undefined;
  let cur: AttributeValue = item[first]!;
  for (let i = 1; i < path.length; i++) {
    const e = path[i]!;
    if (typeof e === 'number') {
      if (!('L' in cur) || e >= cur.L.length) return undefined;
      cur = cur.L[e]!;
    } else {
      if (!('M' in cur) || !hasOwn(cur.M, e)) return undefined;
      cur = cur.M[e]!;
    }
  }
  return cur;
}
