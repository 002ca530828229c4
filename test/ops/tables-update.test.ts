/**
 * UpdateTable through the SDK: capacity with its dates and the decrease quota, billing-mode
 * switches, streams, deletion protection, table class, encryption, on-demand and warm throughput,
 * and GlobalSecondaryIndexUpdates.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTableCommand,
  type UpdateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { sdkServer } from '../helpers/sdk.js';
import { compositeKey, hashKey, onDemand, provisioned, rejects } from './tables-helpers.js';

const env = sdkServer();

const update = (input: UpdateTableCommandInput) => env.db.send(new UpdateTableCommand(input)).then((r) => r.TableDescription!);
const describeTable = (TableName: string) => env.db.send(new DescribeTableCommand({ TableName })).then((r) => r.Table!);

describe('provisioned throughput', () => {
  before(() => env.db.send(new CreateTableCommand({ TableName: 'ut_tp', ...hashKey(), ...provisioned(5, 5) })));

  test('an increase sets LastIncreaseDateTime', async () => {
    const t = await update({ TableName: 'ut_tp', ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 10 } });
    assert.equal(t.TableStatus, 'ACTIVE');
    const pt = t.ProvisionedThroughput!;
    assert.equal(pt.ReadCapacityUnits, 10);
    assert.ok(pt.LastIncreaseDateTime instanceof Date && Date.now() - pt.LastIncreaseDateTime.getTime() < 60_000);
    assert.equal(pt.LastDecreaseDateTime, undefined);
    assert.equal(pt.NumberOfDecreasesToday, 0);
  });

  test('the same values again are refused with the service wording', async () => {
    await rejects(
      () => update({ TableName: 'ut_tp', ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 10 } }),
      'ValidationException',
      'The provisioned throughput for the table will not change. The requested value equals the current value. ' +
        'Current ReadCapacityUnits provisioned for the table: 10. Requested ReadCapacityUnits: 10. ' +
        'Current WriteCapacityUnits provisioned for the table: 10. Requested WriteCapacityUnits: 10. ' +
        'Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.',
    );
  });

  test('decreases are counted: four a day, then one an hour', async () => {
    for (let i = 1; i <= 4; i++) {
      const t = await update({ TableName: 'ut_tp', ProvisionedThroughput: { ReadCapacityUnits: 10 - i, WriteCapacityUnits: 10 } });
      assert.equal(t.ProvisionedThroughput!.NumberOfDecreasesToday, i);
      assert.ok(t.ProvisionedThroughput!.LastDecreaseDateTime instanceof Date);
    }
    await rejects(
      () => update({ TableName: 'ut_tp', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 10 } }),
      'LimitExceededException',
      /^Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day\..*Number of decreases today: 4\./,
    );
    // Increases are never limited.
    await update({ TableName: 'ut_tp', ProvisionedThroughput: { ReadCapacityUnits: 20, WriteCapacityUnits: 20 } });
    const t = await describeTable('ut_tp');
    assert.equal(t.ProvisionedThroughput!.NumberOfDecreasesToday, 4);
  });

  test('bounds and the IOPS-with-streams rule', async () => {
    await rejects(
      () => update({ TableName: 'ut_tp', ProvisionedThroughput: { ReadCapacityUnits: 40_001, WriteCapacityUnits: 1 } }),
      'ValidationException',
      'Cannot increase provisioned throughput to more than 40,000 units per table',
    );
    await rejects(
      () =>
        update({
          TableName: 'ut_tp',
          ProvisionedThroughput: { ReadCapacityUnits: 30, WriteCapacityUnits: 30 },
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
        }),
      'ValidationException',
      'Cannot change IOPS and Streams at the same time.',
    );
  });

  test('nothing to update', async () => {
    await rejects(() => update({ TableName: 'ut_tp' }), 'ValidationException', 'Nothing to update');
    await rejects(() => update({ TableName: 'ut_tp', AttributeDefinitions: [{ AttributeName: 'x', AttributeType: 'S' }] }), 'ValidationException', 'Nothing to update');
    await rejects(
      () => update({ TableName: 'ut_missing', DeletionProtectionEnabled: true }),
      'ResourceNotFoundException',
      'Requested resource not found: Table: ut_missing not found',
    );
  });
});

describe('billing mode', () => {
  before(() =>
    env.db.send(
      new CreateTableCommand({
        TableName: 'ut_bill',
        ...hashKey(),
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'g', AttributeType: 'S' },
        ],
        ...provisioned(5, 5),
        GlobalSecondaryIndexes: [
          { IndexName: 'by_g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' }, ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 } },
        ],
      }),
    ),
  );

  test('to on demand: units read 0, the summary records when', async () => {
    const t = await update({ TableName: 'ut_bill', BillingMode: 'PAY_PER_REQUEST' });
    assert.equal(t.BillingModeSummary!.BillingMode, 'PAY_PER_REQUEST');
    assert.ok(t.BillingModeSummary!.LastUpdateToPayPerRequestDateTime instanceof Date);
    assert.equal(t.ProvisionedThroughput!.ReadCapacityUnits, 0);
    assert.deepEqual(t.GlobalSecondaryIndexes![0]!.ProvisionedThroughput, { ReadCapacityUnits: 0, WriteCapacityUnits: 0 });
    // PAY_PER_REQUEST again is accepted (DynamoDB Local answers 200 to the same request).
    await update({ TableName: 'ut_bill', BillingMode: 'PAY_PER_REQUEST' });
  });

  test('throughput on an on-demand table is refused', async () => {
    const message =
      'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST';
    await rejects(() => update({ TableName: 'ut_bill', ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 3 } }), 'ValidationException', message);
    await rejects(
      () => update({ TableName: 'ut_bill', GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'by_g', ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 3 } } }] }),
      'ValidationException',
      'One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: by_g when BillingMode is PAY_PER_REQUEST',
    );
  });

  test('back to provisioned needs capacity for the table and every GSI in the same call', async () => {
    await rejects(() => update({ TableName: 'ut_bill', BillingMode: 'PROVISIONED' }), 'ValidationException', 'No provisioned throughput specified for the table');
    await rejects(
      () => update({ TableName: 'ut_bill', BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 4, WriteCapacityUnits: 4 } }),
      'ValidationException',
      'One or more parameter values were invalid: ProvisionedThroughput must be specified for index: by_g',
    );
    const t = await update({
      TableName: 'ut_bill',
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 4, WriteCapacityUnits: 4 },
      GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'by_g', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } } }],
    });
    assert.equal(t.ProvisionedThroughput!.ReadCapacityUnits, 4);
    assert.equal(t.GlobalSecondaryIndexes![0]!.ProvisionedThroughput!.ReadCapacityUnits, 1);
    // Once switched, the summary stays (as DynamoDB Local and the BillingModeSummary docs show).
    assert.equal(t.BillingModeSummary!.BillingMode, 'PROVISIONED');
    assert.ok(t.BillingModeSummary!.LastUpdateToPayPerRequestDateTime instanceof Date);
  });
});

describe('settings', () => {
  before(() => env.db.send(new CreateTableCommand({ TableName: 'ut_set', ...hashKey(), ...onDemand })));

  test('streams: enable, refuse twice, disable, keep the latest stream on show', async () => {
    await rejects(() => update({ TableName: 'ut_set', StreamSpecification: { StreamEnabled: false } }), 'ValidationException', 'Table has no stream to disable');
    await rejects(
      () => update({ TableName: 'ut_set', StreamSpecification: { StreamEnabled: true } }),
      'ValidationException',
      'Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams.',
    );
    const on = await update({ TableName: 'ut_set', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } });
    assert.deepEqual(on.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    assert.ok(on.LatestStreamArn!.endsWith(`/stream/${on.LatestStreamLabel}`));
    await rejects(
      () => update({ TableName: 'ut_set', StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } }),
      'ValidationException',
      'Table already has an enabled stream',
    );
    const off = await update({ TableName: 'ut_set', StreamSpecification: { StreamEnabled: false } });
    assert.equal(off.StreamSpecification, undefined);
    assert.equal(off.LatestStreamArn, on.LatestStreamArn);
    const again = await update({ TableName: 'ut_set', StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } });
    assert.notEqual(again.LatestStreamArn, on.LatestStreamArn, 'each enabling makes a new stream');
  });

  test('table class, encryption, on-demand and warm throughput', async () => {
    const c = await update({ TableName: 'ut_set', TableClass: 'STANDARD_INFREQUENT_ACCESS' });
    assert.equal(c.TableClassSummary!.TableClass, 'STANDARD_INFREQUENT_ACCESS');
    assert.ok(c.TableClassSummary!.LastUpdateDateTime instanceof Date);
    const e = await update({ TableName: 'ut_set', SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'my-key' } });
    assert.deepEqual(e.SSEDescription, { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: 'arn:aws:kms:us-east-1:000000000000:key/my-key' });
    const d = await update({ TableName: 'ut_set', SSESpecification: { Enabled: false } });
    assert.equal(d.SSEDescription, undefined);
    const o = await update({ TableName: 'ut_set', OnDemandThroughput: { MaxReadRequestUnits: 20, MaxWriteRequestUnits: 15 } });
    assert.deepEqual(o.OnDemandThroughput, { MaxReadRequestUnits: 20, MaxWriteRequestUnits: 15 });
    const w = await update({ TableName: 'ut_set', WarmThroughput: { ReadUnitsPerSecond: 13_000 } });
    assert.deepEqual(w.WarmThroughput, { ReadUnitsPerSecond: 13_000, Status: 'ACTIVE' });
  });

  test('deletion protection round-trips', async () => {
    assert.equal((await update({ TableName: 'ut_set', DeletionProtectionEnabled: true })).DeletionProtectionEnabled, true);
    assert.equal((await describeTable('ut_set')).DeletionProtectionEnabled, true);
    assert.equal((await update({ TableName: 'ut_set', DeletionProtectionEnabled: false })).DeletionProtectionEnabled, false);
  });
});

describe('GlobalSecondaryIndexUpdates', () => {
  before(() =>
    env.db.send(
      new CreateTableCommand({
        TableName: 'ut_gsi',
        ...compositeKey([{ AttributeName: 'l', AttributeType: 'S' }]),
        ...onDemand,
        LocalSecondaryIndexes: [
          { IndexName: 'by_l', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'l', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
        ],
      }),
    ),
  );

  const create = (IndexName: string, attr: string, type: 'S' | 'N' = 'S') =>
    update({
      TableName: 'ut_gsi',
      AttributeDefinitions: [{ AttributeName: attr, AttributeType: type }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName, KeySchema: [{ AttributeName: attr, KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
    });

  test('a created index is ACTIVE when the call returns, its definition merged', async () => {
    const t = await create('by_g', 'g', 'N');
    const gsi = t.GlobalSecondaryIndexes!.find((g) => g.IndexName === 'by_g')!;
    assert.equal(gsi.IndexStatus, 'ACTIVE');
    assert.deepEqual(gsi.ProvisionedThroughput, { ReadCapacityUnits: 0, WriteCapacityUnits: 0 });
    assert.deepEqual(
      t.AttributeDefinitions!.map((d) => d.AttributeName).sort(),
      ['g', 'l', 'pk', 'sk'],
    );
  });

  test('one create or delete per call, no duplicates, no redefinitions', async () => {
    await rejects(
      () =>
        update({
          TableName: 'ut_gsi',
          AttributeDefinitions: [{ AttributeName: 'h', AttributeType: 'S' }],
          GlobalSecondaryIndexUpdates: [
            { Create: { IndexName: 'by_h', KeySchema: [{ AttributeName: 'h', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } },
            { Delete: { IndexName: 'by_g' } },
          ],
        }),
      'LimitExceededException',
      'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table',
    );
    await rejects(() => create('by_g', 'h'), 'ValidationException', 'Attempting to create an index which already exists');
    await rejects(() => create('by_l', 'h'), 'ValidationException', 'Attempting to create an index which already exists');
    await rejects(() => create('by_x', 'g', 'S'), 'ValidationException', 'invalid attribute, SchemaElement redefined should be of same type as previously defined');
    await rejects(
      () => update({ TableName: 'ut_gsi', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'by_l' } }] }),
      'ValidationException',
      'Cannot delete an index that is not a GlobalSecondaryIndex',
    );
    await rejects(() => update({ TableName: 'ut_gsi', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'nope' } }] }), 'ResourceNotFoundException');
    await rejects(
      () => update({ TableName: 'ut_gsi', GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'nope', OnDemandThroughput: { MaxReadRequestUnits: 5 } } }] }),
      'ValidationException',
      'Invalid global secondary index name',
    );
  });

  test('a deleted index is gone, and its unused definition with it', async () => {
    const t = await update({ TableName: 'ut_gsi', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'by_g' } }] });
    assert.equal(t.GlobalSecondaryIndexes, undefined);
    assert.deepEqual(t.AttributeDefinitions!.map((d) => d.AttributeName).sort(), ['l', 'pk', 'sk']);
  });

  test('at most 20 GSIs and 100 projected attributes per table', async () => {
    for (let i = 0; i < 20; i++) {
      await update({
        TableName: 'ut_gsi',
        AttributeDefinitions: [{ AttributeName: `a${i}`, AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: `gsi_${i}`,
              KeySchema: [{ AttributeName: `a${i}`, KeyType: 'HASH' }],
              Projection: i < 5 ? { ProjectionType: 'INCLUDE', NonKeyAttributes: Array.from({ length: 20 }, (_, j) => `p${i}_${j}`) } : { ProjectionType: 'KEYS_ONLY' },
            },
          },
        ],
      });
    }
    await rejects(() => create('gsi_21', 'b21'), 'ValidationException', 'GlobalSecondaryIndex count exceeds the per-table limit');
    const t = await describeTable('ut_gsi');
    assert.equal(t.GlobalSecondaryIndexes!.length, 20);
    await update({ TableName: 'ut_gsi', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'gsi_19' } }] });
    // 5 × 20 attributes are projected already: one more is over the limit.
    await rejects(
      () =>
        update({
          TableName: 'ut_gsi',
          AttributeDefinitions: [{ AttributeName: 'z', AttributeType: 'S' }],
          GlobalSecondaryIndexUpdates: [
            { Create: { IndexName: 'gsi_z', KeySchema: [{ AttributeName: 'z', KeyType: 'HASH' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['one'] } } },
          ],
        }),
      'ValidationException',
      'No more than 20 attributes per table can be projected into Local Secondary Indices',
    );
  });
});
