/**
 * BatchExecuteStatement: up to 25 statements, all reads or all writes, each answered on its own.
 *
 * Reads must each name one item by its full key (they run as one BatchGetItem-like snapshot
 * read); writes each run as their own single-item write. A statement that cannot be planned or
 * whose write fails gets `{Error: {Code, Message}}` in its place; only mixing reads and writes,
 * exceeding 25 statements, or naming one item twice fails the whole request.
 */
import type { TableMeta } from '../../catalog/types.js';
import { validation } from '../../errors.js';
import { itemSize } from '../../model/size.js';
import type { Item } from '../../model/types.js';
import { KeyFault, PARTIQL_MESSAGES as M } from '../../partiql/messages.js';
import { parse, planParsed, statementKind, validateParameters } from '../../partiql/plan.js';
import type { Plan, SelectPlan, WritePlan } from '../../partiql/plan-types.js';
import type { Parsed } from '../../partiql/parser.js';
import { consumedCapacity, readUnits, type ReturnConsumedCapacity } from '../common/capacity.js';
import { itemStorageKey, readItem } from '../common/item-store.js';
import { UnitsByTable } from '../transact/capacity.js';
import type { OperationHandler } from '../types.js';
import { statementError, type StatementError } from './errors.js';
import { tableLookup } from './lookup.js';
import { selectListProjector } from './select.js';
import { runWrite } from './write.js';

export const MAX_BATCH_STATEMENTS = 25;

type PlannedEntry = { plan: Plan; storageKey?: Buffer };
type Entry = PlannedEntry | { error: StatementError; tableName?: string };

export const batchExecuteStatement: OperationHandler = async (input, ctx) => {
  const requests: Record<string, any>[] = (input.Statements ?? []).map((r: unknown) => (r ?? {}) as Record<string, any>);
  if (requests.length === 0) throw validation(M.batchEmpty);

  const parsed: (Parsed | StatementError)[] = requests.map((r) => attempt(() => parse(String(r.Statement ?? ''))));
  // EXISTS is a write only in a transaction; here it is refused on its own.
  const kinds = parsed.map((p) => ('statement' in p && p.statement.kind !== 'expr' ? statementKind(p.statement) : undefined));
  if (kinds.includes('read') && kinds.includes('write')) throw validation(M.batchMixed);
  const reading = kinds.includes('read');
  if (requests.length > MAX_BATCH_STATEMENTS) throw validation(reading ? M.batchTooManyReads : M.batchTooManyWrites);

  const lookup = tableLookup(ctx);
  const entries: Entry[] = parsed.map((p, i) => {
    if (!('statement' in p)) return { error: p };
    const r = requests[i]!;
    // A statement that is only an expression (`1`, `x.y`) is neither a read nor a write.
    if (p.statement.kind === 'expr' && statementKind(p.statement) === undefined) {
      return { error: { Code: 'ValidationError', Message: M.invalidOperation } };
    }
    let planned: Plan;
    try {
      planned = planParsed(p, validateParameters(r.Parameters), {
        parameters: r.Parameters,
        lookup,
        consistentRead: r.ConsistentRead === true,
        allowExists: false,
      });
    } catch (e) {
      return planningError(e);
    }
    if (planned.kind === 'select') {
      if (planned.index || !planned.single || planned.single.rest) return { error: { Code: 'ValidationError', Message: M.batchSingleItem } };
      return { plan: planned, storageKey: itemStorageKey(planned.table, planned.single.key) };
    }
    if (planned.kind === 'exists') return { error: { Code: 'ValidationError', Message: M.existsOutsideTransaction } };
    return { plan: planned, storageKey: itemStorageKey(planned.table, planned.kind === 'insert' ? planned.item : planned.key) };
  });

  const seen = new Set<string>();
  for (const e of entries) {
    if (!('plan' in e)) continue;
    const id = `${e.plan.table.id}:${e.storageKey!.toString('latin1')}`;
    if (seen.has(id)) throw validation(M.batchDuplicates);
    seen.add(id);
  }

  const mode = input.ReturnConsumedCapacity as ReturnConsumedCapacity;
  const units = new UnitsByTable();
  const tables = new Map<string, TableMeta>();
  const responses = reading
    ? await readAll(ctx, entries, requests, units, tables)
    : await writeAll(ctx, entries, requests, units, tables);
  const out: Record<string, unknown> = { Responses: responses };
  const capacity = units
    .list()
    .map((t) => consumedCapacity(mode, tables.get(t.tableName)!, t.table, t.indexes))
    .filter((c) => c !== undefined);
  if (capacity.length > 0) out.ConsumedCapacity = capacity;
  return out;
};

function attempt<T>(fn: () => T): T | StatementError {
  try {
    return fn();
  } catch (e) {
    return statementError(e);
  }
}

/**
 * A statement that cannot be planned answers its error alone — unless the fault is one the write
 * operation itself finds (an empty key value, a key attribute updated…), which names the table.
 */
function planningError(e: unknown): Entry {
  const error = statementError(e);
  return e instanceof KeyFault && !e.statementLevel ? { error, tableName: e.table.name } : { error };
}

/** The reads, from one snapshot: each item (or nothing) under its table's name. */
async function readAll(
  ctx: Parameters<OperationHandler>[1],
  entries: Entry[],
  requests: Record<string, any>[],
  units: UnitsByTable,
  tables: Map<string, TableMeta>,
): Promise<Record<string, unknown>[]> {
  return ctx.services.storage.read((reader) =>
    answerEach(entries, async (e, i) => {
      const plan = e.plan as SelectPlan;
      const item = await readItem(reader, e.storageKey!);
      units.add(plan.table, readUnits(item ? itemSize(item) : 0, requests[i]!.ConsistentRead === true));
      tables.set(plan.table.name, plan.table);
      const project = selectListProjector(plan);
      const entry: Record<string, unknown> = { TableName: plan.table.name };
      if (item) entry.Item = project ? project(item) : item;
      return entry;
    }),
  );
}

/** The writes, one after the other, each on its own. */
async function writeAll(
  ctx: Parameters<OperationHandler>[1],
  entries: Entry[],
  requests: Record<string, any>[],
  units: UnitsByTable,
  tables: Map<string, TableMeta>,
): Promise<Record<string, unknown>[]> {
  return answerEach(entries, async (e, i) => {
    const plan = e.plan as WritePlan;
    tables.set(plan.table.name, plan.table);
    try {
      const result = await runWrite(ctx, plan, {
        returnOnFailure: requests[i]!.ReturnValuesOnConditionCheckFailure,
        duplicateReturnsItem: false,
      });
      units.add(plan.table, result.units.table, result.units.indexes);
      const entry: Record<string, unknown> = { TableName: plan.table.name };
      const item: Item | undefined = result.items[0];
      if (item) entry.Item = item;
      return entry;
    } catch (err) {
      return { Error: statementError(err), TableName: plan.table.name };
    }
  });
}

/**
 * Each statement's answer, in order and one at a time: a statement that failed planning answers
 * its error; a planned one what `answer` makes of it.
 */
async function answerEach(
  entries: Entry[],
  answer: (e: PlannedEntry, i: number) => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const [i, e] of entries.entries()) out.push('plan' in e ? await answer(e, i) : errorEntry(e));
  return out;
}

function errorEntry(e: { error: StatementError; tableName?: string }): Record<string, unknown> {
  return e.tableName ? { Error: e.error, TableName: e.tableName } : { Error: e.error };
}
