/**
 * DescribeTable, and the one place that turns TableMeta into DynamoDB's TableDescription (every
 * control-plane operation answers with it).
 *
 * Fields and their presence follow DynamoDB Local's answers for provisioned and on-demand tables
 * with and without indexes and streams (test/golden/tables/describe-*.json), plus what the
 * service sends and DynamoDB Local does not:
 *  - TableId (a UUID, stable for the table's life);
 *  - TableClassSummary once a table class was chosen or changed, SSEDescription when encryption
 *    with a KMS key was asked for, OnDemandThroughput / WarmThroughput when set;
 *  - ProvisionedThroughput's LastIncrease/LastDecreaseDateTime only once there has been one
 *    (DynamoDB Local sends 0; the CLI examples of the service show the fields absent);
 *  - TableStatus DELETING in DeleteTable's answer (DynamoDB Local says ACTIVE).
 * Secondary-index throughput keeps DynamoDB Local's shape (read and write units, plus the dates
 * once changed), so recorded answers of other areas stay comparable.
 */
import { allStats, type Stats } from '../../catalog/stats.js';
import type { IndexMeta, TableMeta, Throughput } from '../../catalog/types.js';
import { javaHashMapOrder } from '../../validate/java.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { getTable, indexArn, streamArn, tableArn } from './names.js';
import { decreasesToday } from './throughput.js';

export interface DescribeOptions {
  /** Item counts and sizes; omitted → zeros (a table just created has nothing in it). */
  stats?: { table: Stats; indexes: Map<string, Stats> };
}

const ZERO: Stats = { itemCount: 0, sizeBytes: 0 };

export function tableDescription(ctx: RequestContext, meta: TableMeta, options: DescribeOptions = {}): Record<string, unknown> {
  const stats = options.stats;
  const onDemand = meta.billingMode === 'PAY_PER_REQUEST';
  const d: Record<string, unknown> = {
    AttributeDefinitions: meta.attributeDefinitions.map((a) => ({ ...a })),
    TableName: meta.name,
    KeySchema: meta.keySchema.map((k) => ({ ...k })),
    TableStatus: meta.status,
    CreationDateTime: meta.creationDateTime,
    ProvisionedThroughput: tableThroughput(meta.throughput, onDemand),
    TableSizeBytes: (stats?.table ?? ZERO).sizeBytes,
    ItemCount: (stats?.table ?? ZERO).itemCount,
    TableArn: tableArn(ctx, meta.name),
    TableId: meta.tableId,
  };
  if (onDemand || meta.lastUpdateToPayPerRequestDateTime !== undefined) {
    const summary: Record<string, unknown> = { BillingMode: meta.billingMode };
    if (meta.lastUpdateToPayPerRequestDateTime !== undefined) {
      summary.LastUpdateToPayPerRequestDateTime = meta.lastUpdateToPayPerRequestDateTime;
    }
    d.BillingModeSummary = summary;
  }
  if (meta.lsis.length > 0) {
    d.LocalSecondaryIndexes = hashOrder(meta.lsis).map((lsi) => {
      const s = stats?.indexes.get(lsi.name) ?? ZERO;
      return {
        IndexName: lsi.name,
        KeySchema: lsi.keySchema.map((k) => ({ ...k })),
        Projection: projection(lsi),
        IndexSizeBytes: s.sizeBytes,
        ItemCount: s.itemCount,
        IndexArn: indexArn(ctx, meta.name, lsi.name),
      };
    });
  }
  if (meta.gsis.length > 0) {
    d.GlobalSecondaryIndexes = hashOrder(meta.gsis).map((gsi) => gsiDescription(ctx, meta, gsi, onDemand, stats?.indexes.get(gsi.name)));
  }
  if (meta.stream?.enabled) {
    d.StreamSpecification = { StreamEnabled: true, StreamViewType: meta.stream.viewType };
  }
  // The latest stream stays on show after it is disabled, as DynamoDB Local shows it.
  if (meta.stream?.label) {
    d.LatestStreamLabel = meta.stream.label;
    d.LatestStreamArn = streamArn(ctx, meta.name, meta.stream.label);
  }
  if (meta.sse) d.SSEDescription = { ...meta.sse };
  if (meta.tableClassSummary) {
    const summary: Record<string, unknown> = { TableClass: meta.tableClass };
    if (meta.tableClassSummary.lastUpdate !== undefined) summary.LastUpdateDateTime = meta.tableClassSummary.lastUpdate;
    d.TableClassSummary = summary;
  }
  d.DeletionProtectionEnabled = meta.deletionProtectionEnabled;
  if (meta.onDemandThroughput) d.OnDemandThroughput = { ...meta.onDemandThroughput };
  if (meta.warmThroughput) d.WarmThroughput = { ...meta.warmThroughput, Status: meta.status };
  return d;
}

/**
 * DynamoDB Local lists a table's indexes in java.util.HashMap order of their names (it keeps
 * them in a map), not in request order; recorded answers are compared in order, so Tessera lists
 * them the same way. The metadata itself keeps request order.
 */
function hashOrder(indexes: IndexMeta[]): IndexMeta[] {
  if (indexes.length < 2) return indexes;
  const byName = new Map(indexes.map((i) => [i.name, i]));
  return javaHashMapOrder(indexes.map((i) => i.name)).map((n) => byName.get(n)!);
}

function gsiDescription(
  ctx: RequestContext,
  meta: TableMeta,
  gsi: IndexMeta,
  onDemand: boolean,
  s: Stats | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    IndexName: gsi.name,
    KeySchema: gsi.keySchema.map((k) => ({ ...k })),
    Projection: projection(gsi),
    IndexStatus: gsi.status,
  };
  if (gsi.status === 'CREATING') out.Backfilling = gsi.backfilling ?? false;
  out.ProvisionedThroughput = indexThroughput(gsi.throughput, onDemand);
  // An index being built or dropped has no size to report yet (as DynamoDB Local answers).
  if (gsi.status === 'ACTIVE' || gsi.status === 'UPDATING') {
    out.IndexSizeBytes = (s ?? ZERO).sizeBytes;
    out.ItemCount = (s ?? ZERO).itemCount;
  }
  out.IndexArn = indexArn(ctx, meta.name, gsi.name);
  if (gsi.onDemandThroughput) out.OnDemandThroughput = { ...gsi.onDemandThroughput };
  if (gsi.warmThroughput) out.WarmThroughput = { ...gsi.warmThroughput, Status: gsi.status };
  return out;
}

function projection(index: IndexMeta): Record<string, unknown> {
  const p: Record<string, unknown> = { ProjectionType: index.projection.ProjectionType };
  if (index.projection.NonKeyAttributes) p.NonKeyAttributes = [...index.projection.NonKeyAttributes];
  return p;
}

function tableThroughput(t: Throughput, onDemand: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (t.LastIncreaseDateTime !== undefined) out.LastIncreaseDateTime = t.LastIncreaseDateTime;
  if (t.LastDecreaseDateTime !== undefined) out.LastDecreaseDateTime = t.LastDecreaseDateTime;
  out.NumberOfDecreasesToday = decreasesToday(t);
  // On-demand tables report 0/0 (developer guide), whatever was provisioned before a switch.
  out.ReadCapacityUnits = onDemand ? 0 : t.ReadCapacityUnits;
  out.WriteCapacityUnits = onDemand ? 0 : t.WriteCapacityUnits;
  return out;
}

function indexThroughput(t: Throughput | undefined, onDemand: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (t?.LastIncreaseDateTime !== undefined) out.LastIncreaseDateTime = t.LastIncreaseDateTime;
  if (t?.LastDecreaseDateTime !== undefined) out.LastDecreaseDateTime = t.LastDecreaseDateTime;
  out.ReadCapacityUnits = onDemand || !t ? 0 : t.ReadCapacityUnits;
  out.WriteCapacityUnits = onDemand || !t ? 0 : t.WriteCapacityUnits;
  return out;
}

export const describeTable: OperationHandler = async (input, ctx) => {
  const meta = getTable(ctx, input.TableName as string);
  const stats = await allStats(ctx.services, meta);
  return { Table: tableDescription(ctx, meta, { stats }) };
};
