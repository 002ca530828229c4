/** PutItem: create or replace a whole item, optionally under a condition. */
import { validation } from '../../errors.js';
import { MAX_ITEM_SIZE, rawItemSize } from '../../model/size.js';
import type { TableMeta } from '../../catalog/types.js';
import type { Item } from '../../model/types.js';
import { validateItem, validateKey } from '../../model/values.js';
import { prepareWriteExpressions } from '../common/write-expressions.js';
import { checkIndexKeys } from '../common/indexes.js';
import { itemStorageKey } from '../common/item-store.js';
import { requireTable } from '../common/table.js';
import type { OperationHandler } from '../types.js';
import { conditionalWrite, singleWriteResponse } from './single-write.js';

export const ITEM_TOO_LARGE = 'Item size has exceeded the maximum allowed size';

export const putItem: OperationHandler = async (input, ctx) => {
  const table = requireTable(ctx, input.TableName);
  const returnValues = checkReturnValues(input.ReturnValues, ['NONE', 'ALL_OLD']);
  const item = validatePutItem(table, input.Item);
  const expressions = prepareWriteExpressions(input, table);
  const key = itemStorageKey(table, item);

  const write = await conditionalWrite(ctx, table, key, expressions, input.ReturnValuesOnConditionCheckFailure, () => item);
  return singleWriteResponse(input, table, write, returnValues === 'ALL_OLD' ? write.oldItem : undefined);
};

/** Validates a whole item for a table: values, key attributes, index keys and size. */
export function validatePutItem(table: TableMeta, raw: unknown): Item {
  // DynamoDB measures the item before it looks at any value in it.
  if (rawItemSize(raw) > MAX_ITEM_SIZE) throw validation(ITEM_TOO_LARGE);
  const item = validateItem(raw ?? {});
  validateKey(table.key, item, 'item');
  checkIndexKeys(table, item);
  return item;
}

export function checkReturnValues<T extends string>(value: unknown, allowed: readonly T[]): T | 'NONE' {
  if (value === undefined || value === null) return 'NONE';
  if (!allowed.includes(value as T)) throw validation('Return values set to invalid value');
  return value as T;
}
