/**
 * CreateTable: checks the request (validate-create-table.ts), then writes the table's metadata
 * in one storage transaction that also checks the name is free, so two concurrent CreateTables
 * of one name cannot both succeed. The table is ACTIVE at once, or CREATING for the transient
 * delay under -delayTransientStatuses.
 */
import { randomUUID } from 'node:crypto';
import type { IndexMeta, StreamViewType, TableMeta } from '../../catalog/types.js';
import type { OperationHandler } from '../types.js';
import { tableDescription } from './describe-table.js';
import { lifecycleOf } from './lifecycle.js';
import { M } from './messages.js';
import { resolveTableName } from './names.js';
import { sseDescription } from './sse.js';
import { openStream } from '../streams/stream-settings.js';
import { newThroughput } from './validate-throughput.js';
import { copyDefinitions, copyKeySchema, gsiKeyShapes, keyShape } from './validate-key-schema.js';
import { validateCreateTable, type CreateTableInput } from './validate-create-table.js';
import { copyProjection } from './validate-indexes.js';

export const createTable: OperationHandler = async (raw, ctx) => {
  const input = raw as CreateTableInput;
  const checked = validateCreateTable(input);
  const name = resolveTableName(ctx, input.TableName);
  const { catalog, storage } = ctx.services;
  const lifecycle = lifecycleOf(ctx.services);
  const nowMs = Date.now();
  const until = lifecycle.transientUntil();

  const meta = await storage.transact(async (tx) => {
    if (await catalog.read(tx, ctx.namespace, name)) throw M.tableExists(name);
    const id = await catalog.allocateId(tx);
    const indexStatus = until === undefined ? 'ACTIVE' : 'CREATING';
    const lsis: IndexMeta[] = [];
    for (const lsi of input.LocalSecondaryIndexes ?? []) {
      lsis.push({
        kind: 'LSI',
        name: lsi.IndexName,
        id: await catalog.allocateId(tx),
        keySchema: copyKeySchema(lsi.KeySchema!),
        key: keyShape(lsi.KeySchema!, checked.defs),
        projection: copyProjection(lsi.Projection!),
        status: 'ACTIVE',
      });
    }
    const gsis: IndexMeta[] = [];
    for (const gsi of input.GlobalSecondaryIndexes ?? []) {
      const index: IndexMeta = {
        kind: 'GSI',
        name: gsi.IndexName,
        id: await catalog.allocateId(tx),
        keySchema: copyKeySchema(gsi.KeySchema!),
        ...gsiKeyShapes(gsi.KeySchema!, checked.defs),
        projection: copyProjection(gsi.Projection!),
        status: indexStatus,
      };
      if (gsi.ProvisionedThroughput) index.throughput = newThroughput(gsi.ProvisionedThroughput);
      if (gsi.OnDemandThroughput) index.onDemandThroughput = { ...gsi.OnDemandThroughput };
      if (gsi.WarmThroughput) index.warmThroughput = { ...gsi.WarmThroughput };
      if (until !== undefined) index.statusUntil = until;
      gsis.push(index);
    }
    const created = nowMs / 1000;
    const table: TableMeta = {
      namespace: ctx.namespace,
      name,
      id,
      tableId: randomUUID(),
      arn: `arn:aws:dynamodb:${ctx.region}:${ctx.accountId}:table/${name}`,
      creationDateTime: created,
      status: until === undefined ? 'ACTIVE' : 'CREATING',
      keySchema: copyKeySchema(checked.keySchema),
      attributeDefinitions: copyDefinitions(input.AttributeDefinitions!),
      key: keyShape(checked.keySchema, checked.defs),
      billingMode: checked.billingMode,
      throughput: newThroughput(checked.billingMode === 'PROVISIONED' ? input.ProvisionedThroughput : undefined),
      lsis,
      gsis,
      deletionProtectionEnabled: input.DeletionProtectionEnabled ?? false,
      tableClass: input.TableClass ?? 'STANDARD',
      tags: (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
    };
    if (checked.billingMode === 'PAY_PER_REQUEST') table.lastUpdateToPayPerRequestDateTime = created;
    if (input.TableClass) table.tableClassSummary = {};
    if (input.StreamSpecification?.StreamEnabled) {
      // The stream itself (shards, records) is created in this transaction: ops/streams/stream-settings.ts.
      table.stream = await openStream(tx, catalog, table, input.StreamSpecification.StreamViewType as StreamViewType, nowMs);
    }
    const sse = sseDescription(ctx, input.SSESpecification);
    if (sse) table.sse = sse;
    if (input.OnDemandThroughput) table.onDemandThroughput = { ...input.OnDemandThroughput };
    if (input.WarmThroughput) table.warmThroughput = { ...input.WarmThroughput };
    if (until !== undefined) table.statusUntil = until;
    catalog.write(tx, table);
    return table;
  });
  catalog.cache(meta);
  lifecycle.schedule(meta);
  return { TableDescription: tableDescription(ctx, meta) };
};
