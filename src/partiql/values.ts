/**
 * PartiQL literals → DynamoDB attribute values: 'strings' → S, numbers → N (DynamoDB's 38-digit
 * range and canonical form), TRUE/FALSE → BOOL, NULL → NULL, [lists] → L, {'tuples'} → M,
 * <<bags>> of strings or numbers → SS or NS, `?` → the parameter as sent.
 *
 * A value that is not a literal (a name, an operator, MISSING, an Ion literal) is refused with
 * DynamoDB's message, which describes it differently at the top of an attribute and inside one:
 * `Unsupported data type: v under key root` but `… VariableReference under key root.a.1`.
 */
import { validation } from '../errors.js';
import { normalizeNumber } from '../model/numbers.js';
import type { AttributeValue } from '../model/types.js';
import { compareValues, validateAttributeValue } from '../model/values.js';
import type { Expr } from './ast.js';
import type { Pos } from './lexer.js';
import { PARTIQL_MESSAGES as M } from './messages.js';

export type Params = readonly AttributeValue[];

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function setOwn(obj: Record<string, AttributeValue>, key: string, value: AttributeValue): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Whether `e` is a literal value (possibly nested) rather than a path or an operation. */
export function isValueExpr(e: Expr): boolean {
  switch (e.k) {
    case 'lit':
      return e.type !== 'missing' && e.type !== 'ion';
    case 'param':
    case 'struct':
    case 'list':
    case 'bag':
      return true;
    default:
      return false;
  }
}

/** How the top of an attribute names a non-value: by its token. */
function topDescription(e: Expr): string {
  switch (e.k) {
    case 'lit':
      return e.type === 'missing' ? 'MISSING' : e.value;
    case 'id':
      return e.name;
    case 'path':
      return topDescription(e.root);
    case 'call':
      return e.name;
    case 'binary':
      return e.op;
    case 'unary':
      return e.op;
    case 'subquery':
      return 'SELECT';
    default:
      return e.k;
  }
}

/** How the inside of a value names a non-value: by its node class. */
function nestedDescription(e: Expr): string {
  switch (e.k) {
    case 'lit':
      return e.type === 'missing' ? 'LiteralMissing' : 'Literal';
    case 'id':
      return 'VariableReference';
    case 'path':
      return 'Path';
    case 'call':
      return 'CallAgg';
    case 'param':
      return 'Parameter';
    case 'subquery':
      return 'Select';
    default:
      return 'NAry';
  }
}

/** The Ion type of an Ion literal's text, as DynamoDB names it when refusing it. */
function ionType(text: string): string {
  const t = text.trim();
  if (/^[+-]?\d+$/.test(t) || /^0x[0-9a-f]+$/i.test(t)) return 'INT';
  if (/^[+-]?(\d+\.\d*|\.\d+|\d+)(d[+-]?\d+)?$/i.test(t)) return 'DECIMAL';
  if (/^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(t) || /^[+-]?inf$|^nan$/.test(t)) return 'FLOAT';
  if (t.startsWith('"') || t.startsWith("'''")) return 'STRING';
  if (t.startsWith("'")) return 'SYMBOL';
  if (t.startsWith('{{')) return t.includes('"') ? 'CLOB' : 'BLOB';
  if (t.startsWith('{')) return 'STRUCT';
  if (t.startsWith('[')) return 'LIST';
  if (t.startsWith('(')) return 'SEXP';
  if (t === 'true' || t === 'false') return 'BOOL';
  if (t.startsWith('null')) return 'NULL';
  if (/^\d{4}-/.test(t)) return 'TIMESTAMP';
  return 'SYMBOL';
}

export class ValueConverter {
  constructor(private readonly params: Params) {}

  /** The value of one attribute (an INSERT field, a SET value, a comparison operand). */
  top(e: Expr): AttributeValue {
    switch (e.k) {
      case 'lit':
        if (e.type === 'ion') throw validation(M.ionLiteral(ionType(e.value), 'root', e.pos));
        if (e.type === 'missing') throw validation(M.unsupportedType('MISSING', 'root', e.pos));
        return this.literal(e.type, e.value);
      case 'param':
        return this.param(e.index);
      case 'list':
        return { L: e.items.map((x, i) => this.nested(x, `root.${i}`)) };
      case 'bag':
        return this.bag(e.items, e.pos, 'root');
      case 'struct':
        return { M: this.struct(e.fields, 'root', e.pos) };
      default:
        throw validation(M.unsupportedType(topDescription(e), 'root', e.pos));
    }
  }

  /** Inside a value, parameters are refused too: only a whole attribute may be a `?`. */
  private nested(e: Expr, key: string): AttributeValue {
    switch (e.k) {
      case 'lit':
        if (e.type === 'ion') throw validation(M.ionLiteral(ionType(e.value), key, e.pos));
        if (e.type === 'missing') throw validation(M.unsupportedType('LiteralMissing', key, e.pos));
        return this.literal(e.type, e.value);
      case 'list':
        return { L: e.items.map((x, i) => this.nested(x, `${key}.${i}`)) };
      case 'bag':
        return this.bag(e.items, e.pos, key);
      case 'struct':
        return { M: this.struct(e.fields, key, e.pos) };
      default:
        throw validation(M.unsupportedType(nestedDescription(e), key, e.pos));
    }
  }

  /** The item of an INSERT: a tuple whose fields are attributes. */
  item(fields: readonly { key: Expr; value: Expr }[]): Record<string, AttributeValue> {
    return this.struct(fields, 'root', undefined);
  }

  /**
   * A tuple's fields. Keys must be string literals; a repeated key is reported at the key itself
   * in the item of an INSERT, at the tuple's brace in a tuple nested in a value.
   */
  private struct(fields: readonly { key: Expr; value: Expr }[], key: string, bracePos: Pos | undefined): Record<string, AttributeValue> {
    const out: Record<string, AttributeValue> = {};
    for (const f of fields) {
      if (f.key.k !== 'lit' || f.key.type !== 'string') {
        throw validation(M.tupleKeyType(f.key.k === 'lit' ? 'Literal' : nestedDescription(f.key), f.key.pos));
      }
      const name = f.key.value;
      if (hasOwn(out, name)) throw validation(M.duplicateTupleKey(name, bracePos ?? f.key.pos));
      setOwn(out, name, bracePos ? this.nested(f.value, `${key}.${name}`) : this.top(f.value));
    }
    return out;
  }

  private bag(items: readonly Expr[], pos: Pos, key: string): AttributeValue {
    if (items.length === 0) throw validation(M.emptyBag(pos));
    const values = items.map((x) => {
      if (x.k === 'lit' && (x.type === 'string' || x.type === 'number')) return this.literal(x.type, x.value);
      if (x.k === 'lit' || x.k === 'list' || x.k === 'bag' || x.k === 'struct' || x.k === 'param') throw validation(M.bagType(x.pos));
      throw validation(M.unsupportedType(nestedDescription(x), key, x.pos));
    });
    const first = Object.keys(values[0]!)[0]!;
    if (first !== 'S' && first !== 'N') throw validation(M.bagType());
    const other = values.findIndex((v) => Object.keys(v)[0] !== first);
    // The service points at a number found among strings, but not at a string among numbers.
    if (other >= 0) throw validation(M.bagType(first === 'S' && 'N' in values[other]! ? items[other]!.pos : undefined));
    const sorted = [...values].sort((a, b) => compareValues(a, b) ?? 0);
    for (let i = 1; i < sorted.length; i++) {
      if (compareValues(sorted[i - 1]!, sorted[i]!) === 0) throw validation(M.bagDuplicates);
    }
    const members = values.map((v) => (v as Record<string, string>)[first]!);
    // Stored sets take the canonical form every other write path gives them.
    return validateAttributeValue({ [`${first}S`]: members });
  }

  literal(type: string, value: string): AttributeValue {
    switch (type) {
      case 'string':
        return { S: value };
      case 'number':
        return { N: normalizeNumber(value) };
      case 'bool':
        return { BOOL: value === 'true' };
      default:
        return { NULL: true };
    }
  }

  param(index: number): AttributeValue {
    const v = this.params[index];
    if (v === undefined) throw validation(M.parameterCount);
    return v;
  }
}
