/** The projection of single-item reads (GetItem; batches and transactions reuse it). */
import type { TableMeta } from '../../catalog/types.js';
import type { Item } from '../../model/types.js';
import { applyProjection, prepareExpressions, type ExpressionOperation } from '../../expr/index.js';

/** A function projecting an item as the request asks, or undefined when it asks for the whole item. */
export function prepareReadProjection(
  input: Record<string, any>,
  table: TableMeta,
  operation: ExpressionOperation = 'GetItem',
): ((item: Item) => Item) | undefined {
  const { projection } = prepareExpressions(input, { operation, key: table.key });
  if (!projection) return undefined;
  return (item) => applyProjection(projection, item);
}
