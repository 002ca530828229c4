#!/usr/bin/env python3
"""Record the expression corpus against the oracle (DynamoDB Local).

Reads test/golden/expr/cases/*.json and writes test/golden/expr/recorded/<same name>.json with
each case's observed result: the response (or the error type and message) and, for writes, the
item as it is afterwards. test/expr/corpus.test.ts replays the recorded files against src/expr.

Usage: python3 scripts/record-expr-corpus.py [case-file-name-substring ...]
Environment: EXPR_ORACLE (default http://localhost:8001).

Case format (one file = {"cases": [case, ...]}):
  id       unique name
  op       UpdateItem | PutItem | DeleteItem | GetItem | Query | Scan
  table    h (pk S) | hr (pk S, sk S) | hn (pk S, sk N) | nb (pk N, sk B)
  item     the stored item before the request, without its key (absent or null = no item)
  items    Query/Scan: the table's items (full items, keys included)
  params   request parameters; TableName is added, and Key (writes/GetItem) defaults to the
           table's default key
"""
import base64
import glob
import json
import os
import sys

import boto3
import botocore

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, 'test', 'golden', 'expr', 'cases')
RECORDED = os.path.join(ROOT, 'test', 'golden', 'expr', 'recorded')

client = boto3.client(
    'dynamodb',
    endpoint_url=os.environ.get('EXPR_ORACLE', 'http://localhost:8001'),
    region_name='us-east-1',
    aws_access_key_id='fakeKey',
    aws_secret_access_key='fakeSecret',
    config=botocore.config.Config(parameter_validation=False, retries={'max_attempts': 0}),
)

# Every table is prefixed expr_ (the oracle is shared with other engineers).
TABLES = {
    'h': ('expr_h', [('pk', 'S')], {'pk': {'S': 'p'}}),
    'hr': ('expr_hr', [('pk', 'S'), ('sk', 'S')], {'pk': {'S': 'p'}, 'sk': {'S': 's'}}),
    'hn': ('expr_hn', [('pk', 'S'), ('sk', 'N')], {'pk': {'S': 'p'}, 'sk': {'N': '1'}}),
    'nb': ('expr_nb', [('pk', 'N'), ('sk', 'B')], {'pk': {'N': '1'}, 'sk': {'B': 'AQ=='}}),
}


def ensure_tables():
    existing = set(client.list_tables(Limit=100).get('TableNames', []))
    for name, keys, _ in TABLES.values():
        if name in existing:
            continue
        client.create_table(
            TableName=name,
            KeySchema=[{'AttributeName': k, 'KeyType': 'HASH' if i == 0 else 'RANGE'} for i, (k, _) in enumerate(keys)],
            AttributeDefinitions=[{'AttributeName': k, 'AttributeType': t} for k, t in keys],
            BillingMode='PAY_PER_REQUEST',
        )


def to_wire(v):
    """Case files write B values as base64 text; boto3 wants bytes."""
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            if k == 'B' and isinstance(x, str):
                out[k] = base64.b64decode(x)
            elif k == 'BS' and isinstance(x, list):
                out[k] = [base64.b64decode(e) if isinstance(e, str) else e for e in x]
            else:
                out[k] = to_wire(x)
        return out
    if isinstance(v, list):
        return [to_wire(x) for x in v]
    return v


def from_wire(v):
    if isinstance(v, dict):
        return {k: from_wire(x) for k, x in v.items()}
    if isinstance(v, list):
        return [from_wire(x) for x in v]
    if isinstance(v, (bytes, bytearray)):
        return base64.b64encode(v).decode('ascii')
    return v


def clear(table):
    name = TABLES[table][0]
    keys = [k for k, _ in TABLES[table][1]]
    start = None
    while True:
        kw = {'TableName': name, 'ConsistentRead': True}
        if start:
            kw['ExclusiveStartKey'] = start
        page = client.scan(**kw)
        for it in page.get('Items', []):
            client.delete_item(TableName=name, Key={k: it[k] for k in keys})
        start = page.get('LastEvaluatedKey')
        if not start:
            break


def call(op, params):
    method = {'UpdateItem': 'update_item', 'PutItem': 'put_item', 'DeleteItem': 'delete_item',
              'GetItem': 'get_item', 'Query': 'query', 'Scan': 'scan'}[op]
    try:
        r = getattr(client, method)(**params)
        r.pop('ResponseMetadata', None)
        return {'response': from_wire(r)}
    except botocore.exceptions.ClientError as e:
        err = {'type': e.response['Error']['Code'], 'message': e.response['Error'].get('Message')}
        if 'Item' in e.response:
            err['item'] = from_wire(e.response['Item'])
        return {'error': err}


def record_case(case):
    table = case.get('table', 'h')
    name, _, default_key = TABLES[table]
    params = dict(to_wire(case.get('params', {})))
    params['TableName'] = name
    op = case['op']
    out = {}
    if op in ('Query', 'Scan'):
        clear(table)
        for it in case.get('items', []):
            client.put_item(TableName=name, Item=to_wire(it))
        out['result'] = call(op, params)
        return out
    key = to_wire(case.get('key', default_key))
    if op != 'PutItem':
        params.setdefault('Key', key)
    elif 'Item' not in params:
        # A conditional put of the stored item itself: only the condition's outcome shows.
        params['Item'] = {**to_wire(case.get('item') or {}), **key}
    client.delete_item(TableName=name, Key=key)
    if case.get('item') is not None:
        client.put_item(TableName=name, Item={**to_wire(case['item']), **key})
    out['result'] = call(op, params)
    if op != 'GetItem':
        after = client.get_item(TableName=name, Key=key, ConsistentRead=True).get('Item')
        out['after'] = from_wire(after) if after is not None else None
    return out


def main():
    ensure_tables()
    filters = sys.argv[1:]
    os.makedirs(RECORDED, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(CASES, '*.json'))):
        base = os.path.basename(path)
        if filters and not any(f in base for f in filters):
            continue
        with open(path) as f:
            spec = json.load(f)
        recorded = []
        for case in spec['cases']:
            rec = dict(case)
            rec.update(record_case(case))
            recorded.append(rec)
        with open(os.path.join(RECORDED, base), 'w') as f:
            json.dump({'source': 'DynamoDB Local at ' + client.meta.endpoint_url, 'cases': recorded}, f, indent=1)
            f.write('\n')
        print(f'{base}: {len(recorded)} cases')


if __name__ == '__main__':
    main()
