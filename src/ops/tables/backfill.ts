/**
 * The hook through which a GSI added by UpdateTable gets the table's existing items.
 *
 * UpdateTable records the new index first (IndexStatus CREATING, `backfilling: true`), so every
 * write from then on maintains it, then calls `backfillIndex`; when that resolves the index is
 * marked as backfilled and becomes ACTIVE (at once, or after the transient delay). Copying the
 * items belongs to the secondary-index work, which installs its implementation with
 * `registerBackfill`; until then the hook does nothing and a new GSI starts empty.
 */
import type { IndexMeta, TableMeta } from '../../catalog/types.js';
import type { Services } from '../types.js';

export type Backfill = (services: Services, table: TableMeta, index: IndexMeta) => Promise<void>;

let implementation: Backfill = async () => {};

/** Installs the function that copies a table's items into a newly created GSI. */
export function registerBackfill(fn: Backfill): void {
  implementation = fn;
}

/** Copies `table`'s existing items into `index` (see registerBackfill). */
export function backfillIndex(services: Services, table: TableMeta, index: IndexMeta): Promise<void> {
  return implementation(services, table, index);
}
