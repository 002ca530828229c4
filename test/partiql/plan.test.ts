/**
 * The planner without a server: how WHERE becomes a Query or a Scan, which key a write names,
 * what a select list returns under which name, and the order in which faults are reported.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IndexMeta, TableMeta } from '../../src/catalog/types.js';
import { DynamoError } from '../../src/errors.js';
import { evaluateCondition } from '../../src/expr/index.js';
import type { KeyShape } from '../../src/model/types.js';
import { KeyFault } from '../../src/partiql/messages.js';
import { planStatement, type PlanOptions } from '../../src/partiql/plan.js';
import type { Plan, SelectPlan } from '../../src/partiql/plan-types.js';

const key = (hash: string, range?: string, types = ['S', 'S']): KeyShape => ({
  hash: { name: hash, type: types[0] as 'S' },
  ...(range ? { range: { name: range, type: types[1] as 'S' } } : {}),
});

const gsi: IndexMeta = {
  kind: 'GSI',
  name: 'by_g',
  id: 9,
  keySchema: [],
  key: key('g', 'gs', ['S', 'N']),
  projection: { ProjectionType: 'ALL' },
  status: 'ACTIVE',
};

const table = {
  namespace: 'ns',
  name: 'orders',
  id: 7,
  key: key('pk', 'sk'),
  lsis: [],
  gsis: [gsi],
  status: 'ACTIVE',
} as unknown as TableMeta;

const options = (overrides: Partial<PlanOptions> = {}): PlanOptions => ({
  parameters: undefined,
  lookup: (name) => (name === 'orders' ? table : undefined),
  consistentRead: false,
  allowExists: false,
  ...overrides,
});

const plan = (text: string, overrides: Partial<PlanOptions> = {}): Plan => planStatement(text, options(overrides));
const select = (text: string, overrides: Partial<PlanOptions> = {}): SelectPlan => plan(text, overrides) as SelectPlan;

function fails(text: string, message: string | RegExp, overrides: Partial<PlanOptions> = {}): DynamoError {
  let caught: unknown;
  try {
    plan(text, overrides);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof DynamoError, `${text}: expected an error, got ${String(caught)}`);
  if (typeof message === 'string') assert.equal(caught.message, message, text);
  else assert.match(caught.message, message, text);
  return caught;
}

describe('SELECT: Query or Scan', () => {
  test('a partition key equality is a Query of that partition; the sort key narrows it', () => {
    const p = select("SELECT * FROM orders WHERE pk = 'a' AND sk > '1' AND v = 2");
    assert.deepEqual(p.access, { kind: 'query', partitions: [{ S: 'a' }], sort: { op: 'GT', value: { S: '1' } } });
    assert.ok(p.filter, 'the whole WHERE still filters');
  });

  test('the key may stand on either side', () => {
    const p = select("SELECT * FROM orders WHERE 'a' = pk AND '2' > sk");
    assert.deepEqual(p.access, { kind: 'query', partitions: [{ S: 'a' }], sort: { op: 'LT', value: { S: '2' } } });
  });

  test('IN on the partition key queries each partition in list order', () => {
    const p = select("SELECT * FROM orders WHERE pk IN ['b', 'a'] AND begins_with(sk, 'x')");
    assert.deepEqual(p.access, { kind: 'query', partitions: [{ S: 'b' }, { S: 'a' }], sort: { op: 'BEGINS_WITH', value: { S: 'x' } } });
  });

  test('BETWEEN on the sort key', () => {
    const p = select("SELECT * FROM orders WHERE pk = 'a' AND sk BETWEEN '1' AND '5'");
    assert.deepEqual(p.access, { kind: 'query', partitions: [{ S: 'a' }], sort: { op: 'BETWEEN', low: { S: '1' }, high: { S: '5' } } });
  });

  test('anything under OR or NOT, or no key at all, is a Scan', () => {
    for (const w of ["pk = 'a' OR pk = 'b'", "NOT pk = 'a'", 'v > 1', "pk > 'a'", "pk = sk"]) {
      assert.deepEqual(select(`SELECT * FROM orders WHERE ${w}`).access, { kind: 'scan' }, w);
    }
    assert.deepEqual(select('SELECT * FROM orders').access, { kind: 'scan' });
  });

  test('an index is read with its own key', () => {
    const p = select(`SELECT * FROM "orders"."by_g" WHERE g = 'x' AND gs >= 3`);
    assert.equal(p.index?.name, 'by_g');
    assert.deepEqual(p.access, { kind: 'query', partitions: [{ S: 'x' }], sort: { op: 'GE', value: { N: '3' } } });
    assert.equal(p.single, undefined, 'an index read never names one table item');
  });

  test('ORDER BY the sort key DESC reads backwards; ORDER BY the partition key changes nothing', () => {
    assert.equal(select("SELECT * FROM orders WHERE pk = 'a' ORDER BY sk DESC").descending, true);
    assert.equal(select("SELECT * FROM orders WHERE pk = 'a' ORDER BY pk DESC").descending, false);
    assert.equal(select("SELECT * FROM orders WHERE pk = 'a' ORDER BY pk DESC, sk ASC").descending, false);
  });

  test('the full key pinned names a single item, with the rest of WHERE as its condition', () => {
    const p = select("SELECT * FROM orders WHERE pk = 'a' AND sk = '1' AND v = 2");
    assert.deepEqual(p.single?.key, { pk: { S: 'a' }, sk: { S: '1' } });
    assert.ok(p.single?.rest);
    assert.equal(evaluateCondition(p.single!.rest!, { v: { N: '2' } }), true);
    assert.equal(evaluateCondition(p.single!.rest!, { v: { N: '3' } }), false);
    assert.equal(select("SELECT * FROM orders WHERE pk = 'a' AND sk = '1'").single?.rest, undefined);
    assert.equal(select("SELECT * FROM orders WHERE pk = 'a' AND pk = 'b' AND sk = '1'").single, undefined);
  });
});

describe('SELECT: the select list', () => {
  test('each path is returned under its last name, list indexes included', () => {
    const p = select(`SELECT a, m.x.y, l[1], "q"['r'], l[0][2] FROM orders`);
    assert.deepEqual(
      p.projection!.map((x) => [x.name, x.path]),
      [
        ['a', ['a']],
        ['y', ['m', 'x', 'y']],
        ['l[1]', ['l', 1]],
        ['r', ['q', 'r']],
        ['l[0][2]', ['l', 0, 2]],
      ],
    );
  });

  test('refused entries, with positions', () => {
    fails('SELECT COUNT(*) FROM orders', 'Unexpected path component at 1:8:5');
    fails('SELECT\n  v + 1 FROM orders', 'Unexpected path component at 2:5:1');
    fails('SELECT l[-1] FROM orders', 'List index is not within the allowable range; index: [-1] at 1:11:1');
    fails('SELECT m.* FROM orders', "Changing item's hierarchy while reading isn't supported");
    fails('SELECT a, a FROM orders', 'Duplicate identifiers in select clause: a');
    fails('SELECT a AS b FROM orders', 'Aliasing is not supported');
    fails('SELECT m.x, m.x.y FROM orders', /^Two document paths overlap with each other; .*path one: \[m, x, y\], path two: \[m, x\]$/);
  });
});

describe('writes', () => {
  test('INSERT: the item as attribute values', () => {
    const p = plan("INSERT INTO orders VALUE {'pk': 'a', 'sk': '1', 'n': 1.50, 's': <<'b', 'a'>>, 'm': {'l': [TRUE, NULL]}}");
    assert.deepEqual(p.kind === 'insert' && p.item, {
      pk: { S: 'a' },
      sk: { S: '1' },
      n: { N: '1.5' },
      s: { SS: ['a', 'b'] },
      m: { M: { l: { L: [{ BOOL: true }, { NULL: true }] } } },
    });
  });

  test('UPDATE and DELETE: the key from WHERE, the rest as the condition', () => {
    const p = plan("UPDATE orders SET v = v + 1 WHERE sk = '1' AND pk = 'a' AND v < 10");
    assert.equal(p.kind, 'update');
    if (p.kind !== 'update') return;
    assert.deepEqual(p.key, { pk: { S: 'a' }, sk: { S: '1' } });
    assert.equal(evaluateCondition(p.condition!, { v: { N: '9' } }), true);
    assert.equal(evaluateCondition(p.condition!, { v: { N: '10' } }), false);
    const d = plan("DELETE FROM orders WHERE pk = 'a' AND sk = '1'");
    assert.equal(d.kind === 'delete' && d.condition, undefined);
  });

  test('set_add / set_delete become ADD / DELETE of the assigned set', () => {
    const p = plan("UPDATE orders SET s = set_add(s, <<'x'>>), t = set_delete(t, <<1>>) WHERE pk = 'a' AND sk = '1'");
    assert.equal(p.kind, 'update');
    if (p.kind !== 'update') return;
    assert.deepEqual(
      p.update.actions.map((a) => [a.kind, a.path]).sort(),
      [
        ['ADD', ['s']],
        ['DELETE', ['t']],
      ],
    );
  });

  test('refused: the key not pinned, pinned twice, of the wrong type', () => {
    fails("UPDATE orders SET v = 1 WHERE pk = 'a'", 'Where clause does not contain a mandatory equality on all key attributes');
    fails("DELETE FROM orders WHERE pk = 'a' OR sk = '1'", 'Where clause does not contain a mandatory equality on all key attributes');
    fails(
      "DELETE FROM orders WHERE pk = 'a' AND pk = 'b' AND sk = '1'",
      'Multiple conditions on same key pk. Only single item Update/Insert/Delete are supported',
    );
    const f = fails("UPDATE orders SET v = 1 WHERE pk = 1 AND sk = '1'", "Key attribute's data type should match its data type in table's schema: Key pk");
    assert.ok(f instanceof KeyFault && f.table === table, 'a key fault carries its table (a transaction reports it as a reason)');
    fails("INSERT INTO orders VALUE {'pk': 'a'}", 'Key attribute should be present in the item: Key sk');
    fails("UPDATE orders SET sk = 'x' WHERE pk = 'a' AND sk = '1'", 'One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key');
  });
});

describe('fault order', () => {
  test('checks that need no table come before the table', () => {
    fails('SELECT COUNT(*) FROM nope', 'Unexpected path component at 1:8:5');
    fails('SELECT * FROM nope WHERE a = MISSING', 'MISSING must be compared using IS operator');
    fails("INSERT INTO nope VALUE {'a': MISSING}", 'Unsupported data type: MISSING under key root at 1:30:7');
    fails('SELECT * FROM nope', 'Cannot do operations on a non-existent table');
    fails('SELECT * FROM nope ORDER BY x', 'Cannot do operations on a non-existent table');
  });

  test('missing parameters: when first reached, and before the table at the latest', () => {
    fails('SELECT l[?] FROM orders', 'Unexpected path component at 1:10:1');
    fails('SELECT * FROM nope WHERE a = ?', "Number of parameters in request and statement don't match.");
    fails("UPDATE nope SET a = 1 WHERE pk = 'a' AND sk = ?", "Number of parameters in request and statement don't match.");
    assert.equal(plan('SELECT * FROM orders WHERE pk = ?', { parameters: [{ S: 'a' }, { S: 'extra' }] }).kind, 'select');
  });

  test('syntax errors quote the whole statement', () => {
    fails('SELECT * FROM orders WHERE', "Statement wasn't well formed, can't be processed: SELECT * FROM orders WHERE");
  });

  test('EXISTS is a statement only in a transaction', () => {
    fails("EXISTS(SELECT * FROM orders WHERE pk = 'a' AND sk = '1' AND v = 1)", 'EXISTS can only be used in ExecuteTransaction write requests.');
    const p = plan("EXISTS(SELECT * FROM orders WHERE pk = 'a' AND sk = '1' AND v = 1)", { allowExists: true });
    assert.equal(p.kind, 'exists');
  });
});
