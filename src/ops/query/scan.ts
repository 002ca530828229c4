/**
 * Scan: every item of a table or index, in the order of its partition keys' hashes (the storage
 * layout's order, as DynamoDB's), a page at a time; with Segment/TotalSegments, one contiguous
 * share of that hash space. Segment/TotalSegments pairing is checked with the request's shape
 * (src/validate); what needs the table is checked here.
 */
import type { OperationHandler, RequestContext } from '../types.js';
import type { ReadExpressions, ScanExpressionsFn } from './expressions.js';
import { checkStartKeyInSegment, readBounds, scanRange, startPosition } from './key-range.js';
import { pageLimit, readPage } from './page.js';
import { answer, wantsCapacity } from './respond.js';
import { needsFetch, resolveSelect } from './select.js';
import { validateStartKey } from './start-key.js';
import { projectedNames, resolveTarget, type ReadTarget } from './target.js';

export function scanHandler(prepare: ScanExpressionsFn): OperationHandler {
  return async (input, ctx) => {
    const target = resolveTarget(ctx, input, 'Scan');
    return executeScan(ctx, input, target, prepare(input, target));
  };
}

export async function executeScan(ctx: RequestContext, input: Record<string, any>, target: ReadTarget, exprs: ReadExpressions) {
  const segment =
    input.TotalSegments !== undefined && input.TotalSegments !== null
      ? { segment: Math.trunc(input.Segment), total: Math.trunc(input.TotalSegments) }
      : undefined;
  const range = scanRange(target, segment);
  const start = validateStartKey(input.ExclusiveStartKey, target, 'Scan');
  const position = start && startPosition(target, start);
  if (position && segment) checkStartKeyInSegment(range, position, segment.segment, segment.total);
  const select = resolveSelect(input.Select, target, exprs.projection?.source);
  const fetch = needsFetch(target, select, exprs.projection?.names);
  const countOnly = select === 'COUNT';
  const consistent = input.ConsistentRead === true;

  const page = await ctx.services.storage.read((reader) =>
    readPage(reader, {
      target,
      bounds: readBounds(range, position, false),
      limit: pageLimit(input.Limit),
      filter: exprs.filter && ((item) => exprs.filter!.test(item)),
      filterNeedsFetch: filterNeedsFetch(target, exprs),
      countOnly,
      fetch,
      project: exprs.projection && ((item) => exprs.projection!.apply(item)),
      measure: wantsCapacity(input),
    }),
  );
  return answer(target, page, { countOnly, consistent, returnConsumedCapacity: input.ReturnConsumedCapacity });
}

/**
 * A Scan (unlike a Query) may filter an index on attributes it does not project. A local
 * secondary index can read them from the table; a GSI filters what it holds.
 */
function filterNeedsFetch(target: ReadTarget, exprs: ReadExpressions): boolean {
  if (!exprs.filter || target.index?.kind !== 'LSI') return false;
  const projected = projectedNames(target);
  if (projected === 'ALL') return false;
  return [...exprs.filter.names, ...exprs.filter.nestedNames].some((n) => !projected.has(n));
}
