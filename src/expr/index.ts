/**
 * The expression layer's API for operations.
 *
 *   const x = prepareExpressions(input, { operation: 'UpdateItem', key: table.key });
 *   if (x.condition && !evaluateCondition(x.condition, old)) throw conditionalCheckFailed();
 *   const { item } = applyUpdate(old, x.update!, key);
 *
 * `prepareExpressions` validates every expression parameter of a request (and the legacy
 * parameters that stand for them) in DynamoDB's order and returns them compiled; everything after
 * that is a pure function of the item.
 */
import type { AttributeValue, KeyShape, MultiKeyShape } from '../model/types.js';
import type { CCondition, CProjection, CUpdate } from './compiled.js';
import { conditionTree, projectionTree, updateTree } from './cache.js';
import { structureKeyCondition, type KeyCondition } from './key-condition.js';
import { structureMultiKeyCondition } from './multi-key-condition.js';
import { Placeholders } from './placeholders.js';
import { compileCondition, compileProjection, compileUpdate } from './validate.js';
import { validateRequestMaps } from './request-maps.js';
import { checkMixing, LEGACY_PARAMETERS, prepareLegacy } from './legacy.js';

export type ExpressionOperation =
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'GetItem'
  | 'Query'
  | 'Scan'
  | 'BatchGetItem'
  | 'TransactGetItems'
  | 'ConditionCheck';

export interface PrepareContext {
  operation: ExpressionOperation;
  /** The key schema of the table (or of the index a Query or Scan reads). */
  key?: KeyShape;
  /** A Query of a GSI with a multi-attribute key: its whole key (key-condition.ts). */
  multiKey?: MultiKeyShape;
}

export interface PreparedExpressions {
  condition?: CCondition;
  filter?: CCondition;
  keyCondition?: KeyCondition;
  projection?: CProjection;
  update?: CUpdate;
}

/** The expression parameters each operation accepts, in the order DynamoDB validates them. */
const EXPRESSIONS: Readonly<Record<ExpressionOperation, readonly string[]>> = {
  PutItem: ['ConditionExpression'],
  DeleteItem: ['ConditionExpression'],
  ConditionCheck: ['ConditionExpression'],
  UpdateItem: ['UpdateExpression', 'ConditionExpression'],
  GetItem: ['ProjectionExpression'],
  BatchGetItem: ['ProjectionExpression'],
  TransactGetItems: ['ProjectionExpression'],
  Query: ['FilterExpression', 'ProjectionExpression', 'KeyConditionExpression'],
  Scan: ['FilterExpression', 'ProjectionExpression'],
};

const present = (v: unknown): boolean => v !== undefined && v !== null;

/**
 * Validates and compiles the expression parameters of one request (one item of a batch or
 * transaction): ExpressionAttributeNames/Values, the expressions, or their legacy equivalents.
 * Throws the ValidationException DynamoDB reports first.
 */
export function prepareExpressions(input: Record<string, any>, ctx: PrepareContext): PreparedExpressions {
  const kinds = EXPRESSIONS[ctx.operation];
  checkMixing(input, ctx.operation, kinds);
  const usesExpressions = kinds.some((k) => present(input[k]));
  const legacy = LEGACY_PARAMETERS[ctx.operation].some((k) => present(input[k]));
  const { names, values } = validateRequestMaps(input, ctx.operation, usesExpressions);
  const out: PreparedExpressions = legacy ? prepareLegacy(input, ctx) : {};
  if (!usesExpressions) return out;

  const ph = new Placeholders(names, values, input['ExpressionAttributeValues']);
  for (const kind of kinds) {
    const text = input[kind];
    if (!present(text)) continue;
    switch (kind) {
      case 'UpdateExpression':
        out.update = compileUpdate(updateTree(text), ph);
        break;
      case 'ConditionExpression':
        out.condition = compileCondition(kind, conditionTree(kind, text), ph);
        break;
      case 'FilterExpression':
        // Query checks the filter against the key schema itself (src/ops/query/select.ts): DynamoDB
        // reports that after the ExclusiveStartKey checks, which come after the expressions.
        out.filter = compileCondition(kind, conditionTree(kind, text), ph);
        break;
      case 'KeyConditionExpression': {
        const c = compileCondition(kind, conditionTree(kind, text), ph);
        out.keyCondition = ctx.multiKey ? structureMultiKeyCondition(c, ctx.multiKey) : structureKeyCondition(c, ctx.key!);
        break;
      }
      case 'ProjectionExpression':
        out.projection = compileProjection(projectionTree(text), ph);
        break;
    }
  }
  ph.checkAllUsed();
  // Updating a key attribute is reported by applyUpdate: after the condition, as the service does.
  return out;
}

export { evaluateCondition, operandValue, sizeOf } from './evaluate.js';
export { applyUpdate, updatedAttributes, type UpdateResult } from './update.js';
export { applyProjection, buildSelection, projectWith } from './projection.js';
export { getPath } from './doc-path.js';
export { conditionPaths } from './condition-paths.js';
export type { KeyCondition, SortKeyOperator } from './key-condition.js';
export type { CCondition, COperand, CProjection, CUpdate, CUpdateAction, DocPath } from './compiled.js';
export { clearExpressionCache } from './cache.js';
export type { AttributeValue };
