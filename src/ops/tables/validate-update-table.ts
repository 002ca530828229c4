/**
 * UpdateTable's checks and the metadata they lead to, as a pure function of the request and the
 * table's current metadata (run inside the updating transaction, against the stored copy).
 *
 * Order when several faults are present (DynamoDB Local, test/golden/tables/update-table-*.json):
 *   table busy → nothing to update → GlobalSecondaryIndexUpdates (null actions; an index being
 *   created; one create/delete at a time; then each update in turn) → billing mode and table
 *   throughput (the "equals the current value" check included) → StreamSpecification.
 */
import type { IndexMeta, TableMeta } from '../../catalog/types.js';
import type { AttributeDefinition, KeyType } from '../../model/types.js';
import { javaHashMapOrder } from '../../validate/java.js';
import type { RequestContext } from '../types.js';
import { M } from './messages.js';
import { sseDescription, type SseInput } from './sse.js';
import { changeThroughput, checkDecreaseAllowed, sameUnits, type Units } from './throughput.js';
import { copyKeySchema, gsiKeyShapes, type Definitions } from './validate-key-schema.js';
import {
  checkGsi,
  copyProjection,
  MAX_GSIS,
  ProjectionBudget,
  type GsiInput,
  type IndexContext,
} from './validate-indexes.js';
import { checkStreamSpecification, streamLabel, type StreamInput } from './validate-stream.js';
import { checkGsiUnits, checkTableUnits, newThroughput, type BillingMode, type ThroughputInput } from './validate-throughput.js';

export interface GsiUpdateInput {
  Create?: GsiInput;
  Update?: {
    IndexName: string;
    ProvisionedThroughput?: ThroughputInput;
    OnDemandThroughput?: GsiInput['OnDemandThroughput'];
    WarmThroughput?: GsiInput['WarmThroughput'];
  };
  Delete?: { IndexName: string };
}

export interface UpdateTableInput {
  TableName: string;
  AttributeDefinitions?: AttributeDefinition[];
  BillingMode?: BillingMode;
  ProvisionedThroughput?: ThroughputInput;
  GlobalSecondaryIndexUpdates?: GsiUpdateInput[];
  StreamSpecification?: StreamInput;
  SSESpecification?: SseInput;
  TableClass?: TableMeta['tableClass'];
  DeletionProtectionEnabled?: boolean;
  OnDemandThroughput?: TableMeta['onDemandThroughput'];
  WarmThroughput?: TableMeta['warmThroughput'];
}

export interface UpdatePlan {
  next: TableMeta;
  /** A GSI to create: its storage id is still to be allocated, then it is to be backfilled. */
  created?: IndexMeta;
  /** GSIs removed from the metadata now, whose entries are to be cleared. */
  dropped: IndexMeta[];
}

export interface UpdateEnv {
  ctx: RequestContext;
  nowMs: number;
  /** End of the transient statuses, when they are shown (-delayTransientStatuses). */
  until: number | undefined;
}

export function planUpdateTable(input: UpdateTableInput, meta: TableMeta, env: UpdateEnv): UpdatePlan {
  if (meta.status !== 'ACTIVE') throw M.tableBusy(meta.name, meta.status);
  const gsiUpdates = input.GlobalSecondaryIndexUpdates ?? [];
  const changes =
    gsiUpdates.length > 0 ||
    [
      input.ProvisionedThroughput,
      input.BillingMode,
      input.StreamSpecification,
      input.SSESpecification,
      input.TableClass,
      input.DeletionProtectionEnabled,
      input.OnDemandThroughput,
      input.WarmThroughput,
    ].some((v) => v !== undefined);
  if (!changes) throw M.nothingToUpdate();

  const mode = input.BillingMode ?? meta.billingMode;
  const next: TableMeta = { ...meta, lsis: [...meta.lsis], gsis: [...meta.gsis] };
  const plan: UpdatePlan = { next, dropped: [] };

  if (gsiUpdates.length > 0) applyGsiUpdates(input, meta, mode, plan, env);
  applyBilling(input, meta, mode, plan, env);
  applyStream(input, meta, plan, env);

  if (input.DeletionProtectionEnabled !== undefined) next.deletionProtectionEnabled = input.DeletionProtectionEnabled;
  if (input.TableClass !== undefined) {
    next.tableClass = input.TableClass;
    next.tableClassSummary = { lastUpdate: env.nowMs / 1000 };
  }
  if (input.SSESpecification !== undefined) {
    const sse = sseDescription(env.ctx, input.SSESpecification);
    if (sse) next.sse = sse;
    else delete next.sse;
  }
  if (input.OnDemandThroughput !== undefined) next.onDemandThroughput = { ...input.OnDemandThroughput };
  if (input.WarmThroughput !== undefined) next.warmThroughput = { ...meta.warmThroughput, ...input.WarmThroughput };
  if (env.until !== undefined) {
    next.status = 'UPDATING';
    next.statusUntil = env.until;
  }
  return plan;
}

// ---- GlobalSecondaryIndexUpdates --------------------------------------------------------------

function applyGsiUpdates(input: UpdateTableInput, meta: TableMeta, mode: BillingMode, plan: UpdatePlan, env: UpdateEnv): void {
  const updates = input.GlobalSecondaryIndexUpdates!;
  const gsiNamed = (name: string) => meta.gsis.find((g) => g.name === name);
  for (const u of updates) {
    const actions = [u.Create, u.Update, u.Delete].filter((a) => a !== undefined && a !== null).length;
    if (actions === 0) throw M.gsiActionNull();
    if (actions > 1) throw M.oneIndexAtATime();
  }
  for (const u of updates) {
    const target = u.Create?.IndexName ?? u.Delete?.IndexName;
    if (target !== undefined && gsiNamed(target)?.status === 'CREATING') throw M.indexBeingCreated();
  }
  const inProgress = meta.gsis.filter((g) => g.status === 'CREATING' || g.status === 'DELETING').length;
  const onlineChanges = updates.filter((u) => u.Create || u.Delete).length;
  if (onlineChanges + inProgress > 1) throw M.oneIndexAtATime();

  const touched = new Set<string>();
  for (const u of updates) {
    if (u.Update) updateGsi(u.Update, meta, mode, plan, env, touched);
    else if (u.Delete) deleteGsi(u.Delete.IndexName, meta, plan, env, touched);
    else createGsi(u.Create!, input, meta, mode, plan, env);
  }
  plan.next.attributeDefinitions = definitionsInUse(plan.next);
}

function updateGsi(
  u: NonNullable<GsiUpdateInput['Update']>,
  meta: TableMeta,
  mode: BillingMode,
  plan: UpdatePlan,
  env: UpdateEnv,
  touched: Set<string>,
): void {
  const index = meta.gsis.find((g) => g.name === u.IndexName);
  if (!index) throw M.updateUnknownIndex();
  if (touched.has(u.IndexName)) throw M.oneUpdatePerIndex();
  touched.add(u.IndexName);
  const next: IndexMeta = { ...index };
  const pt = u.ProvisionedThroughput;
  if (mode === 'PAY_PER_REQUEST') {
    if (pt) throw M.gsiThroughputWithPayPerRequest(u.IndexName);
  } else if (pt || (u.OnDemandThroughput === undefined && u.WarmThroughput === undefined)) {
    if (!pt) throw M.noGsiThroughput();
    checkGsiUnits(pt);
    const units = pt as Units;
    const current = index.throughput;
    if (current && meta.billingMode === 'PROVISIONED') {
      if (sameUnits(current, units)) throw M.indexThroughputUnchanged();
      checkDecreaseAllowed(current, units, env.nowMs);
      next.throughput = changeThroughput(current, units, env.nowMs);
    } else {
      next.throughput = newThroughput(units);
    }
  }
  if (u.OnDemandThroughput !== undefined) next.onDemandThroughput = { ...u.OnDemandThroughput };
  if (u.WarmThroughput !== undefined) next.warmThroughput = { ...index.warmThroughput, ...u.WarmThroughput };
  replaceGsi(plan.next, next);
}

function deleteGsi(name: string, meta: TableMeta, plan: UpdatePlan, env: UpdateEnv, touched: Set<string>): void {
  const index = meta.gsis.find((g) => g.name === name);
  if (!index) {
    if (meta.lsis.some((l) => l.name === name)) throw M.deleteNotGsi();
    throw M.indexNotFound();
  }
  if (touched.has(name)) throw M.oneUpdatePerIndex();
  touched.add(name);
  if (index.status === 'DELETING') throw M.indexBeingDeleted();
  if (env.until === undefined) {
    plan.next.gsis = plan.next.gsis.filter((g) => g.name !== name);
    plan.dropped.push(index);
  } else {
    replaceGsi(plan.next, { ...index, status: 'DELETING', statusUntil: env.until });
  }
}

function createGsi(
  c: GsiInput,
  input: UpdateTableInput,
  meta: TableMeta,
  mode: BillingMode,
  plan: UpdatePlan,
  env: UpdateEnv,
): void {
  if (meta.gsis.some((g) => g.name === c.IndexName) || meta.lsis.some((l) => l.name === c.IndexName)) throw M.indexExists();
  if (!Array.isArray(input.AttributeDefinitions)) throw M.noAttributeDefinitions();
  const defs = mergeDefinitions(meta.attributeDefinitions, input.AttributeDefinitions);
  if (meta.gsis.length + 1 > MAX_GSIS) throw M.tooManyGsis();
  const budget = new ProjectionBudget();
  for (const i of [...meta.lsis, ...meta.gsis]) budget.spend(i.projection.NonKeyAttributes?.length ?? 0);
  const ctx: IndexContext = { tableKey: meta.keySchema, defs, budget, names: new Set() };
  checkGsi(c, ctx, mode);

  const index: IndexMeta = {
    kind: 'GSI',
    name: c.IndexName,
    id: -1, // allocated by the caller inside the transaction
    keySchema: copyKeySchema(c.KeySchema!),
    ...gsiKeyShapes(c.KeySchema!, defs),
    projection: copyProjection(c.Projection!),
    status: 'CREATING',
    backfilling: true,
  };
  if (c.ProvisionedThroughput) index.throughput = newThroughput(c.ProvisionedThroughput);
  if (c.OnDemandThroughput) index.onDemandThroughput = { ...c.OnDemandThroughput };
  if (c.WarmThroughput) index.warmThroughput = { ...c.WarmThroughput };
  if (env.until !== undefined) index.statusUntil = env.until;
  plan.next.gsis.push(index);
  plan.next.attributeDefinitions = [...defs].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
  plan.created = index;
}

function replaceGsi(meta: TableMeta, index: IndexMeta): void {
  meta.gsis = meta.gsis.map((g) => (g.name === index.name ? index : g));
}

/** The table's definitions plus the request's; one attribute may not change its type. */
function mergeDefinitions(existing: AttributeDefinition[], added: AttributeDefinition[]): Definitions {
  const defs: Definitions = new Map(existing.map((d) => [d.AttributeName, d.AttributeType as KeyType]));
  for (const d of added) {
    const had = defs.get(d.AttributeName);
    if (had !== undefined && had !== d.AttributeType) throw M.attributeRedefined();
    defs.set(d.AttributeName, d.AttributeType);
  }
  return defs;
}

/**
 * The definitions still used by a key schema. After GlobalSecondaryIndexUpdates DynamoDB Local
 * lists them in java.util.HashMap order (it rebuilds them from a map), so Tessera does too.
 */
export function definitionsInUse(meta: TableMeta): AttributeDefinition[] {
  const types = new Map(meta.attributeDefinitions.map((d) => [d.AttributeName, d.AttributeType]));
  const used: string[] = [];
  for (const index of [{ keySchema: meta.keySchema }, ...meta.lsis, ...meta.gsis]) {
    for (const e of index.keySchema) if (!used.includes(e.AttributeName)) used.push(e.AttributeName);
  }
  const known = meta.attributeDefinitions.map((d) => d.AttributeName).filter((n) => used.includes(n));
  return javaHashMapOrder(known).map((n) => ({ AttributeName: n, AttributeType: types.get(n)! }));
}

// ---- billing mode and throughput ------------------------------------------------------------

function applyBilling(input: UpdateTableInput, meta: TableMeta, mode: BillingMode, plan: UpdatePlan, env: UpdateEnv): void {
  const pt = input.ProvisionedThroughput;
  const next = plan.next;
  if (mode === 'PAY_PER_REQUEST') {
    // DynamoDB Local accepts and ignores throughput here; the service rejects it (messages.ts).
    if (pt) throw M.throughputWithPayPerRequest();
    if (meta.billingMode !== 'PAY_PER_REQUEST') {
      next.billingMode = 'PAY_PER_REQUEST';
      next.lastUpdateToPayPerRequestDateTime = env.nowMs / 1000;
    }
    return;
  }
  if (!pt) {
    if (meta.billingMode === 'PAY_PER_REQUEST') throw M.noTableThroughput();
    return;
  }
  checkTableUnits(pt);
  const units = pt as Units;
  if (meta.billingMode === 'PROVISIONED') {
    if (sameUnits(meta.throughput, units)) throw M.throughputUnchanged(
      { r: meta.throughput.ReadCapacityUnits, w: meta.throughput.WriteCapacityUnits },
      { r: units.ReadCapacityUnits, w: units.WriteCapacityUnits },
    );
    if (input.StreamSpecification) throw M.streamAndThroughput();
    checkDecreaseAllowed(meta.throughput, units, env.nowMs);
    next.throughput = changeThroughput(meta.throughput, units, env.nowMs);
    return;
  }
  // PAY_PER_REQUEST → PROVISIONED: the table and every GSI need capacity in this same call.
  const withCapacity = new Set(
    (input.GlobalSecondaryIndexUpdates ?? []).flatMap((u) => (u.Update?.ProvisionedThroughput ? [u.Update.IndexName] : [])),
  );
  for (const g of meta.gsis) {
    if (g.status !== 'DELETING' && !withCapacity.has(g.name) && next.gsis.some((n) => n.name === g.name)) {
      throw M.gsiThroughputRequired(g.name);
    }
  }
  next.billingMode = 'PROVISIONED';
  next.throughput = { ...meta.throughput, ReadCapacityUnits: units.ReadCapacityUnits, WriteCapacityUnits: units.WriteCapacityUnits };
}

// ---- streams ----------------------------------------------------------------------------------

function applyStream(input: UpdateTableInput, meta: TableMeta, plan: UpdatePlan, env: UpdateEnv): void {
  const spec = input.StreamSpecification;
  if (!spec) return;
  checkStreamSpecification(spec);
  if (spec.StreamEnabled) {
    if (meta.stream?.enabled) throw M.streamAlreadyEnabled();
    plan.next.stream = { enabled: true, viewType: spec.StreamViewType as never, label: streamLabel(env.nowMs) };
  } else {
    if (!meta.stream?.enabled) throw M.noStreamToDisable();
    plan.next.stream = { ...meta.stream, enabled: false };
  }
}
