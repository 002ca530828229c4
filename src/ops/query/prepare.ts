/**
 * Builds the read engine's expressions (expressions.ts) from a Query or Scan request with the
 * expression layer (src/expr): KeyConditionExpression or KeyConditions, FilterExpression or
 * QueryFilter/ScanFilter, ProjectionExpression or AttributesToGet, and the placeholder maps — all
 * parsed, validated and compiled there, with DynamoDB's messages and in its order.
 *
 * What is Query's own: the missing key condition (after the mixing check, as DynamoDB Local
 * orders them) and the translation of the structured key condition into the storage layer's
 * sort-key condition.
 */
import { validation } from '../../errors.js';
import { conditionPaths, evaluateCondition, prepareExpressions, projectWith, buildSelection } from '../../expr/index.js';
import type { CCondition, CProjection, KeyCondition as ExprKeyCondition } from '../../expr/index.js';
import { checkMixing } from '../../expr/legacy.js';
import { isMultiKeyCondition } from '../../expr/multi-key-condition.js';
import type { SortKeyCondition } from '../../storage/keys.js';
import type { QueryExpressions, ReadExpressions, ReadFilter, ReadProjection } from './expressions.js';
import type { KeyCondition } from './key-range.js';
import type { FilterSource, ProjectionSource } from './select.js';
import type { ReadTarget } from './target.js';

export const QUERY_NEEDS_KEY_CONDITION = 'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.';

const present = (v: unknown): boolean => v !== undefined && v !== null;

export function prepareQuery(input: Record<string, any>, target: ReadTarget): QueryExpressions {
  if (!present(input.KeyConditionExpression) && !present(input.KeyConditions)) {
    checkMixing(input, 'Query', ['KeyConditionExpression', 'FilterExpression', 'ProjectionExpression']);
    throw validation(QUERY_NEEDS_KEY_CONDITION);
  }
  const multiKey = target.index?.multiKey;
  const x = prepareExpressions(input, multiKey ? { operation: 'Query', key: target.key, multiKey } : { operation: 'Query', key: target.key });
  return {
    keyCondition: storageKeyCondition(x.keyCondition!),
    ...readParts(input, x.filter, present(input.QueryFilter) ? 'QueryFilter' : 'FilterExpression', x.projection),
  };
}

export function prepareScan(input: Record<string, any>, target: ReadTarget): ReadExpressions {
  const x = prepareExpressions(input, { operation: 'Scan', key: target.key });
  return readParts(input, x.filter, present(input.ScanFilter) ? 'ScanFilter' : 'FilterExpression', x.projection);
}

function readParts(
  input: Record<string, any>,
  filter: CCondition | undefined,
  filterSource: FilterSource,
  projection: CProjection | undefined,
): ReadExpressions {
  const out: ReadExpressions = {};
  if (filter && filter.kind !== 'true') out.filter = readFilter(filter, filterSource);
  if (projection) {
    out.projection = readProjection(projection, present(input.AttributesToGet) ? 'AttributesToGet' : 'ProjectionExpression');
  }
  return out;
}

function readFilter(filter: CCondition, source: FilterSource): ReadFilter {
  const names: string[] = [];
  const nestedNames: string[] = [];
  for (const p of conditionPaths(filter)) {
    const top = p[0] as string;
    if (p.length > 1) {
      if (!nestedNames.includes(top)) nestedNames.push(top);
    } else if (!names.includes(top)) names.push(top);
  }
  return { source, names, nestedNames, test: (item) => evaluateCondition(filter, item) };
}

function readProjection(projection: CProjection, source: ProjectionSource): ReadProjection {
  const selection = buildSelection(projection.paths);
  const names: string[] = [];
  for (const p of projection.paths) if (!names.includes(p[0] as string)) names.push(p[0] as string);
  return { source, names, apply: (item) => projectWith(selection, item) };
}

const SORT_OPS = { '=': 'EQ', '<': 'LT', '<=': 'LE', '>': 'GT', '>=': 'GE' } as const;

/** The expression layer's key condition as the storage layer's sort-key condition. */
export function storageKeyCondition(kc: ExprKeyCondition): KeyCondition {
  const out: KeyCondition = withMulti(kc, { partition: { name: kc.partition.name, value: kc.partition.value } });
  const sort = kc.sort;
  if (!sort) return out;
  let cond: SortKeyCondition;
  if (sort.op === 'BETWEEN') cond = { op: 'BETWEEN', low: sort.values[0]!, high: sort.values[1]! };
  else if (sort.op === 'BEGINS_WITH') cond = { op: 'BEGINS_WITH', value: sort.values[0]! };
  else cond = { op: SORT_OPS[sort.op], value: sort.values[0]! };
  out.sort = { name: sort.name, cond };
  return out;
}

/** With a multi-attribute key, the other equalities too (key-range.ts, multi-key-range.ts). */
function withMulti(kc: ExprKeyCondition, out: KeyCondition): KeyCondition {
  if (!isMultiKeyCondition(kc)) return out;
  out.multi = { partition: kc.multi.partition.map((p) => p.value), sortEq: kc.multi.sortEq.map((p) => p.value) };
  return out;
}
