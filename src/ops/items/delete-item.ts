/** DeleteItem: remove one item by key, optionally under a condition. */
import { prepareWriteExpressions } from '../common/write-expressions.js';
import { itemStorageKey } from '../common/item-store.js';
import { requireTable } from '../common/table.js';
import type { OperationHandler } from '../types.js';
import { keyFromInput } from './key-input.js';
import { checkReturnValues } from './put-item.js';
import { conditionalWrite, singleWriteResponse } from './single-write.js';

export const deleteItem: OperationHandler = async (input, ctx) => {
  const table = requireTable(ctx, input.TableName);
  const returnValues = checkReturnValues(input.ReturnValues, ['NONE', 'ALL_OLD']);
  const keyAttrs = keyFromInput(table, input.Key);
  const expressions = prepareWriteExpressions(input, table, 'DeleteItem');
  const key = itemStorageKey(table, keyAttrs);

  const write = await conditionalWrite(ctx, table, key, expressions, input.ReturnValuesOnConditionCheckFailure, () => undefined);
  return singleWriteResponse(input, table, write, returnValues === 'ALL_OLD' ? write.oldItem : undefined);
};
