/**
 * The PartiQL lexer and parser on their own: tokens and their positions, the tree of each
 * statement form, precedence, literal folding, and the promise that whitespace, comments and
 * keyword case never change what a statement means (checked by property over random spellings).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tokenize, LexError } from '../../src/partiql/lexer.js';
import { parseStatement, SyntaxError, ReturningStarError } from '../../src/partiql/parser.js';
import type { Expr, SelectStatement, Statement } from '../../src/partiql/ast.js';

const parse = (text: string): Statement => parseStatement(text).statement;

/** The tree without positions: what a statement means, not where its pieces sit. */
function meaning(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(meaning);
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== 'pos' && v !== undefined) out[k] = meaning(v);
    return out;
  }
  return x;
}

describe('lexer', () => {
  test('tokens carry line, column and length', () => {
    const t = tokenize("SELECT COUNT(*)\n  FROM \"t\" WHERE a = 'x'");
    const count = t.find((x) => x.value === 'count')!;
    assert.deepEqual([count.line, count.col, count.end - count.start], [1, 8, 5]);
    const from = t.find((x) => x.value === 'from')!;
    assert.deepEqual([from.line, from.col], [2, 3]);
    const str = t.find((x) => x.kind === 'string')!;
    assert.equal(str.value, 'x');
    assert.equal(str.end - str.start, 3, "a string's length includes its quotes");
  });

  test('keywords are case-insensitive; names are not', () => {
    const t = tokenize('SeLeCt Foo fROM bar');
    assert.deepEqual(
      t.map((x) => [x.kind, x.value]),
      [
        ['keyword', 'select'],
        ['ident', 'Foo'],
        ['keyword', 'from'],
        ['ident', 'bar'],
        ['eof', ''],
      ],
    );
  });

  test("doubled quotes stand for one inside 'strings' and \"names\"", () => {
    const t = tokenize(`'it''s' "a""b"`);
    assert.deepEqual([t[0]!.kind, t[0]!.value], ['string', "it's"]);
    assert.deepEqual([t[1]!.kind, t[1]!.value], ['qident', 'a"b']);
  });

  test('numbers in every form PartiQL reads', () => {
    for (const n of ['1', '01', '1.5', '.5', '5.', '1e3', '1E+2', '1.e1', '2.5e-3']) {
      const t = tokenize(n);
      assert.deepEqual([t[0]!.kind, t[0]!.value], ['number', n], n);
    }
    assert.throws(() => tokenize('1e'), LexError);
    assert.throws(() => tokenize('1e-'), LexError);
  });

  test('comments and every kind of whitespace only separate tokens', () => {
    const values = (s: string) => tokenize(s).map((t) => t.value);
    const plain = values("SELECT * FROM t WHERE a = 'x'");
    assert.deepEqual(values("SELECT\t*\r\nFROM t -- comment\nWHERE /* c */ a='x'"), plain);
    assert.deepEqual(values("SELECT\v*\fFROM t WHERE a\n=\n'x'"), plain);
  });

  test('operators: longest first', () => {
    assert.deepEqual(
      tokenize('<= >= <> != << >> || < >').map((t) => t.value),
      ['<=', '>=', '<>', '!=', '<<', '>>', '||', '<', '>', ''],
    );
  });

  test('unreadable input', () => {
    for (const s of ["'open", '"open', '/* open', '`open', 'a é', 'a # b']) assert.throws(() => tokenize(s), LexError, s);
  });

  test('a comment running to the end of the text', () => {
    assert.deepEqual(
      tokenize('SELECT --').map((t) => t.kind),
      ['keyword', 'eof'],
    );
  });
});

describe('parser: statement forms', () => {
  test('SELECT with a projection list, index source, WHERE, ORDER BY', () => {
    const s = parse(`SELECT a, b.c[0], "d" FROM "t"."i" WHERE a = 1 ORDER BY k DESC, j`) as SelectStatement;
    assert.equal(s.kind, 'select');
    assert.equal(s.projection.k, 'items');
    assert.deepEqual(meaning(s.from.source), {
      k: 'path',
      root: { k: 'id', name: 't', quoted: true },
      steps: [{ k: 'dot', name: 'i', quoted: true }],
    });
    assert.deepEqual(
      s.orderBy!.map((o) => [(o.expr as { name: string }).name, o.desc]),
      [
        ['k', true],
        ['j', false],
      ],
    );
  });

  test('SELECT * and clauses DynamoDB refuses are still read (so they can be refused in its words)', () => {
    const s = parse('SELECT DISTINCT * FROM t AS x WHERE a = 1 GROUP BY a HAVING b = 1 LIMIT 5') as SelectStatement;
    assert.equal(s.distinct, true);
    assert.equal(s.from.aliased, true);
    assert.ok(s.groupBy && s.having && s.limit);
  });

  test('INSERT, UPDATE (SET/REMOVE repeated, RETURNING), DELETE', () => {
    const ins = parse("INSERT INTO t VALUE {'a': 1, 'b': [1, 'x'], 'c': <<1, 2>>}");
    assert.equal(ins.kind, 'insert');
    const upd = parse('UPDATE t SET a = a + 1, b = 2 REMOVE c SET d = 3 REMOVE e WHERE k = 1 RETURNING MODIFIED NEW *');
    assert.equal(upd.kind, 'update');
    if (upd.kind !== 'update') return;
    assert.deepEqual(
      upd.clauses.map((c) => c.k),
      ['set', 'set', 'remove', 'set', 'remove'],
    );
    assert.equal(upd.returning?.mode, 'MODIFIED NEW');
    const del = parse('DELETE FROM t WHERE k = 1 RETURNING ALL OLD *');
    assert.equal(del.kind, 'delete');
  });

  test('a statement may end with one semicolon', () => {
    assert.equal(parse('SELECT * FROM t;').kind, 'select');
    assert.throws(() => parse('SELECT * FROM t;;'), SyntaxError);
    assert.throws(() => parse('SELECT * FROM t; SELECT * FROM t'), SyntaxError);
  });

  test('a parenthesised query on its own is that query; anything else is an expression statement', () => {
    assert.equal(parse('(SELECT * FROM t)').kind, 'select');
    assert.equal(parse('EXISTS(SELECT * FROM t WHERE k = 1)').kind, 'expr');
    assert.equal(parse('x.y').kind, 'expr');
  });

  test('RETURNING needs *: a projection there is its own error', () => {
    assert.throws(() => parse('UPDATE t SET a = 1 WHERE k = 1 RETURNING ALL NEW a'), ReturningStarError);
    assert.throws(() => parse('UPDATE t SET a = 1 WHERE k = 1 RETURNING ALL NEW'), SyntaxError);
    assert.throws(() => parse('UPDATE t SET a = 1 WHERE k = 1 RETURNING NONE'), SyntaxError);
  });

  test('not well formed', () => {
    for (const s of [
      '',
      'SELEC * FROM t',
      'SELECT * FROM t WHERE',
      'SELECT *, a FROM t',
      'SELECT value FROM t',
      'SELECT l[*] FROM t',
      "INSERT INTO t VALUES {'a': 1}",
      "INSERT INTO t VALUE {'a': 1}, {'a': 2}",
      'UPDATE t SET a = 1, b = 2 REMOVE c, d WHERE k = 1',
      'DELETE t WHERE k = 1',
      'SELECT * FROM t WHERE a IS NUMBER',
      'SELECT * FROM t WHERE a = 1 OFFSET 2',
      'SELECT * FROM t WHERE missing(a)',
    ]) {
      assert.throws(() => parse(s), SyntaxError, s);
    }
  });

  test('parameters are counted in reading order', () => {
    const { statement, parameters } = parseStatement("SELECT * FROM t WHERE a = ? AND b IN [?, 'x', ?]");
    assert.equal(parameters, 3);
    const where = (statement as SelectStatement).where!;
    assert.equal(where.k, 'binary');
  });
});

describe('parser: expressions', () => {
  const where = (cond: string): Expr => (parse(`SELECT * FROM t WHERE ${cond}`) as SelectStatement).where!;

  test('precedence: OR < AND < NOT < = < comparison < + < *', () => {
    assert.deepEqual(meaning(where('a = 1 OR b = 2 AND c = 3')), meaning(where('a = 1 OR (b = 2 AND c = 3)')));
    assert.deepEqual(meaning(where('NOT a = 1 AND b = 2')), meaning(where('(NOT (a = 1)) AND b = 2')));
    assert.deepEqual(meaning(where('a = b < c')), meaning(where('a = (b < c)')));
    assert.deepEqual(meaning(where('a + b * c = d')), meaning(where('(a + (b * c)) = d')));
    assert.deepEqual(meaning(where('a BETWEEN 1 AND 2 AND b = 1')), meaning(where('(a BETWEEN 1 AND 2) AND b = 1')));
  });

  test('NOT IN, NOT BETWEEN, NOT LIKE, IS [NOT]', () => {
    assert.deepEqual(meaning(where('a NOT IN [1]')), { k: 'in', not: true, operand: { k: 'id', name: 'a', quoted: false }, list: { k: 'list', items: [{ k: 'lit', type: 'number', value: '1' }] } });
    assert.equal((where('a NOT BETWEEN 1 AND 2') as { not: boolean }).not, true);
    assert.equal((where('a NOT LIKE 1') as { not: boolean }).not, true);
    assert.deepEqual(meaning(where('a IS NOT MISSING')), { k: 'is', not: true, type: 'missing', operand: { k: 'id', name: 'a', quoted: false } });
    assert.equal((where('a is null') as { type: string }).type, 'null');
  });

  test('a sign folds into a number literal, placed at its digits', () => {
    const e = where('a = - 5') as { right: Expr };
    assert.deepEqual(meaning(e.right), { k: 'lit', type: 'number', value: '-5' });
    assert.equal(e.right.pos.col, 'SELECT * FROM t WHERE a = - '.length + 1);
    assert.deepEqual(meaning((where('a = - -1') as { right: Expr }).right), { k: 'lit', type: 'number', value: '1' });
    assert.equal((where('a = -b') as { right: Expr }).right.k, 'unary');
  });

  test('a binary operator is placed at the operator', () => {
    const e = where('a   +1 = 2') as { left: Expr };
    assert.equal(e.left.pos.col, 'SELECT * FROM t WHERE a   '.length + 1);
  });

  test('paths: dots, quoted names, indexes, string indexes, @names', () => {
    assert.deepEqual(meaning(where("a.b[2].\"c\"['d'] = 1")), meaning(where("a.b[2].\"c\"['d'] = 1")));
    const p = (where('a.b[2] = 1') as { left: Expr }).left;
    assert.equal(p.k, 'path');
    assert.deepEqual(meaning(where('@a = 1')), meaning(where('a = 1')));
  });

  test('literals: tuples, lists, bags, booleans, null, missing, Ion', () => {
    const v = (where("a = {'x': [1, <<'s'>>, TRUE, false, NULL, MISSING, `ion`]}") as { right: Expr }).right;
    assert.equal(v.k, 'struct');
    assert.ok(v.k === 'struct');
    const list = v.fields[0]!.value;
    assert.ok(list.k === 'list');
    assert.deepEqual(
      list.items.map((x) => (x.k === 'lit' ? x.type : x.k)),
      ['number', 'bag', 'bool', 'bool', 'null', 'missing', 'ion'],
    );
  });

  test('IN takes a [list] or a (list)', () => {
    assert.deepEqual(meaning(where('a IN (1, 2)')), meaning(where('a IN [1, 2]')));
  });

  test('function names are case-insensitive; keywords may be called', () => {
    assert.deepEqual(meaning(where("BEGINS_WITH(a, 'x')")), meaning(where("begins_with(a, 'x')")));
    assert.equal((where('SIZE(a) = 1') as { left: { name: string } }).left.name, 'size');
    assert.equal((where('EXISTS(SELECT * FROM t)') as { name: string }).name, 'exists');
  });
});

describe('whitespace, comments and keyword case never change the meaning', () => {
  const statements = [
    "SELECT a, b.c[1] FROM \"t\" WHERE k = 'v' AND s BETWEEN 1 AND 2 OR NOT x IN [1, 'y'] ORDER BY s DESC",
    "INSERT INTO t VALUE {'k': 'v', 'n': -1.5e3, 'l': [1, {'m': <<'a', 'b'>>}], 'b': TRUE}",
    "UPDATE t SET a = a + 1, b = list_append(b, [1]) REMOVE c WHERE k = 'v' AND attribute_exists(a) RETURNING ALL NEW *",
    "DELETE FROM t WHERE k = ? AND s = ? AND x IS NOT MISSING RETURNING ALL OLD *",
    "EXISTS(SELECT * FROM t WHERE k = 'v' AND s = 1 AND n > 2)",
  ];

  /** Re-spells a statement: random case for keywords, random whitespace and comments between tokens. */
  function respell(text: string, seps: string[], upper: boolean[]): string {
    const tokens = tokenize(text).filter((t) => t.kind !== 'eof');
    let out = '';
    tokens.forEach((t, i) => {
      let src = text.slice(t.start, t.end);
      if (t.kind === 'keyword') src = upper[i % upper.length] ? src.toUpperCase() : src.toLowerCase();
      const sep = seps[i % seps.length]!;
      // Two tokens that would merge need something between them.
      out += i === 0 ? src : (sep === '' && mergeable(out, src) ? ' ' : sep) + src;
    });
    return out;
  }
  const mergeable = (before: string, after: string): boolean => /[\w$.'"`]$/.test(before) || /^[\w$.'"`<>=!|*/-]/.test(after);

  const sep = fc.constantFrom('', ' ', '  ', '\t', '\n', '\r\n', ' /* c */ ', '\n-- c\n', '\f');

  for (const text of statements) {
    test(text.slice(0, 40), () => {
      const base = meaning(parse(text));
      fc.assert(
        fc.property(fc.array(sep, { minLength: 1, maxLength: 8 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), (seps, upper) => {
          assert.deepEqual(meaning(parse(respell(text, seps, upper))), base);
        }),
        { numRuns: 200 },
      );
    });
  }
});
