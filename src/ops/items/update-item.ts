/**
 * UpdateItem: edit (or create) one item with an update expression, optionally under a
 * condition. The new item is a pure function of the old one (expr's applyUpdate), computed inside
 * the storage transaction so the read, the check and the write are atomic.
 */
import type { Item } from '../../model/types.js';
import { applyUpdate, updatedAttributes, type CUpdate } from '../../expr/index.js';
import { prepareWriteExpressions } from '../common/write-expressions.js';
import { checkUpdatedIndexKeys } from '../common/indexes.js';
import { itemStorageKey } from '../common/item-store.js';
import { requireTable } from '../common/table.js';
import type { OperationHandler } from '../types.js';
import { keyFromInput } from './key-input.js';
import { checkReturnValues } from './put-item.js';
import { conditionalWrite, singleWriteResponse } from './single-write.js';

const UPDATE_RETURN_VALUES = ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'] as const;

export const updateItem: OperationHandler = async (input, ctx) => {
  const table = requireTable(ctx, input.TableName);
  const returnValues = checkReturnValues(input.ReturnValues, UPDATE_RETURN_VALUES);
  const keyAttrs = keyFromInput(table, input.Key);
  const expressions = prepareWriteExpressions(input, table, 'UpdateItem');
  const key = itemStorageKey(table, keyAttrs);

  const write = await conditionalWrite(ctx, table, key, expressions, input.ReturnValuesOnConditionCheckFailure, (oldItem) => {
    const newItem = computeUpdatedItem(oldItem, expressions.update, keyAttrs);
    checkUpdatedIndexKeys(table, newItem);
    return newItem;
  });
  const attributes = returnedAttributes(returnValues, expressions.update, write.oldItem, write.newItem!);
  return singleWriteResponse(input, table, write, attributes);
};

/** The item after the update; an UpdateItem without an update still creates the item from its key. */
export function computeUpdatedItem(oldItem: Item | undefined, update: CUpdate | undefined, keyAttrs: Item): Item {
  if (update) return applyUpdate(oldItem, update, keyAttrs).item;
  return oldItem ?? { ...keyAttrs };
}

export function returnedAttributes(
  mode: (typeof UPDATE_RETURN_VALUES)[number],
  update: CUpdate | undefined,
  oldItem: Item | undefined,
  newItem: Item,
): Item | undefined {
  switch (mode) {
    case 'ALL_OLD':
      return oldItem;
    case 'ALL_NEW':
      return newItem;
    case 'UPDATED_OLD':
      return update ? updatedAttributes(update, oldItem) : undefined;
    case 'UPDATED_NEW':
      return update ? updatedAttributes(update, newItem) : undefined;
    default:
      return undefined;
  }
}
