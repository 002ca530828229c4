/**
 * Finding the key in a WHERE clause. Only the top-level conjuncts count (`a AND (b AND c)` has
 * three; parentheses change nothing): a conjunct `key = value` (either way round) pins a key
 * attribute, `pk IN [...]` names several partitions, and a comparison, BETWEEN or begins_with on
 * the sort key narrows a partition. Anything under OR or NOT pins nothing.
 */
import { validation } from '../errors.js';
import type { AttributeValue, KeyShape, KeyType } from '../model/types.js';
import { KEY_MESSAGES } from '../model/values.js';
import type { SortKeyCondition } from '../storage/keys.js';
import type { Expr } from './ast.js';
import type { TableMeta } from '../catalog/types.js';
import { asKeyFault, PARTIQL_MESSAGES as M } from './messages.js';
import { isValueExpr, type ValueConverter } from './values.js';

export function conjuncts(e: Expr | undefined): Expr[] {
  if (!e) return [];
  if (e.k === 'binary' && e.op === 'and') return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}

const attrName = (e: Expr): string | undefined => (e.k === 'id' ? e.name : undefined);

/** `name = value` or `value = name`: the value expression, else undefined. */
export function equalityOn(c: Expr, name: string): Expr | undefined {
  if (c.k !== 'binary' || c.op !== '=') return undefined;
  if (attrName(c.left) === name && isValueExpr(c.right)) return c.right;
  if (attrName(c.right) === name && isValueExpr(c.left)) return c.left;
  return undefined;
}

/** A key value must have the key's type (and, for strings and binaries, not be empty). */
export function checkKeyValue(name: string, type: KeyType, v: AttributeValue): void {
  if (!(type in v)) throw validation(M.keyType(name));
  if (type === 'S' && (v as { S: string }).S === '') throw validation(KEY_MESSAGES.emptyString(name));
  if (type === 'B' && (v as { B: string }).B === '') throw validation(KEY_MESSAGES.emptyBinary(name));
}

/** The pinned key's faults are the table's (see KeyFault). */
export function checkPinnedKey(table: TableMeta, key: Record<string, AttributeValue>): void {
  asKeyFault(table, () => {
    const attrs = table.key.range ? [table.key.hash, table.key.range] : [table.key.hash];
    for (const { name, type } of attrs) checkKeyValue(name, type, key[name]!);
  });
}

export interface PinnedKey {
  readonly key: Record<string, AttributeValue>;
  /** The conjuncts that pin nothing. */
  readonly rest: Expr[];
}

/**
 * The full primary key pinned by equalities, for UPDATE and DELETE (and single-item reads). The
 * same attribute pinned twice to the same value is fine; to two values is refused when `strict`
 * (a write), and pins nothing otherwise (a read: it simply matches no item).
 * Returns undefined when some key attribute is not pinned.
 */
export function pinnedKey(where: Expr | undefined, shape: KeyShape, conv: ValueConverter, strict: boolean): PinnedKey | undefined {
  const parts = conjuncts(where);
  const key: Record<string, AttributeValue> = {};
  const used = new Set<Expr>();
  const attrs = shape.range ? [shape.hash, shape.range] : [shape.hash];
  for (const { name } of attrs) {
    let found: AttributeValue | undefined;
    for (const c of parts) {
      const ve = equalityOn(c, name);
      if (!ve) continue;
      const v = conv.top(ve);
      if (found && !sameValue(found, v)) {
        if (strict) throw validation(M.multipleKeyConditions(name));
        return undefined;
      }
      found = v;
      used.add(c);
    }
    if (!found) return undefined;
    key[name] = found;
  }
  return { key, rest: parts.filter((c) => !used.has(c)) };
}

const sameValue = (a: AttributeValue, b: AttributeValue): boolean => JSON.stringify(a) === JSON.stringify(b);

export interface KeyAccess {
  readonly partitions: AttributeValue[];
  readonly sort?: SortKeyCondition;
}

/**
 * How a SELECT can seek: the partitions its WHERE names (the first `pk = v` or `pk IN […]`
 * conjunct) and the first sort-key condition that narrows them. The whole WHERE is still applied
 * to every item read, so narrowing on one conjunct among several is always safe.
 */
export function keyAccess(where: Expr | undefined, shape: KeyShape, conv: ValueConverter): KeyAccess | undefined {
  const parts = conjuncts(where);
  let partitions: AttributeValue[] | undefined;
  for (const c of parts) {
    const eq = equalityOn(c, shape.hash.name);
    if (eq) {
      partitions = [conv.top(eq)];
      break;
    }
    if (c.k === 'in' && !c.not && attrName(c.operand) === shape.hash.name && c.list.k === 'list' && c.list.items.every(isValueExpr)) {
      partitions = c.list.items.map((x) => conv.top(x));
      break;
    }
  }
  if (!partitions) return undefined;
  for (const v of partitions) checkKeyValue(shape.hash.name, shape.hash.type, v);
  const range = shape.range;
  if (!range) return { partitions };
  let found: SortKeyCondition | undefined;
  for (const c of parts) {
    const sort = sortCondition(c, range.name, conv);
    if (sort) {
      if (!sortValues(sort).every((v) => range.type in v)) throw validation(M.keyType(range.name));
      found ??= sort;
    } else if (c.k === 'in' && !c.not && attrName(c.operand) === range.name && c.list.k === 'list') {
      // IN on the sort key only filters, but its values must still have the key's type.
      for (const x of c.list.items) if (isValueExpr(x) && !(range.type in conv.top(x))) throw validation(M.conditionType);
    }
  }
  return found ? { partitions, sort: found } : { partitions };
}

/**
 * A Scan refuses a comparison of a key attribute with a value of another type, wherever it
 * stands in WHERE (under OR and NOT too).
 */
export function checkScanKeyTypes(e: Expr | undefined, shape: KeyShape, conv: ValueConverter): void {
  if (!e) return;
  const keyType = (x: Expr): KeyType | undefined => {
    const n = attrName(x);
    if (n === shape.hash.name) return shape.hash.type;
    if (n !== undefined && n === shape.range?.name) return shape.range.type;
    return undefined;
  };
  const check = (key: Expr, values: readonly Expr[]): void => {
    const t = keyType(key);
    if (!t) return;
    for (const v of values) if (isValueExpr(v) && !(t in conv.top(v))) throw validation(M.conditionType);
  };
  switch (e.k) {
    case 'binary':
      if (e.op === 'and' || e.op === 'or') {
        checkScanKeyTypes(e.left, shape, conv);
        checkScanKeyTypes(e.right, shape, conv);
      } else if (e.op in OPS || e.op === '<>') {
        check(e.left, [e.right]);
        check(e.right, [e.left]);
      }
      return;
    case 'unary':
      checkScanKeyTypes(e.operand, shape, conv);
      return;
    case 'between':
      check(e.operand, [e.low, e.high]);
      return;
    case 'in':
      if (e.list.k === 'list') check(e.operand, e.list.items);
      return;
    default:
      return;
  }
}

const FLIP: Readonly<Record<string, string>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' };
const OPS: Readonly<Record<string, 'EQ' | 'LT' | 'LE' | 'GT' | 'GE'>> = { '=': 'EQ', '<': 'LT', '<=': 'LE', '>': 'GT', '>=': 'GE' };

function sortCondition(c: Expr, name: string, conv: ValueConverter): SortKeyCondition | undefined {
  if (c.k === 'binary' && c.op in OPS) {
    if (attrName(c.left) === name && isValueExpr(c.right)) return { op: OPS[c.op]!, value: conv.top(c.right) };
    if (attrName(c.right) === name && isValueExpr(c.left)) return { op: OPS[FLIP[c.op]!]!, value: conv.top(c.left) };
    return undefined;
  }
  if (c.k === 'between' && !c.not && attrName(c.operand) === name && isValueExpr(c.low) && isValueExpr(c.high)) {
    return { op: 'BETWEEN', low: conv.top(c.low), high: conv.top(c.high) };
  }
  if (c.k === 'call' && c.name === 'begins_with' && c.args.length === 2 && attrName(c.args[0]!) === name && isValueExpr(c.args[1]!)) {
    const v = conv.top(c.args[1]!);
    // begins_with narrows only string and binary keys.
    if ('S' in v || 'B' in v) return { op: 'BEGINS_WITH', value: v };
  }
  return undefined;
}

function sortValues(s: SortKeyCondition): AttributeValue[] {
  return s.op === 'BETWEEN' ? [s.low, s.high] : [s.value];
}
