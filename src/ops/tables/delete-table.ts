/**
 * DeleteTable. The table leaves the catalog at once (or after showing DELETING for the transient
 * delay) and its items and index entries are cleared in the background from a pending-drop
 * record written in the same transaction, so a restart resumes the clearing.
 *
 * As documented: a table in CREATING or UPDATING answers ResourceInUseException, one already
 * DELETING answers its description without error, and deletion protection refuses the call.
 */
import { allStats } from '../../catalog/stats.js';
import type { TableMeta } from '../../catalog/types.js';
import { tableNotFound } from '../../errors.js';
import type { OperationHandler } from '../types.js';
import { tableDescription } from './describe-table.js';
import { dropTable, lifecycleOf } from './lifecycle.js';
import { M } from './messages.js';
import { getTable } from './names.js';
import { closeStream } from '../streams/stream-settings.js';

export const deleteTable: OperationHandler = async (input, ctx) => {
  const current = getTable(ctx, input.TableName as string);
  if (current.status === 'CREATING' || current.status === 'UPDATING') throw M.tableBusy(current.name, current.status);
  if (current.status === 'DELETING') return { TableDescription: tableDescription(ctx, current) };
  if (current.deletionProtectionEnabled) throw M.deletionProtected();

  const { catalog, storage } = ctx.services;
  const lifecycle = lifecycleOf(ctx.services);
  const stats = await allStats(ctx.services, current);
  const until = lifecycle.transientUntil();
  const { next: deleting, before } = await storage.transact(async (tx) => {
    const meta = await catalog.read(tx, ctx.namespace, current.name);
    // Another request got there first.
    if (!meta) throw tableNotFound(current.name);
    if (meta.deletionProtectionEnabled) throw M.deletionProtected();
    const next: TableMeta = { ...meta, status: 'DELETING' };
    // Its stream is disabled now and stays readable for 24 hours (ops/streams/stream-settings.ts).
    next.stream = await closeStream(tx, meta, Date.now());
    if (until === undefined) {
      dropTable(catalog, tx, meta);
    } else {
      next.statusUntil = until;
      catalog.write(tx, next);
    }
    return { next, before: meta };
  });
  if (until === undefined) {
    catalog.uncache(deleting);
    lifecycle.kickDrops();
  } else {
    catalog.cache(deleting);
    lifecycle.schedule(deleting);
  }
  // The answer describes the table as the request found it, stream still enabled (as DynamoDB
  // Local answers), only its status changed.
  return { TableDescription: tableDescription(ctx, { ...deleting, stream: before.stream }, { stats }) };
};
