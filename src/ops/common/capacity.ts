/**
 * DynamoDB's capacity-unit arithmetic and the ConsumedCapacity shape, in one place so every
 * operation rounds the same way (see the developer guide's "Item sizes and capacity unit
 * consumption"): reads in 4 KB units (eventually consistent = half, transactional = double),
 * writes in 1 KB units (transactional = double); a read or write of nothing still costs one unit.
 */
import type { TableMeta } from '../../catalog/types.js';

const KB = 1024;

export type ReturnConsumedCapacity = 'INDEXES' | 'TOTAL' | 'NONE' | undefined;

export function readUnits(sizeBytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(sizeBytes / (4 * KB)));
  return consistent ? units : units / 2;
}

export function writeUnits(sizeBytes: number): number {
  return Math.max(1, Math.ceil(sizeBytes / KB));
}

/** Units spent per index, by kind; only indexes that were touched appear. */
export interface IndexUnits {
  gsi: Map<string, number>;
  lsi: Map<string, number>;
}

export const noIndexUnits = (): IndexUnits => ({ gsi: new Map(), lsi: new Map() });

export function addIndexUnits(into: IndexUnits, from: IndexUnits): void {
  for (const [k, v] of from.gsi) into.gsi.set(k, (into.gsi.get(k) ?? 0) + v);
  for (const [k, v] of from.lsi) into.lsi.set(k, (into.lsi.get(k) ?? 0) + v);
}

/** Builds the ConsumedCapacity member, or undefined when the caller did not ask for it. */
export function consumedCapacity(
  mode: ReturnConsumedCapacity,
  table: TableMeta,
  tableUnits: number,
  indexUnits?: IndexUnits,
): Record<string, unknown> | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  let total = tableUnits;
  if (indexUnits) {
    for (const v of indexUnits.gsi.values()) total += v;
    for (const v of indexUnits.lsi.values()) total += v;
  }
  const out: Record<string, unknown> = { TableName: table.name, CapacityUnits: total };
  if (mode === 'INDEXES') {
    out.Table = { CapacityUnits: tableUnits };
    if (indexUnits && indexUnits.lsi.size > 0) out.LocalSecondaryIndexes = unitsObject(indexUnits.lsi);
    if (indexUnits && indexUnits.gsi.size > 0) out.GlobalSecondaryIndexes = unitsObject(indexUnits.gsi);
  }
  return out;
}

function unitsObject(m: Map<string, number>): Record<string, { CapacityUnits: number }> {
  const o: Record<string, { CapacityUnits: number }> = {};
  for (const [k, v] of m) o[k] = { CapacityUnits: v };
  return o;
}
