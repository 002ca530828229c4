import type { TableMeta } from '../../catalog/types.js';
import { resourceNotFound } from '../../errors.js';
import type { RequestContext } from '../types.js';

/**
 * The table an item-level request names. DynamoDB answers a missing (or still-creating/
 * deleting) table with ResourceNotFoundException before looking at the rest of the request.
 */
export function requireTable(ctx: RequestContext, name: string): TableMeta {
  const table = ctx.services.catalog.get(ctx.namespace, name);
  if (!table || table.status === 'CREATING' || table.status === 'DELETING') {
    throw resourceNotFound('Requested resource not found');
  }
  return table;
}
