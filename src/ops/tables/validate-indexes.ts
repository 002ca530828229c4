/**
 * Secondary index definitions: names, projections and key schemas, checked one index at a time
 * in request order, each index's checks in the order DynamoDB Local reports them (its only
 * observable order): for an LSI name → projection → key schema; for a GSI throughput → name →
 * projection → key schema.
 */
import type { Projection } from '../../catalog/types.js';
import type { AttributeDefinition, KeySchemaElement } from '../../model/types.js';
import { M } from './messages.js';
import { checkKeySchemaStructure, type Definitions } from './validate-key-schema.js';
import { checkGsiThroughput, type BillingMode, type ThroughputInput } from './validate-throughput.js';

export const MAX_LSIS = 5;
export const MAX_GSIS = 20;
/** Non-key attributes projected into all of a table's indexes together (ServiceQuotas). */
export const MAX_PROJECTED_ATTRIBUTES = 100;

const PROJECTION_TYPES = new Set(['ALL', 'KEYS_ONLY', 'INCLUDE']);

export interface ProjectionInput {
  ProjectionType?: string;
  NonKeyAttributes?: string[];
}

export interface LsiInput {
  IndexName: string;
  KeySchema?: KeySchemaElement[];
  Projection?: ProjectionInput;
}

export interface GsiInput extends LsiInput {
  ProvisionedThroughput?: ThroughputInput;
  OnDemandThroughput?: { MaxReadRequestUnits?: number; MaxWriteRequestUnits?: number };
  WarmThroughput?: { ReadUnitsPerSecond?: number; WriteUnitsPerSecond?: number };
}

/** Counts projected attributes across the indexes of one table as they are checked. */
export class ProjectionBudget {
  constructor(private used = 0) {}

  spend(n: number): void {
    this.used += n;
    if (this.used > MAX_PROJECTED_ATTRIBUTES) throw M.tooManyProjected();
  }
}

export function checkProjection(p: ProjectionInput | undefined, budget: ProjectionBudget): void {
  if (!p || p.ProjectionType === undefined) throw M.noProjection();
  if (!PROJECTION_TYPES.has(p.ProjectionType)) throw M.badProjectionType();
  const attrs = p.NonKeyAttributes;
  if (p.ProjectionType === 'INCLUDE') {
    if (!attrs || attrs.length === 0) throw M.includeNeedsAttributes();
  } else if (attrs && attrs.length > 0) {
    throw M.attributesOnlyWithInclude();
  }
  if (!attrs) return;
  if (new Set(attrs).size !== attrs.length) throw M.duplicateAttribute();
  budget.spend(attrs.length);
}

export interface IndexContext {
  tableKey: KeySchemaElement[];
  defs: Definitions;
  budget: ProjectionBudget;
  /** Names of indexes already accepted (the table's own and earlier ones in the request). */
  names: Set<string>;
}

export function checkLsi(lsi: LsiInput, ctx: IndexContext): void {
  // Only LSIs have been accepted so far (they are checked before the GSIs).
  if (ctx.names.has(lsi.IndexName)) throw M.duplicateLsiName();
  checkProjection(lsi.Projection, ctx.budget);
  const ks = lsi.KeySchema;
  if (!ks) throw M.noKeySchema();
  // DynamoDB Local lets an empty LSI key schema through to the range-key check.
  if (ks.length > 0) checkKeySchemaStructure(ks);
  if (ks.length === 1) throw M.lsiNeedsRange();
  if (ks.length > 0 && ks[0]!.AttributeName !== ctx.tableKey[0]!.AttributeName) throw M.lsiSameHash();
  if (ks.length === 0 || !ctx.defs.has(ks[1]!.AttributeName)) throw M.lsiRangeUndefined();
  ctx.names.add(lsi.IndexName);
}

export function checkGsi(gsi: GsiInput, ctx: IndexContext, mode: BillingMode): void {
  checkGsiThroughput(mode, gsi.IndexName, gsi.ProvisionedThroughput);
  if (ctx.names.has(gsi.IndexName)) throw M.duplicateIndexName(gsi.IndexName);
  checkProjection(gsi.Projection, ctx.budget);
  checkGsiKeySchema(gsi.KeySchema, ctx.defs);
  ctx.names.add(gsi.IndexName);
}

export function checkGsiKeySchema(ks: KeySchemaElement[] | undefined, defs: Definitions): void {
  if (!ks) throw M.noKeySchema();
  if (isMultiAttributeKeySchema(ks)) return checkMultiAttributeKeySchema(ks, defs);
  checkKeySchemaStructure(ks);
  if (!defs.has(ks[0]!.AttributeName)) throw M.gsiHashUndefined();
  if (ks[1] && !defs.has(ks[1].AttributeName)) throw M.gsiRangeUndefined();
}

export const MAX_KEY_ATTRIBUTES = 4;

/**
 * A GSI key schema with more than one HASH or more than one RANGE element: a multi-attribute key
 * (up to 4 of each; see src/ops/common/multi-key.ts for the documentation). Tables and LSIs keep
 * single-attribute keys: their KeySchema stays limited to two elements by the request validator.
 */
export function isMultiAttributeKeySchema(ks: readonly KeySchemaElement[]): boolean {
  return ks.length > 2 || (ks.length === 2 && ks[1]!.KeyType === 'HASH');
}

/**
 * Order matters: the HASH elements come first (the partition key's attributes in order), then
 * the RANGE elements (the sort key's, in order). Checks in the order of the single-key ones: the
 * structure, repeated names (worded as for a two-element schema naming one attribute twice), then
 * each attribute's definition in schema order.
 */
function checkMultiAttributeKeySchema(ks: KeySchemaElement[], defs: Definitions): void {
  if (ks[0]!.KeyType !== 'HASH') throw M.firstNotHash();
  const firstRange = ks.findIndex((e) => e.KeyType === 'RANGE');
  const hashes = firstRange < 0 ? ks.length : firstRange;
  if (ks.slice(hashes).some((e) => e.KeyType !== 'RANGE')) throw M.gsiHashAfterRange();
  if (hashes > MAX_KEY_ATTRIBUTES) throw M.gsiTooManyHash();
  if (ks.length - hashes > MAX_KEY_ATTRIBUTES) throw M.gsiTooManyRange();
  if (new Set(ks.map((e) => e.AttributeName)).size !== ks.length) throw M.duplicateKeyName();
  for (const e of ks) {
    if (!defs.has(e.AttributeName)) throw e.KeyType === 'HASH' ? M.gsiHashUndefined() : M.gsiRangeUndefined();
  }
}

/** Every attribute definition is used by some key schema (table or index). */
export function checkAllDefinitionsUsed(
  defs: AttributeDefinition[],
  keySchemas: KeySchemaElement[][],
  hasIndexes: boolean,
  hashOrder: (names: string[]) => string[],
): void {
  const used = new Set<string>();
  for (const ks of keySchemas) for (const e of ks) used.add(e.AttributeName);
  if (defs.every((d) => used.has(d.AttributeName))) return;
  if (!hasIndexes) throw M.keyCountMismatch();
  throw M.unusedDefinitions(
    defs.map((d) => d.AttributeName),
    hashOrder([...used]),
  );
}

/** A stored copy of a (checked) projection. */
export function copyProjection(p: ProjectionInput): Projection {
  const out: Projection = { ProjectionType: p.ProjectionType as Projection['ProjectionType'] };
  if (p.NonKeyAttributes) out.NonKeyAttributes = [...p.NonKeyAttributes];
  return out;
}
