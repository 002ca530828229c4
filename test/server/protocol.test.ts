/**
 * The wire protocol, over raw HTTP: target routing, content types, gzip, response headers, the
 * error envelope and its namespaces, malformed input, authentication, the health line.
 * Wording follows the real service where DynamoDB Local differs (shared reference §2c).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { startServer, type RunningServer } from '../../src/index.js';
import { authFor, call } from '../helpers/http.js';

const CORAL = 'com.amazon.coral.service#';

let server: RunningServer;
before(async () => {
  server = await startServer({ port: 0, inMemory: true });
});
after(() => server.close());

describe('target routing', () => {
  test('DynamoDB_20120810.<Operation> reaches the DynamoDB service', async () => {
    const r = await call(server.url, 'ListTables');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { TableNames: [] });
  });

  test('DynamoDBStreams_20120810.<Operation> reaches the Streams service', async () => {
    const r = await call(server.url, '', { target: 'DynamoDBStreams_20120810.ListStreams' });
    assert.notEqual(r.status, 500, r.text);
    // Until the Streams issue lands the operation may be unimplemented, but it must be known.
    if (r.status !== 200) assert.match(r.json.message ?? '', /does not support ListStreams/);
    else assert.ok(Array.isArray(r.json.Streams));
  });

  test('an operation of the other service is unknown', async () => {
    for (const target of ['DynamoDBStreams_20120810.ListTables', 'DynamoDB_20120810.GetRecords']) {
      const r = await call(server.url, '', { target });
      assert.equal(r.status, 400, target);
      assert.deepEqual(r.json, { __type: `${CORAL}UnknownOperationException` }, target);
    }
  });

  test('an unknown operation is UnknownOperationException with no message', async () => {
    const r = await call(server.url, 'NoSuchOperation');
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, { __type: `${CORAL}UnknownOperationException` });
  });

  test('a missing, empty or malformed X-Amz-Target is UnknownOperationException', async () => {
    for (const target of [null, '', 'ListTables', 'DynamoDB_20120810', 'DynamoDB_20120810.', '.ListTables', 'DynamoDB_20111205.ListTables']) {
      const r = await call(server.url, '', { target });
      assert.equal(r.status, 400, String(target));
      assert.deepEqual(r.json, { __type: `${CORAL}UnknownOperationException` }, String(target));
    }
  });

  test('operation names are case-sensitive', async () => {
    const r = await call(server.url, 'listtables');
    assert.equal(r.status, 400);
    assert.equal(r.json.__type, `${CORAL}UnknownOperationException`);
  });
});

describe('content types', () => {
  for (const type of ['application/x-amz-json-1.0', 'application/x-amz-json-1.1', 'application/x-amz-json-1.0; charset=utf-8']) {
    test(`${type} is accepted and answered as application/x-amz-json-1.0`, async () => {
      const r = await call(server.url, 'ListTables', { headers: { 'content-type': type } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.headers.get('content-type'), 'application/x-amz-json-1.0');
    });
  }

  test('application/json is accepted and answered as application/json', async () => {
    const r = await call(server.url, 'ListTables', { headers: { 'content-type': 'application/json' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.deepEqual(r.json, { TableNames: [] });
  });

  test('a request without a Content-Type is accepted', async () => {
    const r = await call(server.url, 'ListTables', { headers: { 'content-type': null } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('content-type'), 'application/x-amz-json-1.0');
  });
});

describe('request bodies', () => {
  test('a gzip-compressed body (Content-Encoding: gzip) is read', async () => {
    const r = await call(server.url, 'ListTables', { body: { Limit: 5 }, gzip: true });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { TableNames: [] });
  });

  test('a gzip-compressed body is validated like any other', async () => {
    const r = await call(server.url, 'ListTables', { body: { Limit: 'abc' }, gzip: true });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.__type, `${CORAL}SerializationException`);
  });

  test('a body that claims gzip but is not is a SerializationException', async () => {
    const r = await call(server.url, 'ListTables', { raw: '{}', headers: { 'content-encoding': 'gzip' } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.__type, `${CORAL}SerializationException`);
  });

  test('an empty body is an empty request', async () => {
    const r = await call(server.url, 'ListTables', { raw: '' });
    assert.equal(r.status, 200, r.text);
  });

  test('a JSON null body is an empty request', async () => {
    const r = await call(server.url, 'ListTables', { raw: 'null' });
    assert.equal(r.status, 200, r.text);
  });

  test('malformed JSON is a SerializationException with no message', async () => {
    for (const raw of ['{', '{"Limit": }', 'not json', '{"Limit": 1}}', '\u0000']) {
      const r = await call(server.url, 'ListTables', { raw });
      assert.equal(r.status, 400, raw);
      assert.deepEqual(r.json, { __type: `${CORAL}SerializationException` }, raw);
    }
  });

  test('a body that is a JSON list is "Start of list found where not expected"', async () => {
    const r = await call(server.url, 'ListTables', { raw: '[]' });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, { __type: `${CORAL}SerializationException`, message: 'Start of list found where not expected' });
  });

  test('a body that is a JSON scalar is a SerializationException', async () => {
    for (const raw of ['"abc"', '42', 'true']) {
      const r = await call(server.url, 'ListTables', { raw });
      assert.equal(r.status, 400, raw);
      assert.equal(r.json.__type, `${CORAL}SerializationException`, raw);
    }
  });

  test('a member of the wrong JSON type is a SerializationException naming the token and type', async () => {
    const r = await call(server.url, 'ListTables', { body: { Limit: 'abc' } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, { __type: `${CORAL}SerializationException`, message: 'STRING_VALUE cannot be converted to Integer' });
  });

  test('unknown members are ignored', async () => {
    const r = await call(server.url, 'ListTables', { body: { NoSuchMember: { a: [1, 2] } } });
    assert.equal(r.status, 200, r.text);
  });

  test('a constraint violation is a coral ValidationException', async () => {
    const r = await call(server.url, 'ListTables', { body: { Limit: 0 } });
    assert.equal(r.status, 400);
    assert.equal(r.json.__type, 'com.amazon.coral.validate#ValidationException');
    assert.equal(typeof r.json.message, 'string');
  });

  test('a body of non-UTF-8 bytes is answered, not crashed on', async () => {
    const r = await call(server.url, 'ListTables', { raw: Buffer.from([0xff, 0xfe, 0x7b, 0x7d]) });
    assert.ok(r.status < 500, r.text);
  });
});

describe('response headers', () => {
  test('x-amzn-RequestId is 52 characters of [A-Z0-9], unique per request', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const r = await call(server.url, i % 2 ? 'ListTables' : 'NoSuchOperation');
      const id = r.headers.get('x-amzn-requestid');
      assert.match(id ?? '', /^[A-Z0-9]{52}$/);
      ids.add(id!);
    }
    assert.equal(ids.size, 20);
  });

  test('x-amz-crc32 is the CRC32 of the body bytes, on successes and errors', async () => {
    for (const r of [
      await call(server.url, 'ListTables'),
      await call(server.url, 'NoSuchOperation'),
      await call(server.url, 'ListTables', { body: { Limit: 'x' } }),
      await call(server.url, 'ListTables', { raw: '{' }),
    ]) {
      assert.equal(r.headers.get('x-amz-crc32'), String(crc32(r.raw)), r.text);
      assert.equal(r.headers.get('content-length'), String(r.raw.length));
    }
  });

  test('the CRC32 covers non-ASCII bytes (UTF-8, not UTF-16)', async () => {
    const r = await call(server.url, 'DescribeTable', { body: { TableName: 'täble-é' } });
    assert.ok(r.status < 500);
    assert.equal(r.headers.get('x-amz-crc32'), String(crc32(r.raw)));
  });
});

describe('error envelope', () => {
  test('errors are {"__type": "<namespace>#<Name>", "message": …} with a lowercase message key', async () => {
    const r = await call(server.url, 'DescribeTable', { body: { TableName: 'no_such_table' } });
    assert.equal(r.status, 400);
    assert.equal(r.json.__type, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
    assert.equal(typeof r.json.message, 'string');
    assert.equal(r.json.Message, undefined);
  });

  test('ValidationException is in the coral validate namespace', async () => {
    const r = await call(server.url, 'DescribeTable', { body: {} });
    assert.equal(r.status, 400);
    assert.equal(r.json.__type, 'com.amazon.coral.validate#ValidationException');
  });
});

describe('authentication', () => {
  test('no Authorization header is MissingAuthenticationTokenException', async () => {
    const r = await call(server.url, 'ListTables', { headers: { authorization: null } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, {
      __type: `${CORAL}MissingAuthenticationTokenException`,
      message: 'Request is missing Authentication Token',
    });
  });

  test('an empty Authorization header is MissingAuthenticationTokenException', async () => {
    const r = await call(server.url, 'ListTables', { headers: { authorization: '' } });
    assert.equal(r.status, 400);
    assert.equal(r.json.__type, `${CORAL}MissingAuthenticationTokenException`);
  });

  test('an Authorization header without the SigV4 parts is IncompleteSignatureException', async () => {
    const r = await call(server.url, 'ListTables', { headers: { authorization: 'Bearer abc' } });
    assert.equal(r.status, 400);
    assert.equal(r.json.__type, `${CORAL}IncompleteSignatureException`);
    assert.match(r.json.message, /Authorization header requires 'Credential' parameter\./);
    assert.match(r.json.message, /Authorization=Bearer abc$/);
  });

  test('a wrong signature is accepted (signatures are not checked yet)', async () => {
    const r = await call(server.url, 'ListTables', { headers: { authorization: authFor('anyKey', 'us-east-1') } });
    assert.equal(r.status, 200, r.text);
  });

  test('the region and account of the credential scope appear in ARNs', async () => {
    const create = (auth: string, name: string) =>
      call(server.url, 'CreateTable', {
        headers: { authorization: auth },
        body: {
          TableName: name,
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        },
      });
    const eu = await create(authFor('123456789012', 'eu-west-2'), 'arn_probe');
    assert.equal(eu.status, 200, eu.text);
    assert.equal(eu.json.TableDescription.TableArn, 'arn:aws:dynamodb:eu-west-2:123456789012:table/arn_probe');
    const us = await create(authFor('fakeKey', 'us-west-1'), 'arn_probe');
    assert.equal(us.status, 200, us.text);
    assert.equal(us.json.TableDescription.TableArn, 'arn:aws:dynamodb:us-west-1:000000000000:table/arn_probe');
    // Each region is its own namespace: the eu-west-2 table is not visible from us-west-1.
    const list = await call(server.url, 'ListTables', { headers: { authorization: authFor('fakeKey', 'ap-south-1') } });
    assert.deepEqual(list.json, { TableNames: [] });
  });
});

describe('other requests', () => {
  test('GET / answers the health line', async () => {
    const r = await call(server.url, '', { method: 'GET', headers: { authorization: null } });
    assert.equal(r.status, 200);
    assert.equal(r.text, 'healthy: dynamodb.us-east-1.amazonaws.com ');
    assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
  });

  test('HEAD / answers 200 with no body', async () => {
    const r = await call(server.url, '', { method: 'HEAD' });
    assert.equal(r.status, 200);
    assert.equal(r.raw.length, 0);
  });

  test('keep-alive: many requests over one connection', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => call(server.url, 'ListTables')));
    assert.ok(results.every((r) => r.status === 200));
  });
});
