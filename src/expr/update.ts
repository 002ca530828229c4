/**
 * Applies a compiled update expression to an item: a pure function of the previous item (the
 * storage layer may retry it), returning the new item.
 *
 * DynamoDB's semantics, as observed:
 * - Every operand is read from the item as it was before the update (`SET a = b, b = a` swaps).
 * - List indexes name positions in the original list: `REMOVE l[0], l[2]` removes the first and
 *   third elements; `SET l[0] = :v REMOVE l[1]` changes the first and removes the second.
 * - SET (or ADD) at an index past the end appends; several appends go in index order, after the
 *   surviving elements.
 * - A missing parent, or a parent of the wrong kind (a name into a list, an index into a map or a
 *   scalar), is "The document path provided in the update expression is invalid for update"; a
 *   REMOVE of a missing attribute or element is a no-op.
 */
import { addNumbers, subtractNumbers } from '../model/numbers.js';
import { itemSize, MAX_ITEM_SIZE } from '../model/size.js';
import type { AttributeValue, Item } from '../model/types.js';
import { MAX_ITEM_ATTRIBUTE_DEPTH, validateAttributeValue, valuesEqual } from '../model/values.js';
import { checkUpdateKeyAttributes } from './validate.js';
import type { COperand, CUpdate, CUpdateAction, DocPath } from './compiled.js';
import { getPath } from './doc-path.js';
import { validation } from '../errors.js';
import { incorrectDataType, invalidUpdatePath, itemTooLargeAfterUpdate, missingOperandAttribute } from './messages.js';

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function setOwn(obj: Record<string, AttributeValue>, key: string, value: AttributeValue): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Evaluates a SET value against the original item. */
export function evaluateSetValue(o: COperand, item: Item | undefined): AttributeValue {
  switch (o.kind) {
    case 'value':
      return o.value;
    case 'path': {
      const v = getPath(item, o.path);
      if (v === undefined) throw missingOperandAttribute();
      return v;
    }
    case 'if_not_exists': {
      const fallback = evaluateSetValue(o.fallback, item);
      return getPath(item, o.path) ?? fallback;
    }
    case 'list_append': {
      // Each operand is read and type-checked before the next one is read.
      const l = evaluateSetValue(o.left, item);
      if (!('L' in l)) throw incorrectDataType();
      const r = evaluateSetValue(o.right, item);
      if (!('L' in r)) throw incorrectDataType();
      return { L: [...l.L, ...r.L] };
    }
    case 'arith': {
      const l = evaluateSetValue(o.left, item);
      if (!('N' in l)) throw incorrectDataType();
      const r = evaluateSetValue(o.right, item);
      if (!('N' in r)) throw incorrectDataType();
      return { N: o.op === '+' ? addNumbers(l.N, r.N) : subtractNumbers(l.N, r.N) };
    }
    case 'size':
      throw new Error('size() in an update');
  }
}

function deepCopy(v: AttributeValue): AttributeValue {
  if ('M' in v) {
    const m: Record<string, AttributeValue> = {};
    for (const k of Object.keys(v.M)) setOwn(m, k, deepCopy(v.M[k]!));
    return { M: m };
  }
  if ('L' in v) return { L: v.L.map(deepCopy) };
  return v; // scalars and sets are never mutated in place
}

/** Pending structural changes to one list, applied once every action has been placed. */
interface ListEdit {
  list: AttributeValue[];
  removed: Set<number>;
  appends: Map<number, AttributeValue>;
}

type Container =
  | { kind: 'map'; map: Record<string, AttributeValue>; key: string }
  | { kind: 'list'; list: AttributeValue[]; index: number };

/** AttributeUpdates words a type mismatch differently from an update expression. */
const legacyTypeMismatch = () => validation('Type mismatch for attribute to update');

class Updater {
  private readonly edits = new Map<AttributeValue[], ListEdit>();

  constructor(
    private readonly item: Record<string, AttributeValue>,
    private readonly legacy = false,
  ) {}

  private mismatch(): never {
    throw this.legacy ? legacyTypeMismatch() : incorrectDataType();
  }

  /** The container that holds the path's last element, or an invalid-path error. */
  private locate(path: DocPath): Container {
    let map: Record<string, AttributeValue> = this.item;
    let cur: AttributeValue | undefined;
    const first = path[0] as string;
    if (path.length === 1) return { kind: 'map', map, key: first };
    cur = hasOwn(map, first) ? map[first] : undefined;
    for (let i = 1; i < path.length; i++) {
      const e = path[i]!;
      if (cur === undefined) throw invalidUpdatePath();
      if (typeof e === 'number') {
        if (!('L' in cur)) throw invalidUpdatePath();
        if (i === path.length - 1) return { kind: 'list', list: cur.L, index: e };
        cur = e < cur.L.length ? cur.L[e] : undefined;
      } else {
        if (!('M' in cur)) throw invalidUpdatePath();
        if (i === path.length - 1) return { kind: 'map', map: cur.M, key: e };
        cur = hasOwn(cur.M, e) ? cur.M[e] : undefined;
      }
    }
    throw invalidUpdatePath();
  }

  private edit(list: AttributeValue[]): ListEdit {
    let e = this.edits.get(list);
    if (!e) {
      e = { list, removed: new Set(), appends: new Map() };
      this.edits.set(list, e);
    }
    return e;
  }

  private current(c: Container): AttributeValue | undefined {
    if (c.kind === 'map') return hasOwn(c.map, c.key) ? c.map[c.key] : undefined;
    return c.index < c.list.length ? c.list[c.index] : undefined;
  }

  private put(c: Container, v: AttributeValue): void {
    if (c.kind === 'map') setOwn(c.map, c.key, v);
    else if (c.index < c.list.length) c.list[c.index] = v;
    else this.edit(c.list).appends.set(c.index, v);
  }

  private remove(c: Container): void {
    if (c.kind === 'map') delete c.map[c.key];
    else if (c.index < c.list.length) this.edit(c.list).removed.add(c.index);
  }

  /** Runs one action: its target path is checked before its value is read. */
  apply(a: CUpdateAction, previous: Item | undefined): void {
    const c = this.locate(a.path);
    switch (a.kind) {
      case 'SET':
        this.put(c, evaluateSetValue(a.value, previous));
        return;
      case 'REMOVE':
        this.remove(c);
        return;
      case 'ADD': {
        const old = this.current(c);
        if (old === undefined) this.put(c, a.value);
        else {
          const sum = addValues(old, a.value);
          if (sum === undefined) this.mismatch();
          this.put(c, sum);
        }
        return;
      }
      case 'DELETE': {
        const old = this.current(c);
        if (old === undefined) return;
        const rest = deleteValues(old, a.value);
        if (rest === false) this.mismatch();
        if (rest === undefined) this.remove(c);
        else this.put(c, rest);
        return;
      }
    }
  }

  finish(): void {
    for (const e of this.edits.values()) {
      const kept = e.list.filter((_, i) => !e.removed.has(i));
      const appended = [...e.appends.entries()].sort((x, y) => x[0] - y[0]).map((x) => x[1]);
      e.list.length = 0;
      e.list.push(...kept, ...appended);
    }
  }
}

/** old + v for ADD, or undefined when the types do not go together. */
function addValues(old: AttributeValue, v: AttributeValue): AttributeValue | undefined {
  if ('N' in v) return 'N' in old ? { N: addNumbers(old.N, v.N) } : undefined;
  if ('SS' in v && 'SS' in old) return normalisedSet({ SS: unionBy(old.SS, v.SS, (a, b) => a === b) });
  if ('NS' in v && 'NS' in old) return normalisedSet({ NS: unionBy(old.NS, v.NS, (a, b) => valuesEqual({ N: a }, { N: b })) });
  if ('BS' in v && 'BS' in old) return normalisedSet({ BS: unionBy(old.BS, v.BS, (a, b) => valuesEqual({ B: a }, { B: b })) });
  // Only AttributeUpdates can ADD a list: it appends.
  if ('L' in v && 'L' in old) return { L: [...old.L, ...v.L] };
  return undefined;
}

function unionBy(a: readonly string[], b: readonly string[], same: (x: string, y: string) => boolean): string[] {
  const out = [...a];
  for (const m of b) if (!out.some((x) => same(x, m))) out.push(m);
  return out;
}

/** old − v for DELETE: the rest, undefined when nothing is left, false when the types differ. */
function deleteValues(old: AttributeValue, v: AttributeValue): AttributeValue | undefined | false {
  let rest: string[];
  if ('SS' in v && 'SS' in old) rest = old.SS.filter((m) => !v.SS.includes(m));
  else if ('NS' in v && 'NS' in old) rest = old.NS.filter((m) => !v.NS.some((n) => valuesEqual({ N: n }, { N: m })));
  else if ('BS' in v && 'BS' in old) rest = old.BS.filter((m) => !v.BS.some((n) => valuesEqual({ B: n }, { B: m })));
  else return false;
  if (rest.length === 0) return undefined;
  const type = 'SS' in v ? 'SS' : 'NS' in v ? 'NS' : 'BS';
  return { [type]: rest } as AttributeValue;
}

/** Sets are kept in the service's canonical order (the one values.ts gives every stored set). */
function normalisedSet(v: AttributeValue): AttributeValue {
  return validateAttributeValue(v);
}

export interface UpdateResult {
  readonly item: Item;
}

/**
 * Applies `update` to `previous` (undefined when the item does not exist yet; `key` is then the
 * new item's key). Throws DynamoDB's errors for invalid paths, wrong operand types and an item
 * that would grow past 400 KB.
 */
export function applyUpdate(previous: Item | undefined, update: CUpdate, key: Item): UpdateResult {
  // A key attribute may not be updated; the service finds that only once the condition has held.
  if (!update.legacy) checkUpdateKeyAttributes(update, Object.keys(key));
  const base: Record<string, AttributeValue> = {};
  const source = previous ?? key;
  for (const k of Object.keys(source)) setOwn(base, k, deepCopy(source[k]!));
  const updater = new Updater(base, update.legacy === true);
  // Every operand reads the original item; the structural list edits wait until the end, so the
  // order only decides which fault is reported first.
  const order = update.order ?? update.actions.map((_, i) => i);
  for (const i of order) {
    updater.apply(update.actions[i]!, previous);
  }
  updater.finish();
  for (const a of update.actions) {
    const top = a.path[0] as string;
    if (hasOwn(base, top) && containerDepth(base[top]!) > MAX_ITEM_ATTRIBUTE_DEPTH) {
      throw validation('Nesting Levels have exceeded supported limits');
    }
  }
  if (itemSize(base) > MAX_ITEM_SIZE) throw itemTooLargeAfterUpdate();
  return { item: base };
}

/** How many M/L levels a value nests (a scalar: 0). */
function containerDepth(v: AttributeValue): number {
  if ('M' in v) {
    let d = 0;
    for (const k in v.M) d = Math.max(d, containerDepth(v.M[k]!));
    return d + 1;
  }
  if ('L' in v) return v.L.reduce((d, e) => Math.max(d, containerDepth(e)), 0) + 1;
  return 0;
}

/**
 * The attributes ReturnValues UPDATED_OLD / UPDATED_NEW returns: every top-level attribute, whole,
 * holding a path the update wrote or removed, if that path exists in `item` (the old item for
 * UPDATED_OLD, the new one for UPDATED_NEW). An element appended past the end of a list is not at
 * the index written, so it is not returned.
 */
export function updatedAttributes(update: CUpdate, item: Item | undefined): Item {
  const out: Record<string, AttributeValue> = {};
  if (!item) return out;
  for (const a of update.actions) {
    if (getPath(item, a.path) !== undefined) {
      const top = a.path[0] as string;
      setOwn(out, top, item[top]!);
    }
  }
  return out;
}
