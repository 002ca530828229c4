/**
 * Hand-pinned cases for src/validate: exact answers of the real service where they have been
 * observed (cited per case), plus behaviour the golden files cannot express (null handling,
 * unknown members, the operation lists, no state leaking between calls).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATIONS, TARGET_PREFIX, isKnownOperation, validateRequest, type Service } from '../../src/validate/index.js';
import { DynamoError } from '../../src/errors.js';

function error(service: Service, op: string, body: unknown): DynamoError | null {
  try {
    validateRequest(service, op, body);
    return null;
  } catch (e) {
    if (e instanceof DynamoError) return e;
    throw e;
  }
}

function rejects(op: string, body: unknown, type: 'ValidationException' | 'SerializationException', message: string, service: Service = 'dynamodb') {
  const e = error(service, op, body);
  if (!e) assert.fail(`${op} ${JSON.stringify(body).slice(0, 200)} was accepted`);
  assert.equal(e.type, type);
  assert.equal(e.namespace, type === 'ValidationException' ? 'com.amazon.coral.validate' : 'com.amazon.coral.service');
  assert.equal(e.statusCode, 400);
  assert.equal(e.message, message);
}

function accepts(op: string, body: unknown, service: Service = 'dynamodb') {
  const e = error(service, op, body);
  assert.equal(e, null, e ? `${op} rejected: ${e.message}` : '');
}

const item = { pk: { S: 'a' } };

describe('answers of the service as publicly quoted, or of DynamoDB Local (sources in src/validate/index.ts)', () => {
  // Missing TableName: Netflix-Skunkworks/iep-apps#527; pattern: aws/aws-cli#790,
  // serverless/serverless#5120; lengths: the documented naming rules in the same form.
  test('PutItem TableName missing / empty / too long / bad characters', () => {
    rejects('PutItem', { Item: item }, 'ValidationException', "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
    rejects('PutItem', { TableName: '', Item: item }, 'ValidationException', "1 validation error detected: Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1");
    const long = 'a'.repeat(256);
    rejects('PutItem', { TableName: long, Item: item }, 'ValidationException', `1 validation error detected: Value '${long}' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255`);
    rejects('PutItem', { TableName: 'bad table!@#', Item: item }, 'ValidationException', "1 validation error detected: Value 'bad table!@#' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  });

  // Missing name: aws/aws-sdk-java#977 (DescribeTable), #344 (UpdateTable); CreateTable assumed alike.
  test('CreateTable short name, missing name', () => {
    const rest = { AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } };
    rejects('CreateTable', { TableName: 'ab', ...rest }, 'ValidationException', "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3");
    rejects('CreateTable', rest, 'ValidationException', "The parameter 'TableName' is required but was not present in the request");
  });

  // The constraint: architect/architect#44; the structure rendering is ours (the 2018 quote shows
  // Java's default Object#toString, which cannot be reproduced).
  test('CreateTable KeySchema with 3 elements echoes Java toString()', () => {
    rejects(
      'CreateTable',
      {
        TableName: 'ct_3keys',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }, { AttributeName: 'extra', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }, { AttributeName: 'extra', KeyType: 'RANGE' }],
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      },
      'ValidationException',
      "1 validation error detected: Value '[KeySchemaElement(attributeName=pk, keyType=HASH), KeySchemaElement(attributeName=sk, keyType=RANGE), KeySchemaElement(attributeName=extra, keyType=RANGE)]' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2",
    );
  });

  // [B, N, S]: DynamoDB Local and ryanfitz/vogels#128; other enums in model order.
  test('nested enum paths and enum value order', () => {
    const base = { TableName: 'ct_enum', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } };
    rejects('CreateTable', { ...base, AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'INVALID' }] }, 'ValidationException', "1 validation error detected: Value 'INVALID' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]");
    rejects('CreateTable', { ...base, AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'INVALID' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }, 'ValidationException', "1 validation error detected: Value 'INVALID' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]");
    rejects('Query', { TableName: 'tbl', KeyConditionExpression: 'pk = :v', ExpressionAttributeValues: { ':v': { S: 'val' } }, Select: 'INVALID_VALUE' }, 'ValidationException', "1 validation error detected: Value 'INVALID_VALUE' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, COUNT]");
  });

  test('several errors are reported in model member order (no source shows the service\'s order)', () => {
    rejects('PutItem', { TableName: '', ReturnValues: 'INVALID', Item: {} }, 'ValidationException', "2 validation errors detected: Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1; Value 'INVALID' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]");
    rejects('PutItem', { TableName: 'tbl', Item: item, ReturnConsumedCapacity: 'INVALID', ReturnItemCollectionMetrics: 'INVALID', ReturnValues: 'INVALID' }, 'ValidationException', "3 validation errors detected: Value 'INVALID' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]; Value 'INVALID' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; Value 'INVALID' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]");
  });

  // Coral's min-1 / not-null from the model (empty collections: aws/aws-sdk-js#1150).
  test('TransactWriteItems empty list; BatchGetItem/BatchWriteItem empty or missing RequestItems', () => {
    rejects('TransactWriteItems', { TransactItems: [] }, 'ValidationException', "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
    rejects('BatchGetItem', { RequestItems: {} }, 'ValidationException', "1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
    rejects('BatchWriteItem', {}, 'ValidationException', "1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
  });

  // DynamoDB Local's wording (test/golden/validate/quirks.json); no public quote of the service's.
  test('Scan Segment/TotalSegments pairing (after coral)', () => {
    rejects('Scan', { TableName: 'tbl', Segment: 0 }, 'ValidationException', 'If segment is specified, total segment must also be specified');
    rejects('Scan', { TableName: 'tbl', TotalSegments: 4 }, 'ValidationException', 'If total segments is specified, a particular segment must also be specified for this request');
    rejects('Scan', { TableName: 'tbl', Segment: 5, TotalSegments: 5 }, 'ValidationException', "1 validation error detected: Value '5' at 'segment' failed to satisfy constraint: Member must have value less than or equal to 4");
    rejects('Scan', { TableName: 'tbl', Segment: -1, TotalSegments: 4 }, 'ValidationException', "1 validation error detected: Value '-1' at 'segment' failed to satisfy constraint: Member must have value greater than or equal to 0");
  });

  // dtan4/valec#46 and risingwavelabs/risingwave#17572 (constraint list, workloadProfileName).
  test('BatchWriteItem with 26 requests: map value constraint with the Java toString() of the map', () => {
    const requests = Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: { pk: { S: `bw-${i}` } } } }));
    const av = (s: string) => `AttributeValue(s=${s}, n=null, b=null, sS=null, nS=null, bS=null, m=null, l=null, nULL=null, bOOL=null)`;
    const dump = requests.map((_, i) => `WriteRequest(putRequest=PutRequest(item={pk=${av(`bw-${i}`)}}, workloadProfileName=null), deleteRequest=null)`).join(', ');
    rejects('BatchWriteItem', { RequestItems: { tbl: requests } }, 'ValidationException', `1 validation error detected: Value '{tbl=[${dump}]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]`);
  });

  test('wrong JSON types are SerializationExceptions', () => {
    // localstack/localstack#9412 (quoting the service), dynamodb-toolbox#502, amplify-js#13265, JuliaCloud/AWS.jl#673.
    rejects('PutItem', { TableName: 'tbl', Item: { n: { N: 123 } } }, 'SerializationException', 'NUMBER_VALUE cannot be converted to String');
    rejects('Query', { TableName: 'tbl', Limit: '10' }, 'SerializationException', 'STRING_VALUE cannot be converted to Integer');
    rejects('GetItem', { TableName: { name: 'x' }, Key: item }, 'SerializationException', 'Start of structure or map found where not expected');
    rejects('Query', { TableName: 'tbl', KeyConditionExpression: '#pk = :val', ExpressionAttributeNames: '{"#pk": "_pkID"}' }, 'SerializationException', 'Unexpected field type');
  });
});

describe('coral conventions', () => {
  test('Query Limit 0 (classic wording: value echoed, camelCased path)', () => {
    rejects('Query', { TableName: 'tbl', Limit: 0 }, 'ValidationException', "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
  });

  test('list element and map value paths', () => {
    rejects('TransactWriteItems', { TransactItems: [{ Put: { TableName: 'tbl', Item: item } }, { Put: { TableName: 'tbl' } }] }, 'ValidationException', "1 validation error detected: Value null at 'transactItems.2.member.put.item' failed to satisfy constraint: Member must not be null");
    const keys = Array.from({ length: 101 }, (_, i) => ({ pk: { S: `k${i}` } }));
    const e = error('dynamodb', 'BatchGetItem', { RequestItems: { tbl: { Keys: keys } } });
    assert.ok(e);
    assert.match(e.message, /^1 validation error detected: Value '\[\{pk=AttributeValue\(s=k0, .*' at 'requestItems\.tbl\.member\.keys' failed to satisfy constraint: Member must have length less than or equal to 100$/);
  });

  test('a type error anywhere wins over constraint violations; the first in document order is reported', () => {
    rejects('Scan', { TableName: 'ab', Limit: 0, Segment: 'x' }, 'SerializationException', 'STRING_VALUE cannot be converted to Integer');
    rejects('Scan', { TableName: 'tbl', Segment: true, Limit: 'abc' }, 'SerializationException', 'BOOLEAN_VALUE cannot be converted to Integer');
    rejects('Scan', { TableName: 'tbl', Limit: 'abc', Segment: true }, 'SerializationException', 'STRING_VALUE cannot be converted to Integer');
  });

  test('null members are absent; unknown members are ignored', () => {
    accepts('GetItem', { TableName: 'tbl', Key: item, ConsistentRead: null, ProjectionExpression: null, Unknown: [1, { a: 2 }] });
    rejects('GetItem', { TableName: null, Key: item }, 'ValidationException', "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
  });

  test('body null or absent is an empty object', () => {
    accepts('ListTables', null);
    accepts('ListTables', undefined);
    rejects('DescribeTable', null, 'ValidationException', "The parameter 'TableName' is required but was not present in the request");
  });

  test('table ARNs are accepted where the model allows them', () => {
    accepts('GetItem', { TableName: 'arn:aws:dynamodb:us-east-1:123456789012:table/tbl', Key: item });
  });

  test('a typical request is accepted, and nothing leaks from a failed call into the next', () => {
    const body = { TableName: 'orders', Item: { pk: { S: 'u#1' }, n: { N: '1' }, l: { L: [{ M: { a: { BOOL: true } } }] }, s: { SS: ['x'] }, b: { B: 'AAEC' } }, ConditionExpression: 'attribute_not_exists(pk)', ReturnValues: 'NONE' };
    accepts('PutItem', body);
    assert.ok(error('dynamodb', 'PutItem', { ...body, ReturnValues: 'X' }));
    accepts('PutItem', body);
    assert.ok(error('dynamodb', 'PutItem', { ...body, Item: { x: { N: 1 } } }));
    accepts('PutItem', body);
  });
});

describe('operations', () => {
  test('lists of operation names per service', () => {
    assert.ok(OPERATIONS.dynamodb.includes('PutItem'));
    assert.ok(OPERATIONS.dynamodb.includes('TransactWriteItems'));
    assert.deepEqual([...OPERATIONS.streams].sort(), ['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams']);
    assert.equal(TARGET_PREFIX.dynamodb, 'DynamoDB_20120810');
    assert.equal(TARGET_PREFIX.streams, 'DynamoDBStreams_20120810');
    assert.ok(isKnownOperation('dynamodb', 'Scan'));
    assert.ok(!isKnownOperation('dynamodb', 'GetRecords'));
    assert.ok(!isKnownOperation('streams', 'Scan'));
  });

  test('unknown operations', () => {
    const e = error('dynamodb', 'Frobnicate', {});
    assert.ok(e);
    assert.equal(e.fullType, 'com.amazon.coral.service#UnknownOperationException');
  });

  test('every operation rejects {} (if at all) only with coral or DynamoDB wording', () => {
    for (const service of ['dynamodb', 'streams'] as const) {
      for (const op of OPERATIONS[service]) {
        const e = error(service, op, {});
        if (e) assert.match(e.message, /^(\d+ validation errors? detected: |The parameter 'TableName' is required)/, `${service} ${op}`);
      }
    }
  });
});

describe('limits of the walk', () => {
  test('attribute values nested deeper than the stack answer with the nesting-limit message', () => {
    let v = '{"S":"x"}';
    for (let i = 0; i < 20000; i++) v = `{"L":[${v}]}`;
    rejects('PutItem', JSON.parse(`{"TableName":"tbl","Item":{"a":${v}}}`), 'ValidationException', 'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit');
    // …and the module state is clean afterwards.
    accepts('PutItem', { TableName: 'tbl', Item: { a: { S: 'x' } } });
  });
});
