/**
 * BatchWriteItem: up to 25 puts and deletes across tables.
 *
 * The whole batch is one storage transaction: one group commit instead of up to 25, and each
 * request still goes through the one write path (applyItemChange: item, index entries and stream
 * record together). DynamoDB promises less — each put or delete is atomic, the batch as a unit is
 * not — so applying all or nothing is within its contract. Nothing is ever left unprocessed
 * (Tessera does not throttle), so UnprocessedItems is always `{}`.
 *
 * The 16 MB request cap cannot be reached by a valid request: 25 items of at most 400 KB each are
 * 10 MB, and an over-size item is rejected on its own first (as in DynamoDB Local); the HTTP layer
 * bounds the body itself.
 */
import type { TableMeta } from '../../catalog/types.js';
import { validation } from '../../errors.js';
import { itemSize, MAX_ITEM_SIZE, rawItemSize } from '../../model/size.js';
import type { Item } from '../../model/types.js';
import { validateItem, validateKey } from '../../model/values.js';
import type { StorageTransaction } from '../../storage/engine.js';
import { addIndexUnits, consumedCapacity, noIndexUnits, writeUnits, type IndexUnits } from '../common/capacity.js';
import { checkIndexKeysBare } from '../common/indexes.js';
import { itemCollectionMetrics } from '../common/item-collections.js';
import { applyItemChange, itemStorageKey, readItem } from '../common/item-store.js';
import { requireTable } from '../common/table.js';
import { ITEM_TOO_LARGE } from '../items/put-item.js';
import type { OperationHandler } from '../types.js';
import { batchError, MAX_BATCH_WRITE_REQUESTS } from './messages.js';

interface WriteOp {
  table: TableMeta;
  key: Buffer;
  /** The new item; undefined for a delete. */
  item: Item | undefined;
}

interface TableUsage {
  table: TableMeta;
  units: number;
  indexUnits: IndexUnits;
  /** ItemCollectionMetrics entries, one per request (tables with local secondary indexes only). */
  metrics: Record<string, unknown>[];
}

export const batchWriteItem: OperationHandler = async (input, ctx) => {
  const requestItems: Record<string, unknown[]> = input.RequestItems ?? {};
  const entries = Object.entries(requestItems);
  let total = 0;
  for (const [, requests] of entries) total += requests?.length ?? 0;
  if (total > MAX_BATCH_WRITE_REQUESTS) throw batchError('tooManyWrites');
  // Every table is looked up before any request is examined (as DynamoDB Local does).
  const tables = entries.map(([name]) => requireTable(ctx, name));
  const ops = entries.flatMap(([, requests], t) => planTable(tables[t]!, requests));
  const wantMetrics = input.ReturnItemCollectionMetrics === 'SIZE';
  const wantCapacity = input.ReturnConsumedCapacity === 'TOTAL' || input.ReturnConsumedCapacity === 'INDEXES';

  const usage = await ctx.services.storage.transact(async (tx) => {
    const byTable = new Map<TableMeta, TableUsage>(tables.map((table) => [table, { table, units: 0, indexUnits: noIndexUnits(), metrics: [] }]));
    for (const op of ops) await apply(tx, op, byTable.get(op.table)!, wantMetrics, wantCapacity);
    return [...byTable.values()];
  });

  const out: Record<string, unknown> = { UnprocessedItems: {} };
  const capacity = usage.map((u) => consumedCapacity(input.ReturnConsumedCapacity, u.table, u.units, u.indexUnits)).filter((c) => c !== undefined);
  if (capacity.length > 0) out.ConsumedCapacity = capacity;
  const metrics = usage.filter((u) => u.metrics.length > 0);
  if (metrics.length > 0) out.ItemCollectionMetrics = Object.fromEntries(metrics.map((u) => [u.table.name, u.metrics]));
  return out;
};

/** Validates one table's requests and finds duplicate keys among them. */
function planTable(table: TableMeta, requests: unknown[]): WriteOp[] {
  const seen = new Set<string>();
  return requests.map((raw) => {
    const op = planRequest(table, (raw ?? {}) as Record<string, any>);
    const id = op.key.toString('latin1');
    if (seen.has(id)) throw batchError('duplicateKeys');
    seen.add(id);
    return op;
  });
}

function planRequest(table: TableMeta, request: Record<string, any>): WriteOp {
  const put = request.PutRequest;
  const del = request.DeleteRequest;
  const hasPut = put !== undefined && put !== null;
  const hasDelete = del !== undefined && del !== null;
  if (hasPut === hasDelete) throw batchError('writeRequestShape');
  if (hasPut) {
    // The size is checked before any value, as for PutItem.
    if (rawItemSize(put.Item) > MAX_ITEM_SIZE) throw validation(ITEM_TOO_LARGE);
    const item = validateItem(put.Item ?? {});
    validateKey(table.key, item, 'batch-item');
    checkIndexKeysBare(table, item);
    return { table, key: itemStorageKey(table, item), item };
  }
  const keyAttrs = validateItem(del.Key ?? {});
  validateKey(table.key, keyAttrs, 'ddbl');
  return { table, key: itemStorageKey(table, keyAttrs), item: undefined };
}

/** Applies one put or delete and charges it: each request rounds up to 1 KB on its own. */
async function apply(tx: StorageTransaction, op: WriteOp, usage: TableUsage, wantMetrics: boolean, wantCapacity: boolean): Promise<void> {
  const oldItem = await readItem(tx, op.key);
  const outcome = await applyItemChange(tx, { table: op.table, key: op.key, oldItem, newItem: op.item });
  // Sizing both items walks every value; only a request that asks for capacity reads the units.
  if (wantCapacity) usage.units += writeUnits(Math.max(op.item ? itemSize(op.item) : 0, oldItem ? itemSize(oldItem) : 0));
  addIndexUnits(usage.indexUnits, outcome);
  const metrics = wantMetrics ? itemCollectionMetrics(outcome.itemCollection) : undefined;
  if (metrics) usage.metrics.push(metrics);
}
