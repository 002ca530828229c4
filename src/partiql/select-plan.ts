/**
 * Planning a SELECT. The checks that need no table run first (DynamoDB refuses `COUNT(*)` on a
 * table that does not exist with the COUNT message), then the table and index are looked up and
 * the WHERE clause is split into how to seek (keys.ts) and what to test (the whole clause).
 */
import type { TableMeta } from '../catalog/types.js';
import { validation } from '../errors.js';
import type * as E from '../expr/ast.js';
import type { CCondition } from '../expr/compiled.js';
import type { Expr, PathStep, SelectStatement } from './ast.js';
import { checkPinnedKey, checkScanKeyTypes, keyAccess, pinnedKey } from './keys.js';
import { PARTIQL_MESSAGES as M } from './messages.js';
import type { ProjectedPath, SelectPlan } from './plan-types.js';
import { fromSource, resolveIndex, resolveTable, type SourceRef, type TableLookup } from './source.js';
import type { Translator } from './translate.js';

/** A SELECT after the checks that need no table. */
export interface CheckedSelect {
  readonly statement: SelectStatement;
  readonly source: SourceRef;
  /** undefined for `*`. */
  readonly items?: readonly { readonly node: E.PathNode; readonly name: string }[];
  readonly where?: E.Condition;
}

export function checkSelect(s: SelectStatement, tr: Translator): CheckedSelect {
  if (s.projection.k === 'value') throw validation(M.selectValue);
  if (s.distinct) throw validation(M.distinct);
  const source = fromSource(s.from);
  let items: { node: E.PathNode; name: string }[] | undefined;
  if (s.projection.k === 'items') {
    items = [];
    const names = new Set<string>();
    for (const item of s.projection.items) {
      if (item.alias !== undefined) throw validation(M.aliasing);
      const node = tr.path(item.expr);
      if (!node) throw validation(M.unexpectedPath(pathError(item.expr).pos));
      const name = outputName(item.expr);
      if (names.has(name)) throw validation(M.duplicateSelectName(name));
      names.add(name);
      items.push({ node, name });
    }
  }
  if (s.groupBy) throw validation(M.unsupportedClause('GROUP BY'));
  if (s.having) throw validation(M.unsupportedClause('HAVING', s.having.pos));
  if (s.limit) throw validation(M.unsupportedClause('LIMIT', s.limit.pos));
  const where = s.where ? tr.condition(s.where) : undefined;
  return { statement: s, source, items, where };
}

/** The node an invalid select-list entry is reported at: itself, or a path's non-name root. */
function pathError(e: Expr): Expr {
  return e.k === 'path' ? e.root : e;
}

/**
 * The name a projected path is returned under: its last attribute name, with the list indexes
 * that follow it (`m.x.y` → `y`, `l[1]` → `l[1]`, `m['k']` → `k`).
 */
function outputName(e: Expr): string {
  if (e.k === 'id') return e.name;
  if (e.k !== 'path' || e.root.k !== 'id') return '';
  let name = e.root.name;
  for (const s of e.steps) name = stepName(s, name);
  return name;
}

function stepName(s: PathStep, current: string): string {
  if (s.k === 'dot') return s.name;
  if (s.k === 'index' && s.expr.k === 'lit' && s.expr.type === 'string') return s.expr.value;
  if (s.k === 'index' && s.expr.k === 'lit') return `${current}[${s.expr.value}]`;
  return current;
}

export interface SelectOptions {
  readonly consistentRead: boolean;
}

export function planSelect(c: CheckedSelect, lookup: TableLookup, tr: Translator, opts: SelectOptions): SelectPlan {
  const table = resolveTable(lookup, c.source);
  const index = c.source.index !== undefined ? resolveIndex(table, c.source.index) : undefined;
  if (index?.kind === 'GSI' && opts.consistentRead) throw validation(M.consistentGsi);
  const key = index ? index.key : table.key;
  const s = c.statement;

  const keyNames = [key.hash.name, ...(key.range ? [key.range.name] : [])];
  let descending = false;
  if (s.orderBy) {
    if (!s.where) throw validation(M.orderByNeedsWhere);
    for (const o of s.orderBy) {
      const e = o.expr;
      if (e.k !== 'id') throw validation(M.orderByType(e.k === 'path' ? 'PATH' : e.k === 'lit' ? e.value : e.k.toUpperCase()));
      if (!keyNames.includes(e.name)) throw validation(M.orderByKey(e.name));
      if (e.name === key.range?.name) descending = o.desc;
    }
  }

  const access = keyAccess(s.where, key, tr.converter);
  if (!access) checkScanKeyTypes(s.where, key, tr.converter);
  if (s.orderBy && !access) {
    throw validation('Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.');
  }
  const filter = c.where ? tr.compileCondition(c.where) : undefined;
  let projection: ProjectedPath[] | undefined;
  if (c.items) {
    const paths = tr.projectionPaths(c.items.map((i) => i.node));
    projection = c.items.map((i, n) => ({ path: paths[n]!, name: i.name }));
  }
  return {
    kind: 'select',
    table,
    index,
    key,
    projection,
    filter,
    access: access ? { kind: 'query', partitions: access.partitions, sort: access.sort } : { kind: 'scan' },
    descending,
    single: index ? undefined : single(table, s, tr),
  };
}

/** The item a SELECT on a table pins with key equalities, and the rest of its WHERE. */
function single(table: TableMeta, s: SelectStatement, tr: Translator): SelectPlan['single'] {
  const pinned = pinnedKey(s.where, table.key, tr.converter, false);
  if (!pinned) return undefined;
  checkPinnedKey(table, pinned.key);
  let rest: CCondition | undefined;
  if (pinned.rest.length > 0) {
    const cond = pinned.rest.map((e) => tr.condition(e)).reduce((l, r) => ({ kind: 'and', left: l, right: r, parens: 0 }) as E.Condition);
    rest = tr.compileCondition(cond);
  }
  return { key: pinned.key, rest };
}

