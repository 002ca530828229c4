/**
 * What PutItem, UpdateItem and DeleteItem share: read the old item, check the condition and write
 * the new one in one storage transaction, then shape the answer (Attributes, ConsumedCapacity,
 * ItemCollectionMetrics) the same way.
 */
import type { TableMeta } from '../../catalog/types.js';
import type { PreparedExpressions } from '../../expr/index.js';
import { itemSize } from '../../model/size.js';
import type { Item } from '../../model/types.js';
import { consumedCapacity, writeUnits } from '../common/capacity.js';
import { itemCollectionMetrics } from '../common/item-collections.js';
import { applyItemChange, readItem, type ChangeOutcome } from '../common/item-store.js';
import { checkCondition } from '../common/write-expressions.js';
import type { RequestContext } from '../types.js';

export interface SingleWrite {
  oldItem: Item | undefined;
  newItem: Item | undefined;
  outcome: ChangeOutcome;
}

/**
 * Runs one conditional write atomically. `next` computes the new item (undefined = delete) as a
 * pure function of the old one, inside the transaction, so it may throw to refuse the write.
 */
export function conditionalWrite(
  ctx: RequestContext,
  table: TableMeta,
  key: Buffer,
  expressions: PreparedExpressions,
  returnOnFailure: unknown,
  next: (oldItem: Item | undefined) => Item | undefined,
): Promise<SingleWrite> {
  return ctx.services.storage.transact(async (tx) => {
    const oldItem = await readItem(tx, key);
    checkCondition(expressions, oldItem, returnOnFailure);
    const newItem = next(oldItem);
    const outcome = await applyItemChange(tx, { table, key, oldItem, newItem });
    return { oldItem, newItem, outcome };
  });
}

/** The answer of a single-item write; a write costs the larger of the old and new item. */
export function singleWriteResponse(
  input: Record<string, any>,
  table: TableMeta,
  write: SingleWrite,
  attributes: Item | undefined,
): Record<string, unknown> {
  const { oldItem, newItem, outcome } = write;
  const out: Record<string, unknown> = {};
  if (attributes && Object.keys(attributes).length > 0) out.Attributes = attributes;
  // Sizing both items walks every value; only a request that asks for capacity needs it.
  const mode = input.ReturnConsumedCapacity;
  if (mode === 'TOTAL' || mode === 'INDEXES') {
    const units = writeUnits(Math.max(newItem ? itemSize(newItem) : 0, oldItem ? itemSize(oldItem) : 0));
    const cc = consumedCapacity(mode, table, units, outcome);
    if (cc) out.ConsumedCapacity = cc;
  }
  const icm = input.ReturnItemCollectionMetrics === 'SIZE' ? itemCollectionMetrics(outcome.itemCollection) : undefined;
  if (icm) out.ItemCollectionMetrics = icm;
  return out;
}
