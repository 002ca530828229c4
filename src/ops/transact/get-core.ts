/**
 * The transactional read core, shared by TransactGetItems and PartiQL's read-only
 * ExecuteTransaction: every item read from one storage snapshot (`storage.read`), so the reads
 * see one committed state — never part of a write transaction — and conflict with nothing.
 */
import type { TableMeta } from '../../catalog/types.js';
import { itemSize } from '../../model/size.js';
import type { Item } from '../../model/types.js';
import { readUnits } from '../common/capacity.js';
import { readItem } from '../common/item-store.js';
import type { Services } from '../types.js';
import { transactionCapacity, UnitsByTable } from './capacity.js';
import { MAX_TRANSACTION_PAYLOAD_BYTES, NO_REASON, responseTooLarge, transactionCanceled, type CancellationReason } from './messages.js';

export interface GetAction {
  table: TableMeta;
  /** Storage key of the item (unused when `fault` is set). */
  storageKey: Buffer;
  /** The requested attributes of an item; absent: the whole item. */
  project?: (item: Item) => Item;
  /** The key does not fit the table: the transaction is cancelled with this reason in its place. */
  fault?: CancellationReason;
}

/**
 * Each item in the response counts its projected size plus 4 (DynamoDB Local's "Payload Size":
 * 12 items of 350,011 bytes report 4,200,180); missing items count nothing.
 */
const RESPONSE_ENTRY_OVERHEAD = 4;

export interface TransactGetResult {
  /** Per action, in order: the (projected) item, or undefined when there is none. */
  items: (Item | undefined)[];
  /** The ConsumedCapacity member, when asked for. */
  consumedCapacity?: Record<string, unknown>[];
}

export async function executeTransactGet(services: Services, gets: readonly GetAction[], returnConsumedCapacity?: unknown): Promise<TransactGetResult> {
  if (gets.some((g) => g.fault)) throw transactionCanceled(gets.map((g) => g.fault ?? NO_REASON));
  const units = new UnitsByTable();
  const items = await services.storage.read(async (reader) => {
    const out: (Item | undefined)[] = [];
    for (const g of gets) {
      const item = await readItem(reader, g.storageKey);
      // Strongly consistent and doubled; a missing item still costs its 2 units, a projection
      // does not reduce the cost.
      units.add(g.table, 2 * readUnits(item ? itemSize(item) : 0, true));
      out.push(item && g.project ? g.project(item) : item);
    }
    return out;
  });
  let size = 0;
  for (const item of items) if (item) size += RESPONSE_ENTRY_OVERHEAD + itemSize(item);
  if (size > MAX_TRANSACTION_PAYLOAD_BYTES) throw responseTooLarge(size);
  const result: TransactGetResult = { items };
  const capacity = transactionCapacity(returnConsumedCapacity, units.list(), 'ReadCapacityUnits', false);
  if (capacity) result.consumedCapacity = capacity;
  return result;
}
