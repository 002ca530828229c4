/**
 * Running INSERT, UPDATE and DELETE plans, each as one storage transaction through the one write
 * path (applyItemChange), so indexes and stream records follow — exactly what PutItem, UpdateItem
 * and DeleteItem do with the conditions PartiQL implies:
 *
 *   INSERT  the item must not exist (DuplicateItem otherwise)
 *   UPDATE  the item must exist, and WHERE's other predicates hold (ConditionalCheckFailed)
 *   DELETE  WHERE's other predicates hold; deleting a missing item is not an error
 */
import { conditionalCheckFailed } from '../../errors.js';
import { applyUpdate, evaluateCondition, updatedAttributes } from '../../expr/index.js';
import { itemSize } from '../../model/size.js';
import type { Item } from '../../model/types.js';
import { duplicateItem } from '../../partiql/messages.js';
import type { UpdatePlan, WritePlan } from '../../partiql/plan-types.js';
import { consumedCapacity, writeUnits, type IndexUnits } from '../common/capacity.js';
import { checkUpdatedIndexKeys } from '../common/indexes.js';
import { applyItemChange, itemStorageKey, readItem } from '../common/item-store.js';
import type { RequestContext } from '../types.js';

export interface WriteOptions {
  /** ReturnValuesOnConditionCheckFailure. */
  readonly returnOnFailure?: unknown;
  readonly returnConsumedCapacity?: unknown;
  /**
   * ExecuteStatement answers an INSERT of an existing key asked to return the old item with
   * ConditionalCheckFailedException and the item; BatchExecuteStatement with DuplicateItem
   * (both observed on DynamoDB Local).
   */
  readonly duplicateReturnsItem: boolean;
}

export interface WriteResult {
  /** RETURNING's item, when there is one. */
  readonly items: Item[];
  readonly consumedCapacity?: Record<string, unknown>;
  /** The write units spent on the table and on its indexes (for batches to add up). */
  readonly units: { readonly table: number; readonly indexes?: IndexUnits };
}

export async function runWrite(ctx: RequestContext, plan: WritePlan, opts: WriteOptions): Promise<WriteResult> {
  const { table } = plan;
  const key = itemStorageKey(table, plan.kind === 'insert' ? plan.item : plan.key);
  const returnOld = opts.returnOnFailure === 'ALL_OLD';

  const { oldItem, newItem, indexUnits } = await ctx.services.storage.transact(async (tx) => {
    const oldItem = await readItem(tx, key);
    let newItem: Item | undefined;
    switch (plan.kind) {
      case 'insert':
        if (oldItem) throw returnOld && opts.duplicateReturnsItem ? conditionalCheckFailed(oldItem) : duplicateItem();
        newItem = plan.item;
        break;
      case 'update':
        if (!oldItem || (plan.condition && !evaluateCondition(plan.condition, oldItem))) {
          throw conditionalCheckFailed(returnOld ? oldItem : undefined);
        }
        newItem = applyUpdate(oldItem, plan.update, plan.key).item;
        checkUpdatedIndexKeys(table, newItem);
        break;
      case 'delete':
        if (plan.condition && !evaluateCondition(plan.condition, oldItem)) {
          throw conditionalCheckFailed(returnOld ? oldItem : undefined);
        }
        if (!oldItem) return { oldItem, newItem: undefined, indexUnits: undefined };
        break;
    }
    const indexUnits = await applyItemChange(tx, { table, key, oldItem, newItem });
    return { oldItem, newItem, indexUnits };
  });

  const size = Math.max(oldItem ? itemSize(oldItem) : 0, newItem ? itemSize(newItem) : 0);
  const units = writeUnits(size);
  const cc = consumedCapacity(opts.returnConsumedCapacity as 'TOTAL' | undefined, table, units, indexUnits);
  const returned = plan.kind === 'insert' ? undefined : returning(plan, oldItem, newItem);
  return {
    items: returned && Object.keys(returned).length > 0 ? [returned] : [],
    consumedCapacity: cc,
    units: { table: units, indexes: indexUnits },
  };
}

/** What RETURNING asks for: the old or new item, whole or just the attributes the update touched. */
function returning(plan: Exclude<WritePlan, { kind: 'insert' }>, oldItem: Item | undefined, newItem: Item | undefined): Item | undefined {
  switch (plan.returning) {
    case 'ALL OLD':
      return oldItem;
    case 'ALL NEW':
      return newItem;
    case 'MODIFIED OLD':
      return updatedAttributes((plan as UpdatePlan).update, oldItem);
    case 'MODIFIED NEW':
      return updatedAttributes((plan as UpdatePlan).update, newItem);
    default:
      return undefined;
  }
}
