/**
 * PartiQL expressions → the expression language's syntax trees (src/expr/ast.ts), which the
 * expression module then checks and compiles exactly as it does a ConditionExpression or an
 * UpdateExpression. DynamoDB runs PartiQL the same way — as the regular operations — so its
 * PartiQL errors are the expression language's messages without the `Invalid …Expression: `
 * prefix (`Incorrect operand type for operator or function; operator or function: +, …`).
 *
 * Names become `#n` placeholders (so reserved words are fine, as in PartiQL) and values `:v`
 * placeholders; one Translator collects both maps for the compile step.
 */
import { DynamoError, validation } from '../errors.js';
import type { AttributeValue } from '../model/types.js';
import { compareValues } from '../model/values.js';
import type * as E from '../expr/ast.js';
import { Placeholders } from '../expr/placeholders.js';
import { checkConditionTextPasses, checkUpdateTextPasses, compileCondition, compileUpdate } from '../expr/validate.js';
import { buildPathTree } from '../expr/path-tree.js';
import type { CCondition, CUpdate, DocPath } from '../expr/compiled.js';
import type { Expr, PathStep } from './ast.js';
import type { Pos } from './lexer.js';
import { PARTIQL_MESSAGES as M } from './messages.js';
import { ValueConverter, type Params } from './values.js';

/** Condition functions PartiQL accepts in WHERE (names are case-insensitive). */
const CONDITION_FUNCTIONS: ReadonlySet<string> = new Set([
  'attribute_exists',
  'attribute_not_exists',
  'attribute_type',
  'begins_with',
  'contains',
  'size',
]);
const UPDATE_FUNCTIONS: ReadonlySet<string> = new Set(['if_not_exists', 'list_append', 'set_add', 'set_delete']);

/** `IS <type>` → the attribute_type it tests. */
const IS_TYPES: Readonly<Record<string, string>> = {
  null: 'NULL',
  bool: 'BOOL',
  boolean: 'BOOL',
  blob: 'B',
  string: 'S',
  numeric: 'N',
  struct: 'M',
  tuple: 'M',
  list: 'L',
};
/** How the refusal of other types names them (aliases resolved). */
const TYPE_ALIASES: Readonly<Record<string, string>> = {
  int: 'integer',
  dec: 'decimal',
  char: 'character',
  varchar: 'character_varying',
};
const IS_SUPPORTED = '[MISSING, NULL, BOOLEAN, BLOB, STRING, NUMERIC, STRUCT, TUPLE, LIST]';

const isComparison = (op: string): op is E.Comparator => ['=', '<>', '<', '<=', '>', '>='].includes(op);

/** The service's rendering of a BETWEEN bound: `{N:1}`, `{S:a}`. */
function showBound(v: AttributeValue): string {
  const t = Object.keys(v)[0]!;
  return `{${t}:${(v as Record<string, unknown>)[t]}}`;
}

/** Runs an expression-module step, dropping the `Invalid XExpression: ` prefix from its messages. */
export function unprefixed<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DynamoError && e.type === 'ValidationException') {
      const m = /^Invalid (?:Condition|Update|Projection|Filter|KeyCondition)Expression: (.*)$/s.exec(e.message);
      if (m) throw validation(m[1]!);
    }
    throw e;
  }
}

export class Translator {
  private readonly names: Record<string, string> = {};
  private readonly values: Record<string, AttributeValue> = {};
  private nameCount = 0;
  private valueCount = 0;
  readonly converter: ValueConverter;

  constructor(params: Params) {
    this.converter = new ValueConverter(params);
  }

  private placeholders(): Placeholders {
    return new Placeholders(this.names, this.values);
  }

  private nameRef(name: string): E.NameElement {
    const ref = `#n${this.nameCount++}`;
    this.names[ref] = name;
    return { type: 'name', name: ref, ref: true };
  }

  private valueRef(value: AttributeValue): E.ValueNode {
    const ref = `:v${this.valueCount++}`;
    this.values[ref] = value;
    return { kind: 'value', ref, parens: 0 };
  }

  // ---- paths ----

  /** A document path (`a.b[2]`, `"a"['b']`), or undefined when `e` is not one. */
  path(e: Expr): E.PathNode | undefined {
    if (e.k === 'id') return { kind: 'path', elements: [this.nameRef(e.name)], parens: 0 };
    if (e.k !== 'path' || e.root.k !== 'id') return undefined;
    const elements: E.PathElement[] = [this.nameRef(e.root.name)];
    for (const s of e.steps) elements.push(this.step(s));
    return { kind: 'path', elements, parens: 0 };
  }

  private step(s: PathStep): E.PathElement {
    if (s.k === 'dot') return this.nameRef(s.name);
    if (s.k === 'wildcard') throw validation(M.changingHierarchy);
    const x = s.expr;
    if (x.k === 'lit' && x.type === 'string') return this.nameRef(x.value);
    if (x.k === 'lit' && x.type === 'number' && /^-?\d+$/.test(x.value)) {
      if (x.value.startsWith('-')) throw validation(M.listIndexRange(x.value, x.pos));
      return { type: 'index', index: Number(x.value), text: x.value };
    }
    throw validation(M.unexpectedPath(x.pos));
  }

  // ---- conditions ----

  condition(e: Expr): E.Condition {
    switch (e.k) {
      case 'binary': {
        if (e.op === 'and' || e.op === 'or') {
          return { kind: e.op, left: this.condition(e.left), right: this.condition(e.right), parens: 0 };
        }
        if (isComparison(e.op)) {
          return { kind: 'compare', op: e.op, left: this.operand(e.left), right: this.operand(e.right), parens: 0 };
        }
        throw validation(M.unsupportedConditionOperator(e.op));
      }
      case 'unary':
        if (e.op === 'not') return { kind: 'not', operand: this.condition(e.operand), parens: 0 };
        throw validation(M.unsupportedConditionOperator(e.op));
      case 'between': {
        const low = this.operand(e.low);
        const high = this.operand(e.high);
        this.checkBounds(low, high);
        const node: E.Condition = { kind: 'between', operand: this.operand(e.operand), low, high, parens: 0 };
        return e.not ? { kind: 'not', operand: node, parens: 0 } : node;
      }
      case 'in': {
        if (e.list.k !== 'list' || e.list.items.length === 0) throw validation(M.inOperator);
        const node: E.Condition = {
          kind: 'in',
          operand: this.operand(e.operand),
          list: e.list.items.map((x) => this.operand(x)),
          parens: 0,
        };
        return e.not ? { kind: 'not', operand: node, parens: 0 } : node;
      }
      case 'is':
        return this.isCondition(e.type, e.not, e.operand, e.pos);
      case 'like':
        throw validation(M.unsupportedConditionOperator('like'));
      case 'call':
        return this.call(e.name, e.args);
      default:
        throw validation(M.whereBoolean);
    }
  }

  private isCondition(type: string, not: boolean, operand: Expr, pos: Pos): E.Condition {
    const arg = this.operand(operand);
    let node: E.Condition;
    if (type === 'missing') {
      node = { kind: 'call', name: not ? 'attribute_exists' : 'attribute_not_exists', args: [arg], parens: 0 };
      return node;
    }
    const t = IS_TYPES[type];
    if (!t) {
      const name = (TYPE_ALIASES[type] ?? type).toUpperCase();
      throw validation(`Unsupported data type for IS operator: ${name}. Supported data types are ${IS_SUPPORTED} at ${pos.line}:${pos.col}:${pos.len}`);
    }
    node = { kind: 'call', name: 'attribute_type', args: [arg, this.valueRef({ S: t })], parens: 0 };
    return not ? { kind: 'not', operand: node, parens: 0 } : node;
  }

  /** DynamoDB's PartiQL checks literal BETWEEN bounds itself, with its own rendering of them. */
  private checkBounds(low: E.Operand, high: E.Operand): void {
    if (low.kind !== 'value' || high.kind !== 'value') return;
    const lo = this.values[low.ref]!;
    const hi = this.values[high.ref]!;
    const detail = `lower bound operand: AttributeValue: ${showBound(lo)}, upper bound operand: AttributeValue: ${showBound(hi)}`;
    const lt = Object.keys(lo)[0];
    if (lt !== Object.keys(hi)[0]) throw validation(`The BETWEEN operator requires same data type for lower and upper bounds; ${detail}`);
    if (lt !== 'S' && lt !== 'N' && lt !== 'B') return;
    if ((compareValues(lo, hi) ?? 0) > 0) {
      throw validation(`The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ${detail}`);
    }
  }

  /** An operand of a comparison or function in WHERE. */
  operand(e: Expr): E.Operand {
    switch (e.k) {
      case 'id':
      case 'path': {
        const p = this.path(e);
        if (p) return p;
        throw validation(M.unexpectedPath(e.pos));
      }
      case 'lit':
        if (e.type === 'missing') throw validation(M.missingCompare);
        return this.valueRef(this.converter.top(e));
      case 'param':
      case 'list':
      case 'bag':
      case 'struct':
        return this.valueRef(this.converter.top(e));
      case 'call':
        return this.call(e.name, e.args);
      case 'binary':
        throw validation(M.unsupportedConditionOperator(e.op));
      case 'unary':
        throw validation(M.unsupportedConditionOperator(e.op));
      default:
        throw validation(M.whereBoolean);
    }
  }

  /**
   * A function call in WHERE. Where it may stand (as a condition, as an operand, not at all in a
   * condition like list_append) is the expression module's check; unknown names are PartiQL's.
   */
  private call(name: string, args: readonly Expr[]): E.CallNode {
    if (!CONDITION_FUNCTIONS.has(name) && !UPDATE_FUNCTIONS.has(name)) throw validation(M.unrecognizedFunction(name));
    return { kind: 'call', name, args: args.map((a) => this.operand(a)), parens: 0 };
  }

  /** Compiles a WHERE condition (or what is left of it once the key is taken out). */
  compileCondition(c: E.Condition): CCondition {
    return unprefixed(() => {
      checkConditionTextPasses('ConditionExpression', c);
      return compileCondition('ConditionExpression', c, this.placeholders());
    });
  }

  // ---- updates ----

  /** A SET value: a value, a path, `a + b` / `a - b`, if_not_exists, list_append. */
  setValue(e: Expr): E.Operand {
    switch (e.k) {
      case 'binary':
        if (e.op === '+' || e.op === '-') {
          return { kind: 'arith', op: e.op, left: this.setValue(e.left), right: this.setValue(e.right), parens: 0 };
        }
        throw validation(M.unsupportedUpdateOperator(e.op));
      case 'unary':
        // `-x` reads as a subtraction with one operand.
        if (e.op === '-') throw validation('Incorrect number of operands for operator or function; operator or function: -, number of operands: 1');
        throw validation(M.unsupportedUpdateOperator(e.op));
      case 'call': {
        if (!UPDATE_FUNCTIONS.has(e.name) && !CONDITION_FUNCTIONS.has(e.name)) throw validation(M.unrecognizedFunction(e.name));
        return { kind: 'call', name: e.name, args: e.args.map((a) => this.setValue(a)), parens: 0 };
      }
      default:
        return this.operand(e);
    }
  }

  /** The value a placeholder stands for. */
  valueOf(node: E.ValueNode): AttributeValue {
    return this.values[node.ref]!;
  }

  /** A set value for set_add / set_delete (ADD / DELETE in the expression language). */
  setOperand(e: Expr): E.ValueNode {
    return this.valueRef(this.converter.top(e));
  }

  compileUpdate(u: E.UpdateExpression): CUpdate {
    return unprefixed(() => {
      checkUpdateTextPasses(u);
      return compileUpdate(u, this.placeholders());
    });
  }

  /** Resolves select-list paths, refusing overlapping ones as DynamoDB does (first written first). */
  projectionPaths(paths: readonly E.PathNode[]): DocPath[] {
    return unprefixed(() => buildPathTree('ProjectionExpression', [...paths].reverse(), this.placeholders()).paths.reverse());
  }
}
