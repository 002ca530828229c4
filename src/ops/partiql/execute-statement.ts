/**
 * ExecuteStatement: one PartiQL statement. A SELECT answers a page of items (and a NextToken
 * while more remain); INSERT, UPDATE and DELETE answer no items, or RETURNING's one item.
 */
import { planStatement } from '../../partiql/plan.js';
import { RawJson, type OperationHandler } from '../types.js';
import { tableLookup } from './lookup.js';
import { runSelect } from './select.js';
import { runWrite } from './write.js';

export const executeStatement: OperationHandler = async (input, ctx) => {
  const consistent = input.ConsistentRead === true;
  const plan = planStatement(String(input.Statement ?? ''), {
    parameters: input.Parameters,
    lookup: tableLookup(ctx),
    consistentRead: consistent,
    allowExists: false,
  });
  if (plan.kind === 'exists') throw new Error('unreachable: EXISTS outside a transaction');
  if (plan.kind === 'select') {
    const page = await runSelect(ctx, plan, {
      limit: typeof input.Limit === 'number' ? Math.trunc(input.Limit) : undefined,
      nextToken: input.NextToken,
      consistent,
      returnConsumedCapacity: input.ReturnConsumedCapacity,
    });
    const parts = [`"Items":[${page.items.join(',')}]`];
    if (page.nextToken) parts.push(`"NextToken":${JSON.stringify(page.nextToken)}`);
    if (page.consumedCapacity) parts.push(`"ConsumedCapacity":${JSON.stringify(page.consumedCapacity)}`);
    return new RawJson(`{${parts.join(',')}}`);
  }
  const result = await runWrite(ctx, plan, {
    returnOnFailure: input.ReturnValuesOnConditionCheckFailure,
    returnConsumedCapacity: input.ReturnConsumedCapacity,
    duplicateReturnsItem: true,
  });
  const out: Record<string, unknown> = { Items: result.items };
  if (result.consumedCapacity) out.ConsumedCapacity = result.consumedCapacity;
  return out;
};
