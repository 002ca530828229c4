#!/usr/bin/env python3
"""Writes the Query/Scan golden scenarios (test/golden/query/*.json).

    python3 scripts/query-golden-scenarios.py            # (re)write the steps; recorded expects and overrides of unchanged steps are kept
    node scripts/golden-record.mjs query                  # record what is missing from DynamoDB Local
    python3 scripts/query-golden-scenarios.py --overrides # add the cited overrides where the service differs from DynamoDB Local

Steps are matched to their recorded answers by (op, body, note); change a step's data and re-record
its file with --force. Table names start with qs_ (the oracle is shared).
"""
import sys
import json, os, copy
OUT=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'test', 'golden', 'query')
os.makedirs(OUT, exist_ok=True)
def S(s): return {'S': s}
def N(n): return {'N': str(n)}
def ks(h, r=None):
    k=[{'AttributeName':h,'KeyType':'HASH'}]
    if r: k.append({'AttributeName':r,'KeyType':'RANGE'})
    return k
def create(name, keys, attrs, lsis=None, gsis=None):
    body={'TableName':name,'KeySchema':ks(*[k for k,_ in keys]),'AttributeDefinitions':[{'AttributeName':a,'AttributeType':t} for a,t in attrs],'BillingMode':'PAY_PER_REQUEST'}
    if lsis: body['LocalSecondaryIndexes']=lsis
    if gsis: body['GlobalSecondaryIndexes']=gsis
    return {'op':'CreateTable','body':body,'ignore':['TableDescription'],'note':'set-up (the table description is the control plane\'s subject)'}
def put(t, item, **kw): return {'op':'PutItem','body':{'TableName':t,'Item':item,**kw}}
def step(op, note, **body): return {'op':op,'note':note,'body':body}
def write(name, title, steps, **extra):
    d={'name':title, **extra, 'steps':steps}
    path=os.path.join(OUT,name)
    # keep recorded expects/overrides of steps that did not change
    if os.path.exists(path):
        old=json.load(open(path))
        byKey={json.dumps([s['op'],s.get('body'),s.get('note')],sort_keys=True):s for s in old['steps']}
        for s in steps:
            o=byKey.get(json.dumps([s['op'],s.get('body'),s.get('note')],sort_keys=True))
            if o:
                for k in ('expect','override'):
                    if k in o and k not in s: s[k]=o[k]
    json.dump(d, open(path,'w'), indent=2, ensure_ascii=False); open(path,'a').write('\n')

def lsi(name, sk, proj):
    return {'IndexName':name,'KeySchema':ks('pk',sk),'Projection':proj}
def gsi(name, h, r, proj):
    return {'IndexName':name,'KeySchema':ks(h,r),'Projection':proj}
KEYS={'ProjectionType':'KEYS_ONLY'}
ALL={'ProjectionType':'ALL'}
def INCL(*a): return {'ProjectionType':'INCLUDE','NonKeyAttributes':list(a)}

# ------------------------------------------------------------------ query validation
T='qs_qv'
kc=dict(KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p')})
gk=dict(KeyConditionExpression='g1 = :g', ExpressionAttributeValues={':g':S('G')})
KCL={'pk':{'ComparisonOperator':'EQ','AttributeValueList':[S('p')]}}
steps=[create(T,[('pk','S'),('sk','N')],[('pk','S'),('sk','N'),('l1','S'),('g1','S'),('g2','N')],
  lsis=[lsi('lsi_k','l1',KEYS)], gsis=[gsi('gsi_k','g1',None,KEYS), gsi('gsi_a','g2',None,ALL)])]
for i in range(3): steps.append(put(T,{'pk':S('p'),'sk':N(i),'l1':S(f'l{i}'),'g1':S('G'),'g2':N(i),'a':S('a'),'b':S('b')}))
V=[
 ('missing table', dict(TableName='qs_qv_missing', **kc)),
 ('no key condition', dict(TableName=T)),
 ('no key condition, unknown index: the index is checked first', dict(TableName=T, IndexName='nope')),
 ('mixing before the missing key condition', dict(TableName=T, ProjectionExpression='a', AttributesToGet=['a'])),
 ('unknown index', dict(TableName=T, IndexName='nope', **kc)),
 ('ConsistentRead on a GSI', dict(TableName=T, IndexName='gsi_k', ConsistentRead=True, **gk)),
 ('ConsistentRead on a GSI is checked before Select', dict(TableName=T, IndexName='gsi_k', ConsistentRead=True, Select='ALL_ATTRIBUTES', **gk)),
 ('ALL_PROJECTED_ATTRIBUTES without an index', dict(TableName=T, Select='ALL_PROJECTED_ATTRIBUTES', **kc)),
 ('SPECIFIC_ATTRIBUTES without a projection', dict(TableName=T, Select='SPECIFIC_ATTRIBUTES', **kc)),
 ('ALL_ATTRIBUTES with ProjectionExpression', dict(TableName=T, Select='ALL_ATTRIBUTES', ProjectionExpression='a', **kc)),
 ('ALL_ATTRIBUTES with AttributesToGet', dict(TableName=T, Select='ALL_ATTRIBUTES', AttributesToGet=['a'], KeyConditions=KCL)),
 ('COUNT with ProjectionExpression', dict(TableName=T, Select='COUNT', ProjectionExpression='a', **kc)),
 ('COUNT with AttributesToGet', dict(TableName=T, Select='COUNT', AttributesToGet=['a'], KeyConditions=KCL)),
 ('ALL_PROJECTED_ATTRIBUTES with ProjectionExpression, no index: the projection clash first', dict(TableName=T, Select='ALL_PROJECTED_ATTRIBUTES', ProjectionExpression='a', **kc)),
 ('ALL_PROJECTED_ATTRIBUTES with AttributesToGet on an index', dict(TableName=T, IndexName='lsi_k', Select='ALL_PROJECTED_ATTRIBUTES', AttributesToGet=['a'], KeyConditions=KCL)),
 ('ALL_ATTRIBUTES on a GSI that does not project ALL', dict(TableName=T, IndexName='gsi_k', Select='ALL_ATTRIBUTES', **gk)),
 ('projection of attributes a GSI does not hold (Java HashSet order)', dict(TableName=T, IndexName='gsi_k', ProjectionExpression='zz, b, a, pk', **gk)),
 ('AttributesToGet of attributes a GSI does not hold', dict(TableName=T, IndexName='gsi_k', AttributesToGet=['zz','b'], KeyConditions={'g1':{'ComparisonOperator':'EQ','AttributeValueList':[S('G')]}})),
 ('FilterExpression on the sort key', dict(TableName=T, FilterExpression='sk = :s', KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p'),':s':N(1)})),
 ('FilterExpression on both keys: the partition key is reported', dict(TableName=T, FilterExpression='sk = :s AND pk = :p', KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p'),':s':N(1)})),
 ('FilterExpression on a nested key path', dict(TableName=T, FilterExpression='a = :p AND sk.x = :s', KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p'),':s':N(1)})),
 ('QueryFilter on a key', dict(TableName=T, KeyConditions=KCL, QueryFilter={'sk':{'ComparisonOperator':'EQ','AttributeValueList':[N(1)]}})),
 ('FilterExpression on the index key of a GSI', dict(TableName=T, IndexName='gsi_a', FilterExpression='g2 = :s', KeyConditionExpression='g2 = :g', ExpressionAttributeValues={':g':N(1),':s':N(1)})),
 ('FilterExpression on attributes an index does not project (sorted)', dict(TableName=T, IndexName='gsi_k', FilterExpression='zz = :s AND b = :s AND a = :s', KeyConditionExpression='g1 = :g', ExpressionAttributeValues={':g':S('G'),':s':S('x')})),
 ('filter projection check before the Select check', dict(TableName=T, IndexName='gsi_k', Select='ALL_ATTRIBUTES', FilterExpression='b = :s', KeyConditionExpression='g1 = :g', ExpressionAttributeValues={':g':S('G'),':s':S('x')})),
 ('filter key check before the Select check', dict(TableName=T, Select='SPECIFIC_ATTRIBUTES', FilterExpression='sk = :s', KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p'),':s':N(1)})),
 ('OR in the key condition', dict(TableName=T, KeyConditionExpression='pk = :p OR pk = :p', ExpressionAttributeValues={':p':S('p')})),
 ('key condition value of the wrong type', dict(TableName=T, KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':N(1)})),
 ('key condition without the partition key', dict(TableName=T, KeyConditionExpression='sk = :s', ExpressionAttributeValues={':s':N(1)})),
 ('ExpressionAttributeNames unused', dict(TableName=T, ExpressionAttributeNames={'#u':'u'}, **kc)),
 ('start key with too few attributes', dict(TableName=T, ExclusiveStartKey={'pk':S('p')}, **kc)),
 ('start key with an attribute too many', dict(TableName=T, ExclusiveStartKey={'pk':S('p'),'sk':N(1),'x':S('x')}, **kc)),
 ('start key naming the wrong attribute', dict(TableName=T, ExclusiveStartKey={'pk':S('p'),'sx':N(1)}, **kc)),
 ('start key with a key attribute of the wrong type', dict(TableName=T, ExclusiveStartKey={'pk':S('p'),'sk':S('1')}, **kc)),
 ('start key of another partition', dict(TableName=T, ExclusiveStartKey={'pk':S('q'),'sk':N(1)}, **kc)),
 ('start key outside the sort-key condition', dict(TableName=T, ExclusiveStartKey={'pk':S('p'),'sk':N(1)}, KeyConditionExpression='pk = :p AND sk > :s', ExpressionAttributeValues={':p':S('p'),':s':N(1)})),
 ('start key with an empty partition key', dict(TableName=T, ExclusiveStartKey={'pk':S(''),'sk':N(1)}, **kc)),
 ('start key with an invalid number', dict(TableName=T, ExclusiveStartKey={'pk':S('p'),'sk':N('abc')}, **kc)),
 ('start key of a GSI query without the index key', dict(TableName=T, IndexName='gsi_k', ExclusiveStartKey={'pk':S('p'),'sk':N(1)}, **gk)),
 ('start key of a GSI query naming a wrong attribute', dict(TableName=T, IndexName='gsi_k', ExclusiveStartKey={'pk':S('p'),'sk':N(1),'gx':S('G')}, **gk)),
 ('start key of a GSI query in another index partition', dict(TableName=T, IndexName='gsi_k', ExclusiveStartKey={'pk':S('p'),'sk':N(1),'g1':S('H')}, **gk)),
 ('the start key is checked after the expressions', dict(TableName=T, ExclusiveStartKey={'x':S('p')}, KeyConditionExpression='pk = = :p', ExpressionAttributeValues={':p':S('p')})),
 ('the start key is checked before Select', dict(TableName=T, Select='SPECIFIC_ATTRIBUTES', ExclusiveStartKey={'x':S('p')}, **kc)),
 ('the range predicate is checked before the filter', dict(TableName=T, ExclusiveStartKey={'pk':S('zz'),'sk':N(1)}, FilterExpression='sk = :s', KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p'),':s':N(1)})),
]
for note, body in V: steps.append(step('Query', note, **body))
write('query-validation.json', 'Query: validation errors and the order DynamoDB reports them in', steps)

# ------------------------------------------------------------------ scan validation
T='qs_sv'
steps=[create(T,[('pk','S'),('sk','N')],[('pk','S'),('sk','N'),('g1','S')], gsis=[gsi('gsi_k','g1',None,KEYS)])]
steps.append(put(T,{'pk':S('p'),'sk':N(1),'g1':S('G'),'b':S('b')}))
V=[
 ('missing table', dict(TableName='qs_sv_missing')),
 ('unknown index', dict(TableName=T, IndexName='nope')),
 ('ConsistentRead on a GSI', dict(TableName=T, IndexName='gsi_k', ConsistentRead=True)),
 ('ALL_PROJECTED_ATTRIBUTES without an index', dict(TableName=T, Select='ALL_PROJECTED_ATTRIBUTES')),
 ('SPECIFIC_ATTRIBUTES without a projection', dict(TableName=T, Select='SPECIFIC_ATTRIBUTES')),
 ('COUNT with ProjectionExpression', dict(TableName=T, Select='COUNT', ProjectionExpression='b')),
 ('ALL_ATTRIBUTES on a GSI that does not project ALL', dict(TableName=T, IndexName='gsi_k', Select='ALL_ATTRIBUTES')),
 ('projection of an attribute a GSI does not hold', dict(TableName=T, IndexName='gsi_k', ProjectionExpression='b')),
 ('ExpressionAttributeValues without an expression', dict(TableName=T, ExpressionAttributeValues={':s':N(1)})),
 ('start key with too few attributes', dict(TableName=T, ExclusiveStartKey={'pk':S('p')})),
 ('start key naming the wrong attribute', dict(TableName=T, ExclusiveStartKey={'pk':S('p'),'sx':N(1)})),
 ('start key with a key attribute of the wrong type', dict(TableName=T, ExclusiveStartKey={'pk':S('p'),'sk':S('1')})),
 ('start key of an index naming the wrong attribute', dict(TableName=T, IndexName='gsi_k', ExclusiveStartKey={'pk':S('p'),'sk':N(1),'gx':S('G')})),
 ('start key of an index with too few attributes', dict(TableName=T, IndexName='gsi_k', ExclusiveStartKey={'pk':S('p'),'sk':N(1)})),
 ('start key checked before Select', dict(TableName=T, Select='SPECIFIC_ATTRIBUTES', ExclusiveStartKey={'x':S('1')})),
 ('a filter on a key attribute is fine in a Scan', dict(TableName=T, FilterExpression='sk = :s', ExpressionAttributeValues={':s':N(1)})),
]
for note, body in V: steps.append(step('Scan', note, **body))
write('scan-validation.json', 'Scan: validation errors and the order DynamoDB reports them in', steps)

# ------------------------------------------------------------------ paging
T='qs_pg'
steps=[create(T,[('pk','S'),('sk','N')],[('pk','S'),('sk','N')])]
for i in range(6): steps.append(put(T,{'pk':S('a'),'sk':N(i),'even':{'BOOL':i%2==0},'v':S('x'*i)}))
for i in range(3): steps.append(put(T,{'pk':S('b'),'sk':N(-i)}))
Q=dict(TableName=T, **{'KeyConditionExpression':'pk = :p','ExpressionAttributeValues':{':p':S('a')}})
def qstep(note, capture=None, **kw):
    s=step('Query', note, **{**Q, **kw})
    if capture: s['capture']={capture:'LastEvaluatedKey'}
    return s
steps += [
 qstep('page 1 of 3 (Limit 2)', 'k1', Limit=2),
 qstep('page 2', 'k2', Limit=2, ExclusiveStartKey='${k1}'),
 qstep('page 3 ends on the last item and still has a LastEvaluatedKey', 'k3', Limit=2, ExclusiveStartKey='${k2}'),
 qstep('page 4 is empty, without a key', None, Limit=2, ExclusiveStartKey='${k3}'),
 qstep('Limit equal to the item count: a key', None, Limit=6),
 qstep('Limit above the item count: no key', None, Limit=7),
 qstep('backwards, page 1', 'r1', Limit=4, ScanIndexForward=False),
 qstep('backwards, page 2', None, Limit=4, ScanIndexForward=False, ExclusiveStartKey='${r1}'),
 step('Query','Limit counts items before the filter', TableName=T, KeyConditionExpression='pk = :p', FilterExpression='even = :t', ExpressionAttributeValues={':p':S('a'),':t':{'BOOL':True}}, Limit=3),
 step('Query','a filter keeping nothing', TableName=T, KeyConditionExpression='pk = :p', FilterExpression='v = :n', ExpressionAttributeValues={':p':S('a'),':n':S('none')}, Limit=4),
 qstep('COUNT with Limit', None, Select='COUNT', Limit=3),
 qstep('a start key between items', None, ExclusiveStartKey={'pk':S('a'),'sk':N('2.5')}),
 qstep('a start key that is not normalised', None, ExclusiveStartKey={'pk':S('a'),'sk':N('03.0')}),
 step('Query','sort-key conditions: BETWEEN', TableName=T, KeyConditionExpression='pk = :p AND sk BETWEEN :a AND :b', ExpressionAttributeValues={':p':S('a'),':a':N(1),':b':N(3)}, ProjectionExpression='sk'),
 step('Query','sort-key conditions: value on the left', TableName=T, KeyConditionExpression='pk = :p AND :a < sk', ExpressionAttributeValues={':p':S('a'),':a':N(3)}, ProjectionExpression='sk'),
 step('Query','legacy KeyConditions, QueryFilter, AttributesToGet', TableName=T, KeyConditions={'pk':{'ComparisonOperator':'EQ','AttributeValueList':[S('a')]},'sk':{'ComparisonOperator':'GE','AttributeValueList':[N(2)]}}, QueryFilter={'even':{'ComparisonOperator':'EQ','AttributeValueList':[{'BOOL':True}]}}, AttributesToGet=['sk','v']),
 step('Query','negative numbers sort numerically', TableName=T, KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('b')}),
 qstep('capacity, eventually consistent', None, ReturnConsumedCapacity='TOTAL'),
 qstep('capacity, strongly consistent, INDEXES', None, ReturnConsumedCapacity='INDEXES', ConsistentRead=True),
 step('Query','capacity of reading nothing', TableName=T, KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('none')}, ReturnConsumedCapacity='INDEXES'),
 step('Query','the filter does not lower the capacity', TableName=T, KeyConditionExpression='pk = :p', FilterExpression='v = :n', ExpressionAttributeValues={':p':S('a'),':n':S('none')}, ReturnConsumedCapacity='TOTAL'),
]
T2='qs_pg_scan'
steps.append(create(T2,[('pk','S'),('sk','N')],[('pk','S'),('sk','N')]))
for i in range(5): steps.append(put(T2,{'pk':S('only'),'sk':N(i)}))
steps += [
 {**step('Scan','one partition: page 1', TableName=T2, Limit=2, ReturnConsumedCapacity='INDEXES'), 'capture':{'s1':'LastEvaluatedKey'}},
 step('Scan','page 2', TableName=T2, Limit=3, ExclusiveStartKey='${s1}'),
 step('Scan','a filter in a Scan may use key attributes', TableName=T2, FilterExpression='sk >= :s', ExpressionAttributeValues={':s':N(3)}),
 step('Scan','COUNT, strongly consistent', TableName=T2, Select='COUNT', ConsistentRead=True, ReturnConsumedCapacity='TOTAL'),
 step('Scan','one segment of one', TableName=T2, Segment=0, TotalSegments=1, Limit=1),
]
write('paging.json', 'Query and Scan paging: Limit, LastEvaluatedKey, filters, key conditions, capacity', steps)

# ------------------------------------------------------------------ one MB
T='qs_mb'
steps=[create(T,[('pk','S'),('sk','S')],[('pk','S'),('sk','S')])]
def big(pk, i, size):
    return put(T,{'pk':S(pk),'sk':S('k%02d'%i),'v':S({'$repeat':'x','count':size-(2+len(pk)+2+3+1)})})
for i in range(15): steps.append(big('p', i, 102400))
steps += [
 {**step('Query','15 x 100 KB: the first page has 11 items', TableName=T, KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p')}, ProjectionExpression='sk', ReturnConsumedCapacity='TOTAL'), 'capture':{'m1':'LastEvaluatedKey'}},
 step('Query','the rest', TableName=T, KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p')}, ProjectionExpression='sk', ExclusiveStartKey='${m1}'),
 {**step('Scan','the same for a Scan (one partition so far)', TableName=T, ProjectionExpression='sk', ReturnConsumedCapacity='TOTAL', ConsistentRead=True), 'capture':{'m2':'LastEvaluatedKey'}},
 step('Scan','the rest of the Scan', TableName=T, ProjectionExpression='sk', ExclusiveStartKey='${m2}'),
 step('Query','backwards', TableName=T, KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p')}, Select='COUNT', ScanIndexForward=False),
]
for pk, at10 in [('q',1048575),('r',1048576)]:
    for i in range(12): steps.append(big(pk, i, at10-102400*9 if i==0 else 102400))
    steps.append(step('Query',f'the first 10 items total {at10} bytes', TableName=T, KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S(pk)}, Select='COUNT', ReturnConsumedCapacity='TOTAL'))
for i in range(10): steps.append(big('s', i, 1048576-102400*9 if i==0 else 102400))
steps.append(step('Query','exactly 1 MB ending at the last item: no LastEvaluatedKey', TableName=T, KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('s')}, Select='COUNT'))
steps.append(step('Query','Limit and 1 MB together', TableName=T, KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('s')}, Select='COUNT', Limit=10))
write('one-mb.json', 'Query and Scan: the 1 MB page, measured as DynamoDB measures it', steps)

# ------------------------------------------------------------------ indexes
T='qs_ix'
steps=[create(T,[('pk','S'),('sk','N')],[('pk','S'),('sk','N'),('l1','S'),('l2','S'),('g1','S'),('g2','N')],
  lsis=[lsi('lsi_keys','l1',KEYS), lsi('lsi_incl','l2',INCL('a')), lsi('lsi_all','l1',ALL)],
  gsis=[gsi('gsi_keys','g1',None,KEYS), gsi('gsi_incl','g1','g2',INCL('a')), gsi('gsi_all','g2','sk',ALL)])]
for i in range(6):
    item={'pk':S('p'),'sk':N(i),'a':S('a'*(i+1)),'b':S('b%d'%i),'l2':S('m%d'%(5-i)),'g2':N(i)}
    if i!=3: item['l1']=S('l%d'%(9-i))
    if i!=4: item['g1']=S('G')
    steps.append(put(T,item))
steps.append(put(T,{'pk':S('q'),'sk':N(0),'l1':S('x'),'g1':S('H'),'g2':N(7)}))
IQ=lambda idx, note, **kw: step('Query', note, TableName=T, IndexName=idx, **kw)
steps += [
 IQ('lsi_keys','LSI KEYS_ONLY: sparse, index order, keys only', KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p')}, ReturnConsumedCapacity='INDEXES'),
 IQ('lsi_keys','LSI KEYS_ONLY with Limit: the key has the table and index keys', KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p')}, Limit=2, ScanIndexForward=False),
 IQ('lsi_incl','LSI INCLUDE', KeyConditionExpression='pk = :p AND l2 BETWEEN :a AND :b', ExpressionAttributeValues={':p':S('p'),':a':S('m1'),':b':S('m3')}),
 IQ('lsi_all','LSI ALL, strongly consistent', KeyConditionExpression='pk = :p AND begins_with(l1, :l)', ExpressionAttributeValues={':p':S('p'),':l':S('l')}, ConsistentRead=True, ReturnConsumedCapacity='INDEXES'),
 IQ('lsi_keys','LSI ALL_ATTRIBUTES fetches from the table, charged per item', KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p')}, Select='ALL_ATTRIBUTES', ReturnConsumedCapacity='INDEXES'),
 IQ('lsi_keys','LSI ALL_ATTRIBUTES, strongly consistent', KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p')}, Select='ALL_ATTRIBUTES', ConsistentRead=True, Limit=2, ReturnConsumedCapacity='INDEXES'),
 IQ('lsi_incl','LSI projection of attributes it does not hold: fetched', KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p')}, ProjectionExpression='b, sk', Limit=3, ReturnConsumedCapacity='INDEXES'),
 IQ('lsi_incl','LSI projection of projected attributes only: no fetch (the guide); DynamoDB Local fetches anyway', KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p')}, ProjectionExpression='a, l2', Limit=3, ReturnConsumedCapacity='INDEXES'),
 IQ('lsi_keys','LSI COUNT reads only the index', KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('p')}, Select='COUNT', ReturnConsumedCapacity='INDEXES'),
 IQ('lsi_keys','LSI filter on the table sort key is allowed', KeyConditionExpression='pk = :p', FilterExpression='sk > :s', ExpressionAttributeValues={':p':S('p'),':s':N(2)}),
 IQ('lsi_keys','LSI filter on an attribute it does not project', KeyConditionExpression='pk = :p', FilterExpression='a = :s', ExpressionAttributeValues={':p':S('p'),':s':S('a')}),
 IQ('gsi_incl','GSI INCLUDE with a sort key', KeyConditionExpression='g1 = :g AND g2 >= :x', ExpressionAttributeValues={':g':S('G'),':x':N(1)}, ReturnConsumedCapacity='INDEXES'),
 IQ('gsi_all','GSI ALL keyed on a table attribute: its key shares sk', KeyConditionExpression='g2 = :g', ExpressionAttributeValues={':g':N(1)}, Limit=1, Select='ALL_ATTRIBUTES'),
 {**IQ('gsi_keys','GSI KEYS_ONLY hash-only: the order within a partition is the hash of the table key', KeyConditionExpression='g1 = :g', ExpressionAttributeValues={':g':S('G')}, ReturnConsumedCapacity='TOTAL'), 'unordered':['Items']},
 IQ('gsi_keys','GSI sparse: no entry for items without the key', KeyConditionExpression='g1 = :g', ExpressionAttributeValues={':g':S('H')}),
 IQ('gsi_incl','GSI filter on the table sort key is allowed', KeyConditionExpression='g1 = :g', FilterExpression='sk < :s', ExpressionAttributeValues={':g':S('G'),':s':N(2)}),
 {**step('Scan','Scan of an LSI on one partition', TableName=T, IndexName='lsi_keys', Limit=3, ExclusiveStartKey={'pk':S('p'),'sk':N(5),'l1':S('l4')}), 'note':'a start key into the index'},
 {**step('Scan','Scan of a GSI', TableName=T, IndexName='gsi_incl', ReturnConsumedCapacity='INDEXES'), 'unordered':['Items']},
 {**step('Scan','Scan of an LSI with ALL_ATTRIBUTES', TableName=T, IndexName='lsi_keys', Select='ALL_ATTRIBUTES'), 'unordered':['Items']},
]
write('indexes.json', 'Query and Scan of local and global secondary indexes: projections, Select, keys, capacity', steps)

# ------------------------------------------------------------------ backfill
T='qs_bf'
steps=[create(T,[('pk','S')],[('pk','S')])]
for i in range(8):
    item={'pk':S('k%d'%i),'v':N(i)}
    if i%4==1: item['g']=N(i)
    elif i%4!=0: item['g']=S('G%d'%(i%2))
    steps.append(put(T,item))
steps += [
 {'op':'UpdateTable','note':'adds a GSI over existing items (DynamoDB Local answers CREATING; Tessera, without transient statuses, ACTIVE)','body':{'TableName':T,'AttributeDefinitions':[{'AttributeName':'g','AttributeType':'S'}],'GlobalSecondaryIndexUpdates':[{'Create':{'IndexName':'by_g','KeySchema':ks('g'),'Projection':INCL('v')}}]},'ignore':['TableDescription']},
 {**step('Query','after the backfill: existing items are in the index, those with a wrong-typed key are not', TableName=T, IndexName='by_g', KeyConditionExpression='g = :g', ExpressionAttributeValues={':g':S('G0')}), 'waitMs':2000, 'unordered':['Items']},
 {**step('Scan','the whole index', TableName=T, IndexName='by_g', Select='COUNT')}, 
 step('PutItem','and maintain it', TableName=T, Item={'pk':S('x'),'g':S('G0'),'v':N(99)}),
 {**step('Query','the new item is in the index', TableName=T, IndexName='by_g', KeyConditionExpression='g = :g', ExpressionAttributeValues={':g':S('G0')}), 'unordered':['Items']},
]
write('backfill.json', 'GSI added by UpdateTable: existing items backfilled, violations left out', steps)
print('ok')

# ------------------------------------------------------------------ key conditions
T='qs_kc'; TH='qs_kc_hash'
steps=[create(T,[('pk','S'),('sk','N')],[('pk','S'),('sk','N')]), create(TH,[('pk','S')],[('pk','S')])]
steps.append(put(T,{'pk':S('p'),'sk':N(1)}))
def kq(note, t=T, **kw): return step('Query', note, TableName=t, **kw)
EAV={':p':S('p'),':s':N(1),':t':N(2)}
steps += [
 kq('begins_with on a number sort key', KeyConditionExpression='pk = :p AND begins_with(sk, :s)', ExpressionAttributeValues={':p':S('p'),':s':N(1)}),
 kq('two conditions on the partition key', KeyConditionExpression='pk = :p AND pk = :p', ExpressionAttributeValues={':p':S('p')}),
 kq('a range condition on the partition key', KeyConditionExpression='pk < :p', ExpressionAttributeValues={':p':S('p')}),
 kq('<> in a key condition', KeyConditionExpression='pk = :p AND sk <> :s', ExpressionAttributeValues={':p':S('p'),':s':N(1)}),
 kq('a function other than begins_with', KeyConditionExpression='pk = :p AND attribute_exists(sk)', ExpressionAttributeValues={':p':S('p')}),
 kq('an empty partition key value', KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p':S('')}),
 kq('legacy KeyConditions: EQ', KeyConditions={'pk':{'ComparisonOperator':'EQ','AttributeValueList':[S('p')]},'sk':{'ComparisonOperator':'BETWEEN','AttributeValueList':[N(0),N(5)]}}),
 kq('legacy KeyConditions without the partition key', KeyConditions={'sk':{'ComparisonOperator':'EQ','AttributeValueList':[N(1)]}}),
 kq('legacy KeyConditions on a non-key attribute', KeyConditions={'pk':{'ComparisonOperator':'EQ','AttributeValueList':[S('p')]},'x':{'ComparisonOperator':'EQ','AttributeValueList':[N(1)]}}),
 kq('legacy KeyConditions with a value of the wrong type', KeyConditions={'pk':{'ComparisonOperator':'EQ','AttributeValueList':[N(1)]}}),
 kq('KeyConditions with FilterExpression (accepted together)', KeyConditions={'pk':{'ComparisonOperator':'EQ','AttributeValueList':[S('p')]}}, FilterExpression='v = :v', ExpressionAttributeValues={':v':S('x')}),
 kq('KeyConditions with QueryFilter and OR', KeyConditions={'pk':{'ComparisonOperator':'EQ','AttributeValueList':[S('p')]}}, QueryFilter={'v':{'ComparisonOperator':'NULL'},'w':{'ComparisonOperator':'EQ','AttributeValueList':[S('x')]}}, ConditionalOperator='OR'),
]
write('key-conditions.json', 'Query key conditions: what DynamoDB accepts and the words for what it does not', steps)

# ------------------------------------------------------------------ overrides
if '--overrides' in sys.argv:
    D=OUT + '/'
    RNF={'status':400,'body':{'__type':'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException','message':'Requested resource not found'}}
    RNF_WHY=("DynamoDB Local answers \"Cannot do operations on a non-existent table\"; the service answers "
             "\"Requested resource not found\" (developer guide Programming.Errors, \"Error components\"; quoted from the service for %s).")
    RNF_QUERY=RNF_WHY % "a Query in https://github.com/heqiqi/aws_partner_billing_system/issues/3"
    RNF_SCAN=RNF_WHY % ("a Scan in https://github.com/baopham/laravel-dynamodb/issues/198 (the coral body) and "
                        "https://github.com/aws-samples/chalice-workshop/issues/41")
    def val(msg): return {'status':400,'body':{'__type':'com.amazon.coral.validate#ValidationException','message':msg}}
    GSI_WHY=("DynamoDB Local says \"Consistent read cannot be true when querying a GSI\"; the service answers a Query with \"Consistent reads are not "
             "supported on global secondary indexes\" (quoted from the service in https://github.com/amazon-archives/dynamodb-geo/issues/16, "
             "https://github.com/jgilbert01/aws-lambda-stream/issues/60 and https://github.com/Layr-Labs/eigenda/pull/1900).")
    def apply(fname, note, override):
        p=D+fname; d=json.load(open(p)); hit=0
        for s in d['steps']:
            if s.get('note')==note:
                o=override(s) if callable(override) else override
                s['override']=o; hit+=1
        assert hit, (fname, note)
        json.dump(d, open(p,'w'), indent=2, ensure_ascii=False); open(p,'a').write('\n')
    
    apply('query-validation.json','missing table',{**RNF,'why':RNF_QUERY})
    apply('scan-validation.json','missing table',{**RNF,'why':RNF_SCAN})
    m='Consistent reads are not supported on global secondary indexes'
    apply('query-validation.json','ConsistentRead on a GSI',{**val(m),'why':GSI_WHY})
    apply('query-validation.json','ConsistentRead on a GSI is checked before Select',{**val(m),'why':GSI_WHY})
    # A Scan keeps DynamoDB Local's "… when scanning a GSI": no source quotes the service's answer to a Scan.
    apply('scan-validation.json','start key naming the wrong attribute',{**val('The provided starting key is invalid: The provided key element does not match the schema'),
          'why':"DynamoDB Local answers \"The provided starting key is invalid\" for a table Scan too; the service adds \": The provided key element does not match the schema\" "
                "for a table Scan (https://github.com/baopham/laravel-dynamodb/issues/200 quotes the service's coral body for a Scan; "
                "https://github.com/awslabs/dynamodb-data-mapper-js/issues/39)."})
    apply('backfill.json','the whole index',{'status':200,'body':{'Count':4,'ScannedCount':4},
          'why':"DynamoDB Local indexes the two items whose g is a number (the index key is S). The service leaves items that violate the new index's key schema out of it "
                "(developer guide, GSI.OnlineOps.ViolationDetection: \"the items remain in the table, but the index doesn't have a corresponding entry\")."})
    def lsi_no_fetch(s):
        b=copy.deepcopy(s['expect']['body'])
        cc=b['ConsumedCapacity']; idx=cc['LocalSecondaryIndexes']['lsi_incl']['CapacityUnits']
        cc['Table']['CapacityUnits']=0; cc['CapacityUnits']=idx
        return {'status':200,'body':b,'why':"DynamoDB Local fetches every item from the table whenever a ProjectionExpression is given. The service fetches only when "
                "the request names attributes the index does not project, and charges the table only for items it fetched (developer guide, "
                "\"Local secondary indexes\": Read capacity units)."}
    apply('indexes.json','LSI projection of projected attributes only: no fetch (the guide); DynamoDB Local fetches anyway',lsi_no_fetch)
    print('ok')
