/** GetItem: read one item by key — the hottest path, so the stored JSON goes out untouched when it can. */
import { itemSize } from '../../model/size.js';
import type { Item } from '../../model/types.js';
import { consumedCapacity, readUnits } from '../common/capacity.js';
import { prepareReadProjection } from '../common/read-expressions.js';
import { itemStorageKey } from '../common/item-store.js';
import { requireTable } from '../common/table.js';
import { RawJson, type OperationHandler } from '../types.js';
import { keyFromInput } from './key-input.js';

export const getItem: OperationHandler = async (input, ctx) => {
  const table = requireTable(ctx, input.TableName);
  const keyAttrs = keyFromInput(table, input.Key);
  const project = prepareReadProjection(input, table);
  const raw = await ctx.services.storage.get(itemStorageKey(table, keyAttrs));
  const wantsCapacity = input.ReturnConsumedCapacity === 'TOTAL' || input.ReturnConsumedCapacity === 'INDEXES';

  if (!project && !wantsCapacity) return new RawJson(raw === undefined ? '{}' : `{"Item":${raw}}`);

  const item = raw === undefined ? undefined : (JSON.parse(raw) as Item);
  const out: Record<string, unknown> = {};
  if (item) out.Item = project ? project(item) : item;
  const units = readUnits(item ? itemSize(item) : 0, input.ConsistentRead === true);
  const cc = consumedCapacity(input.ReturnConsumedCapacity, table, units, undefined);
  if (cc) out.ConsumedCapacity = cc;
  return out;
};
