/**
 * ProjectionExpression applied to an item. Nested paths keep their place in the document:
 * `a.b, l[2]` gives `{a: {M: {b}}, l: {L: [third element]}}` — the selected elements of a list
 * are returned in list order, packed together. Paths that lead nowhere contribute nothing.
 */
import type { AttributeValue, Item } from '../model/types.js';
import type { CProjection, DocPath } from './compiled.js';

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A merged tree of the projected paths; a leaf takes the whole value below it. */
interface Selection {
  leaf: boolean;
  names: Map<string, Selection>;
  indexes: Map<number, Selection>;
}

const newSelection = (): Selection => ({ leaf: false, names: new Map(), indexes: new Map() });

export function buildSelection(paths: readonly DocPath[]): Selection {
  const root = newSelection();
  for (const p of paths) {
    let cur = root;
    for (const e of p) {
      const table: Map<string | number, Selection> = typeof e === 'number' ? cur.indexes : cur.names;
      let next = table.get(e);
      if (!next) {
        next = newSelection();
        table.set(e, next);
      }
      cur = next;
    }
    cur.leaf = true;
  }
  return root;
}

function pick(v: AttributeValue, sel: Selection): AttributeValue | undefined {
  if (sel.leaf) return v;
  if (sel.names.size > 0 && 'M' in v) {
    const out: Record<string, AttributeValue> = {};
    let any = false;
    for (const [k, s] of sel.names) {
      if (!hasOwn(v.M, k)) continue;
      const x = pick(v.M[k]!, s);
      if (x !== undefined) {
        setOwn(out, k, x);
        any = true;
      }
    }
    return any ? { M: out } : undefined;
  }
  if (sel.indexes.size > 0 && 'L' in v) {
    const out: AttributeValue[] = [];
    for (const i of [...sel.indexes.keys()].sort((a, b) => a - b)) {
      if (i >= v.L.length) continue;
      const x = pick(v.L[i]!, sel.indexes.get(i)!);
      if (x !== undefined) out.push(x);
    }
    return out.length > 0 ? { L: out } : undefined;
  }
  return undefined;
}

function setOwn(obj: Record<string, AttributeValue>, key: string, value: AttributeValue): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

export function applyProjection(projection: CProjection, item: Item): Item {
  const sel = buildSelection(projection.paths);
  return projectWith(sel, item);
}

export function projectWith(sel: Selection, item: Item): Item {
  const out: Record<string, AttributeValue> = {};
  for (const [k, s] of sel.names) {
    if (!hasOwn(item, k)) continue;
    const x = pick(item[k]!, s);
    if (x !== undefined) setOwn(out, k, x);
  }
  return out;
}

export type { Selection };
