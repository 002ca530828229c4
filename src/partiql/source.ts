/**
 * What a statement reads or writes: `FROM "table"`, `FROM "table"."index"`, `INSERT INTO
 * "table"`, `UPDATE "table"`. Names are case-sensitive whether quoted or not.
 */
import type { IndexMeta, TableMeta } from '../catalog/types.js';
import { validation } from '../errors.js';
import type { Expr, FromClause } from './ast.js';
import { noSuchTable, PARTIQL_MESSAGES as M } from './messages.js';

export interface SourceRef {
  readonly table: string;
  readonly index?: string;
}

const NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

function checkName(name: string): void {
  if (!NAME.test(name)) throw validation(M.tableName);
}

/** A table or `table.index` path. */
function sourceRef(e: Expr): SourceRef {
  if (e.k === 'id') {
    checkName(e.name);
    return { table: e.name };
  }
  if (e.k === 'path' && e.root.k === 'id') {
    if (e.steps.length > 1) throw validation(M.fromComponents);
    const step = e.steps[0]!;
    if (step.k === 'dot') {
      checkName(e.root.name);
      checkName(step.name);
      return { table: e.root.name, index: step.name };
    }
  }
  throw validation(M.unexpectedFrom);
}

/** FROM of a SELECT or DELETE: one table or index, no alias. */
export function fromSource(from: FromClause): SourceRef {
  if (from.multiple) throw validation(M.singleSource);
  if (from.aliased) throw validation(M.aliasing);
  return sourceRef(from.source);
}

/** Whether a FROM names an index (`"table"."index"`), before anything is checked. */
export function readsIndex(from: FromClause): boolean {
  const e = from.source;
  return e.k === 'path' && e.root.k === 'id' && e.steps.length === 1 && e.steps[0]!.k === 'dot';
}

/** UPDATE's target: a table (an index is refused once the table is known). */
export function updateTarget(e: Expr): SourceRef {
  return sourceRef(e);
}

/** INSERT INTO's target: a table name and nothing else. */
export function insertTarget(e: Expr): SourceRef {
  if (e.k !== 'id') throw validation(M.dmlSingleTable);
  checkName(e.name);
  return { table: e.name };
}

export type TableLookup = (name: string) => TableMeta | undefined;

export function resolveTable(lookup: TableLookup, ref: SourceRef): TableMeta {
  const table = lookup(ref.table);
  if (!table) throw noSuchTable();
  return table;
}

/** An index being deleted is already gone for reads. */
export function resolveIndex(table: TableMeta, name: string): IndexMeta {
  const found = table.lsis.find((i) => i.name === name) ?? table.gsis.find((i) => i.name === name);
  if (!found || found.status === 'DELETING') throw validation(M.noIndex(name));
  return found;
}
