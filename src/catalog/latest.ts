/**
 * Which table metadata is the latest: a request keeps the TableMeta it looked up when it started,
 * and a change to the table (UpdateTable adding a GSI, the GSI becoming ACTIVE …) replaces the
 * cached object, never mutates it. The catalog links each replaced object to its replacement so
 * that code holding an old one can find the newest.
 *
 * The item write path needs this: a write that looked its table up just before UpdateTable added
 * a GSI may run its transaction after the GSI's backfill has copied past its item, and must then
 * maintain the new index itself, or the index would lose the write (see
 * src/ops/common/index-maintenance.ts).
 */
import type { TableMeta } from './types.js';

const successors = new WeakMap<TableMeta, TableMeta>();

/** Called by the catalog when `next` replaces `previous` in its cache. */
export function noteReplaced(previous: TableMeta, next: TableMeta): void {
  // Only the same table (a dropped and re-created table of the same name has a new id).
  if (previous !== next && previous.id === next.id) successors.set(previous, next);
}

/** The newest metadata of the table `meta` describes (itself when nothing replaced it). */
export function latestMeta(meta: TableMeta): TableMeta {
  let m = meta;
  for (let next = successors.get(m); next; next = successors.get(m)) m = next;
  return m;
}
