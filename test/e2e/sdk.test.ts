/**
 * End to end through the AWS SDK for JavaScript v3 (@aws-sdk/client-dynamodb) against
 * startServer(): what a user's test suite does. The SDK parses every answer with its own
 * deserialisers, so any shape or header mistake surfaces here.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBServiceException,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  ResourceNotFoundException,
  paginateListTables,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { client, sdkServer } from '../helpers/sdk.js';

const env = sdkServer();

const hashTable = (TableName: string) =>
  new CreateTableCommand({
    TableName,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });

describe('AWS SDK v3', () => {
  test('create, describe, list, delete a table', async () => {
    const created = await env.db.send(
      new CreateTableCommand({
        TableName: 'sdk_tables',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 7 },
        Tags: [{ Key: 'team', Value: 'core' }],
      }),
    );
    const t = created.TableDescription!;
    assert.equal(t.TableName, 'sdk_tables');
    assert.equal(t.TableArn, 'arn:aws:dynamodb:us-east-1:000000000000:table/sdk_tables');
    assert.ok(t.CreationDateTime instanceof Date, 'CreationDateTime parses as a date');
    assert.equal(t.ProvisionedThroughput?.ReadCapacityUnits, 5);
    assert.equal(t.ProvisionedThroughput?.WriteCapacityUnits, 7);

    await waitUntilTableExists({ client: env.db, maxWaitTime: 10, minDelay: 0.2, maxDelay: 0.5 }, { TableName: 'sdk_tables' });
    const described = (await env.db.send(new DescribeTableCommand({ TableName: 'sdk_tables' }))).Table!;
    assert.equal(described.TableStatus, 'ACTIVE');
    assert.match(described.TableId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(described.ItemCount, 0);
    assert.deepEqual(described.KeySchema, [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);

    const names = (await env.db.send(new ListTablesCommand({}))).TableNames!;
    assert.ok(names.includes('sdk_tables'));

    const deleted = await env.db.send(new DeleteTableCommand({ TableName: 'sdk_tables' }));
    assert.equal(deleted.TableDescription?.TableName, 'sdk_tables');
    await assert.rejects(env.db.send(new DescribeTableCommand({ TableName: 'sdk_tables' })), ResourceNotFoundException);
  });

  test('ListTables pages with the SDK paginator', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `sdk_page_${i}`);
    for (const n of names) await env.db.send(hashTable(n));
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListTables({ client: env.db, pageSize: 3 }, {})) {
      pages++;
      seen.push(...(page.TableNames ?? []));
    }
    assert.deepEqual(
      seen.filter((n) => n.startsWith('sdk_page_')),
      names,
    );
    assert.ok(pages >= 3);
  });

  test('put, get and delete items with every attribute type', async () => {
    await env.db.send(hashTable('sdk_items'));
    const item = {
      pk: { S: 'k1' },
      s: { S: 'héllo ☃' },
      empty: { S: '' },
      n: { N: '0001.500' },
      big: { N: '12345678901234567890123456789012345678' },
      b: { B: new Uint8Array([0, 1, 2, 255]) },
      t: { BOOL: true },
      nul: { NULL: true },
      ss: { SS: ['a', 'b'] },
      ns: { NS: ['1', '2.5'] },
      bs: { BS: [new Uint8Array([1]), new Uint8Array([2])] },
      l: { L: [{ S: 'x' }, { N: '1' }, { L: [] }] },
      m: { M: { inner: { M: { deep: { S: 'y' } } } } },
    };
    const put = await env.db.send(new PutItemCommand({ TableName: 'sdk_items', Item: item }));
    assert.equal(put.Attributes, undefined);

    const got = (await env.db.send(new GetItemCommand({ TableName: 'sdk_items', Key: { pk: { S: 'k1' } }, ConsistentRead: true }))).Item!;
    assert.deepEqual(got.s, { S: 'héllo ☃' });
    assert.deepEqual(got.empty, { S: '' });
    assert.deepEqual(got.n, { N: '1.5' }, 'numbers come back normalised');
    assert.deepEqual(got.big, { N: '12345678901234567890123456789012345678' });
    assert.deepEqual(got.b, { B: new Uint8Array([0, 1, 2, 255]) });
    assert.deepEqual(got.t, { BOOL: true });
    assert.deepEqual(got.nul, { NULL: true });
    assert.deepEqual(new Set(got.ss!.SS), new Set(['a', 'b']));
    assert.deepEqual(new Set(got.ns!.NS), new Set(['1', '2.5']));
    assert.equal(got.bs!.BS!.length, 2);
    assert.deepEqual(got.l, item.l);
    assert.deepEqual(got.m, item.m);

    const missing = await env.db.send(new GetItemCommand({ TableName: 'sdk_items', Key: { pk: { S: 'nope' } } }));
    assert.equal(missing.Item, undefined);

    const replaced = await env.db.send(
      new PutItemCommand({ TableName: 'sdk_items', Item: { pk: { S: 'k1' }, v: { N: '2' } }, ReturnValues: 'ALL_OLD' }),
    );
    assert.deepEqual(replaced.Attributes?.n, { N: '1.5' });

    const deleted = await env.db.send(
      new DeleteItemCommand({ TableName: 'sdk_items', Key: { pk: { S: 'k1' } }, ReturnValues: 'ALL_OLD' }),
    );
    assert.deepEqual(deleted.Attributes, { pk: { S: 'k1' }, v: { N: '2' } });
    const gone = await env.db.send(new GetItemCommand({ TableName: 'sdk_items', Key: { pk: { S: 'k1' } } }));
    assert.equal(gone.Item, undefined);
  });

  test('ReturnConsumedCapacity TOTAL is reported in capacity units', async () => {
    await env.db.send(hashTable('sdk_capacity'));
    const put = await env.db.send(
      new PutItemCommand({
        TableName: 'sdk_capacity',
        Item: { pk: { S: 'a' }, v: { S: 'x'.repeat(1500) } },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    assert.deepEqual(put.ConsumedCapacity, { TableName: 'sdk_capacity', CapacityUnits: 2 });
    const get = await env.db.send(
      new GetItemCommand({ TableName: 'sdk_capacity', Key: { pk: { S: 'a' } }, ReturnConsumedCapacity: 'TOTAL' }),
    );
    assert.deepEqual(get.ConsumedCapacity, { TableName: 'sdk_capacity', CapacityUnits: 0.5 });
  });

  test('errors arrive as the SDK error classes with DynamoDB messages', async () => {
    const missing = await env.db
      .send(new GetItemCommand({ TableName: 'sdk_no_such_table', Key: { pk: { S: 'a' } } }))
      .catch((e: unknown) => e);
    assert.ok(missing instanceof ResourceNotFoundException, String(missing));
    assert.equal(missing.$metadata.httpStatusCode, 400);
    assert.match(missing.message, /Requested resource not found/);
    assert.match(missing.$metadata.requestId ?? '', /^[A-Z0-9]{52}$/);

    const invalid = await env.db.send(new CreateTableCommand({ TableName: 'x', KeySchema: [], AttributeDefinitions: [] } as never)).catch((e: unknown) => e);
    assert.ok(invalid instanceof DynamoDBServiceException);
    assert.equal(invalid.name, 'ValidationException');
    assert.equal(invalid.$fault, 'client');

    await env.db.send(hashTable('sdk_errors'));
    const wrongKey = await env.db
      .send(new PutItemCommand({ TableName: 'sdk_errors', Item: { pk: { N: '1' } } }))
      .catch((e: unknown) => e);
    assert.ok(wrongKey instanceof DynamoDBServiceException);
    assert.equal(wrongKey.name, 'ValidationException');
    assert.match(wrongKey.message, /Type mismatch for key/);
  });

  test('the credential scope chooses region and account, and isolates tables', async () => {
    const eu = client(env.server.url, '111122223333', 'eu-central-1');
    try {
      const t = (await eu.send(hashTable('sdk_regional'))).TableDescription!;
      assert.equal(t.TableArn, 'arn:aws:dynamodb:eu-central-1:111122223333:table/sdk_regional');
      const here = (await env.db.send(new ListTablesCommand({}))).TableNames!;
      assert.ok(!here.includes('sdk_regional'), 'a table of another account/region is not listed');
    } finally {
      eu.destroy();
    }
  });

  test('many concurrent requests over keep-alive connections', async () => {
    await env.db.send(hashTable('sdk_concurrent'));
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        env.db.send(new PutItemCommand({ TableName: 'sdk_concurrent', Item: { pk: { S: `k${i}` }, i: { N: String(i) } } })),
      ),
    );
    const got = await Promise.all(
      Array.from({ length: 200 }, (_, i) => env.db.send(new GetItemCommand({ TableName: 'sdk_concurrent', Key: { pk: { S: `k${i}` } } }))),
    );
    got.forEach((r, i) => assert.deepEqual(r.Item?.i, { N: String(i) }));
  });
});
