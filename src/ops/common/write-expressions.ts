/**
 * The condition half of every conditional write (PutItem, UpdateItem, DeleteItem; transactions
 * reuse `checkCondition`): compiled once per request, evaluated against the old item inside the
 * storage transaction so the check and the write are one atomic step.
 */
import type { TableMeta } from '../../catalog/types.js';
import { conditionalCheckFailed } from '../../errors.js';
import type { Item } from '../../model/types.js';
import { evaluateCondition, prepareExpressions, type ExpressionOperation, type PreparedExpressions } from '../../expr/index.js';

export function prepareWriteExpressions(
  input: Record<string, any>,
  table: TableMeta,
  operation: ExpressionOperation = 'PutItem',
): PreparedExpressions {
  return prepareExpressions(input, { operation, key: table.key });
}

/**
 * Throws ConditionalCheckFailedException when the request's condition does not hold for
 * `oldItem`; with ReturnValuesOnConditionCheckFailure ALL_OLD the error carries the item.
 */
export function checkCondition(expressions: PreparedExpressions, oldItem: Item | undefined, returnOnFailure: unknown): void {
  if (!expressions.condition || evaluateCondition(expressions.condition, oldItem)) return;
  throw conditionalCheckFailed(returnOnFailure === 'ALL_OLD' ? oldItem : undefined);
}
