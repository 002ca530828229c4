/**
 * End to end through Python's boto3 (botocore parses and validates every answer, and checks the
 * x-amz-crc32 header of DynamoDB responses). Skips, saying so, when python3 or boto3 is missing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { startServer, type RunningServer } from '../../src/index.js';

const run = promisify(execFile);
const probe = spawnSync('python3', ['-c', 'import boto3; print(boto3.__version__)'], { encoding: 'utf8' });
const skip = probe.error || probe.status !== 0 ? 'python3 with boto3 is not installed (apt-get install python3-boto3 to run these tests)' : false;

let server: RunningServer;
before(async () => {
  if (!skip) server = await startServer({ port: 0, inMemory: true });
});
after(() => server?.close());

/** Runs a Python snippet with `db` (a boto3 DynamoDB client for the server) in scope; returns what it prints as JSON. */
async function py(body: string, region = 'us-east-1', accessKey = 'fakeKey'): Promise<any> {
  const script = `
import json, os, sys, decimal, base64
import boto3, botocore
from botocore.config import Config
db = boto3.client(
    "dynamodb",
    endpoint_url=os.environ["ENDPOINT"],
    region_name=os.environ["REGION"],
    aws_access_key_id=os.environ["ACCESS_KEY"],
    aws_secret_access_key="fakeSecret",
    config=Config(retries={"max_attempts": 1, "mode": "standard"}),
)
def out(v):
    def default(o):
        if isinstance(o, (bytes, bytearray)):
            return {"__bytes__": base64.b64encode(o).decode()}
        if isinstance(o, set):
            return sorted(o, key=str)
        return str(o)
    print(json.dumps(v, default=default))
${body}
`;
  const { stdout } = await run('python3', ['-c', script], {
    env: { ...process.env, ENDPOINT: server.url, REGION: region, ACCESS_KEY: accessKey, AWS_CONFIG_FILE: '/dev/null', AWS_PROFILE: undefined },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('boto3', { skip }, () => {
  test('create a table, wait for it, put/get/delete an item', async () => {
    const r = await py(`
t = db.create_table(
    TableName="py_items",
    AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
    KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
    BillingMode="PAY_PER_REQUEST",
)["TableDescription"]
db.get_waiter("table_exists").wait(TableName="py_items", WaiterConfig={"Delay": 1, "MaxAttempts": 10})
db.put_item(TableName="py_items", Item={
    "pk": {"S": "a"}, "sk": {"N": "1"}, "n": {"N": "-0"}, "b": {"B": b"\\x00\\xff"},
    "m": {"M": {"l": {"L": [{"NULL": True}, {"BOOL": False}]}}}, "ns": {"NS": ["3", "1e2"]},
})
got = db.get_item(TableName="py_items", Key={"pk": {"S": "a"}, "sk": {"N": "1"}}, ConsistentRead=True)["Item"]
old = db.delete_item(TableName="py_items", Key={"pk": {"S": "a"}, "sk": {"N": "1.0"}}, ReturnValues="ALL_OLD")["Attributes"]
after = db.get_item(TableName="py_items", Key={"pk": {"S": "a"}, "sk": {"N": "1"}})
out({"arn": t["TableArn"], "created": str(type(t["CreationDateTime"])), "got": got, "old_pk": old["pk"], "after": "Item" in after,
     "tables": db.list_tables()["TableNames"]})
`);
    assert.equal(r.arn, 'arn:aws:dynamodb:us-east-1:000000000000:table/py_items');
    assert.match(r.created, /datetime/);
    assert.deepEqual(r.got.n, { N: '0' });
    assert.deepEqual(r.got.b, { B: { __bytes__: 'AP8=' } });
    assert.deepEqual(r.got.m, { M: { l: { L: [{ NULL: true }, { BOOL: false }] } } });
    assert.deepEqual([...r.got.ns.NS].sort(), ['100', '3']);
    assert.deepEqual(r.old_pk, { S: 'a' });
    assert.equal(r.after, false);
    assert.ok(r.tables.includes('py_items'));
  });

  test('errors are botocore ClientErrors with DynamoDB codes and messages', async () => {
    const r = await py(`
res = {}
for name, call in [
    ("missing", lambda: db.describe_table(TableName="py_no_such_table")),
    ("invalid", lambda: db.get_item(TableName="ab", Key={"pk": {"S": "a"}})),
]:
    try:
        call()
        res[name] = None
    except botocore.exceptions.ClientError as e:
        res[name] = {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
                     "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
                     "rid": e.response["ResponseMetadata"].get("RequestId", "")}
res["typed"] = False
try:
    db.describe_table(TableName="py_no_such_table")
except db.exceptions.ResourceNotFoundException:
    res["typed"] = True
out(res)
`);
    assert.equal(r.missing.code, 'ResourceNotFoundException');
    assert.equal(r.missing.status, 400);
    assert.match(r.missing.rid, /^[A-Z0-9]{52}$/);
    assert.equal(r.invalid.code, 'ValidationException');
    assert.ok(r.typed, 'boto3 maps the error to its modelled exception class');
  });

  test('the resource API (boto3.resource) round trip', async () => {
    const r = await py(`
res = boto3.resource("dynamodb", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1",
                     aws_access_key_id="fakeKey", aws_secret_access_key="fakeSecret")
table = res.create_table(TableName="py_resource",
    AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST")
table.wait_until_exists()
table.put_item(Item={"id": "x", "price": decimal.Decimal("19.990"), "tags": {"a", "b"}, "doc": {"k": [1, "two"]}})
item = table.get_item(Key={"id": "x"})["Item"]
out({"price": str(item["price"]), "tags": sorted(item["tags"]), "doc": item["doc"]})
`);
    assert.equal(r.price, '19.99');
    assert.deepEqual(r.tags, ['a', 'b']);
    assert.deepEqual(r.doc, { k: ['1', 'two'] });
  });

  test('the credential scope region shows up in ARNs', async () => {
    const r = await py(
      `
t = db.create_table(TableName="py_region", AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
    KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST")["TableDescription"]
out(t["TableArn"])
`,
      'sa-east-1',
      '444455556666',
    );
    assert.equal(r, 'arn:aws:dynamodb:sa-east-1:444455556666:table/py_region');
  });
});
