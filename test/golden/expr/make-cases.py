#!/usr/bin/env python3
"""Writes the expression corpus's case files (cases/*.json) from the compact lists below.

The case files are the corpus; this script only saves typing. After editing, run it, then
scripts/record-expr-corpus.py to record the oracle's answers.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = {}


def add(file, case):
    cases = FILES.setdefault(file, [])
    case = {'id': f'{file}-{len(cases) + 1:03d}', **case}
    cases.append(case)


def params(**kw):
    return {k: v for k, v in kw.items() if v is not None}


def upd(file, expr, values=None, names=None, item=None, cond=None, rv='ALL_NEW', table='h', note=None, **extra):
    p = params(UpdateExpression=expr, ConditionExpression=cond, ExpressionAttributeNames=names,
               ExpressionAttributeValues=values, ReturnValues=rv, **extra)
    add(file, params(op='UpdateItem', table=table, item=item, params=p, note=note))


def put(file, cond, values=None, names=None, item=None, table='h', note=None, **extra):
    """A conditional PutItem that rewrites the stored item unchanged: the condition's outcome."""
    p = params(ConditionExpression=cond, ExpressionAttributeNames=names, ExpressionAttributeValues=values, **extra)
    add(file, params(op='PutItem', table=table, item=item, params=p, note=note))


def get(file, proj, names=None, item=None, table='h', note=None, **extra):
    p = params(ProjectionExpression=proj, ExpressionAttributeNames=names, **extra)
    add(file, params(op='GetItem', table=table, item=item, params=p, note=note))


def query(file, kc, values=None, names=None, items=None, table='hr', filter=None, proj=None, note=None, **extra):
    p = params(KeyConditionExpression=kc, FilterExpression=filter, ProjectionExpression=proj,
               ExpressionAttributeNames=names, ExpressionAttributeValues=values, **extra)
    add(file, params(op='Query', table=table, items=items or [], params=p, note=note))


def scan(file, filter=None, values=None, names=None, items=None, table='h', proj=None, note=None, **extra):
    p = params(FilterExpression=filter, ProjectionExpression=proj, ExpressionAttributeNames=names,
               ExpressionAttributeValues=values, **extra)
    add(file, params(op='Scan', table=table, items=items or [], params=p, note=note))


S = lambda s: {'S': s}
N = lambda n: {'N': str(n)}
B = lambda b: {'B': b}
L = lambda *x: {'L': list(x)}
M = lambda **k: {'M': k}
BOOL = lambda b: {'BOOL': b}
NULL = {'NULL': True}
SS = lambda *x: {'SS': list(x)}
NS = lambda *x: {'NS': [str(v) for v in x]}
BS = lambda *x: {'BS': list(x)}
V = {':v': S('x')}

exec(open(os.path.join(HERE, 'cases.py')).read())

os.makedirs(os.path.join(HERE, 'cases'), exist_ok=True)
for name, cases in FILES.items():
    with open(os.path.join(HERE, 'cases', name + '.json'), 'w') as f:
        f.write('{"cases": [\n')
        f.write(',\n'.join(json.dumps(c, ensure_ascii=False) for c in cases))
        f.write('\n]}\n')
    print(name, len(cases))
