/**
 * Running a SELECT plan through the Query/Scan read engine (src/ops/query): a Query of each
 * partition the WHERE clause names, in order, or a Scan; every item read is tested against the
 * whole WHERE clause. Pages follow Query's rules — `Limit` counts items read, 1 MB of read data
 * ends a page — and a page may run on from one partition into the next.
 */
import { DynamoError, validation } from '../../errors.js';
import { evaluateCondition, getPath } from '../../expr/index.js';
import type { Item } from '../../model/types.js';
import { PARTIQL_MESSAGES } from '../../partiql/messages.js';
import type { SelectPlan } from '../../partiql/plan-types.js';
import { isEmptyRange, type KeyRange } from '../../storage/keys.js';
import { consumedCapacity, noIndexUnits } from '../common/capacity.js';
import { queryRange, readBounds, scanRange, startPosition } from '../query/key-range.js';
import { PAGE_BYTES, pageUnits, readPage } from '../query/page.js';
import { needsFetch, type Select } from '../query/select.js';
import { lastEvaluatedKey, validateStartKey } from '../query/start-key.js';
import { projectedNames, type ReadTarget } from '../query/target.js';
import type { RequestContext } from '../types.js';
import { decodeNextToken, encodeNextToken, type Position } from './next-token.js';

export interface SelectOptions {
  readonly limit?: number;
  readonly nextToken?: unknown;
  readonly consistent: boolean;
  readonly returnConsumedCapacity: unknown;
}

export interface SelectResult {
  /** The returned items, as JSON texts (stored items go out as they were stored). */
  readonly items: string[];
  readonly nextToken?: string;
  readonly consumedCapacity?: Record<string, unknown>;
}

export function readTarget(plan: SelectPlan): ReadTarget {
  const { table, index } = plan;
  // Multi-attribute GSI keys (src/ops/common/multi-key.ts) are served by Query and Scan only.
  if (index?.multiKey) throw validation(`PartiQL reads of an index with a multi-attribute key are not yet supported: ${index.name}`);
  const startKey = [table.key.hash, ...(table.key.range ? [table.key.range] : [])];
  if (index) {
    for (const k of [index.key.hash, ...(index.key.range ? [index.key.range] : [])]) {
      if (!startKey.some((s) => s.name === k.name)) startKey.push(k);
    }
  }
  return { table, index, key: plan.key, startKey };
}

/** A function building the select list's answer from an item: each path under its own name. */
export function selectListProjector(plan: SelectPlan): ((item: Item) => Item) | undefined {
  const projection = plan.projection;
  if (!projection) return undefined;
  return (item) => {
    const out: Item = {};
    for (const p of projection) {
      const v = getPath(item, p.path);
      if (v !== undefined) Object.defineProperty(out, p.name, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
}

/** The storage ranges the plan reads, in order. */
function ranges(plan: SelectPlan, target: ReadTarget): KeyRange[] {
  if (plan.access.kind === 'scan') return [scanRange(target)];
  const { partitions, sort } = plan.access;
  return partitions.map((value) =>
    queryRange(target, {
      partition: { name: plan.key.hash.name, value },
      sort: sort && plan.key.range ? { name: plan.key.range.name, cond: sort } : undefined,
    }),
  );
}

function startOf(token: unknown, reads: number, target: ReadTarget, plan: SelectPlan): Position | undefined {
  if (token === undefined || token === null) return undefined;
  const position = decodeNextToken(token, reads);
  if (position.key) {
    try {
      validateStartKey(position.key, target, plan.access.kind === 'scan' ? 'Scan' : 'Query');
    } catch (e) {
      if (e instanceof DynamoError) throw validation(PARTIQL_MESSAGES.invalidNextToken);
      throw e;
    }
  }
  return position;
}

export async function runSelect(ctx: RequestContext, plan: SelectPlan, opts: SelectOptions): Promise<SelectResult> {
  const target = readTarget(plan);
  const select: Select = plan.projection ? 'SPECIFIC_ATTRIBUTES' : plan.index ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES';
  const fetch = needsFetch(target, select, plan.projection?.map((p) => p.path[0] as string));
  const filter = plan.filter;
  const project = selectListProjector(plan);
  const reads = ranges(plan, target);
  const start = startOf(opts.nextToken, reads.length, target, plan);

  const projected = projectedNames(target);
  // A local index can complete an entry from the table to test attributes it does not hold.
  const filterNeedsFetch = filter !== undefined && target.index?.kind === 'LSI' && projected !== 'ALL';

  return ctx.services.storage.read(async (reader) => {
    const items: string[] = [];
    let remaining = opts.limit;
    let bytes = 0;
    let entries = 0;
    let fetched = 0;
    let nextToken: string | undefined;
    for (let i = start?.read ?? 0; i < reads.length; i++) {
      const range = reads[i]!;
      if (isEmptyRange(range)) continue;
      const from = i === start?.read && start.key ? startPosition(target, start.key) : undefined;
      const page = await readPage(reader, {
        target,
        bounds: readBounds(range, from, plan.descending),
        limit: remaining,
        filter: filter && ((item) => evaluateCondition(filter, item)),
        filterNeedsFetch,
        countOnly: false,
        fetch,
        project,
      });
      for (const text of page.raw ?? page.items.map((item) => JSON.stringify(item))) items.push(text);
      const units = pageUnits(page, opts.consistent);
      entries += units.entries;
      fetched += units.fetched;
      bytes += page.entryBytes;
      if (remaining !== undefined) remaining -= page.scanned;
      if (page.last) {
        nextToken = encodeNextToken({ read: i, key: lastEvaluatedKey(target, page.last) });
        break;
      }
      // The 1 MB budget is shared by the partitions of one page.
      if (bytes >= PAGE_BYTES && i + 1 < reads.length) {
        nextToken = encodeNextToken({ read: i + 1 });
        break;
      }
    }
    return { items, nextToken, consumedCapacity: capacity(plan, opts.returnConsumedCapacity, entries, fetched) };
  });
}

/** Reading an index charges the index; items fetched from the table charge the table. */
function capacity(plan: SelectPlan, mode: unknown, entries: number, fetched: number): Record<string, unknown> | undefined {
  const rcc = mode as 'TOTAL' | 'INDEXES' | 'NONE' | undefined;
  if (!plan.index) return consumedCapacity(rcc, plan.table, entries + fetched);
  const indexUnits = noIndexUnits();
  (plan.index.kind === 'GSI' ? indexUnits.gsi : indexUnits.lsi).set(plan.index.name, entries);
  return consumedCapacity(rcc, plan.table, fetched, indexUnits);
}
