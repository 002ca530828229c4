/**
 * Billing mode against provisioned throughput, for tables and global secondary indexes.
 *
 * Bounds: at least 1 unit each way (the shape validator's PositiveLongObject catches 0 first;
 * these checks are the backstop), at most the per-table quota DescribeLimits reports.
 */
import type { IndexMeta } from '../../catalog/types.js';
import { M } from './messages.js';

export const MAX_UNITS_PER_TABLE = 40_000;
export const MAX_UNITS_PER_ACCOUNT = 80_000;

export type BillingMode = 'PROVISIONED' | 'PAY_PER_REQUEST';

export interface ThroughputInput {
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

const tooLow = (pt: ThroughputInput): boolean =>
  !(typeof pt.ReadCapacityUnits === 'number' && pt.ReadCapacityUnits >= 1) ||
  !(typeof pt.WriteCapacityUnits === 'number' && pt.WriteCapacityUnits >= 1);

const tooHigh = (pt: ThroughputInput): boolean =>
  (pt.ReadCapacityUnits ?? 0) > MAX_UNITS_PER_TABLE || (pt.WriteCapacityUnits ?? 0) > MAX_UNITS_PER_TABLE;

/** The table's own ProvisionedThroughput under `mode`. */
export function checkTableThroughput(mode: BillingMode, pt: ThroughputInput | undefined): void {
  if (mode === 'PAY_PER_REQUEST') {
    // DynamoDB Local accepts and ignores this; the service rejects it (see messages.ts).
    if (pt) throw M.throughputWithPayPerRequest();
    return;
  }
  if (!pt) throw M.noTableThroughput();
  checkTableUnits(pt);
}

/** Bounds of a table's requested units. */
export function checkTableUnits(pt: ThroughputInput): void {
  if (tooLow(pt)) throw M.tableThroughputTooLow();
  if (tooHigh(pt)) throw M.tableThroughputTooHigh();
}

/** A GSI's ProvisionedThroughput in a table billed by `mode`. */
export function checkGsiThroughput(mode: BillingMode, indexName: string, pt: ThroughputInput | undefined): void {
  if (mode === 'PAY_PER_REQUEST') {
    if (pt) throw M.gsiThroughputWithPayPerRequest(indexName);
    return;
  }
  if (!pt) throw M.noGsiThroughput();
  checkGsiUnits(pt);
}

export function checkGsiUnits(pt: ThroughputInput): void {
  if (tooLow(pt)) throw M.gsiThroughputTooLow();
  if (tooHigh(pt)) throw M.gsiThroughputTooHigh();
}

/** A fresh throughput record for metadata: never changed, so no dates yet. */
export function newThroughput(pt: ThroughputInput | undefined): IndexMeta['throughput'] & object {
  return {
    ReadCapacityUnits: pt?.ReadCapacityUnits ?? 0,
    WriteCapacityUnits: pt?.WriteCapacityUnits ?? 0,
    NumberOfDecreasesToday: 0,
  };
}
