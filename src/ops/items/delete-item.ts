/** DeleteItem: remove one item by key, optionally under a condition. */
import { itemSize } from '../../model/size.js';
import { consumedCapacity, writeUnits } from '../common/capacity.js';
import { checkCondition, prepareWriteExpressions } from '../common/write-expressions.js';
import { applyItemChange, itemStorageKey, readItem } from '../common/item-store.js';
import { itemCollectionMetrics } from '../common/item-collections.js';
import { requireTable } from '../common/table.js';
import type { OperationHandler } from '../types.js';
import { keyFromInput } from './key-input.js';
import { checkReturnValues } from './put-item.js';

export const deleteItem: OperationHandler = async (input, ctx) => {
  const table = requireTable(ctx, input.TableName);
  const returnValues = checkReturnValues(input.ReturnValues, ['NONE', 'ALL_OLD']);
  const keyAttrs = keyFromInput(table, input.Key);
  const expressions = prepareWriteExpressions(input, table, 'DeleteItem');
  const key = itemStorageKey(table, keyAttrs);

  const { oldItem, indexUnits } = await ctx.services.storage.transact(async (tx) => {
    const oldItem = await readItem(tx, key);
    checkCondition(expressions, oldItem, input.ReturnValuesOnConditionCheckFailure);
    const indexUnits = applyItemChange(tx, { table, key, oldItem, newItem: undefined });
    return { oldItem, indexUnits };
  });

  const out: Record<string, unknown> = {};
  if (returnValues === 'ALL_OLD' && oldItem) out.Attributes = oldItem;
  const cc = consumedCapacity(input.ReturnConsumedCapacity, table, writeUnits(oldItem ? itemSize(oldItem) : 0), indexUnits);
  if (cc) out.ConsumedCapacity = cc;
  const icm = input.ReturnItemCollectionMetrics === 'SIZE' ? itemCollectionMetrics(indexUnits.itemCollection) : undefined;
  if (icm) out.ItemCollectionMetrics = icm;
  return out;
};
