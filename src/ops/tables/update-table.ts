/**
 * UpdateTable: plans the change against the stored metadata inside one transaction
 * (validate-update-table.ts), writes it, then starts what outlives the request — building a new
 * GSI (backfill), clearing a dropped one, settling transient statuses.
 *
 * Without -delayTransientStatuses everything is ACTIVE when the answer is sent: a new GSI's
 * backfill is awaited. With it, the table shows UPDATING and a new GSI CREATING for the delay.
 */
import { allStats } from '../../catalog/stats.js';
import type { TableMeta } from '../../catalog/types.js';
import { tableNotFound } from '../../errors.js';
import type { OperationHandler } from '../types.js';
import { tableDescription } from './describe-table.js';
import { lifecycleOf } from './lifecycle.js';
import { getTable } from './names.js';
import { closeStream, openStream } from '../streams/stream-settings.js';
import { planUpdateTable, type UpdatePlan, type UpdateTableInput } from './validate-update-table.js';

export const updateTable: OperationHandler = async (raw, ctx) => {
  const input = raw as UpdateTableInput;
  const current = getTable(ctx, input.TableName);
  const { catalog, storage } = ctx.services;
  const lifecycle = lifecycleOf(ctx.services);
  const env = { ctx, nowMs: Date.now(), until: lifecycle.transientUntil() };

  const plan: UpdatePlan = await storage.transact(async (tx) => {
    const meta = await catalog.read(tx, ctx.namespace, current.name);
    if (!meta) throw tableNotFound(current.name);
    const p = planUpdateTable(input, meta, env);
    // Enabling makes a new stream and disabling closes the current one, in this transaction
    // (ops/streams/stream-settings.ts); the plan only decided which.
    if (p.next.stream?.enabled && !meta.stream?.enabled) {
      p.next.stream = await openStream(tx, catalog, { ...p.next, stream: meta.stream }, p.next.stream.viewType!, env.nowMs);
    } else if (meta.stream?.enabled && !p.next.stream?.enabled) {
      p.next.stream = await closeStream(tx, meta, env.nowMs);
    }
    if (p.created) p.created.id = await catalog.allocateId(tx);
    for (const index of p.dropped) catalog.addDrop(tx, { kind: 'index', id: index.id });
    catalog.write(tx, p.next);
    return p;
  });
  catalog.cache(plan.next);
  lifecycle.schedule(plan.next);
  if (plan.dropped.length > 0) lifecycle.kickDrops();
  if (plan.created) await lifecycle.buildIndex(ctx.namespace, current.name, plan.created.id, env.until === undefined);

  const latest: TableMeta = catalog.get(ctx.namespace, current.name) ?? plan.next;
  const stats = await allStats(ctx.services, latest);
  return { TableDescription: tableDescription(ctx, latest, { stats }) };
};
