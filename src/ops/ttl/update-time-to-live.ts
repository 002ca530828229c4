/**
 * UpdateTimeToLive: turn expiry on for one attribute, or off. The settled status shows at once, as
 * the service's does (it was never seen ENABLING/DISABLING at 1 s polling); the sweeper
 * (src/ttl/sweeper.ts) starts or stops deleting on its next pass.
 *
 * One change per table per hour, as DynamoDB documents (the ack-api-quirks catalogue measured
 * ~31 minutes; the documented hour is what code is written against). Errors about the change
 * itself come before the rate check, as in the service. config.ttlAllowRapidChanges lifts it.
 */
import { nowMs } from '../../config.js';
import type { TableMeta } from '../../catalog/types.js';
import type { OperationHandler } from '../types.js';
import { T } from './messages.js';

export const TTL_CHANGE_INTERVAL_MS = 60 * 60 * 1000;

export const updateTimeToLive: OperationHandler = async (input, ctx) => {
  const { catalog, storage, config } = ctx.services;
  const name: string = input.TableName;
  const enabled = input.TimeToLiveSpecification.Enabled === true;
  const attributeName: string = input.TimeToLiveSpecification.AttributeName;
  const cached = catalog.get(ctx.namespace, name);
  if (!cached || cached.status === 'CREATING' || cached.status === 'DELETING') throw T.noSuchTable();
  const now = nowMs(config);

  // Read-modify-write of the stored metadata in one transaction, so a concurrent UpdateTable and
  // this change cannot overwrite each other.
  const meta = await storage.transact(async (tx) => {
    const meta = await catalog.read(tx, ctx.namespace, name);
    if (!meta || meta.id !== cached.id) throw T.noSuchTable();
    checkChange(meta, enabled, attributeName);
    if (!config.ttlAllowRapidChanges && meta.ttl && now - meta.ttl.changedAt < TTL_CHANGE_INTERVAL_MS) {
      throw T.tooManyChanges();
    }
    meta.ttl = { attributeName, status: enabled ? 'ENABLED' : 'DISABLED', changedAt: now };
    catalog.write(tx, meta);
    return meta;
  });
  catalog.cache(meta);
  return { TimeToLiveSpecification: { Enabled: enabled, AttributeName: attributeName } };
};

function checkChange(meta: TableMeta, enable: boolean, attributeName: string): void {
  const on = meta.ttl?.status === 'ENABLED' || meta.ttl?.status === 'ENABLING';
  if (!on) {
    if (!enable) throw T.alreadyDisabled();
    return;
  }
  if (meta.ttl!.attributeName !== attributeName) throw T.otherAttribute(meta.ttl!.attributeName);
  if (enable) throw T.alreadyEnabled();
}
