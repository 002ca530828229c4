/**
 * Backfill of a GSI created by UpdateTable: copies the table's existing items into the new index.
 *
 * The control plane (src/ops/tables) records the index first — IndexStatus CREATING,
 * `Backfilling: true` — and shows it in the catalog, then calls this through the `backfillIndex`
 * hook; when it resolves, the index becomes ACTIVE. Queries of the index are refused meanwhile
 * ("Cannot read from backfilling global secondary index", target.ts).
 *
 * The copy walks the table in key order in small transactions (BATCH_ITEMS items each, yielding
 * to the event loop in between), so foreground requests are never held up by more than one short
 * batch. Each batch reads the items inside its own transaction, so it sees every write that
 * committed before it, and writes entries derived from the items as they are at that moment.
 *
 * Writes that happen during the backfill are not lost: every write from the moment the catalog
 * shows the index maintains it (including writes that looked the table up earlier: the write
 * path follows the table's latest metadata, src/ops/common/index-maintenance.ts). A write to an
 * item the backfill has not reached yet is later re-copied from the item's current state (the
 * same entry, written again); a write to an item it has passed maintains the entry itself.
 * Transactions run one at a time, so there is no interleaving in which both miss.
 *
 * Items whose index key attributes have the wrong type, are empty or too long are left out of the
 * index, as DynamoDB's backfill leaves out items that violate the new key schema.
 */
import type { IndexMeta, TableMeta } from '../../catalog/types.js';
import type { Item } from '../../model/types.js';
import { itemSize } from '../../model/size.js';
import { adjustStats } from '../../catalog/stats.js';
import { prefixRange, tablePrefix } from '../../storage/keys.js';
import { entryKeyOf } from '../common/multi-key.js';
import { belongsInIndex } from '../common/index-maintenance.js';
import { projectForIndex } from '../common/indexes.js';
import type { Services } from '../types.js';

/** Items per transaction: small enough that a batch takes well under a millisecond or two. */
export const BATCH_ITEMS = 256;

export async function backfillGsi(services: Services, table: TableMeta, index: IndexMeta): Promise<void> {
  const range = prefixRange(tablePrefix(table.id));
  let cursor: Buffer | undefined;
  for (;;) {
    // Stop if the index (or its table) went away meanwhile: UpdateTable may delete a backfilling GSI.
    if (!stillBuilding(services, table, index)) return;
    const batch = await services.storage.transact(async (tx) => {
      let count = 0;
      let last: Buffer | undefined;
      const bounds = cursor ? { gt: cursor, lt: range.lt, limit: BATCH_ITEMS } : { ...range, limit: BATCH_ITEMS };
      for await (const [key, value] of tx.range(bounds)) {
        count++;
        last = key;
        const item = JSON.parse(value) as Item;
        if (!belongsInIndex(index, item)) continue;
        const entryKey = entryKeyOf(table, index, item);
        const entry = projectForIndex(table, index, item);
        // A write since the GSI appeared may have put this entry already (and counted it).
        if ((await tx.get(entryKey)) === undefined) await adjustStats(tx, index.id, 1, itemSize(entry));
        tx.put(entryKey, JSON.stringify(entry));
      }
      return { count, last };
    });
    if (batch.count < BATCH_ITEMS || !batch.last) return;
    cursor = Buffer.from(batch.last);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function stillBuilding(services: Services, table: TableMeta, index: IndexMeta): boolean {
  const current = services.catalog.get(table.namespace, table.name);
  if (!current || current.id !== table.id) return false;
  return current.gsis.some((g) => g.id === index.id && g.status === 'CREATING');
}
