/**
 * Query: the items of one partition (of the table or of an index), in sort-key order, a page at a
 * time. Checks run in DynamoDB's order: the target (table, index, consistency), the expressions,
 * the start key, the filter against the key schema and the projection, Select.
 */
import { isEmptyRange } from '../../storage/keys.js';
import type { OperationHandler, RequestContext } from '../types.js';
import type { QueryExpressions, QueryExpressionsFn } from './expressions.js';
import { checkStartKeyInQuery, queryRange, readBounds, startPosition } from './key-range.js';
import { pageLimit, readPage, type Page } from './page.js';
import { answer, wantsCapacity } from './respond.js';
import { checkQueryFilterKeys, checkQueryFilterProjected, needsFetch, resolveSelect } from './select.js';
import { validateStartKey } from './start-key.js';
import { resolveTarget, type ReadTarget } from './target.js';

export function queryHandler(prepare: QueryExpressionsFn): OperationHandler {
  return async (input, ctx) => {
    const target = resolveTarget(ctx, input, 'Query');
    return executeQuery(ctx, input, target, prepare(input, target));
  };
}

/** The Query once its expressions are known (exported for tests of the engine alone). */
export async function executeQuery(
  ctx: RequestContext,
  input: Record<string, any>,
  target: ReadTarget,
  exprs: QueryExpressions,
) {
  const kc = exprs.keyCondition;
  const start = validateStartKey(input.ExclusiveStartKey, target, 'Query');
  if (start) checkStartKeyInQuery(kc, start, target);
  checkQueryFilterKeys(target, exprs.filter);
  checkQueryFilterProjected(target, exprs.filter);
  const select = resolveSelect(input.Select, target, exprs.projection?.source);
  const fetch = needsFetch(target, select, exprs.projection?.names);
  const countOnly = select === 'COUNT';
  const consistent = input.ConsistentRead === true;

  const range = queryRange(target, kc);
  const reverse = input.ScanIndexForward === false;
  const page: Page = isEmptyRange(range)
    ? { items: [], count: 0, scanned: 0, entryBytes: 0, fetchedUnits: 0 }
    : await ctx.services.storage.read((reader) =>
        readPage(reader, {
          target,
          bounds: readBounds(range, start && startPosition(target, start), reverse),
          limit: pageLimit(input.Limit),
          filter: exprs.filter && ((item) => exprs.filter!.test(item)),
          countOnly,
          fetch,
          project: exprs.projection && ((item) => exprs.projection!.apply(item)),
          measure: wantsCapacity(input),
        }),
      );
  return answer(target, page, { countOnly, consistent, returnConsumedCapacity: input.ReturnConsumedCapacity });
}
