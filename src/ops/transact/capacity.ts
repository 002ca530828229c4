/**
 * ConsumedCapacity of the transaction operations: one entry per table, in the order the tables
 * first appear. Transactional reads and writes cost twice the plain ones, every item counted on
 * its own, a missing one included (developer guide, "Capacity management for transactions":
 * DynamoDB "performs two underlying reads or writes of every item in the transaction: one to
 * prepare the transaction and one to commit the transaction" — a ConditionCheck's item included).
 * Unlike the single-item operations, the entries say which kind of unit they count:
 * ReadCapacityUnits or WriteCapacityUnits, at the top and in the INDEXES breakdown — except the
 * Table breakdown of TransactGetItems, which has CapacityUnits only (all as DynamoDB Local
 * answers, a replayed TransactWriteItems' read units included; no public source shows the
 * service's breakdown).
 *
 * DynamoDB Local reports 4 write units for any small transaction of one to about five items; we
 * follow the documented rule instead (2 per 1 KB per item).
 */
import type { TableMeta } from '../../catalog/types.js';
import { noIndexUnits, type IndexUnits } from '../common/capacity.js';

/** The units one transaction spent on one table (already doubled). */
export interface TableUnits {
  tableName: string;
  table: number;
  indexes: IndexUnits;
}

type UnitKind = 'ReadCapacityUnits' | 'WriteCapacityUnits';

/** Accumulates units per table in first-seen order. */
export class UnitsByTable {
  private readonly tables = new Map<string, TableUnits>();

  add(table: TableMeta, units: number, indexes?: IndexUnits): void {
    let t = this.tables.get(table.name);
    if (!t) this.tables.set(table.name, (t = { tableName: table.name, table: 0, indexes: noIndexUnits() }));
    t.table += units;
    if (!indexes) return;
    for (const [name, u] of indexes.gsi) t.indexes.gsi.set(name, (t.indexes.gsi.get(name) ?? 0) + u);
    for (const [name, u] of indexes.lsi) t.indexes.lsi.set(name, (t.indexes.lsi.get(name) ?? 0) + u);
  }

  list(): TableUnits[] {
    return [...this.tables.values()];
  }
}

/**
 * The ConsumedCapacity member, or undefined when the request did not ask for it. `tableKind`:
 * whether the Table breakdown names the kind of unit too (not for TransactGetItems).
 */
export function transactionCapacity(
  mode: unknown,
  tables: readonly TableUnits[],
  kind: UnitKind,
  tableKind = true,
): Record<string, unknown>[] | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  return tables.map((t) => {
    let total = t.table;
    for (const u of t.indexes.gsi.values()) total += u;
    for (const u of t.indexes.lsi.values()) total += u;
    const out: Record<string, unknown> = { TableName: t.tableName, CapacityUnits: total, [kind]: total };
    if (mode === 'INDEXES') {
      out.Table = tableKind ? { [kind]: t.table, CapacityUnits: t.table } : { CapacityUnits: t.table };
      if (t.indexes.lsi.size > 0) out.LocalSecondaryIndexes = unitsObject(t.indexes.lsi, kind);
      if (t.indexes.gsi.size > 0) out.GlobalSecondaryIndexes = unitsObject(t.indexes.gsi, kind);
    }
    return out;
  });
}

function unitsObject(units: Map<string, number>, kind: UnitKind): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [name, u] of units) out[name] = { [kind]: u, CapacityUnits: u };
  return out;
}

/** Index units doubled: an index entry written by a transaction is a transactional write too. */
export function doubled(units: IndexUnits): IndexUnits {
  const out = noIndexUnits();
  for (const [name, u] of units.gsi) out.gsi.set(name, 2 * u);
  for (const [name, u] of units.lsi) out.lsi.set(name, 2 * u);
  return out;
}
