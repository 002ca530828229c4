/**
 * Every message the control plane puts in an error, in one place so the wording can be checked
 * against its source and changed in one edit.
 *
 * Sources, in order of authority:
 *  - "real": the service itself, as documented by AWS or quoted verbatim by its users (the
 *    issue or page cited beside each message);
 *  - "DDBL": DynamoDB Local 1.25.1, probed for this module, where nothing better is known.
 * The order in which faults are reported always follows DDBL, the only place it can be observed.
 */
import { CORAL_SERVICE, DynamoError, invalidParameter, limitExceeded, resourceInUse, resourceNotFound, validation } from '../../errors.js';

const list = (names: readonly string[]): string => `[${names.join(', ')}]`;

export const M = {
  // ---- key schema and attribute definitions ----------------------------------------------
  /**
   * real: a key schema whose first element is not HASH — a table's (pynamodb/PynamoDB#21 quotes
   * the coral body; developmentseed/cogeo-mosaic#127) and a GSI's (awslabs/dynamodb-data-mapper-js#87).
   * An LSI's key schema goes through the same check here; no source shows its words apart.
   */
  firstNotHash: () => validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type'),
  /** real (pynamodb/PynamoDB#356, two HASH elements): a two-element key schema whose second element is not RANGE. */
  secondNotRange: () => validation('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type'),
  /**
   * real: more key schema elements than attribute definitions (aws-cloudformation/cfn-lint#1037
   * quoting the CLI; ministryofjustice/cloud-platform-environments#3121).
   */
  keyAttributeNoDefinition: () => validation('Invalid KeySchema: Some index key attribute have no definition'),
  /** real (moto#4428, verified against the service; quoted in the brief): as many definitions as keys, but not the same names. */
  keysNotDefined: (keys: readonly string[], defs: readonly string[]) =>
    invalidParameter(
      `Some index key attributes are not defined in AttributeDefinitions. Keys: ${list(keys)}, AttributeDefinitions: ${list(defs)}`,
    ),
  /** real (moto#4409 quoting the service; aws-samples issue): unused definitions, table without indexes. */
  keyCountMismatch: () =>
    invalidParameter('Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions'),
  /** real (cfn-lint#1037, aws-samples PR quoting the service): unused definitions, table with indexes. */
  unusedDefinitions: (defs: readonly string[], used: readonly string[]) =>
    invalidParameter(`Some AttributeDefinitions are not used. AttributeDefinitions: ${list(defs)}, keys used: ${list(used)}`),
  /** DDBL. */
  noAttributeDefinitions: () => validation('No Attribute Schema Defined'),
  /**
   * DDBL: one attribute named twice in a key schema (table or index). No source shows the
   * service's words for this case, so DynamoDB Local's are used.
   */
  duplicateKeyName: () => validation('Two keys can not have the same name'),
  /** DDBL (duplicate AttributeDefinitions, duplicate NonKeyAttributes). */
  duplicateAttribute: () => validation('Cannot have two attributes with the same name'),
  /** DDBL: UpdateTable redefining an attribute with another type. */
  attributeRedefined: () => validation('invalid attribute, SchemaElement redefined should be of same type as previously defined'),
  /** DDBL: an index key schema with no element (the table's is caught by the model's min 1). */
  noHashKey: () => validation('No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key'),
  /** DDBL: more than two KeySchema elements (the service's coral check normally answers first). */
  keySchemaTooBig: () => validation('Key Schema too big.  Key Schema must at most consist of the hash and range key of a table'),
  /** DDBL: KeySchema absent in an index. */
  noKeySchema: () => validation('No defined key schema.  A key schema containing at least a hash key must be defined for all tables'),

  // ---- local secondary indexes -----------------------------------------------------------
  /**
   * real: an LSI on a table without a sort key (aws-cloudformation/cfn-lint#3110 quoting the
   * service; scylladb/scylladb#9018 quotes DynamoDB's answer). DDBL words it its own way.
   */
  lsiOnHashTable: () =>
    invalidParameter('Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex'),
  /** DDBL. */
  tooManyLsis: () => validation('Cannot have more than 5 local secondary indexes per table'),
  /** DDBL. */
  lsiNeedsRange: () => validation('Local secondary indices must have a range key'),
  /** DDBL. */
  lsiSameHash: () => validation('Local Secondary indices must have the same hash key as the main table'),
  /** DDBL. */
  lsiRangeUndefined: () => validation('Local Secondary Index range key not specified in Attribute Definitions.Type unknown.'),
  /** DDBL. */
  lsiHashUndefined: () => validation('Local Secondary Index hash key not specified in Attribute Definitions.Type unknown.'),

  // ---- global secondary indexes ----------------------------------------------------------
  /** DDBL. */
  emptyGsiList: () => validation('GSI list is empty/invalid'),
  /** DDBL. */
  tooManyGsis: () => validation('GlobalSecondaryIndex count exceeds the per-table limit'),
  /** DDBL. */
  gsiHashUndefined: () => validation('Global Secondary Index hash key not specified in Attribute Definitions.Type unknown.'),
  /** DDBL. */
  gsiRangeUndefined: () => validation('Global Secondary Index range key not specified in Attribute Definitions.Type unknown.'),
  /**
   * Multi-attribute GSI keys: "partition and sort keys composed of up to four attributes each"
   * (Developer Guide, GSI.DesignPattern.MultiAttributeKeys; CreateGlobalSecondaryIndexAction's
   * KeySchema: "Global secondary index supports up to 4 partition and up to 4 sort keys"). The
   * documentation gives no wording for these faults and DynamoDB Local rejects every such schema
   * ("Key Schema too big"), so the words are Tessera's, in the style of the service's other
   * "Invalid KeySchema: …" messages above.
   */
  gsiTooManyHash: () =>
    validation('Invalid KeySchema: A global secondary index key schema can have at most 4 HASH key elements'),
  gsiTooManyRange: () =>
    validation('Invalid KeySchema: A global secondary index key schema can have at most 4 RANGE key elements'),
  gsiHashAfterRange: () =>
    validation('Invalid KeySchema: The HASH key elements must come before the RANGE key elements'),
  /**
   * real: two indexes of one name where one is a GSI — two GSIs (architect/architect#32 quotes the
   * service) or a GSI and an LSI (scylladb/scylladb#10789 quotes DynamoDB's answer).
   */
  duplicateIndexName: (name: string) => invalidParameter(`Duplicate index name: ${name}`),
  /** DDBL: two LSIs of one name (no source shows the service's words for this case). */
  duplicateLsiName: () => validation('Two local secondary indices have the same name'),

  // ---- projections -----------------------------------------------------------------------
  /** DDBL. */
  noProjection: () => validation('Indexes must have a projection specified'),
  /** DDBL (only reachable when the shape validator let an unknown enum value through). */
  badProjectionType: () => validation('Projection type must be INCLUDE, ALL, or KEYS_ONLY'),
  /** DDBL. */
  includeNeedsAttributes: () =>
    validation('If Projection type INCLUDE is specified, some non-key attributes to include in the projection must be specified as well'),
  /** DDBL. */
  attributesOnlyWithInclude: () => validation('No attributes should be specified to be projected unless projection type is INCLUDE'),
  /** DDBL: its wording for the 100-attribute limit over all indexes (the text says 20, the limit is 100). */
  tooManyProjected: () => validation('No more than 20 attributes per table can be projected into Local Secondary Indices'),

  // ---- throughput and billing ------------------------------------------------------------
  /** DDBL (quoted in the brief). */
  noTableThroughput: () => validation('No provisioned throughput specified for the table'),
  /** DDBL (unreachable through the shape validator's min 1, kept for direct callers). */
  tableThroughputTooLow: () => validation('Table read and write throughput must be at least 1, and cannot be null'),
  /** DDBL. */
  tableThroughputTooHigh: () => validation('Cannot increase provisioned throughput to more than 40,000 units per table'),
  /** DDBL. */
  noGsiThroughput: () => validation('No provisioned throughput specified for the global secondary index'),
  /** DDBL. */
  gsiThroughputTooLow: () => validation("Global Secondary Index's read and write throughput must be at least 1, and cannot be null"),
  /** DDBL. */
  gsiThroughputTooHigh: () => validation('Cannot increase provisioned throughput to more than 40,000 units per global secondary index'),
  /**
   * real (dynamoose#1406 quoting the service; reference §2b). DynamoDB Local accepts the request
   * and ignores the throughput; the documentation says it is not allowed.
   */
  throughputWithPayPerRequest: () =>
    invalidParameter('Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST'),
  /** real (awslabs/aws-lambda-redshift-loader#192 quoting the service). DDBL accepts and ignores it. */
  gsiThroughputWithPayPerRequest: (index: string) =>
    invalidParameter(`ProvisionedThroughput should not be specified for index: ${index} when BillingMode is PAY_PER_REQUEST`),
  /**
   * Switching to PROVISIONED without capacity for every GSI: the service requires it in the same
   * call (go-to-k/cdkd#1588); DDBL silently gives the index 0/0. Wording not observed.
   */
  gsiThroughputRequired: (index: string) => invalidParameter(`ProvisionedThroughput must be specified for index: ${index}`),
  /** real (cortexproject/cortex#441 quoting the service). */
  throughputUnchanged: (cur: { r: number; w: number }, req: { r: number; w: number }) =>
    validation(
      'The provisioned throughput for the table will not change. The requested value equals the current value. ' +
        `Current ReadCapacityUnits provisioned for the table: ${cur.r}. Requested ReadCapacityUnits: ${req.r}. ` +
        `Current WriteCapacityUnits provisioned for the table: ${cur.w}. Requested WriteCapacityUnits: ${req.w}. ` +
        'Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.',
    ),
  /** DDBL (for an index; the table's own wording is above). */
  indexThroughputUnchanged: () => validation('The requested throughput value equals the current value'),
  /**
   * The documented decrease quota (4 in a UTC day, then one an hour); DDBL ignores it. Wording
   * after the service's LimitExceededException family ("Subscriber limit exceeded: …").
   */
  tooManyDecreases: (count: number, last: Date, next: Date) =>
    limitExceeded(
      'Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day. ' +
        'After the first 4 decreases, each subsequent decrease in the same UTC day can be performed at most once every 3600 seconds. ' +
        `Number of decreases today: ${count}. Last decrease at ${utc(last)}. Next decrease can be made at ${utc(next)}`,
    ),

  // ---- streams ---------------------------------------------------------------------------
  /** DDBL. */
  streamNeedsViewType: () =>
    validation('Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams.'),
  /** DDBL. */
  streamViewTypeWhenDisabled: () =>
    validation('Invalid StreamViewType: Stream StreamEnabled was false but a StreamViewType was present.'),
  /** DDBL. */
  badStreamViewType: (v: string) => validation(`Invalid StreamViewType: ${v}`),
  /** DDBL; the UpdateTable documentation names the exception (ValidationException). */
  streamAlreadyEnabled: () => validation('Table already has an enabled stream'),
  /** DDBL; documented as a ValidationException. */
  noStreamToDisable: () => validation('Table has no stream to disable'),
  /** DDBL. */
  streamAndThroughput: () => validation('Cannot change IOPS and Streams at the same time.'),

  // ---- table lifecycle -------------------------------------------------------------------
  /** real (brief; Dynamoid#178 quoting the service). DDBL says "Cannot create preexisting table". */
  tableExists: (name: string) => resourceInUse(`Table already exists: ${name}`),
  /** real (terraform-aws-dynamodb-table#51 quoting the service, "Table is being created"); the other states by analogy. */
  tableBusy: (name: string, status: string) =>
    resourceInUse(`Attempt to change a resource which is still in use: Table is being ${busyWord(status)}: ${name}`),
  /** real and DDBL agree. */
  deletionProtected: () =>
    validation('Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.'),
  /** DDBL. */
  nothingToUpdate: () => validation('Nothing to update'),

  // ---- UpdateTable GlobalSecondaryIndexUpdates --------------------------------------------
  /** DDBL. */
  gsiActionNull: () => validation('Update global secondary index action is null'),
  /** DDBL. */
  oneIndexAtATime: () =>
    limitExceeded('Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table'),
  /** DDBL. */
  oneUpdatePerIndex: () => validation('Only one global secondary index update per index is allowed simultaneously.'),
  /** DDBL. */
  indexExists: () => validation('Attempting to create an index which already exists'),
  /** DDBL. */
  indexNotFound: () => resourceNotFound('Requested resource not found'),
  /** DDBL. */
  updateUnknownIndex: () => validation('Invalid global secondary index name'),
  /** DDBL: a Delete naming a local secondary index. */
  deleteNotGsi: () => validation('Cannot delete an index that is not a GlobalSecondaryIndex'),
  /** DDBL. */
  indexBeingCreated: () => resourceInUse('Attempt to change a resource which is still in use: Index is being created.'),
  /** Same family as the above for an index being deleted. */
  indexBeingDeleted: () => resourceInUse('Attempt to change a resource which is still in use: Index is being deleted.'),

  // ---- tags --------------------------------------------------------------------------------
  /**
   * DynamoDB Local does not tag, and no source quotes the service's answer to a malformed ARN:
   * ValidationException because the parameter fails validation (the API reference's common
   * errors); the words are Tessera's own.
   */
  invalidArn: (arn: string) => validation(`Invalid TableArn: Invalid ResourceArn provided as input ${arn}`),
  /**
   * An ARN of another account: without a resource-based policy granting it, IAM refuses a
   * cross-account request before DynamoDB looks (developer guide, "Using resource-based policies
   * for DynamoDB": cross-account access needs the resource's policy to allow it). IAM's wording
   * (sebdah/dynamic-dynamodb#321 quotes it for dynamodb:ListTables), with the caller's access key
   * standing in for the IAM user Tessera does not have.
   */
  accessDenied: (account: string, accessKeyId: string, operation: string, arn: string) =>
    new DynamoError(
      'AccessDeniedException',
      `User: arn:aws:iam::${account}:user/${accessKeyId} is not authorized to perform: dynamodb:${operation} on resource: ${arn}`,
      CORAL_SERVICE,
    ),
  /**
   * real, with its "ResourcArn" typo (turbot/steampipe-plugin-aws#1516 and
   * cloud-custodian/cloud-custodian#3514 quote the service's ListTagsOfResource answer).
   */
  resourceNotFound: (arn: string) => resourceNotFound(`Requested resource not found: ResourcArn: ${arn} not found`),
  /** Tagging restrictions (developer guide "Tagging restrictions"): 50 per resource. */
  tooManyTags: () => invalidParameter('Too many tags. A resource can have at most 50 tags.'),
  /** Tagging restrictions: the aws: prefix is reserved. */
  reservedTagKey: () => invalidParameter("Tag keys starting with 'aws:' are reserved for system use"),
  /** Tagging restrictions: letters, digits, white space and + - = . _ : / @. */
  badTagCharacters: (what: 'key' | 'value', s: string) =>
    invalidParameter(`Tag ${what} '${s}' contains invalid characters. Allowed characters are letters, white space, numbers and + - = . _ : / @`),
  /** One key twice in one request. */
  duplicateTagKeys: () => invalidParameter('Duplicate tag keys found in the request'),
} as const;

function busyWord(status: string): string {
  switch (status) {
    case 'CREATING':
      return 'created';
    case 'DELETING':
      return 'deleted';
    default:
      return 'updated';
  }
}

/** "Wednesday, July 12, 2017 6:21:27 PM UTC", the service's way of printing times in this message. */
function utc(d: Date): string {
  const day = d.toLocaleDateString('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  const time = d.toLocaleTimeString('en-US', { timeZone: 'UTC' });
  return `${day} ${time} UTC`;
}
