/**
 * Changing provisioned capacity: the dates and the daily decrease count DynamoDB keeps, and the
 * documented decrease quota ("4 decreases in the first hour of a UTC day, then 1 per hour", up to
 * 27 a day; ServiceQuotas), which DynamoDB Local does not enforce.
 */
import type { Throughput } from '../../catalog/types.js';
import { M } from './messages.js';

const FREE_DECREASES = 4;
const HOUR_MS = 3_600_000;

export interface Units {
  ReadCapacityUnits: number;
  WriteCapacityUnits: number;
}

export const sameUnits = (t: Units, u: Units): boolean =>
  t.ReadCapacityUnits === u.ReadCapacityUnits && t.WriteCapacityUnits === u.WriteCapacityUnits;

const isDecrease = (t: Units, u: Units): boolean =>
  u.ReadCapacityUnits < t.ReadCapacityUnits || u.WriteCapacityUnits < t.WriteCapacityUnits;

const isIncrease = (t: Units, u: Units): boolean =>
  u.ReadCapacityUnits > t.ReadCapacityUnits || u.WriteCapacityUnits > t.WriteCapacityUnits;

/** DynamoDB counts decreases per UTC day: yesterday's count reads as 0 today. */
export function decreasesToday(t: Throughput, nowMs = Date.now()): number {
  if (t.LastDecreaseDateTime === undefined) return t.NumberOfDecreasesToday;
  return utcDay(t.LastDecreaseDateTime * 1000) === utcDay(nowMs) ? t.NumberOfDecreasesToday : 0;
}

const utcDay = (ms: number): number => Math.floor(ms / 86_400_000);

/** Throws when `to` lowers capacity and today's decreases are used up. */
export function checkDecreaseAllowed(from: Throughput, to: Units, nowMs: number): void {
  if (!isDecrease(from, to)) return;
  const count = decreasesToday(from, nowMs);
  if (count < FREE_DECREASES || from.LastDecreaseDateTime === undefined) return;
  const last = from.LastDecreaseDateTime * 1000;
  if (nowMs - last >= HOUR_MS) return;
  throw M.tooManyDecreases(count, new Date(last), new Date(last + HOUR_MS));
}

/** `from` moved to `to` at `nowMs`, with the increase/decrease bookkeeping. */
export function changeThroughput(from: Throughput, to: Units, nowMs: number): Throughput {
  const next: Throughput = { ...from, ReadCapacityUnits: to.ReadCapacityUnits, WriteCapacityUnits: to.WriteCapacityUnits };
  const now = nowMs / 1000;
  if (isIncrease(from, to)) next.LastIncreaseDateTime = now;
  if (isDecrease(from, to)) {
    next.NumberOfDecreasesToday = decreasesToday(from, nowMs) + 1;
    next.LastDecreaseDateTime = now;
  }
  return next;
}
