/**
 * The `Key` parameter of GetItem/DeleteItem/UpdateItem: validated values that are exactly the
 * table's key attributes.
 */
import type { TableMeta } from '../../catalog/types.js';
import type { Item } from '../../model/types.js';
import { validateItem, validateKey } from '../../model/values.js';

export function keyFromInput(table: TableMeta, key: unknown): Item {
  const attrs = validateItem(key ?? {});
  validateKey(table.key, attrs, 'key');
  return attrs;
}
