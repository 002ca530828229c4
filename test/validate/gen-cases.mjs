#!/usr/bin/env node
// Generates and annotates the request-validation golden scenarios under test/golden/validate/.
//
//   node test/validate/gen-cases.mjs generate   write the scenario files (steps without "expect")
//   node scripts/golden-record.mjs validate/     record DynamoDB Local's answers (needs a build)
//   node test/validate/gen-cases.mjs annotate   add an "override" (the real service's answer, as
//                                               src/validate produces it, with a "why") to every
//                                               step where DynamoDB Local answers differently
//
// The cases are derived systematically from the API model (src/validate/api-model.json):
// every operation's required members, every constrained member reachable from an operation's
// input (enum, length, range, pattern, list/map size) violated once, wrong JSON types for every
// top-level member, and hand-written cases for nesting, multiple errors and per-operation quirks.
// Table names start with val_ (DynamoDB Local is shared).
import { readFileSync, writeFileSync, readdirSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const outDir = join(repo, 'test', 'golden', 'validate');
const model = JSON.parse(readFileSync(join(repo, 'src', 'validate', 'api-model.json'), 'utf8'));

const OMIT = Symbol('omit');
const STREAM_ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/val_t/stream/2026-01-01T00:00:00.000';

// ------------------------------------------------------------------------------------------
// Minimal valid values

function minimalString(name, s, table) {
  if (s.enum) return s.enum[0];
  switch (name) {
    case 'TableName':
    case 'TableArn':
      return table;
    case 'IndexName':
      return 'val_idx';
    case 'BackupName':
      return 'val_backup';
    case 'AttributeName':
    case 'KeySchemaAttributeName':
    case 'NonKeyAttributeName':
      return 'pk';
    case 'BackupArn':
    case 'StreamArn':
    case 'ExportArn':
    case 'ImportArn':
    case 'ResourceArnString':
    case 'KinesisStreamArn':
      return STREAM_ARN;
    case 'S3Bucket':
      return 'val-bucket';
    case 'S3BucketOwner':
      return '123456789012';
    case 'CsvDelimiter':
      return ',';
    case 'ImportNextToken':
      return '0123456789abcdef'.repeat(7);
    case 'ShardIterator':
      return 'val-iterator';
    case 'ShardId':
      return 'shardId-00000000000000000000-00000000';
    case 'SequenceNumber':
      return '000000000000000000001';
    case 'PartiQLStatement':
      return `SELECT * FROM "${table}"`;
  }
  const min = s.min ?? 1;
  return 'a'.repeat(Math.max(min, 1));
}

function minimal(svc, name, table, depth = 0) {
  const s = model.services[svc].shapes[name];
  switch (s.type) {
    case 'string':
      return minimalString(name, s, table);
    case 'integer':
    case 'long':
      return Math.max(s.min ?? 1, 1);
    case 'double':
    case 'float':
      return Math.max(s.min ?? 1, 1);
    case 'boolean':
      return true;
    case 'blob':
      return 'AA==';
    case 'timestamp':
      return 1767225600;
    case 'list': {
      const n = Math.max(s.min ?? 1, 1);
      return Array.from({ length: n }, () => minimal(svc, s.member, table, depth + 1));
    }
    case 'map': {
      if (s.value === 'AttributeValue') return { pk: { S: 'a' } };
      return { [minimal(svc, s.key, table, depth + 1)]: minimal(svc, s.value, table, depth + 1) };
    }
    case 'structure': {
      if (name === 'AttributeValue') return { S: 'a' };
      const o = {};
      for (const [m, shape] of s.members) if (s.required?.includes(m)) o[m] = minimal(svc, shape, table, depth + 1);
      return o;
    }
  }
  throw new Error(`no minimal value for ${name}`);
}

/** The minimal body of shape `name` with `leaf` placed at `path` (member names / 0 for a list element / map key). */
function buildAt(svc, name, table, path, leaf) {
  if (path.length === 0) return leaf;
  const s = model.services[svc].shapes[name];
  const [head, ...rest] = path;
  if (s.type === 'structure') {
    const o = minimal(svc, name, table);
    const shape = s.members.find(([m]) => m === head)[1];
    const v = buildAt(svc, shape, table, rest, leaf);
    if (v === OMIT) delete o[head];
    else o[head] = v;
    return o;
  }
  if (s.type === 'list') return [buildAt(svc, s.member, table, rest, leaf)];
  if (s.type === 'map') return { [head]: buildAt(svc, s.value, table, rest, leaf) };
  throw new Error(`cannot descend into ${name}`);
}

// ------------------------------------------------------------------------------------------
// Violations of a member's constraints

function violations(svc, name, required, table) {
  const s = model.services[svc].shapes[name];
  const out = [];
  if (required) out.push({ value: OMIT, what: 'missing required member' });
  if (s.type === 'string') {
    if (s.enum) out.push({ value: 'INVALID', what: 'not in enum' });
    if (s.pattern) {
      const bad = 'bad name!';
      const re = new RegExp(`^(?:${s.pattern.replace(/\\p\{Print\}/g, '[\\x20-\\x7E]')})$`, 'u');
      if (!re.test(bad)) out.push({ value: bad, what: 'pattern' });
    }
    if (s.min !== undefined && s.min >= 1) {
      const short = 'abcdefghij'.repeat(10).slice(0, s.min - 1);
      out.push({ value: short, what: `shorter than ${s.min}` });
    }
    if (s.max !== undefined && !s.enum) {
      const value = s.max + 1 > 600 ? { $repeat: 'a', count: s.max + 1 } : 'a'.repeat(s.max + 1);
      out.push({ value, what: `longer than ${s.max}` });
    }
  } else if (s.type === 'integer' || s.type === 'long') {
    if (s.min !== undefined) out.push({ value: s.min - 1, what: `below ${s.min}` });
    if (s.max !== undefined) out.push({ value: s.max + 1, what: `above ${s.max}` });
  } else if (s.type === 'list') {
    if (s.min !== undefined && s.min >= 1) out.push({ value: [], what: 'empty list' });
    if (s.max !== undefined && s.max <= 100) {
      const el = minimal(svc, s.member, table);
      out.push({ value: Array.from({ length: s.max + 1 }, () => structuredClone(el)), what: `more than ${s.max} elements` });
    }
  } else if (s.type === 'map') {
    if (s.min !== undefined && s.min >= 1) out.push({ value: {}, what: 'empty map' });
  }
  return out;
}

/** Constrained members reachable from an input shape: [{path, shape, required}]. */
function sites(svc, input, maxDepth) {
  const out = [];
  const visit = (name, path, depth, seen) => {
    const s = model.services[svc].shapes[name];
    if (name === 'AttributeValue' || seen.has(name)) return;
    if (s.type === 'structure') {
      for (const [m, shape] of s.members) {
        const p = [...path, m];
        out.push({ path: p, shape, required: !!s.required?.includes(m) });
        if (depth < maxDepth) visit(shape, p, depth + 1, new Set([...seen, name]));
      }
    } else if (s.type === 'list') {
      visit(s.member, [...path, 0], depth, seen);
    } else if (s.type === 'map') {
      if (s.value !== 'AttributeValue') visit(s.value, [...path, model.services[svc].shapes[s.key] ? keyFor(svc, s.key) : 'k'], depth, seen);
    }
  };
  visit(input, [], 0, new Set());
  return out;
}
const keyFor = (svc, keyShape) => (keyShape === 'TableArn' || keyShape === 'TableName' ? '${table}' : minimal(svc, keyShape, 'val_t'));

const pathText = (path) => path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.');

function substitute(v, table) {
  if (typeof v === 'string') return v.replaceAll('${table}', table);
  if (Array.isArray(v)) return v.map((x) => substitute(x, table));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [substitute(k, table), substitute(x, table)]));
  return v;
}

const target = (svc, op) => (svc === 'streams' ? `DynamoDBStreams_20120810.${op}` : op);

function setupTable(table) {
  return {
    op: 'CreateTable',
    body: {
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    },
    note: 'set-up: a table, so DynamoDB Local gets past its table lookup to its own validation',
    ignore: ['TableDescription'],
  };
}

// ------------------------------------------------------------------------------------------
// Scenario families

const ops = (svc) => Object.keys(model.services[svc].operations).filter((op) => model.services[svc].operations[op]);

function requiredScenario() {
  const steps = [];
  for (const svc of ['dynamodb', 'streams']) {
    for (const op of ops(svc)) {
      // Operations without required members accept {}: nothing to validate here.
      const input = model.services[svc].shapes[model.services[svc].operations[op]];
      if (!input.required?.length && !['CreateTable', 'DescribeTable', 'DeleteTable', 'UpdateTable', 'BatchGetItem', 'BatchWriteItem'].includes(op)) continue;
      steps.push({ op: target(svc, op), body: {}, note: 'empty body: every required member missing' });
    }
  }
  return { name: 'Request validation: every operation with an empty body', steps };
}

function constraintScenario(name, table, filter, maxDepth = 3) {
  const steps = [setupTable(table)];
  for (const svc of ['dynamodb', 'streams']) {
    for (const op of ops(svc).filter((o) => filter(svc, o))) {
      const input = model.services[svc].operations[op];
      for (const site of sites(svc, input, maxDepth)) {
        // CreateTable's own TableName cases live in quirks.json (table names must be unique per file).
        if (op === 'CreateTable' && site.path.length === 1 && site.path[0] === 'TableName') continue;
        // Top-level required members alone are covered by required-members.json.
        for (const v of violations(svc, site.shape, site.required && site.path.length > 1, table)) {
          const body = substitute(buildAt(svc, input, table, site.path, v.value), table);
          steps.push({ op: target(svc, op), body, note: `${pathText(site.path)}: ${v.what}` });
        }
      }
    }
  }
  return { name, steps };
}

const WRONG = {
  string: [123, true, { a: 1 }, ['a']],
  integer: ['abc', true, { a: 1 }, [1]],
  long: ['abc', false, { a: 1 }, [1]],
  double: ['abc', true],
  boolean: ['true', 1, { a: 1 }, [true]],
  blob: [123, { a: 1 }],
  timestamp: [true, { a: 1 }, [1], 'not a date'],
  list: [{ a: 1 }, 'abc', 1, true],
  map: [['a'], 'abc', 1, false],
  structure: [['a'], 'abc', 1, true],
};

function typeScenario(table) {
  const steps = [setupTable(table)];
  let rot = 0;
  for (const svc of ['dynamodb', 'streams']) {
    for (const op of ops(svc)) {
      const input = model.services[svc].operations[op];
      const s = model.services[svc].shapes[input];
      for (const [m, shape] of s.members) {
        const type = model.services[svc].shapes[shape].type;
        const choices = WRONG[type];
        const value = choices[rot++ % choices.length];
        const body = substitute(buildAt(svc, input, table, [m], value), table);
        steps.push({ op: target(svc, op), body, note: `${m} (${type}) given ${Array.isArray(value) ? 'an array' : typeof value}` });
      }
    }
  }
  // Inside attribute values and nested structures.
  const item = (v) => ({ TableName: table, Item: { pk: { S: 'a' }, x: v } });
  const nested = [
    ['N given a number', item({ N: 123 })],
    ['S given a number', item({ S: 5 })],
    ['S given an object', item({ S: { a: 1 } })],
    ['S given a list', item({ S: ['a'] })],
    ['S given a boolean', item({ S: false })],
    ['BOOL given a string', item({ BOOL: 'true' })],
    ['BOOL given a number', item({ BOOL: 1 })],
    ['NULL given a string', item({ NULL: 'true' })],
    ['SS given a string', item({ SS: 'a' })],
    ['SS element a number', item({ SS: ['a', 1] })],
    ['NS element a number', item({ NS: [1] })],
    ['L given an object', item({ L: { a: { S: 'x' } } })],
    ['L element a string', item({ L: ['x'] })],
    ['M given a list', item({ M: [{ S: 'x' }] })],
    ['M value a string', item({ M: { a: 'x' } })],
    ['B given a number', item({ B: 12 })],
    ['attribute value a string', item('x')],
    ['attribute value a list', item([{ S: 'x' }])],
    ['deep: M → L → M → N number', item({ M: { a: { L: [{ M: { b: { N: 1 } } }] } } })],
  ];
  for (const [what, body] of nested) steps.push({ op: 'PutItem', body, note: what });
  const more = [
    ['CreateTable', { TableName: 'val_types_new', KeySchema: [{ AttributeName: 'pk', KeyType: 1 }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }, 'KeySchema[0].KeyType a number'],
    ['CreateTable', { TableName: 'val_types_new', KeySchema: ['pk'], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }, 'KeySchema element a string'],
    ['CreateTable', { TableName: 'val_types_new', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], ProvisionedThroughput: { ReadCapacityUnits: '5', WriteCapacityUnits: 5 } }, 'ReadCapacityUnits a string'],
    ['TransactWriteItems', { TransactItems: [{ Put: { TableName: table, Item: { pk: { S: 'a' } } } }, { Update: 'x' }] }, 'TransactItems[1].Update a string'],
    ['BatchWriteItem', { RequestItems: { [table]: { PutRequest: { Item: { pk: { S: 'a' } } } } } }, 'RequestItems value an object instead of a list'],
    ['BatchGetItem', { RequestItems: { [table]: { Keys: { pk: { S: 'a' } } } } }, 'Keys an object instead of a list'],
    ['Query', { TableName: table, KeyConditionExpression: 'pk = :v', ExpressionAttributeValues: { ':v': 'a' } }, 'ExpressionAttributeValues value a string'],
    ['Query', { TableName: table, KeyConditionExpression: 'pk = :v', ExpressionAttributeNames: { '#a': 1 } }, 'ExpressionAttributeNames value a number'],
    ['Scan', { TableName: table, Limit: 1.5 }, 'Limit a fraction (coral truncates: valid)'],
    ['Scan', { TableName: table, Limit: 'abc', Segment: true }, 'two type errors: the first in document order is reported'],
    ['Scan', { TableName: table, Segment: true, Limit: 'abc' }, 'two type errors, other order'],
    ['Scan', { TableName: table, Limit: 0, Segment: 'x' }, 'a type error wins over a constraint violation'],
    ['GetItem', { TableName: table, Key: { pk: { S: 'a' } }, ConsistentRead: null, ProjectionExpression: null }, 'null members are absent (valid)'],
    ['GetItem', { TableName: null, Key: { pk: { S: 'a' } } }, 'null TableName is missing'],
  ];
  for (const [op, body, what] of more) steps.push({ op, body, note: what });
  return { name: 'Request validation: JSON values of the wrong type (SerializationException)', steps };
}

function nestedScenario(table) {
  const ks = (...k) => k.map(([n, t]) => ({ AttributeName: n, KeyType: t }));
  const ad = (...a) => a.map(([n, t]) => ({ AttributeName: n, AttributeType: t }));
  const ct = (extra) => ({ TableName: 'val_nested_new', KeySchema: ks(['pk', 'HASH']), AttributeDefinitions: ad(['pk', 'S']), BillingMode: 'PAY_PER_REQUEST', ...extra });
  const put = (i) => ({ Put: { TableName: table, Item: { pk: { S: `p${i}` } } } });
  const steps = [setupTable(table)];
  const cases = [
    ['CreateTable', ct({ KeySchema: ks(['pk', 'HASH'], ['sk', 'RANGE'], ['x', 'RANGE']), AttributeDefinitions: ad(['pk', 'S'], ['sk', 'S'], ['x', 'S']) }), 'KeySchema with 3 elements'],
    ['CreateTable', ct({ KeySchema: [] }), 'empty KeySchema'],
    ['CreateTable', ct({ KeySchema: ks(['pk', 'INVALID']), AttributeDefinitions: ad(['pk', 'INVALID']) }), 'two nested enum errors'],
    ['CreateTable', ct({ KeySchema: [{ KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk' }] }), 'nested required members missing'],
    ['CreateTable', ct({ TableName: 'n!', KeySchema: [{ AttributeName: '', KeyType: 'X' }], BillingMode: 'X', ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0 } }), 'many errors at once'],
    ['CreateTable', ct({ GlobalSecondaryIndexes: [{ IndexName: 'ab', KeySchema: ks(['g', 'X']), Projection: { ProjectionType: 'SOME', NonKeyAttributes: [] } }] }), 'errors inside a GSI'],
    ['CreateTable', ct({ GlobalSecondaryIndexes: [{ IndexName: 'gsi_ok', KeySchema: ks(['g', 'HASH']), Projection: { ProjectionType: 'ALL' } }, { IndexName: 'x', KeySchema: ks(['g', 'HASH']), Projection: { ProjectionType: 'ALL' } }] }), 'second GSI index name too short'],
    ['CreateTable', ct({ LocalSecondaryIndexes: [{ IndexName: 'lsi', KeySchema: ks(['pk', 'HASH'], ['s', 'RANGE']) }] }), 'LSI without Projection'],
    ['CreateTable', ct({ StreamSpecification: { StreamViewType: 'NEW_IMAGE' } }), 'StreamSpecification without StreamEnabled'],
    ['CreateTable', ct({ StreamSpecification: { StreamEnabled: true, StreamViewType: 'ALL' } }), 'bad StreamViewType'],
    ['CreateTable', ct({ SSESpecification: { SSEType: 'X' }, TableClass: 'Y' }), 'bad SSEType and TableClass'],
    ['CreateTable', ct({ Tags: [{ Key: '', Value: 'v' }, { Key: 'k' }] }), 'tags: empty key, missing value'],
    ['CreateTable', ct({ ProvisionedThroughput: { ReadCapacityUnits: 0 } }), 'ProvisionedThroughput: 0 and a missing member'],
    ['UpdateTable', { TableName: table, GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'gs', KeySchema: [], Projection: {} } }] }, 'GSI create: short name, empty key schema, empty projection'],
    ['UpdateTable', { TableName: table, AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'Q' }], BillingMode: 'NONE' }, 'UpdateTable: two enums'],
    ['TransactWriteItems', { TransactItems: Array.from({ length: 101 }, (_, i) => put(i)) }, '101 transact items'],
    ['TransactWriteItems', { TransactItems: [{ Put: { TableName: table } }] }, 'Put without Item'],
    ['TransactWriteItems', { TransactItems: [{ Put: { TableName: 'ab', Item: { pk: { S: 'a' } }, ReturnValuesOnConditionCheckFailure: 'X' } }, { Delete: { TableName: table } }, { ConditionCheck: { Key: { pk: { S: 'a' } } } }], ReturnConsumedCapacity: 'Q', ClientRequestToken: '' }, 'errors in several items'],
    ['TransactGetItems', { TransactItems: [{ Get: { TableName: table } }, { Get: { Key: { pk: { S: 'a' } } } }] }, 'Get items missing members'],
    ['TransactGetItems', { TransactItems: Array.from({ length: 101 }, () => ({ Get: { TableName: table, Key: { pk: { S: 'a' } } } })) }, '101 get items'],
    ['BatchWriteItem', { RequestItems: { [table]: Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: { pk: { S: `bw-${i}` } } } })) } }, '26 write requests for a table'],
    ['BatchWriteItem', { RequestItems: { [table]: [] } }, 'empty write request list'],
    ['BatchWriteItem', { RequestItems: { [table]: [{ PutRequest: {} }, { DeleteRequest: {} }] } }, 'put/delete requests missing Item/Key'],
    ['BatchWriteItem', { RequestItems: { [table]: [{ PutRequest: { Item: { pk: { S: 'a' } } } }] }, ReturnConsumedCapacity: 'X', ReturnItemCollectionMetrics: 'Y' }, 'two enum errors'],
    ['BatchGetItem', { RequestItems: { [table]: { Keys: Array.from({ length: 101 }, (_, i) => ({ pk: { S: `k${i}` } })) } } }, '101 keys for a table'],
    ['BatchGetItem', { RequestItems: { [table]: { Keys: [] } } }, 'empty Keys'],
    ['BatchGetItem', { RequestItems: { [table]: {} } }, 'KeysAndAttributes without Keys'],
    ['BatchGetItem', { RequestItems: { [table]: { Keys: [{ pk: { S: 'a' } }], AttributesToGet: [] } } }, 'empty AttributesToGet'],
    ['Query', { TableName: table, Limit: 0, Select: 'X', ConsistentRead: true, KeyConditions: { pk: { ComparisonOperator: 'XX' } } }, 'several top-level and nested errors'],
    ['Query', { TableName: table, KeyConditions: { pk: {} } }, 'condition without ComparisonOperator'],
    ['Scan', { TableName: table, Segment: -1, TotalSegments: 1000001 }, 'Segment and TotalSegments out of range'],
    ['Scan', { TableName: table, Segment: 0, TotalSegments: 0, Limit: -5 }, 'three range errors'],
    ['Scan', { TableName: table, ScanFilter: { a: { ComparisonOperator: 'EQ', AttributeValueList: [] } }, ConditionalOperator: 'XOR' }, 'ScanFilter and ConditionalOperator'],
    ['UpdateItem', { TableName: table, Key: { pk: { S: 'a' } }, AttributeUpdates: { a: { Action: 'MULTIPLY' } }, Expected: { a: { ComparisonOperator: 'X' } } }, 'AttributeUpdates and Expected enums'],
    ['PutItem', { TableName: table, Item: null }, 'Item null'],
    ['PutItem', { TableName: table, Item: { pk: { S: 'a' } }, ExpressionAttributeNames: {}, ConditionExpression: '' }, 'empty map and empty string are fine for coral'],
    ['ExecuteStatement', { Statement: '', Limit: 0, Parameters: [] }, 'ExecuteStatement: three errors'],
    ['BatchExecuteStatement', { Statements: Array.from({ length: 26 }, () => ({ Statement: `SELECT * FROM "${table}"` })) }, '26 statements'],
    ['BatchExecuteStatement', { Statements: [{ Statement: '' }, {}] }, 'statements: empty and missing'],
    ['ExecuteTransaction', { TransactStatements: [], ClientRequestToken: '' }, 'empty statements, empty token'],
    ['UpdateTimeToLive', { TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: '' } }, 'TTL attribute name empty'],
    ['UpdateTimeToLive', { TableName: table, TimeToLiveSpecification: {} }, 'TTL specification empty'],
    ['DynamoDBStreams_20120810.GetRecords', { ShardIterator: '', Limit: 0 }, 'GetRecords: empty iterator, limit 0'],
    ['DynamoDBStreams_20120810.GetShardIterator', { StreamArn: 'x', ShardId: 'y', ShardIteratorType: 'NOW' }, 'GetShardIterator: three errors'],
    ['DynamoDBStreams_20120810.DescribeStream', { StreamArn: STREAM_ARN, Limit: 0, ExclusiveStartShardId: 'x' }, 'DescribeStream: limit and shard id'],
    ['DynamoDBStreams_20120810.ListStreams', { TableName: 'a', Limit: 101 }, 'ListStreams: table name and limit'],
  ];
  for (const [op, body, note] of cases) steps.push({ op, body, note });
  return { name: 'Request validation: nested structures and several errors at once', steps };
}

function quirksScenario(table) {
  const steps = [setupTable(table)];
  const names = [
    ['', 'empty'],
    ['ab', 'too short'],
    ['a!', 'too short and bad characters'],
    ['bad name!', 'bad characters'],
    [{ $repeat: 'a', count: 256 }, '256 characters'],
    [{ $repeat: 'a', count: 1025 }, '1025 characters'],
  ];
  const bodies = {
    PutItem: (n) => ({ TableName: n, Item: { pk: { S: 'a' } } }),
    GetItem: (n) => ({ TableName: n, Key: { pk: { S: 'a' } } }),
    DeleteItem: (n) => ({ TableName: n, Key: { pk: { S: 'a' } } }),
    UpdateItem: (n) => ({ TableName: n, Key: { pk: { S: 'a' } } }),
    Query: (n) => ({ TableName: n }),
    Scan: (n) => ({ TableName: n }),
    DescribeTable: (n) => ({ TableName: n }),
    DeleteTable: (n) => ({ TableName: n }),
    UpdateTable: (n) => ({ TableName: n }),
    CreateTable: (n) => ({ TableName: n, KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }),
    DescribeTimeToLive: (n) => ({ TableName: n }),
    ListTables: (n) => ({ ExclusiveStartTableName: n }),
  };
  for (const [op, mk] of Object.entries(bodies)) {
    for (const [n, what] of names) {
      steps.push({ op, body: mk(n), note: `TableName ${what}` });
    }
  }
  steps.push({ op: 'PutItem', body: { TableName: '', ReturnValues: 'INVALID', Item: {} }, note: 'empty name and a bad enum: both coral errors, no table-name rule' });
  steps.push({ op: 'PutItem', body: { TableName: 'x!', ReturnValues: 'INVALID', Item: { pk: { S: 'a' } } }, note: 'bad name and a bad enum: coral error only' });
  steps.push({ op: 'PutItem', body: { Item: { pk: { S: 'a' } } }, note: 'TableName missing on an item operation: coral not-null' });
  for (const op of ['CreateTable', 'DescribeTable', 'DeleteTable', 'UpdateTable', 'DescribeTimeToLive', 'GetItem', 'Query', 'Scan']) {
    steps.push({ op, body: op === 'CreateTable' ? { KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' } : {}, note: 'TableName missing' });
  }
  steps.push({ op: 'CreateTable', body: { KeySchema: [{ AttributeName: 'pk', KeyType: 'X' }] }, note: 'TableName missing and a coral error: coral first' });
  steps.push({ op: 'Scan', body: { TableName: table, Segment: 0 }, note: 'Segment without TotalSegments' });
  steps.push({ op: 'Scan', body: { TableName: table, TotalSegments: 4 }, note: 'TotalSegments without Segment' });
  steps.push({ op: 'Scan', body: { TableName: table, Segment: 5, TotalSegments: 5 }, note: 'Segment not less than TotalSegments' });
  steps.push({ op: 'Scan', body: { TableName: table, Segment: 1, TotalSegments: 2 }, note: 'valid segments' });
  steps.push({ op: 'Scan', body: { TableName: table, Segment: 5, TotalSegments: 5, Limit: 0 }, note: 'coral error before the segment rule' });
  for (const op of ['BatchGetItem', 'BatchWriteItem']) {
    steps.push({ op, body: {}, note: 'RequestItems missing' });
    steps.push({ op, body: { RequestItems: {} }, note: 'RequestItems empty' });
    steps.push({ op, body: { RequestItems: null }, note: 'RequestItems null' });
    steps.push({ op, body: { RequestItems: {}, ReturnConsumedCapacity: 'X' }, note: 'RequestItems empty and a coral error: coral first' });
  }
  return { name: 'Request validation: table names and other per-operation checks outside coral', steps };
}

// ------------------------------------------------------------------------------------------

function generate() {
  mkdirSync(outDir, { recursive: true });
  const isTableOp = (svc, op) => svc === 'dynamodb' && /Table|TimeToLive|Backup|Limits|GlobalTable|ContinuousBackups|ContributorInsights|Kinesis|Export|Import|Resource|Tag|Endpoints/.test(op) && !/Item|Query|Scan|Statement|Transact/.test(op);
  const files = {
    'required-members.json': requiredScenario(),
    'constraints-items.json': constraintScenario('Request validation: constraint violations, item and query operations', 'val_cons_items', (svc, op) => svc === 'dynamodb' && !isTableOp(svc, op)),
    'constraints-tables.json': constraintScenario('Request validation: constraint violations, table and account operations', 'val_cons_tables', isTableOp, 2),
    'constraints-streams.json': constraintScenario('Request validation: constraint violations, DynamoDB Streams', 'val_cons_streams', (svc) => svc === 'streams'),
    'wrong-types.json': typeScenario('val_types'),
    'nested.json': nestedScenario('val_nested'),
    'quirks.json': quirksScenario('val_quirks'),
  };
  let total = 0;
  for (const [file, scenario] of Object.entries(files)) {
    // Keep what was already recorded for steps that did not change.
    const path = join(outDir, file);
    if (existsSync(path)) {
      const old = JSON.parse(readFileSync(path, 'utf8'));
      const byKey = new Map(old.steps.map((st) => [JSON.stringify([st.op, st.body]), st]));
      for (const st of scenario.steps) {
        const prev = byKey.get(JSON.stringify([st.op, st.body]));
        if (prev?.expect) st.expect = prev.expect;
        if (prev?.override) st.override = prev.override;
      }
    }
    writeFileSync(join(outDir, file), JSON.stringify(scenario, null, 2) + '\n');
    total += scenario.steps.length;
    console.log(`${file}: ${scenario.steps.length} steps`);
  }
  console.log(`total ${total} steps`);
}

// ------------------------------------------------------------------------------------------
// annotate: compare DynamoDB Local's recorded answer with src/validate's, add/remove overrides.

const REF = 'shared/reference/dynamodb.md §2c';
// Where the format comes from: DynamoDB Local answers coral's own message for the checks it leaves
// to coral (Query Limit 0 in constraints-items.json), and users quote the service with it.
const VALIDATE_REF =
  "src/validate/index.ts; coral's format as DynamoDB Local itself answers Query with Limit 0 (constraints-items.json) and as the service is quoted for the same request (https://github.com/boto/boto/pull/1584)";
// Public quotes of the service answering coral's constraint message where DynamoDB Local words its
// own check, by kind of fault (see src/validate/index.ts for the rules that rest on each).
const CORAL_QUOTES = [
  'table name pattern: https://github.com/aws/aws-cli/issues/790, https://github.com/serverless/serverless/issues/5120',
  'missing member: https://github.com/Netflix-Skunkworks/iep-apps/pull/527',
  'enum: https://github.com/ryanfitz/vogels/issues/128',
  'Limit range: https://github.com/boto/boto/pull/1584, https://github.com/boto/boto/pull/1248',
  'list/map length: https://github.com/architect/architect/issues/44, https://github.com/mandarzope/loopback-connector-dynamodb/issues/5, https://github.com/aws/aws-sdk-js/issues/1150, https://github.com/dtan4/valec/pull/46',
].join('; ');

function expandRepeat(v) {
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.$repeat === 'string') return v.$repeat.repeat(v.count);
  if (Array.isArray(v)) return v.map(expandRepeat);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expandRepeat(x)]));
  return v;
}

const CUSTOM_SOURCES = [
  [/^The parameter 'TableName' is required/, "the service is quoted with this message for DescribeTable (https://github.com/aws/aws-sdk-java/issues/977) and UpdateTable (https://github.com/aws/aws-sdk-java/pull/344); CreateTable and DeleteTable assumed to word it alike, while item operations keep coral's not-null message (https://github.com/Netflix-Skunkworks/iep-apps/pull/527)"],
];

function whyFor(ddbl, ours, op) {
  const t = ddbl.body?.__type ?? '';
  const custom = CUSTOM_SOURCES.find(([re]) => re.test(ours.body.message));
  if (custom) {
    return `DynamoDB Local answers ${ddbl.status} "${ddbl.body?.Message ?? ddbl.body?.message ?? ''}"; the service checks this itself after coral's validation and answers "${ours.body.message}" (${custom[1]}).`;
  }
  const m = ddbl.body?.Message ?? ddbl.body?.message ?? '';
  const kind = ours.body.__type.endsWith('#SerializationException') ? 'serialization' : 'validation';
  if (ddbl.status >= 500) {
    return kind === 'serialization'
      ? `DynamoDB Local answers 500 InternalFailure to a JSON value of the wrong type (${REF}). The service's coral deserialiser answers SerializationException; wording from real-service reports: "NUMBER_VALUE cannot be converted to String" (localstack#9412), "STRING_VALUE cannot be converted to Integer" (dynamodb-toolbox#502), "Start of structure or map found where not expected" (amplify-js#13265), "Unexpected field type" (JuliaCloud/AWS.jl#673); see ${VALIDATE_REF}.`
      : `DynamoDB Local answers 500 InternalFailure; the service rejects the request in coral's model validation before running it (constraint from the API model; message as in ${VALIDATE_REF}).`;
  }
  if (t.endsWith('#UnknownOperationException')) {
    return `DynamoDB Local does not implement ${op} ("${m}"); the service validates the request against the API model first (${VALIDATE_REF}).`;
  }
  if (kind === 'serialization') {
    return `DynamoDB Local accepts or words this differently ("${m || ddbl.status}"); the service's coral deserialiser rejects a JSON value of the wrong type with a SerializationException (wording sources in ${VALIDATE_REF}).`;
  }
  if (t.endsWith('#ResourceNotFoundException') || t.endsWith('#ResourceInUseException')) {
    return `DynamoDB Local looks the table or stream up before validating ("${m}"). The service runs coral's model validation before any lookup: an item operation naming a table that both breaks the name constraints and does not exist is answered with the ValidationException, not ResourceNotFoundException (observed on DynamoDB, https://github.com/scylladb/scylladb/pull/12608 description), and DynamoDB Local itself runs coral's checks before the lookup for other members of the same requests (DescribeStream Limit/ExclusiveStartShardId in constraints-streams.json). Applied here to every member coral checks, which is our inference for members other than TableName. Message per ${VALIDATE_REF}.`;
  }
  if (ddbl.status === 200) {
    return `DynamoDB Local does not enforce this API-model constraint and accepts the request; the service rejects it in coral's model validation (constraint from botocore's API model; ${CORAL_QUOTES}). Message per ${VALIDATE_REF}.`;
  }
  return `DynamoDB Local runs its own checks with its own wording ("${m}") instead of coral's model validation; the service is quoted answering coral's constraint message for such faults (${CORAL_QUOTES}). Message per ${VALIDATE_REF}.`;
}

async function annotate() {
  const { validateRequest } = await import(pathToFileURL(join(repo, 'dist', 'src', 'validate', 'index.js')).href);
  const ours = (op, body) => {
    const [svc, name] = op.startsWith('DynamoDBStreams_20120810.') ? ['streams', op.split('.')[1]] : ['dynamodb', op];
    try {
      validateRequest(svc, name, expandRepeat(body));
      return null;
    } catch (e) {
      return { status: e.statusCode, body: { __type: e.fullType, message: e.message } };
    }
  };
  let overrides = 0;
  let agree = 0;
  let unrecorded = 0;
  for (const file of readdirSync(outDir).filter((f) => f.endsWith('.json')).sort()) {
    const path = join(outDir, file);
    const scenario = JSON.parse(readFileSync(path, 'utf8'));
    for (const step of scenario.steps) {
      if (!step.expect) {
        unrecorded++;
        continue;
      }
      const o = ours(step.op, step.body);
      if (o === null) {
        // Valid for coral: whatever DynamoDB Local said comes from later layers.
        if (step.override?.generated) delete step.override;
        continue;
      }
      const d = step.expect;
      const same = d.status === o.status && d.body?.__type === o.body.__type && (d.body?.Message ?? d.body?.message) === o.body.message;
      if (same) {
        agree++;
        if (step.override?.generated) delete step.override;
        continue;
      }
      if (step.override && !step.override.generated) continue; // hand-written: keep
      if (step.override?.generated && step.override.body.message === o.body.message && step.override.status === o.status) {
        step.override.why = whyFor(d, o, step.op);
        overrides++;
        continue;
      }
      step.override = { status: o.status, body: o.body, why: whyFor(d, o, step.op), generated: true };
      overrides++;
    }
    writeFileSync(path, JSON.stringify(scenario, null, 2) + '\n');
  }
  console.log(`DynamoDB Local agrees on ${agree} validation answers; ${overrides} overrides written; ${unrecorded} steps not recorded yet`);
}

const cmd = process.argv[2];
if (cmd === 'generate') generate();
else if (cmd === 'annotate') await annotate();
else {
  console.error('usage: node test/validate/gen-cases.mjs generate|annotate');
  process.exit(1);
}
