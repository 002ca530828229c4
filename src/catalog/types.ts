/**
 * Table and index metadata as Tessera keeps it. The wire shape (TableDescription) is derived
 * from this by the tables module; everything else reads these fields.
 */
import type { AttributeDefinition, KeySchemaElement, KeyShape } from '../model/types.js';

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
  /** Epoch seconds, as DynamoDB reports them. */
  LastIncreaseDateTime?: number;
  LastDecreaseDateTime?: number;
  NumberOfDecreasesToday: number;
}

export interface IndexMeta {
  kind: 'LSI' | 'GSI';
  name: string;
  /** Storage prefix id of this index's entries; never reused. */
  id: number;
  keySchema: KeySchemaElement[];
  key: KeyShape;
  projection: Projection;
  status: IndexStatus;
  /** GSI created by UpdateTable while existing items are copied into it. */
  backfilling?: boolean;
  throughput?: Throughput;
  onDemandThroughput?: { MaxReadRequestUnits?: number; MaxWriteRequestUnits?: number };
}

export interface StreamSettings {
  enabled: boolean;
  viewType?: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
  /** The current stream's label (ISO-ish timestamp, as DynamoDB's LatestStreamLabel). */
  label?: string;
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
  onDemandThroughput?: { MaxReadRequestUnits?: number; MaxWriteRequestUnits?: number };
  lsis: IndexMeta[];
  gsis: IndexMeta[];
  stream?: StreamSettings;
  deletionProtectionEnabled: boolean;
  tableClass: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';
  sse?: { Status: string; SSEType?: string; KMSMasterKeyArn?: string };
  tags: { Key: string; Value: string }[];
  ttl?: { attributeName: string; status: 'ENABLING' | 'ENABLED' | 'DISABLING' | 'DISABLED'; changedAt: number };
}
