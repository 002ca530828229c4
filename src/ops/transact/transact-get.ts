/**
 * TransactGetItems: up to 100 Gets as one snapshot. Request faults in DynamoDB's order: per Get,
 * its key values and projection (no table needed), then per Get its table, its key against the
 * schema (a key that does not fit cancels the transaction with a ValidationError in its place,
 * keys.ts, while a non-scalar or an empty key value fails the request) and two Gets of one item.
 */
import { buildSelection, prepareExpressions, projectWith } from '../../expr/index.js';
import type { Item } from '../../model/types.js';
import { validation } from '../../errors.js';
import { validateItem, validateKey } from '../../model/values.js';
import { itemStorageKey } from '../common/item-store.js';
import { requireTable } from '../common/table.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { executeTransactGet, type GetAction } from './get-core.js';
import { isNotScalar, keyFaultMessage, keyShapeFault } from './keys.js';
import { multipleOperations, validationReason } from './messages.js';

export const transactGetItems: OperationHandler = async (input, ctx) => {
  const gets = prepareTransactGet(ctx, input.TransactItems ?? []);
  const { items, consumedCapacity } = await executeTransactGet(ctx.services, gets, input.ReturnConsumedCapacity);
  const out: Record<string, unknown> = {};
  if (consumedCapacity) out.ConsumedCapacity = consumedCapacity;
  out.Responses = items.map((item) => (item ? { Item: item } : {}));
  return out;
};

interface ParsedGet {
  raw: Record<string, any>;
  key: Item;
  project?: (item: Item) => Item;
}

export function prepareTransactGet(ctx: RequestContext, transactItems: unknown[]): GetAction[] {
  const parsed = transactItems.map((entry) => parseGet(((entry ?? {}) as Record<string, any>).Get ?? {}));
  const seen = new Set<string>();
  return parsed.map(({ raw, key, project }) => {
    const table = requireTable(ctx, raw.TableName);
    const fault = keyShapeFault(table.key, key, true);
    if (fault && isNotScalar(fault)) throw validation(keyFaultMessage(fault));
    if (fault) return { table, storageKey: Buffer.alloc(0), fault: validationReason(keyFaultMessage(fault)) };
    validateKey(table.key, key, 'key');
    const storageKey = itemStorageKey(table, key);
    const id = `${table.id}:${storageKey.toString('latin1')}`;
    if (seen.has(id)) throw multipleOperations();
    seen.add(id);
    return project ? { table, storageKey, project } : { table, storageKey };
  });
}

function parseGet(raw: Record<string, any>): ParsedGet {
  const key = validateItem(raw.Key ?? {});
  const expressionInput: Record<string, unknown> = {};
  for (const m of ['ProjectionExpression', 'ExpressionAttributeNames']) if (raw[m] !== undefined) expressionInput[m] = raw[m];
  const { projection } = prepareExpressions(expressionInput, { operation: 'TransactGetItems' });
  if (!projection) return { raw, key };
  const selection = buildSelection(projection.paths);
  return { raw, key, project: (item) => projectWith(selection, item) };
}
