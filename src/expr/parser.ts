/**
 * Recursive-descent parsers for the five expression kinds.
 *
 * Syntax errors are reported the way DynamoDB reports them: at the first token that cannot
 * continue any valid expression (the end of a viable prefix), naming that token and the source
 * text from the start of the token before it to the end of the token after it.
 *
 * Conditions need care around `(`: it may open a parenthesised condition or a parenthesised
 * operand (`(a) = :v`), and which one is only known at the matching `)`. The parser therefore
 * parses a parenthesised group as either, and lets the group's use decide.
 *
 * Precedence, from loosest: OR, AND, NOT, then a single comparison / BETWEEN / IN / function.
 */
import type {
  CallNode,
  ClauseKind,
  Comparator,
  Condition,
  ExpressionKind,
  Operand,
  PathElement,
  PathNode,
  ProjectionExpression,
  UpdateAction,
  UpdateClause,
  UpdateExpression,
  ValueNode,
} from './ast.js';
import { tokenize, type Token } from './lexer.js';
import { syntaxError } from './messages.js';

const COMPARATORS: ReadonlySet<string> = new Set(['=', '<>', '<', '<=', '>', '>=']);

/** What a parsed group can be used as. */
type Role = 'operand' | 'condition' | 'either';

interface Parsed {
  node: Operand | Condition;
  role: Role;
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly kind: ExpressionKind,
  ) {
    this.tokens = tokenize(text);
  }

  // ---- token helpers ----

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private isKeyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'keyword' && t.keyword === word;
  }

  private next(): Token {
    const t = this.tokens[this.pos]!;
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  /** Reports the current token as the first one that cannot continue the expression. */
  fail(): never {
    const i = this.pos;
    const tok = this.tokens[i]!;
    const start = i > 0 ? this.tokens[i - 1]!.start : 0;
    const end = i + 1 < this.tokens.length ? this.tokens[i + 1]!.end : tok.end;
    throw syntaxError(this.kind, tok.text, this.text.slice(start, end));
  }

  private expect(kind: Token['kind']): Token {
    if (this.peek().kind !== kind) this.fail();
    return this.next();
  }

  private expectEnd(): void {
    if (this.peek().kind !== 'eof') this.fail();
  }

  // ---- paths and operands ----

  private atPathStart(): boolean {
    const k = this.peek().kind;
    return k === 'name' || k === 'nameRef';
  }

  private atFunctionStart(): boolean {
    return this.peek().kind === 'name' && this.peek(1).kind === '(';
  }

  path(): PathNode {
    const first = this.peek();
    if (first.kind !== 'name' && first.kind !== 'nameRef') this.fail();
    this.next();
    const elements: PathElement[] = [{ type: 'name', name: first.text, ref: first.kind === 'nameRef' }];
    for (;;) {
      const t = this.peek();
      if (t.kind === '.') {
        this.next();
        const n = this.peek();
        if (n.kind !== 'name' && n.kind !== 'nameRef') this.fail();
        this.next();
        elements.push({ type: 'name', name: n.text, ref: n.kind === 'nameRef' });
      } else if (t.kind === '[') {
        this.next();
        const n = this.expect('number');
        this.expect(']');
        elements.push({ type: 'index', index: Number(n.text), text: n.text });
      } else break;
    }
    return { kind: 'path', elements, parens: 0 };
  }

  private value(): ValueNode {
    const t = this.expect('valueRef');
    return { kind: 'value', ref: t.text, parens: 0 };
  }

  private call(): CallNode {
    const name = this.next().text;
    this.expect('(');
    const args: Operand[] = [this.operand()];
    while (this.peek().kind === ',') {
      this.next();
      args.push(this.operand());
    }
    this.expect(')');
    return { kind: 'call', name, args, parens: 0 };
  }

  /** An operand where only an operand may stand: path, :value, function, or (operand). */
  operand(): Operand {
    const t = this.peek();
    if (t.kind === '(') {
      this.next();
      const inner = this.operand();
      this.expect(')');
      return withParens(inner);
    }
    if (t.kind === 'valueRef') return this.value();
    if (this.atFunctionStart()) return this.call();
    if (this.atPathStart()) return this.path();
    return this.fail();
  }

  // ---- conditions ----

  condition(): Condition {
    const c = this.orExpr();
    this.expectEnd();
    return c;
  }

  private orExpr(first?: Condition): Condition {
    let left = this.andExpr(first);
    while (this.isKeyword('OR')) {
      this.next();
      const right = this.andExpr();
      left = { kind: 'or', left, right, parens: 0 };
    }
    return left;
  }

  private andExpr(first?: Condition): Condition {
    let left = first ?? this.notExpr();
    while (this.isKeyword('AND')) {
      this.next();
      const right = this.notExpr();
      left = { kind: 'and', left, right, parens: 0 };
    }
    return left;
  }

  private notExpr(): Condition {
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', operand: this.notExpr(), parens: 0 };
    }
    return this.predicate(false) as Condition;
  }

  /**
   * One comparison, BETWEEN, IN or function. With `bareAllowed` (first thing inside a
   * parenthesis), a lone operand followed by `)` is returned as an operand.
   */
  private predicate(bareAllowed: boolean): Condition | Operand {
    const atom = this.atom();
    const t = this.peek();
    if (COMPARATORS.has(t.kind) || (t.kind === 'keyword' && (t.keyword === 'BETWEEN' || t.keyword === 'IN'))) {
      if (atom.role === 'condition') this.fail();
      const left = atom.node as Operand;
      this.next();
      if (t.kind === 'keyword' && t.keyword === 'BETWEEN') {
        const low = this.operand();
        if (!this.isKeyword('AND')) this.fail();
        this.next();
        const high = this.operand();
        return { kind: 'between', operand: left, low, high, parens: 0 };
      }
      if (t.kind === 'keyword' && t.keyword === 'IN') {
        this.expect('(');
        const list: Operand[] = [this.operand()];
        while (this.peek().kind === ',') {
          this.next();
          list.push(this.operand());
        }
        this.expect(')');
        return { kind: 'in', operand: left, list, parens: 0 };
      }
      const right = this.operand();
      return { kind: 'compare', op: t.kind as Comparator, left, right, parens: 0 };
    }
    if (atom.role === 'operand') {
      if (bareAllowed && t.kind === ')') return atom.node as Operand;
      this.fail();
    }
    return atom.node as Condition;
  }

  private atom(): Parsed {
    const t = this.peek();
    if (t.kind === '(') {
      this.next();
      const inner = this.parenContent();
      this.expect(')');
      return { node: withParens(inner.node), role: inner.role };
    }
    if (t.kind === 'valueRef') return { node: this.value(), role: 'operand' };
    if (this.atFunctionStart()) return { node: this.call(), role: 'either' };
    if (this.atPathStart()) return { node: this.path(), role: 'operand' };
    return this.fail();
  }

  /** The inside of a parenthesis in a condition: a condition, or a lone operand. */
  private parenContent(): Parsed {
    if (this.isKeyword('NOT')) return { node: this.orExpr(), role: 'condition' };
    const first = this.predicate(true);
    if (this.peek().kind === ')') {
      // A lone function call (or parenthesised one) stays usable either way.
      const role: Role = isOperandOnly(first) ? 'operand' : first.kind === 'call' ? 'either' : 'condition';
      return { node: first, role };
    }
    return { node: this.orExpr(first as Condition), role: 'condition' };
  }

  // ---- update ----

  update(): UpdateExpression {
    const clauses: UpdateClause[] = [];
    do {
      const t = this.peek();
      if (t.kind !== 'keyword') this.fail();
      switch (t.keyword) {
        case 'SET':
        case 'REMOVE':
        case 'ADD':
        case 'DELETE':
          this.next();
          clauses.push(this.clause(t.keyword));
          break;
        default:
          this.fail();
      }
    } while (this.peek().kind !== 'eof');
    return { kind: 'update', clauses };
  }

  private clause(kind: ClauseKind): UpdateClause {
    const actions: UpdateAction[] = [];
    do {
      if (actions.length > 0) this.next(); // the comma
      actions.push(this.action(kind));
    } while (this.peek().kind === ',');
    const t = this.peek();
    if (t.kind !== 'eof' && !(t.kind === 'keyword' && ['SET', 'REMOVE', 'ADD', 'DELETE'].includes(t.keyword!))) this.fail();
    return { kind, actions };
  }

  private action(kind: ClauseKind): UpdateAction {
    const path = this.path();
    switch (kind) {
      case 'SET':
        this.expect('=');
        return { kind, path, value: this.setValue() };
      case 'REMOVE':
        return { kind, path };
      case 'ADD':
      case 'DELETE':
        return { kind, path, value: this.value() };
    }
  }

  /** operand, operand + operand, operand - operand, or any of them in parentheses. */
  private setValue(): Operand {
    const left = this.setOperand();
    const t = this.peek();
    if (t.kind === '+' || t.kind === '-') {
      if (left.kind === 'arith') this.fail();
      this.next();
      const right = this.operand();
      return { kind: 'arith', op: t.kind, left, right, parens: 0 };
    }
    return left;
  }

  /** The left side of a SET value: a parenthesis here may hold a whole `a + b`. */
  private setOperand(): Operand {
    if (this.peek().kind !== '(') return this.operand();
    this.next();
    const inner = this.setValue();
    this.expect(')');
    return withParens(inner);
  }

  // ---- projection ----

  projection(): ProjectionExpression {
    const paths: PathNode[] = [this.path()];
    while (this.peek().kind === ',') {
      this.next();
      paths.push(this.path());
    }
    this.expectEnd();
    return { kind: 'projection', paths };
  }
}

function isOperandOnly(n: Condition | Operand): boolean {
  return n.kind === 'path' || n.kind === 'value' || n.kind === 'arith';
}

function withParens<T extends { parens: number }>(node: T): T {
  return { ...node, parens: node.parens + 1 };
}

export function parseCondition(text: string, kind: ExpressionKind): Condition {
  return new Parser(text, kind).condition();
}

export function parseUpdate(text: string): UpdateExpression {
  const p = new Parser(text, 'UpdateExpression');
  const u = p.update();
  return u;
}

export function parseProjection(text: string): ProjectionExpression {
  return new Parser(text, 'ProjectionExpression').projection();
}
