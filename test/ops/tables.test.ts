/**
 * The control plane through the AWS SDK v3 against a real server: CreateTable, DescribeTable,
 * ListTables, DeleteTable, tags, DescribeLimits, DescribeEndpoints. Error wording is checked
 * where DynamoDB's is known; the golden scenarios (test/golden/tables) cover the rest.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeEndpointsCommand,
  DescribeLimitsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ListTagsOfResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateTableCommand,
  paginateListTables,
} from '@aws-sdk/client-dynamodb';
import { startServer, type RunningServer } from '../../src/index.js';
import { call } from '../helpers/http.js';
import { sdkServer } from '../helpers/sdk.js';
import { client, compositeKey, hashKey, onDemand, provisioned, rejects, UUID } from './tables-helpers.js';

const env = sdkServer();

describe('CreateTable and DescribeTable', () => {
  test('a provisioned table: ACTIVE at once, with the fields DynamoDB reports', async () => {
    const before = Date.now() / 1000;
    const { TableDescription: t } = await env.db.send(
      new CreateTableCommand({ TableName: 'ct_prov', ...hashKey(), ...provisioned(5, 6) }),
    );
    assert.ok(t);
    assert.equal(t.TableStatus, 'ACTIVE');
    assert.equal(t.TableArn, 'arn:aws:dynamodb:us-east-1:000000000000:table/ct_prov');
    assert.match(t.TableId!, UUID);
    assert.ok(t.CreationDateTime!.getTime() / 1000 >= before - 1);
    assert.deepEqual(t.ProvisionedThroughput, { NumberOfDecreasesToday: 0, ReadCapacityUnits: 5, WriteCapacityUnits: 6 });
    assert.equal(t.ItemCount, 0);
    assert.equal(t.TableSizeBytes, 0);
    assert.equal(t.DeletionProtectionEnabled, false);
    // Absent until switched to on demand once (BillingModeSummary docs), and no class chosen.
    assert.equal(t.BillingModeSummary, undefined);
    assert.equal(t.TableClassSummary, undefined);
    assert.equal(t.SSEDescription, undefined);

    const { Table: d } = await env.db.send(new DescribeTableCommand({ TableName: 'ct_prov' }));
    assert.equal(d!.TableId, t.TableId, 'TableId is stable');
    assert.deepEqual(d!.CreationDateTime, t.CreationDateTime);
    assert.deepEqual(d!.KeySchema, [{ AttributeName: 'pk', KeyType: 'HASH' }]);
    assert.deepEqual(d!.AttributeDefinitions, [{ AttributeName: 'pk', AttributeType: 'S' }]);
  });

  test('an on-demand table reports 0 units and a BillingModeSummary', async () => {
    const { TableDescription: t } = await env.db.send(new CreateTableCommand({ TableName: 'ct_od', ...hashKey(), ...onDemand }));
    assert.deepEqual(t!.ProvisionedThroughput, { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 });
    assert.equal(t!.BillingModeSummary!.BillingMode, 'PAY_PER_REQUEST');
    assert.deepEqual(t!.BillingModeSummary!.LastUpdateToPayPerRequestDateTime, t!.CreationDateTime);
  });

  test('indexes, stream, class, encryption, protection and tags are all described', async () => {
    const { TableDescription: t } = await env.db.send(
      new CreateTableCommand({
        TableName: 'ct_full',
        ...compositeKey([
          { AttributeName: 'l', AttributeType: 'N' },
          { AttributeName: 'g', AttributeType: 'B' },
        ]),
        ...provisioned(),
        LocalSecondaryIndexes: [
          {
            IndexName: 'by_l',
            KeySchema: [
              { AttributeName: 'pk', KeyType: 'HASH' },
              { AttributeName: 'l', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['a', 'b'] },
          },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'by_g',
            KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
            ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 2 },
          },
        ],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        SSESpecification: { Enabled: true },
        TableClass: 'STANDARD_INFREQUENT_ACCESS',
        DeletionProtectionEnabled: true,
        Tags: [{ Key: 'team', Value: 'storage' }],
      }),
    );
    const lsi = t!.LocalSecondaryIndexes![0]!;
    assert.deepEqual(lsi.Projection, { ProjectionType: 'INCLUDE', NonKeyAttributes: ['a', 'b'] });
    assert.equal(lsi.IndexArn, 'arn:aws:dynamodb:us-east-1:000000000000:table/ct_full/index/by_l');
    assert.equal(lsi.ItemCount, 0);
    const gsi = t!.GlobalSecondaryIndexes![0]!;
    assert.equal(gsi.IndexStatus, 'ACTIVE');
    assert.deepEqual(gsi.ProvisionedThroughput, { ReadCapacityUnits: 1, WriteCapacityUnits: 2 });
    assert.equal(gsi.IndexArn, 'arn:aws:dynamodb:us-east-1:000000000000:table/ct_full/index/by_g');
    assert.deepEqual(t!.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    assert.match(t!.LatestStreamLabel!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
    assert.equal(t!.LatestStreamArn, `arn:aws:dynamodb:us-east-1:000000000000:table/ct_full/stream/${t!.LatestStreamLabel}`);
    assert.equal(t!.SSEDescription!.Status, 'ENABLED');
    assert.equal(t!.SSEDescription!.SSEType, 'KMS');
    assert.match(t!.SSEDescription!.KMSMasterKeyArn!, /^arn:aws:kms:us-east-1:000000000000:key\//);
    assert.deepEqual(t!.TableClassSummary, { TableClass: 'STANDARD_INFREQUENT_ACCESS' });
    assert.equal(t!.DeletionProtectionEnabled, true);
    const tags = await env.db.send(new ListTagsOfResourceCommand({ ResourceArn: t!.TableArn }));
    assert.deepEqual(tags.Tags, [{ Key: 'team', Value: 'storage' }]);
  });

  test('ARNs carry the region and account of the caller', async () => {
    const other = client(env.server.url, '123456789012', 'eu-west-1');
    try {
      const { TableDescription: t } = await other.send(new CreateTableCommand({ TableName: 'ct_arn', ...hashKey(), ...onDemand }));
      assert.equal(t!.TableArn, 'arn:aws:dynamodb:eu-west-1:123456789012:table/ct_arn');
      // Another account and region is another namespace.
      await rejects(() => env.db.send(new DescribeTableCommand({ TableName: 'ct_arn' })), 'ResourceNotFoundException');
    } finally {
      other.destroy();
    }
  });

  test('TableName may be the table ARN', async () => {
    const arn = 'arn:aws:dynamodb:us-east-1:000000000000:table/ct_prov';
    const { Table: t } = await env.db.send(new DescribeTableCommand({ TableName: arn }));
    assert.equal(t!.TableName, 'ct_prov');
    await rejects(
      () => env.db.send(new DescribeTableCommand({ TableName: 'arn:aws:dynamodb:us-west-2:000000000000:table/ct_prov' })),
      'ResourceNotFoundException',
      'Requested resource not found: Table: ct_prov not found',
    );
  });

  test('a second CreateTable of one name fails, even when both race', async () => {
    const create = () => env.db.send(new CreateTableCommand({ TableName: 'ct_race', ...hashKey(), ...onDemand }));
    const results = await Promise.allSettled([create(), create(), create()]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    await rejects(create, 'ResourceInUseException', 'Table already exists: ct_race');
  });

  test('names are case-sensitive (DynamoDB Local fails with a 500 here)', async () => {
    await env.db.send(new CreateTableCommand({ TableName: 'CT_RACE', ...hashKey(), ...onDemand }));
    const { Table } = await env.db.send(new DescribeTableCommand({ TableName: 'CT_RACE' }));
    assert.equal(Table!.TableName, 'CT_RACE');
  });

  test('a missing table: the documented ResourceNotFoundException body', async () => {
    const r = await call(env.server.url, 'DescribeTable', { body: { TableName: 'nope_table' } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, {
      __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      message: 'Requested resource not found: Table: nope_table not found',
    });
  });

  test('semantic faults are ValidationExceptions in coral validate namespace', async () => {
    const r = await call(env.server.url, 'CreateTable', {
      body: { TableName: 'ct_bad', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'x', AttributeType: 'S' }], ...onDemand },
    });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, {
      __type: 'com.amazon.coral.validate#ValidationException',
      message:
        'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [x]',
    });
  });

  test('billing mode against throughput, as documented', async () => {
    await rejects(
      () => env.db.send(new CreateTableCommand({ TableName: 'ct_bill', ...hashKey() })),
      'ValidationException',
      'No provisioned throughput specified for the table',
    );
    await rejects(
      () => env.db.send(new CreateTableCommand({ TableName: 'ct_bill', ...hashKey(), ...onDemand, ...provisioned() })),
      'ValidationException',
      'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
    );
    await rejects(
      () => env.db.send(new CreateTableCommand({ TableName: 'ct_bill', ...hashKey(), ...provisioned(40_001, 1) })),
      'ValidationException',
      'Cannot increase provisioned throughput to more than 40,000 units per table',
    );
  });
});

describe('ListTables', () => {
  let local: RunningServer;
  let ldb: DynamoDBClient;
  const names = ['lt_b', 'lt_A', 'lt_c', 'lt_.dot', 'lt__under', 'lt_-dash', 'lt_9'];
  before(async () => {
    local = await startServer({ port: 0, inMemory: true });
    ldb = client(local.url);
    for (const TableName of names) await ldb.send(new CreateTableCommand({ TableName, ...hashKey(), ...onDemand }));
  });
  after(async () => {
    ldb.destroy();
    await local.close();
  });
  const sorted = [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

  test('names in byte order', async () => {
    const r = await ldb.send(new ListTablesCommand({}));
    assert.deepEqual(r.TableNames, sorted);
    assert.equal(r.LastEvaluatedTableName, undefined);
  });

  test('pages of Limit names, LastEvaluatedTableName only while more follow', async () => {
    const p1 = await ldb.send(new ListTablesCommand({ Limit: 3 }));
    assert.deepEqual(p1.TableNames, sorted.slice(0, 3));
    assert.equal(p1.LastEvaluatedTableName, sorted[2]);
    const p2 = await ldb.send(new ListTablesCommand({ Limit: 3, ExclusiveStartTableName: p1.LastEvaluatedTableName }));
    assert.deepEqual(p2.TableNames, sorted.slice(3, 6));
    const p3 = await ldb.send(new ListTablesCommand({ Limit: 3, ExclusiveStartTableName: p2.LastEvaluatedTableName }));
    assert.deepEqual(p3.TableNames, sorted.slice(6));
    assert.equal(p3.LastEvaluatedTableName, undefined);
    // A page that ends exactly at the last table has nothing after it either.
    const exact = await ldb.send(new ListTablesCommand({ Limit: 1, ExclusiveStartTableName: sorted[5] }));
    assert.deepEqual(exact.TableNames, [sorted[6]]);
    assert.equal(exact.LastEvaluatedTableName, undefined);
  });

  test('ExclusiveStartTableName need not exist', async () => {
    const r = await ldb.send(new ListTablesCommand({ ExclusiveStartTableName: 'lt_B' }));
    assert.deepEqual(r.TableNames, sorted.filter((n) => n > 'lt_B'));
  });

  test("the SDK's paginator walks every page", async () => {
    const all: string[] = [];
    for await (const page of paginateListTables({ client: ldb, pageSize: 2 }, {})) all.push(...(page.TableNames ?? []));
    assert.deepEqual(all, sorted);
  });
});

describe('DeleteTable', () => {
  test('answers DELETING, then the table is gone', async () => {
    await env.db.send(new CreateTableCommand({ TableName: 'dt_gone', ...hashKey(), ...onDemand }));
    const { TableDescription: t } = await env.db.send(new DeleteTableCommand({ TableName: 'dt_gone' }));
    assert.equal(t!.TableStatus, 'DELETING');
    await rejects(
      () => env.db.send(new DescribeTableCommand({ TableName: 'dt_gone' })),
      'ResourceNotFoundException',
      'Requested resource not found: Table: dt_gone not found',
    );
    const list = await env.db.send(new ListTablesCommand({}));
    assert.ok(!list.TableNames!.includes('dt_gone'));
    await rejects(() => env.db.send(new DeleteTableCommand({ TableName: 'dt_gone' })), 'ResourceNotFoundException');
    // The name is free again.
    await env.db.send(new CreateTableCommand({ TableName: 'dt_gone', ...hashKey(), ...onDemand }));
  });

  test('deletion protection refuses, until it is turned off', async () => {
    await env.db.send(new CreateTableCommand({ TableName: 'dt_prot', ...hashKey(), ...onDemand, DeletionProtectionEnabled: true }));
    await rejects(
      () => env.db.send(new DeleteTableCommand({ TableName: 'dt_prot' })),
      'ValidationException',
      'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
    );
    await env.db.send(new UpdateTableCommand({ TableName: 'dt_prot', DeletionProtectionEnabled: false }));
    await env.db.send(new DeleteTableCommand({ TableName: 'dt_prot' }));
  });

  test('by ARN', async () => {
    await env.db.send(new CreateTableCommand({ TableName: 'dt_arn', ...hashKey(), ...onDemand }));
    await env.db.send(new DeleteTableCommand({ TableName: 'arn:aws:dynamodb:us-east-1:000000000000:table/dt_arn' }));
    await rejects(() => env.db.send(new DescribeTableCommand({ TableName: 'dt_arn' })), 'ResourceNotFoundException');
  });
});

describe('tags', () => {
  const arn = 'arn:aws:dynamodb:us-east-1:000000000000:table/tag_t';
  before(() => env.db.send(new CreateTableCommand({ TableName: 'tag_t', ...hashKey(), ...onDemand })));

  test('tag, retag, untag, list', async () => {
    await env.db.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'env', Value: 'test' }, { Key: 'team', Value: 'env.db' }] }));
    await env.db.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'env', Value: 'prod' }] }));
    await env.db.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['team', 'absent'] }));
    const r = await env.db.send(new ListTagsOfResourceCommand({ ResourceArn: arn }));
    assert.deepEqual(r.Tags, [{ Key: 'env', Value: 'prod' }]);
    assert.equal(r.NextToken, undefined);
  });

  test('the restrictions of the developer guide', async () => {
    await rejects(() => env.db.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'aws:x', Value: 'y' }] })), 'ValidationException', /reserved/);
    await rejects(() => env.db.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'a#b', Value: 'y' }] })), 'ValidationException', /invalid characters/);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejects(() => env.db.send(new TagResourceCommand({ ResourceArn: arn, Tags: many })), 'ValidationException', /at most 50 tags/);
    // Unicode letters, spaces and the allowed punctuation are fine.
    await env.db.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'Ümlaut key_1.:/=+-@', Value: '' }] }));
  });

  test('unknown and foreign resources', async () => {
    await rejects(() => env.db.send(new ListTagsOfResourceCommand({ ResourceArn: 'not-an-arn' })), 'ValidationException');
    await rejects(
      () => env.db.send(new ListTagsOfResourceCommand({ ResourceArn: `${arn}_none` })),
      'ResourceNotFoundException',
      `Requested resource not found: ResourcArn: ${arn}_none not found`,
    );
    await rejects(
      () => env.db.send(new ListTagsOfResourceCommand({ ResourceArn: 'arn:aws:dynamodb:us-east-1:111122223333:table/tag_t' })),
      'AccessDeniedException',
    );
  });

  test('tags go with the table', async () => {
    await env.db.send(new DeleteTableCommand({ TableName: 'tag_t' }));
    await env.db.send(new CreateTableCommand({ TableName: 'tag_t', ...hashKey(), ...onDemand }));
    const r = await env.db.send(new ListTagsOfResourceCommand({ ResourceArn: arn }));
    assert.deepEqual(r.Tags, []);
  });
});

describe('DescribeLimits and DescribeEndpoints', () => {
  test('the quotas CreateTable enforces', async () => {
    const r = await env.db.send(new DescribeLimitsCommand({}));
    assert.equal(r.AccountMaxReadCapacityUnits, 80_000);
    assert.equal(r.AccountMaxWriteCapacityUnits, 80_000);
    assert.equal(r.TableMaxReadCapacityUnits, 40_000);
    assert.equal(r.TableMaxWriteCapacityUnits, 40_000);
  });

  test('the regional endpoint of the caller', async () => {
    const other = client(env.server.url, 'fakeKey', 'ap-south-1');
    try {
      const r = await other.send(new DescribeEndpointsCommand({}));
      assert.deepEqual(r.Endpoints, [{ Address: 'dynamodb.ap-south-1.amazonaws.com', CachePeriodInMinutes: 1440 }]);
    } finally {
      other.destroy();
    }
  });
});
