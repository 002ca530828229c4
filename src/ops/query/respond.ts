/**
 * The answer to a Query or Scan: Items (unless COUNT), Count, ScannedCount, LastEvaluatedKey and
 * ConsumedCapacity, in the service's member order. Items that were not reshaped go out as the
 * JSON text they were stored as.
 */
import { consumedCapacity, noIndexUnits, type ReturnConsumedCapacity } from '../common/capacity.js';
import { RawJson, type OperationResult } from '../types.js';
import { pageUnits, type Page } from './page.js';
import { lastEvaluatedKey } from './start-key.js';
import type { ReadTarget } from './target.js';

export interface AnswerOptions {
  countOnly: boolean;
  consistent: boolean;
  returnConsumedCapacity: ReturnConsumedCapacity;
}

export function answer(target: ReadTarget, page: Page, opts: AnswerOptions): OperationResult {
  const parts: string[] = [];
  if (!opts.countOnly) {
    const items = page.raw ?? page.items.map((i) => JSON.stringify(i));
    parts.push(`"Items":[${items.join(',')}]`);
  }
  parts.push(`"Count":${page.count}`, `"ScannedCount":${page.scanned}`);
  if (page.last) parts.push(`"LastEvaluatedKey":${JSON.stringify(lastEvaluatedKey(target, page.last))}`);
  const cc = capacity(target, page, opts);
  if (cc) parts.push(`"ConsumedCapacity":${JSON.stringify(cc)}`);
  return new RawJson(`{${parts.join(',')}}`);
}

export const wantsCapacity = (input: Record<string, any>): boolean =>
  input.ReturnConsumedCapacity === 'TOTAL' || input.ReturnConsumedCapacity === 'INDEXES';

/** The ConsumedCapacity member: reading an index charges the index; fetching from the table, the table. */
function capacity(target: ReadTarget, page: Page, opts: AnswerOptions): Record<string, unknown> | undefined {
  const units = pageUnits(page, opts.consistent);
  const { index } = target;
  if (!index) return consumedCapacity(opts.returnConsumedCapacity, target.table, units.entries + units.fetched);
  const indexUnits = noIndexUnits();
  (index.kind === 'GSI' ? indexUnits.gsi : indexUnits.lsi).set(index.name, units.entries);
  return consumedCapacity(opts.returnConsumedCapacity, target.table, units.fetched, indexUnits);
}
