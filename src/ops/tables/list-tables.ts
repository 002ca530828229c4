/**
 * ListTables: the caller's table names in ascending order, `Limit` (default and maximum 100) at
 * a time, after `ExclusiveStartTableName` when given (which need not name an existing table).
 * `LastEvaluatedTableName` appears only when more names follow the page, as DynamoDB Local
 * answers and the API reference describes ("If you do not receive a LastEvaluatedTableName
 * value in the response, this means that there are no more table names to be retrieved").
 */
import type { OperationHandler } from '../types.js';

const DEFAULT_LIMIT = 100;

export const listTables: OperationHandler = async (input, ctx) => {
  const limit = typeof input.Limit === 'number' ? input.Limit : DEFAULT_LIMIT;
  const start = input.ExclusiveStartTableName as string | undefined;
  let names = ctx.services.catalog.list(ctx.namespace).map((t) => t.name);
  if (start !== undefined) names = names.filter((n) => n > start);
  const page = names.slice(0, limit);
  const out: Record<string, unknown> = { TableNames: page };
  if (names.length > page.length) out.LastEvaluatedTableName = page[page.length - 1];
  return out;
};
