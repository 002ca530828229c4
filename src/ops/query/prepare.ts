/**
 * Builds the read engine's expressions from a Query or Scan request (see expressions.ts).
 *
 * Interim: src/expr does not yet expose KeyConditionExpression, FilterExpression, the legacy
 * KeyConditions/QueryFilter/ScanFilter/AttributesToGet or the request-level placeholder checks,
 * so only requests without expressions are served; the rest are refused rather than answered
 * wrongly. This module is where those arrive.
 */
import { internalError, validation } from '../../errors.js';
import type { QueryExpressions, ReadExpressions } from './expressions.js';
import type { ReadTarget } from './target.js';

const EXPRESSION_MEMBERS = [
  'KeyConditionExpression',
  'KeyConditions',
  'FilterExpression',
  'QueryFilter',
  'ScanFilter',
  'ProjectionExpression',
  'AttributesToGet',
  'ConditionalOperator',
  'ExpressionAttributeNames',
  'ExpressionAttributeValues',
] as const;

export const QUERY_NEEDS_KEY_CONDITION = 'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.';

function refuseExpressions(input: Record<string, any>): void {
  const present = EXPRESSION_MEMBERS.filter((m) => input[m] !== undefined && input[m] !== null);
  if (present.length > 0) throw internalError(`Tessera cannot evaluate ${present.join(', ')} in Query/Scan yet`);
}

export function prepareQuery(input: Record<string, any>, _target: ReadTarget): QueryExpressions {
  if (input.KeyConditionExpression == null && input.KeyConditions == null) throw validation(QUERY_NEEDS_KEY_CONDITION);
  refuseExpressions(input);
  throw internalError('unreachable');
}

export function prepareScan(input: Record<string, any>, _target: ReadTarget): ReadExpressions {
  refuseExpressions(input);
  return {};
}
