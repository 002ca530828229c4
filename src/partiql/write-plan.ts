/**
 * Planning INSERT, UPDATE and DELETE: one item each, named by its full primary key.
 *
 * INSERT's VALUE must be a tuple holding the key. UPDATE and DELETE must pin every key attribute
 * with an equality in WHERE; the other predicates become the write's condition. UPDATE's SET and
 * REMOVE become an update expression (set_add / set_delete become ADD / DELETE), compiled and
 * checked by the expression module.
 */
import type { TableMeta } from '../catalog/types.js';
import { validation } from '../errors.js';
import type * as E from '../expr/ast.js';
import type { CCondition } from '../expr/compiled.js';
import { MAX_ITEM_SIZE, itemSize } from '../model/size.js';
import type { Item } from '../model/types.js';
import { validateKey } from '../model/values.js';
import { checkIndexKeys } from '../ops/common/indexes.js';
import { checkUpdateKeyAttributes } from '../expr/validate.js';
import type { DeleteStatement, Expr, InsertStatement, UpdateClause, UpdateStatement } from './ast.js';
import { checkKeyValue, checkPinnedKey, pinnedKey } from './keys.js';
import type { Pos } from './lexer.js';
import { asKeyFault, PARTIQL_MESSAGES as M } from './messages.js';
import type { DeletePlan, InsertPlan, UpdatePlan } from './plan-types.js';
import { fromSource, insertTarget, resolveTable, updateTarget, type SourceRef, type TableLookup } from './source.js';
import { unprefixed, type Translator } from './translate.js';

const ITEM_TOO_LARGE = 'Item size has exceeded the maximum allowed size';

// ---- INSERT ----

export interface CheckedInsert {
  readonly source: SourceRef;
  readonly item: Item;
}

export function checkInsert(s: InsertStatement, tr: Translator): CheckedInsert {
  const source = insertTarget(s.target);
  if (s.value.k !== 'struct') throw validation(M.insertFormat(s.value.pos));
  return { source, item: tr.converter.item(s.value.fields) };
}

export function planInsert(c: CheckedInsert, lookup: TableLookup): InsertPlan {
  const table = resolveTable(lookup, c.source);
  const { item } = c;
  asKeyFault(table, () => {
    for (const k of table.key.range ? [table.key.hash, table.key.range] : [table.key.hash]) {
      const v = item[k.name];
      if (v === undefined) throw validation(M.keyMissing(k.name));
      checkKeyValue(k.name, k.type, v);
    }
    // Presence and types are settled; this adds the key size limits.
    validateKey(table.key, item, 'item');
    if (itemSize(item) > MAX_ITEM_SIZE) throw validation(ITEM_TOO_LARGE);
    checkIndexKeys(table, item);
  });
  return { kind: 'insert', table, item };
}

// ---- UPDATE ----

export interface CheckedUpdate {
  readonly statement: UpdateStatement;
  readonly source: SourceRef;
  readonly update: E.UpdateExpression;
}

export function checkUpdate(s: UpdateStatement, tr: Translator): CheckedUpdate {
  const source = updateTarget(s.target);
  const sets: E.UpdateAction[] = [];
  const removes: E.UpdateAction[] = [];
  const adds: E.UpdateAction[] = [];
  const deletes: E.UpdateAction[] = [];
  // The expression module checks an update's actions last-written first, as UpdateItem's
  // service does; PartiQL's checks run first-written first (e.g. which of two overlapping paths
  // is "path one"), so the actions are handed over in reverse. Their order changes no result.
  for (const c of [...s.clauses].reverse()) {
    const path = targetPath(c, tr);
    if (c.k === 'remove') {
      removes.push({ kind: 'REMOVE', path });
      continue;
    }
    const v = c.value;
    if (v.k === 'call' && (v.name === 'set_add' || v.name === 'set_delete')) {
      const action = setFunction(v.name, v.args, v.pos, c.target, tr);
      (v.name === 'set_add' ? adds : deletes).push({ kind: v.name === 'set_add' ? 'ADD' : 'DELETE', path, value: action });
      continue;
    }
    sets.push({ kind: 'SET', path, value: tr.setValue(v) });
  }
  // The expression language allows each clause once; PartiQL repeats SET and REMOVE freely.
  const clauses: E.UpdateClause[] = [];
  if (sets.length) clauses.push({ kind: 'SET', actions: sets });
  if (removes.length) clauses.push({ kind: 'REMOVE', actions: removes });
  if (adds.length) clauses.push({ kind: 'ADD', actions: adds });
  if (deletes.length) clauses.push({ kind: 'DELETE', actions: deletes });
  return { statement: s, source, update: { kind: 'update', clauses } };
}

function targetPath(c: UpdateClause, tr: Translator): E.PathNode {
  const p = tr.path(c.target);
  if (!p) throw validation(M.unexpectedPath(c.target.pos));
  return p;
}

/** `SET s = set_add(s, <<…>>)`: ADD to the set being assigned (it must be the first argument). */
function setFunction(name: string, args: readonly Expr[], pos: Pos, target: Expr, tr: Translator): E.ValueNode {
  const upper = name.toUpperCase();
  if (args.length !== 2) throw validation(`${upper} must have exactly two arguments at ${pos.line}:${pos.col}:${pos.len}`);
  const [first, second] = args as [Expr, Expr];
  if (!samePath(first, target)) throw validation(`The first argument to ${upper} must equal the assignment value`);
  const notSet = () =>
    validation(`The second argument to ${upper} must be a value with type SET at ${first.pos.line}:${first.pos.col}:${first.pos.len}`);
  if (second.k !== 'bag' && second.k !== 'param') throw notSet();
  const value = tr.setOperand(second);
  if (!/^[SNB]S$/.test(Object.keys(tr.valueOf(value))[0]!)) throw notSet();
  return value;
}

/** Two path expressions naming the same document path, however they are spelled. */
function samePath(a: Expr, b: Expr): boolean {
  return JSON.stringify(pathKey(a)) === JSON.stringify(pathKey(b));
}

function pathKey(e: Expr): unknown {
  if (e.k === 'id') return [e.name];
  if (e.k !== 'path' || e.root.k !== 'id') return undefined;
  return [
    e.root.name,
    ...e.steps.map((s) => (s.k === 'dot' ? s.name : s.k === 'index' && s.expr.k === 'lit' ? (s.expr.type === 'string' ? s.expr.value : Number(s.expr.value)) : '*')),
  ];
}

export function planUpdate(c: CheckedUpdate, lookup: TableLookup, tr: Translator): UpdatePlan {
  const table = resolveTable(lookup, c.source);
  if (c.source.index !== undefined) throw validation(M.indexNotSupported);
  const { key, condition } = writeKey(c.statement.where, table, tr);
  const update = tr.compileUpdate(c.update);
  const keyNames = [table.key.hash.name, ...(table.key.range ? [table.key.range.name] : [])];
  asKeyFault(table, () => unprefixed(() => checkUpdateKeyAttributes(update, keyNames)));
  return { kind: 'update', table, key, update, condition, returning: c.statement.returning?.mode };
}

/** The key WHERE pins, and the condition its other predicates make. */
function writeKey(where: Expr | undefined, table: TableMeta, tr: Translator): { key: Item; condition?: CCondition } {
  const pinned = pinnedKey(where, table.key, tr.converter, true);
  if (!pinned) throw validation(M.whereKeys);
  checkPinnedKey(table, pinned.key);
  if (pinned.rest.length === 0) return { key: pinned.key };
  const cond = pinned.rest
    .map((e) => tr.condition(e))
    .reduce((l, r) => ({ kind: 'and', left: l, right: r, parens: 0 }) as E.Condition);
  return { key: pinned.key, condition: tr.compileCondition(cond) };
}

// ---- DELETE ----

export interface CheckedDelete {
  readonly statement: DeleteStatement;
  readonly source: SourceRef;
}

export function checkDelete(s: DeleteStatement): CheckedDelete {
  return { statement: s, source: fromSource(s.from) };
}

export function planDelete(c: CheckedDelete, lookup: TableLookup, tr: Translator): DeletePlan {
  const table = resolveTable(lookup, c.source);
  if (c.source.index !== undefined) throw validation(M.indexNotSupported);
  const returning = c.statement.returning?.mode;
  if (returning !== undefined && returning !== 'ALL OLD') throw validation(M.deleteReturning(returning));
  const { key, condition } = writeKey(c.statement.where, table, tr);
  return { kind: 'delete', table, key, condition, returning };
}
