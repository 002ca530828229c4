/**
 * The PartiQL parser: tokens → one statement's syntax tree (ast.ts), or SyntaxError.
 *
 * Expressions are parsed by precedence climbing with PartiQL's precedence groups, lowest first:
 * OR, AND, NOT, equality (= <> IS IN), comparison (< <= > >= BETWEEN LIKE), addition (+ - ||),
 * multiplication (* / %), then unary signs and path steps. A sign in front of a number literal
 * folds into the literal (`- 5` is the number -5, reported at the digits).
 *
 * Anything the grammar does not cover is a SyntaxError, which the caller reports as DynamoDB
 * does: "Statement wasn't well formed, can't be processed: <statement>".
 */
import type {
  BinaryOp,
  DeleteStatement,
  Expr,
  FromClause,
  InsertStatement,
  OrderItem,
  PathStep,
  Returning,
  ReturningMode,
  SelectItem,
  SelectStatement,
  Statement,
  UpdateClause,
  UpdateStatement,
} from './ast.js';
import { LexError, posOf, tokenize, type Pos, type Token } from './lexer.js';

export class SyntaxError extends Error {}

/** Type names accepted after IS [NOT]. */
const TYPE_NAMES: ReadonlySet<string> = new Set([
  'missing', 'null', 'bool', 'boolean', 'smallint', 'int', 'integer', 'float', 'real', 'decimal', 'dec', 'numeric',
  'timestamp', 'date', 'time', 'char', 'character', 'varchar', 'string', 'symbol', 'clob', 'blob', 'struct', 'tuple',
  'list', 'sexp', 'bag',
]);

/** Keywords that may be called like functions (`SIZE(x)`, `COUNT(*)`, `EXISTS(SELECT …)`). */
const FUNCTION_KEYWORDS: ReadonlySet<string> = new Set([
  'exists', 'count', 'avg', 'max', 'min', 'sum', 'substring', 'char_length', 'character_length', 'octet_length',
  'bit_length', 'upper', 'lower', 'size', 'sexp', 'list', 'bag',
]);

/** Keywords that end a FROM source (and so cannot be read as an implicit alias). */
const BINARY_PRECEDENCE: Readonly<Record<string, number>> = {
  or: 10,
  and: 20,
  '=': 40,
  '<>': 40,
  '!=': 40,
  is: 40,
  in: 40,
  '<': 50,
  '<=': 50,
  '>': 50,
  '>=': 50,
  between: 50,
  like: 50,
  '+': 60,
  '-': 60,
  '||': 60,
  '*': 70,
  '/': 70,
  '%': 70,
};
const NOT_PRECEDENCE = 30;
const UNARY_PRECEDENCE = 80;

export interface Parsed {
  readonly statement: Statement;
  /** How many `?` parameters the statement has. */
  readonly parameters: number;
}

export function parseStatement(text: string): Parsed {
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch (e) {
    if (e instanceof LexError) throw new SyntaxError(e.message);
    throw e;
  }
  const parser = new Parser(tokens);
  const statement = parser.statement();
  return { statement, parameters: parser.parameterCount };
}

class Parser {
  private i = 0;
  private params = 0;

  get parameterCount(): number {
    return this.params;
  }

  constructor(private readonly tokens: Token[]) {}

  // ---- token helpers ----

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private isKw(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'keyword' && t.value === word;
  }

  private isPunct(p: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.value === p;
  }

  private acceptKw(word: string): Token | undefined {
    return this.isKw(word) ? this.next() : undefined;
  }

  private acceptPunct(p: string): Token | undefined {
    return this.isPunct(p) ? this.next() : undefined;
  }

  private expectKw(word: string): Token {
    if (!this.isKw(word)) throw this.error(`expected ${word}`);
    return this.next();
  }

  private expectPunct(p: string): Token {
    if (!this.isPunct(p)) throw this.error(`expected ${p}`);
    return this.next();
  }

  private error(what: string): SyntaxError {
    const t = this.peek();
    return new SyntaxError(`${what} at ${t.line}:${t.col}`);
  }

  // ---- statements ----

  statement(): Statement {
    const first = this.peek();
    let stmt: Statement;
    if (this.isKw('select')) stmt = this.select();
    else if (this.isKw('insert')) stmt = this.insert();
    else if (this.isKw('update')) stmt = this.update();
    else if (this.isKw('delete')) stmt = this.delete();
    else {
      const expr = this.expr(0);
      // A parenthesised query on its own is run as that query.
      stmt = expr.k === 'subquery' ? expr.query : { kind: 'expr', expr, pos: posOf(first) };
    }
    this.acceptPunct(';');
    if (this.peek().kind !== 'eof') throw this.error('unexpected token after the statement');
    return stmt;
  }

  private select(): SelectStatement {
    const start = this.expectKw('select');
    let distinct = false;
    if (this.acceptKw('distinct')) distinct = true;
    else this.acceptKw('all');
    let projection: SelectStatement['projection'];
    if (this.acceptPunct('*')) projection = { k: 'star' };
    else if (this.acceptKw('value')) {
      this.expr(0);
      projection = { k: 'value' };
    } else {
      const items: SelectItem[] = [];
      do items.push(this.selectItem());
      while (this.acceptPunct(','));
      projection = { k: 'items', items };
    }
    this.expectKw('from');
    const from = this.fromClause();
    const where = this.acceptKw('where') ? this.expr(0) : undefined;
    let groupBy: Expr | undefined;
    if (this.acceptKw('group')) {
      this.expectKw('by');
      groupBy = this.expr(0);
      while (this.acceptPunct(',')) this.expr(0);
    }
    const having = this.acceptKw('having') ? this.expr(0) : undefined;
    let orderBy: OrderItem[] | undefined;
    if (this.acceptKw('order')) {
      this.expectKw('by');
      orderBy = [];
      do {
        const expr = this.expr(0);
        let desc = false;
        if (this.acceptKw('desc')) desc = true;
        else this.acceptKw('asc');
        orderBy.push({ expr, desc });
      } while (this.acceptPunct(','));
    }
    const limit = this.acceptKw('limit') ? this.expr(0) : undefined;
    return { kind: 'select', projection, distinct, from, where, groupBy, having, orderBy, limit, pos: posOf(start) };
  }

  private selectItem(): SelectItem {
    const expr = this.expr(0);
    if (this.acceptKw('as')) return { expr, alias: this.name() };
    const t = this.peek();
    if (t.kind === 'ident' || t.kind === 'qident') {
      this.next();
      return { expr, alias: t.value };
    }
    return { expr };
  }

  private name(): string {
    const t = this.peek();
    if (t.kind !== 'ident' && t.kind !== 'qident') throw this.error('expected a name');
    this.next();
    return t.value;
  }

  private fromClause(): FromClause {
    const source = this.expr(0);
    let aliased = this.fromAliases();
    let multiple = false;
    for (;;) {
      if (this.acceptPunct(',')) {
        multiple = true;
      } else if (this.joinKeyword()) {
        multiple = true;
      } else break;
      this.expr(0);
      aliased = this.fromAliases() || aliased;
      if (this.acceptKw('on')) this.expr(0);
    }
    return { source, aliased, multiple };
  }

  /** `[AS] x`, `AT y`, `BY z` after a FROM source. */
  private fromAliases(): boolean {
    let aliased = false;
    if (this.acceptKw('as')) {
      this.name();
      aliased = true;
    } else if (this.peek().kind === 'ident' || this.peek().kind === 'qident') {
      this.next();
      aliased = true;
    }
    if (this.acceptKw('at')) {
      this.name();
      aliased = true;
    }
    if (this.acceptKw('by')) {
      this.name();
      aliased = true;
    }
    return aliased;
  }

  private joinKeyword(): boolean {
    const words = ['cross', 'inner', 'left', 'right', 'full', 'outer', 'join'];
    if (!words.some((w) => this.isKw(w))) return false;
    while (words.some((w) => this.isKw(w))) {
      const t = this.next();
      if (t.value === 'join') return true;
    }
    throw this.error('expected JOIN');
  }

  private insert(): InsertStatement {
    const start = this.expectKw('insert');
    this.expectKw('into');
    const target = this.pathOnly();
    this.expectKw('value');
    const value = this.expr(0);
    return { kind: 'insert', target, value, pos: posOf(start) };
  }

  private update(): UpdateStatement {
    const start = this.expectKw('update');
    const target = this.pathOnly();
    const clauses: UpdateClause[] = [];
    for (;;) {
      const kw = this.peek();
      if (this.acceptKw('set')) {
        do {
          const at = this.peek();
          const path = this.pathOnly();
          this.expectPunct('=');
          clauses.push({ k: 'set', target: path, value: this.expr(0), pos: posOf(at) });
        } while (this.acceptPunct(','));
      } else if (this.acceptKw('remove')) {
        clauses.push({ k: 'remove', target: this.pathOnly(), pos: posOf(kw) });
      } else break;
    }
    if (clauses.length === 0) throw this.error('expected SET or REMOVE');
    const where = this.acceptKw('where') ? this.expr(0) : undefined;
    const returning = this.returning();
    return { kind: 'update', target, clauses, where, returning, pos: posOf(start) };
  }

  private delete(): DeleteStatement {
    const start = this.expectKw('delete');
    this.expectKw('from');
    const from = this.fromClause();
    const where = this.acceptKw('where') ? this.expr(0) : undefined;
    const returning = this.returning();
    return { kind: 'delete', from, where, returning, pos: posOf(start) };
  }

  private returning(): Returning | undefined {
    if (!this.acceptKw('returning')) return undefined;
    let scope: 'ALL' | 'MODIFIED';
    if (this.acceptKw('all')) scope = 'ALL';
    else if (this.acceptKw('modified')) scope = 'MODIFIED';
    else throw this.error('expected ALL or MODIFIED');
    let age: 'OLD' | 'NEW';
    if (this.acceptKw('old')) age = 'OLD';
    else if (this.acceptKw('new')) age = 'NEW';
    else throw this.error('expected OLD or NEW');
    const mode = `${scope} ${age}` as ReturningMode;
    if (!this.acceptPunct('*')) {
      // DynamoDB reads a projection here only to refuse it.
      if (this.peek().kind === 'eof' || this.isPunct(';')) throw this.error('expected *');
      this.expr(0);
      throw new ReturningStarError();
    }
    return { mode };
  }

  /** A path with no operators: the target of INSERT INTO / UPDATE / SET / REMOVE. */
  private pathOnly(): Expr {
    return this.postfix(this.primary());
  }

  // ---- expressions ----

  expr(minPrecedence: number): Expr {
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      const op = this.binaryOperator(t);
      if (op === undefined) break;
      const prec = BINARY_PRECEDENCE[op]!;
      if (prec <= minPrecedence) break;
      left = this.infix(left, op, prec);
    }
    return left;
  }

  /** The operator `t` starts (with `NOT` looked past for NOT IN / NOT BETWEEN / NOT LIKE). */
  private binaryOperator(t: Token): string | undefined {
    if (t.kind === 'punct') return t.value in BINARY_PRECEDENCE ? t.value : undefined;
    if (t.kind !== 'keyword') return undefined;
    if (t.value === 'not') {
      const n = this.peek(1);
      if (n.kind === 'keyword' && (n.value === 'in' || n.value === 'between' || n.value === 'like')) return n.value;
      return undefined;
    }
    return t.value in BINARY_PRECEDENCE ? t.value : undefined;
  }

  private infix(left: Expr, op: string, prec: number): Expr {
    const opTok = this.next();
    let not = false;
    if (opTok.value === 'not') {
      not = true;
      this.next();
    }
    const pos = posOf(opTok);
    switch (op) {
      case 'is': {
        if (this.acceptKw('not')) not = true;
        const t = this.peek();
        if (t.kind !== 'keyword' || !TYPE_NAMES.has(t.value)) throw this.error('expected a type name');
        this.next();
        let type = t.value;
        if (type === 'double' || type === 'character') {
          if (this.acceptKw(type === 'double' ? 'precision' : 'varying')) type += type === 'double' ? '_precision' : '_varying';
        }
        return { k: 'is', not, type, operand: left, pos };
      }
      case 'in': {
        const list = this.isPunct('(') ? this.parenList() : this.expr(prec);
        return { k: 'in', not, operand: left, list, pos };
      }
      case 'between': {
        const low = this.expr(prec);
        this.expectKw('and');
        const high = this.expr(prec);
        return { k: 'between', not, operand: left, low, high, pos };
      }
      case 'like': {
        const pattern = this.expr(prec);
        if (this.acceptKw('escape')) this.expr(prec);
        return { k: 'like', not, operand: left, pattern, pos };
      }
    }
    const right = this.expr(prec);
    const binOp = (op === '!=' ? '<>' : op) as BinaryOp;
    return { k: 'binary', op: binOp, left, right, pos };
  }

  /** `(a, b, …)` after IN: a list; `(x)` alone is x; `(SELECT …)` a sub-query. */
  private parenList(): Expr {
    const open = this.expectPunct('(');
    if (this.isKw('select')) {
      const query = this.select();
      this.expectPunct(')');
      return { k: 'subquery', query, pos: posOf(open) };
    }
    const items = [this.expr(0)];
    while (this.acceptPunct(',')) items.push(this.expr(0));
    this.expectPunct(')');
    return items.length === 1 ? this.postfix(items[0]!) : { k: 'list', items, pos: posOf(open) };
  }

  private prefix(): Expr {
    const t = this.peek();
    if (t.kind === 'keyword' && t.value === 'not') {
      this.next();
      return { k: 'unary', op: 'not', operand: this.expr(NOT_PRECEDENCE), pos: posOf(t) };
    }
    if (t.kind === 'punct' && (t.value === '+' || t.value === '-')) {
      this.next();
      const operand = this.expr(UNARY_PRECEDENCE);
      if (operand.k === 'lit' && operand.type === 'number') {
        // A signed number literal is one literal, placed at its digits.
        const value = t.value === '-' ? negate(operand.value) : operand.value;
        return { ...operand, value };
      }
      return { k: 'unary', op: t.value, operand, pos: posOf(t) };
    }
    return this.postfix(this.primary());
  }

  private postfix(base: Expr): Expr {
    const steps: PathStep[] = [];
    for (;;) {
      const t = this.peek();
      if (this.acceptPunct('.')) {
        const n = this.peek();
        if (this.acceptPunct('*')) steps.push({ k: 'wildcard', pos: posOf(n) });
        else if (n.kind === 'ident' || n.kind === 'qident') {
          this.next();
          steps.push({ k: 'dot', name: n.value, quoted: n.kind === 'qident', pos: posOf(n) });
        } else throw this.error('expected a name after .');
      } else if (this.acceptPunct('[')) {
        // `[*]` is not part of DynamoDB's dialect (a syntax error there); `.*` is, to be refused.
        const expr = this.expr(0);
        this.expectPunct(']');
        steps.push({ k: 'index', expr, pos: posOf(t) });
      } else break;
    }
    if (steps.length === 0) return base;
    if (base.k === 'path') return { ...base, steps: [...base.steps, ...steps] };
    return { k: 'path', root: base, steps, pos: base.pos };
  }

  private primary(): Expr {
    const t = this.peek();
    const pos = posOf(t);
    switch (t.kind) {
      case 'string':
        this.next();
        return { k: 'lit', type: 'string', value: t.value, pos };
      case 'number':
        this.next();
        return { k: 'lit', type: 'number', value: t.value, pos };
      case 'ion':
        this.next();
        return { k: 'lit', type: 'ion', value: t.value, pos };
      case 'qident':
        this.next();
        return { k: 'id', name: t.value, quoted: true, pos };
      case 'ident':
        this.next();
        if (this.isPunct('(')) return this.call(t.value.toLowerCase(), pos);
        return { k: 'id', name: t.value, quoted: false, pos };
      case 'keyword':
        return this.keywordPrimary(t, pos);
      case 'punct':
        return this.punctPrimary(t, pos);
      case 'eof':
        throw this.error('unexpected end of statement');
    }
  }

  private keywordPrimary(t: Token, pos: Pos): Expr {
    switch (t.value) {
      case 'true':
      case 'false':
        this.next();
        return { k: 'lit', type: 'bool', value: t.value, pos };
      case 'null':
        this.next();
        return { k: 'lit', type: 'null', value: 'null', pos };
      case 'missing':
        this.next();
        return { k: 'lit', type: 'missing', value: 'missing', pos };
    }
    if (FUNCTION_KEYWORDS.has(t.value) && this.isPunct('(', 1)) {
      this.next();
      return this.call(t.value, pos);
    }
    throw this.error(`unexpected keyword ${t.value}`);
  }

  private punctPrimary(t: Token, pos: Pos): Expr {
    switch (t.value) {
      case '?':
        this.next();
        return { k: 'param', index: this.params++, pos };
      case '@': {
        // `@x` names the attribute x itself (PartiQL's lexical scoping), which is all DynamoDB has.
        this.next();
        const n = this.peek();
        if (n.kind !== 'ident' && n.kind !== 'qident') throw this.error('expected a name after @');
        this.next();
        return { k: 'id', name: n.value, quoted: n.kind === 'qident', pos };
      }
      case '(': {
        if (this.isKw('select', 1)) {
          this.next();
          const query = this.select();
          this.expectPunct(')');
          return { k: 'subquery', query, pos: query.pos };
        }
        this.next();
        const inner = this.expr(0);
        if (this.isPunct(',')) {
          const items = [inner];
          while (this.acceptPunct(',')) items.push(this.expr(0));
          this.expectPunct(')');
          return { k: 'list', items, pos };
        }
        this.expectPunct(')');
        return inner;
      }
      case '[':
      case '<<': {
        this.next();
        const close = t.value === '[' ? ']' : '>>';
        const items: Expr[] = [];
        if (!this.acceptPunct(close)) {
          do items.push(this.expr(0));
          while (this.acceptPunct(','));
          this.expectPunct(close);
        }
        return { k: t.value === '[' ? 'list' : 'bag', items, pos };
      }
      case '{': {
        this.next();
        const fields: { key: Expr; value: Expr }[] = [];
        if (!this.acceptPunct('}')) {
          do {
            const key = this.expr(0);
            this.expectPunct(':');
            fields.push({ key, value: this.expr(0) });
          } while (this.acceptPunct(','));
          this.expectPunct('}');
        }
        return { k: 'struct', fields, pos };
      }
    }
    throw this.error(`unexpected ${t.value}`);
  }

  private call(name: string, pos: Pos): Expr {
    this.expectPunct('(');
    if (name === 'count' && this.isPunct('*')) {
      this.next();
      this.expectPunct(')');
      return { k: 'call', name, args: [], star: true, pos };
    }
    const args: Expr[] = [];
    if (!this.acceptPunct(')')) {
      if (this.isKw('select')) {
        const open = this.peek();
        args.push({ k: 'subquery', query: this.select(), pos: posOf(open) });
      } else {
        do args.push(this.expr(0));
        while (this.acceptPunct(','));
      }
      this.expectPunct(')');
    }
    return { k: 'call', name, args, star: false, pos };
  }
}

/**
 * `RETURNING ALL OLD x`: well formed, but DynamoDB accepts only `*` there and says so in its own
 * words (not the generic syntax message).
 */
export class ReturningStarError extends Error {}

function negate(digits: string): string {
  return digits.startsWith('-') ? digits.slice(1) : `-${digits}`;
}
