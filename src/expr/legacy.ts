/**
 * The legacy (pre-expression) parameters: Expected + ConditionalOperator, AttributeUpdates,
 * AttributesToGet, KeyConditions, QueryFilter, ScanFilter. They are translated onto the same
 * compiled forms the expressions produce, so evaluation has a single implementation.
 */
import { validation } from '../errors.js';
import type { ExpressionOperation, PrepareContext, PreparedExpressions } from './index.js';
import { prepareLegacyParameters } from './legacy-translate.js';

export const LEGACY_PARAMETERS: Readonly<Record<ExpressionOperation, readonly string[]>> = {
  PutItem: ['Expected', 'ConditionalOperator'],
  DeleteItem: ['Expected', 'ConditionalOperator'],
  ConditionCheck: [],
  UpdateItem: ['AttributeUpdates', 'Expected', 'ConditionalOperator'],
  GetItem: ['AttributesToGet'],
  BatchGetItem: ['AttributesToGet'],
  TransactGetItems: [],
  Query: ['KeyConditions', 'QueryFilter', 'AttributesToGet', 'ConditionalOperator'],
  Scan: ['ScanFilter', 'AttributesToGet', 'ConditionalOperator'],
};

/** Legacy/expression pairs the service accepts together in one request. */
const COMPATIBLE: ReadonlySet<string> = new Set(['KeyConditions|FilterExpression', 'KeyConditions|ProjectionExpression']);

const present = (v: unknown): boolean => v !== undefined && v !== null;

/** "Can not use both expression and non-expression parameters in the same request: …" */
export function checkMixing(input: Record<string, any>, operation: ExpressionOperation, expressionKinds: readonly string[]): void {
  const legacy = LEGACY_PARAMETERS[operation].filter((k) => present(input[k]));
  const expressions = expressionKinds.filter((k) => present(input[k]));
  const clashing = legacy.filter((l) => expressions.some((e) => !COMPATIBLE.has(`${l}|${e}`)));
  if (clashing.length === 0) return;
  const withExpr = expressions.filter((e) => clashing.some((l) => !COMPATIBLE.has(`${l}|${e}`)));
  throw validation(
    `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${clashing.join(', ')}} Expression parameters: {${withExpr.join(', ')}}`,
  );
}

export function prepareLegacy(input: Record<string, any>, ctx: PrepareContext): PreparedExpressions {
  return prepareLegacyParameters(input, ctx);
}
