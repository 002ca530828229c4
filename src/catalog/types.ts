/**
 * Table and index metadata as Tessera keeps it. The wire shape (TableDescription) is derived
 * from this by the tables module; everything else reads these fields.
 */
import type { AttributeDefinition, KeySchemaElement, KeyShape, MultiKeyShape } from '../model/types.js';

export type TableStatus = 'CREATING' | 'UPDATING' | 'DELETING' | 'ACTIVE' | 'ARCHIVING' | 'ARCHIVED';
export type IndexStatus = 'CREATING' | 'UPDATING' | 'DELETING' | 'ACTIVE';
export type ProjectionType = 'ALL' | 'KEYS_ONLY' | 'INCLUDE';

export interface Projection {
  ProjectionType: ProjectionType;
  NonKeyAttributes?: string[];
}

export interface Throughput {
  ReadCapacityUnits: number;
  WriteCapacityUnits: number;
  /** Epoch seconds, as DynamoDB reports them; absent until the first increase/decrease. */
  LastIncreaseDateTime?: number;
  LastDecreaseDateTime?: number;
  /** Decreases during the UTC day of LastDecreaseDateTime (reported as 0 on later days). */
  NumberOfDecreasesToday: number;
}

export interface WarmThroughputSetting {
  ReadUnitsPerSecond?: number;
  WriteUnitsPerSecond?: number;
}

export interface OnDemandThroughputSetting {
  MaxReadRequestUnits?: number;
  MaxWriteRequestUnits?: number;
}

export interface IndexMeta {
  kind: 'LSI' | 'GSI';
  name: string;
  /** Storage prefix id of this index's entries; never reused. */
  id: number;
  keySchema: KeySchemaElement[];
  key: KeyShape;
  /**
   * GSIs whose KeySchema has more than one HASH or more than one RANGE element only: the whole
   * key, every attribute in schema order. `key` then names just the first of each, so every
   * key-aware path (membership, projection, entry keys, key conditions, start keys) must consult
   * this first: see src/ops/common/multi-key.ts.
   */
  multiKey?: MultiKeyShape;
  projection: Projection;
  status: IndexStatus;
  /** GSI created by UpdateTable while existing items are copied into it. */
  backfilling?: boolean;
  /** GSIs only: the provisioned capacity (kept across a switch to on-demand, shown as 0 there). */
  throughput?: Throughput;
  onDemandThroughput?: OnDemandThroughputSetting;
  warmThroughput?: WarmThroughputSetting;
  /** Epoch ms at which a transient IndexStatus (CREATING/DELETING) may end (-delayTransientStatuses). */
  statusUntil?: number;
}

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

/**
 * The table's latest stream. It outlives its disabling: LatestStreamArn/Label keep naming it, as
 * DynamoDB's do, while `enabled` is false. The stream itself (shards, records, status) lives in
 * the streams key space under `streamId` (see src/streams/).
 */
export interface StreamSettings {
  enabled: boolean;
  viewType?: StreamViewType;
  /** The current stream's label (ISO-ish timestamp, as DynamoDB's LatestStreamLabel). */
  label?: string;
  /** Storage id of the latest stream (from Catalog.allocateId; never reused). */
  streamId?: number;
  /** The latest stream's ARN (the table ARN + `/stream/` + label). */
  arn?: string;
}

export interface TableMeta {
  /** Namespace (account + region, or shared) the table lives in. */
  namespace: string;
  name: string;
  /** Storage prefix id of this table's items; never reused, so a dropped table's keys can be cleared lazily. */
  id: number;
  /** DynamoDB's TableId (a UUID). */
  tableId: string;
  arn: string;
  /** Epoch seconds with fraction. */
  creationDateTime: number;
  status: TableStatus;
  keySchema: KeySchemaElement[];
  attributeDefinitions: AttributeDefinition[];
  key: KeyShape;
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  lastUpdateToPayPerRequestDateTime?: number;
  throughput: Throughput;
  onDemandThroughput?: OnDemandThroughputSetting;
  warmThroughput?: WarmThroughputSetting;
  lsis: IndexMeta[];
  gsis: IndexMeta[];
  stream?: StreamSettings;
  deletionProtectionEnabled: boolean;
  tableClass: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';
  /**
   * Set once TableClass was given (CreateTable) or changed (UpdateTable): DynamoDB reports
   * TableClassSummary only then. `lastUpdate` (epoch seconds) only after an UpdateTable.
   */
  tableClassSummary?: { lastUpdate?: number };
  sse?: { Status: string; SSEType?: string; KMSMasterKeyArn?: string };
  tags: { Key: string; Value: string }[];
  /**
   * Time to Live. `status` is the settled state (ENABLED or DISABLED); DescribeTimeToLive derives
   * ENABLING/DISABLING from `changedAt` (epoch ms) when transient statuses are delayed. The
   * attribute name is kept after disabling so DISABLING can still name it.
   */
  ttl?: { attributeName: string; status: 'ENABLING' | 'ENABLED' | 'DISABLING' | 'DISABLED'; changedAt: number };
  /** Epoch ms at which a transient TableStatus (CREATING/UPDATING/DELETING) may end (-delayTransientStatuses). */
  statusUntil?: number;
}
