/**
 * CreateTable's semantic checks, in the order DynamoDB reports them when a request has several
 * faults (worked out pairwise against DynamoDB Local; see test/golden/tables/create-table-order.json):
 *
 *   table key schema → attribute definitions → table keys defined → LSIs (table has a range
 *   key, count, then each in turn) → GSIs (list, count, then each in turn) → unused definitions
 *   → billing mode and table throughput → stream specification → tags
 *
 * The table's existence is checked after all of these, inside the creating transaction.
 */
import type { AttributeDefinition, KeySchemaElement } from '../../model/types.js';
import { javaHashMapOrder } from '../../validate/java.js';
import { M } from './messages.js';
import {
  checkAttributeDefinitions,
  checkKeySchemaStructure,
  checkTableKeysDefined,
  type Definitions,
} from './validate-key-schema.js';
import {
  checkAllDefinitionsUsed,
  checkGsi,
  checkLsi,
  MAX_GSIS,
  MAX_LSIS,
  ProjectionBudget,
  type GsiInput,
  type IndexContext,
  type LsiInput,
} from './validate-indexes.js';
import { checkStreamSpecification, type StreamInput } from './validate-stream.js';
import { checkTags, type TagInput } from './validate-tags.js';
import { checkTableThroughput, type BillingMode, type ThroughputInput } from './validate-throughput.js';

export interface CreateTableInput {
  TableName: string;
  KeySchema?: KeySchemaElement[];
  AttributeDefinitions?: AttributeDefinition[];
  LocalSecondaryIndexes?: LsiInput[];
  GlobalSecondaryIndexes?: GsiInput[];
  BillingMode?: BillingMode;
  ProvisionedThroughput?: ThroughputInput;
  StreamSpecification?: StreamInput;
  SSESpecification?: { Enabled?: boolean; SSEType?: string; KMSMasterKeyId?: string };
  Tags?: TagInput[];
  TableClass?: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';
  DeletionProtectionEnabled?: boolean;
  OnDemandThroughput?: { MaxReadRequestUnits?: number; MaxWriteRequestUnits?: number };
  WarmThroughput?: { ReadUnitsPerSecond?: number; WriteUnitsPerSecond?: number };
}

/** What the checks establish, for building the table's metadata. */
export interface CheckedCreateTable {
  keySchema: KeySchemaElement[];
  defs: Definitions;
  billingMode: BillingMode;
}

export function validateCreateTable(input: CreateTableInput): CheckedCreateTable {
  const ks = input.KeySchema;
  if (!ks) throw M.noKeySchema();
  checkKeySchemaStructure(ks);
  const defs = checkAttributeDefinitions(input.AttributeDefinitions);
  checkTableKeysDefined(ks, input.AttributeDefinitions!, defs);

  const billingMode = input.BillingMode ?? 'PROVISIONED';
  const ctx: IndexContext = { tableKey: ks, defs, budget: new ProjectionBudget(), names: new Set() };
  const lsis = input.LocalSecondaryIndexes;
  if (lsis) {
    if (lsis.length > 0 && ks.length < 2) throw M.lsiOnHashTable();
    if (lsis.length > MAX_LSIS) throw M.tooManyLsis();
    for (const lsi of lsis) checkLsi(lsi, ctx);
  }
  const gsis = input.GlobalSecondaryIndexes;
  if (gsis) {
    if (gsis.length === 0) throw M.emptyGsiList();
    if (gsis.length > MAX_GSIS) throw M.tooManyGsis();
    for (const gsi of gsis) checkGsi(gsi, ctx, billingMode);
  }
  const keySchemas = [ks, ...(lsis ?? []).map((i) => i.KeySchema!), ...(gsis ?? []).map((i) => i.KeySchema!)];
  const hasIndexes = (lsis?.length ?? 0) + (gsis?.length ?? 0) > 0;
  checkAllDefinitionsUsed(input.AttributeDefinitions!, keySchemas, hasIndexes, javaHashMapOrder);

  checkTableThroughput(billingMode, input.ProvisionedThroughput);
  if (input.StreamSpecification) checkStreamSpecification(input.StreamSpecification);
  if (input.Tags) checkTags(input.Tags);
  return { keySchema: ks, defs, billingMode };
}
