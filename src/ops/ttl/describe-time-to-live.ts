/**
 * DescribeTimeToLive: DISABLED (no attribute name, whether TTL was never on or was turned off),
 * or ENABLED with its attribute. With delayed transient statuses a change shows ENABLING or
 * DISABLING for the transient period first.
 */
import { nowMs } from '../../config.js';
import type { OperationHandler } from '../types.js';
import { T } from './messages.js';

export const describeTimeToLive: OperationHandler = async (input, ctx) => {
  const { catalog, config } = ctx.services;
  const table = catalog.get(ctx.namespace, input.TableName);
  if (!table) throw T.noSuchTable();
  if (table.status === 'CREATING' || table.status === 'DELETING') throw T.notDescribable(table.status);
  const ttl = table.ttl;
  if (!ttl) return { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } };
  const settled = ttl.status === 'ENABLED' || ttl.status === 'ENABLING' ? 'ENABLED' : 'DISABLED';
  const changing = config.delayTransientStatuses && nowMs(config) - ttl.changedAt < config.transientStatusMs;
  const status = changing ? (settled === 'ENABLED' ? 'ENABLING' : 'DISABLING') : settled;
  if (status === 'DISABLED') return { TimeToLiveDescription: { TimeToLiveStatus: status } };
  return { TimeToLiveDescription: { TimeToLiveStatus: status, AttributeName: ttl.attributeName } };
};
