/**
 * Evaluates compiled conditions (ConditionExpression, FilterExpression) against an item.
 *
 * A condition never fails at run time: a missing attribute, or operands of types that cannot be
 * compared, make a comparison false (and `<>` true), as in DynamoDB.
 */
import type { AttributeValue, Item } from '../model/types.js';
import { typeOf } from '../model/types.js';
import { compareValues, valuesEqual } from '../model/values.js';
import { base64ByteLength } from '../model/size.js';
import type { CCondition, COperand } from './compiled.js';
import { getPath } from './doc-path.js';

export function evaluateCondition(c: CCondition, item: Item | undefined): boolean {
  switch (c.kind) {
    case 'true':
      return true;
    case 'and':
      return evaluateCondition(c.left, item) && evaluateCondition(c.right, item);
    case 'or':
      return evaluateCondition(c.left, item) || evaluateCondition(c.right, item);
    case 'not':
      return !evaluateCondition(c.operand, item);
    case 'compare': {
      const l = operandValue(c.left, item);
      const r = operandValue(c.right, item);
      if (c.op === '=') return l !== undefined && r !== undefined && valuesEqual(l, r);
      if (c.op === '<>') return !(l !== undefined && r !== undefined && valuesEqual(l, r));
      if (l === undefined || r === undefined) return false;
      const cmp = compareValues(l, r);
      if (cmp === undefined) return false;
      switch (c.op) {
        case '<':
          return cmp < 0;
        case '<=':
          return cmp <= 0;
        case '>':
          return cmp > 0;
        case '>=':
          return cmp >= 0;
      }
      return false;
    }
    case 'between': {
      const v = operandValue(c.operand, item);
      const lo = operandValue(c.low, item);
      const hi = operandValue(c.high, item);
      if (v === undefined || lo === undefined || hi === undefined) return false;
      const a = compareValues(v, lo);
      const b = compareValues(v, hi);
      return a !== undefined && b !== undefined && a >= 0 && b <= 0;
    }
    case 'in': {
      const v = operandValue(c.operand, item);
      if (v === undefined) return false;
      return c.list.some((o) => {
        const x = operandValue(o, item);
        return x !== undefined && valuesEqual(v, x);
      });
    }
    case 'attribute_exists':
      return getPath(item, c.path) !== undefined;
    case 'attribute_not_exists':
      return getPath(item, c.path) === undefined;
    case 'attribute_type': {
      const v = operandValue(c.subject, item);
      return v !== undefined && typeOf(v) === c.type;
    }
    case 'begins_with': {
      const s = operandValue(c.subject, item);
      const p = operandValue(c.prefix, item);
      if (s === undefined || p === undefined) return false;
      if ('S' in s && 'S' in p) return s.S.startsWith(p.S);
      if ('B' in s && 'B' in p) {
        const sb = Buffer.from(s.B, 'base64');
        const pb = Buffer.from(p.B, 'base64');
        return pb.length <= sb.length && sb.subarray(0, pb.length).equals(pb);
      }
      return false;
    }
    case 'contains': {
      const s = operandValue(c.subject, item);
      const o = operandValue(c.operand, item);
      if (s === undefined || o === undefined) return false;
      return contains(s, o);
    }
  }
}

function contains(s: AttributeValue, o: AttributeValue): boolean {
  if ('S' in s) return 'S' in o && s.S.includes(o.S);
  if ('B' in s) return 'B' in o && Buffer.from(s.B, 'base64').includes(Buffer.from(o.B, 'base64'));
  if ('SS' in s) return 'S' in o && s.SS.includes(o.S);
  if ('NS' in s) return 'N' in o && s.NS.some((n) => valuesEqual({ N: n }, o));
  if ('BS' in s) return 'B' in o && s.BS.some((b) => valuesEqual({ B: b }, o));
  if ('L' in s) return s.L.some((e) => valuesEqual(e, o));
  return false;
}

/** The value of a condition operand, or undefined when it has none (a missing attribute). */
export function operandValue(o: COperand, item: Item | undefined): AttributeValue | undefined {
  switch (o.kind) {
    case 'value':
      return o.value;
    case 'path':
      return getPath(item, o.path);
    case 'size': {
      const v = operandValue(o.arg, item);
      if (v === undefined) return undefined;
      const n = sizeOf(v);
      return n === undefined ? undefined : { N: String(n) };
    }
    default:
      // if_not_exists, list_append and arithmetic only occur in update expressions.
      return undefined;
  }
}

/** What `size()` returns for a value, or undefined for the types it does not apply to. */
export function sizeOf(v: AttributeValue): number | undefined {
  if ('S' in v) return v.S.length;
  if ('B' in v) return base64ByteLength(v.B);
  if ('SS' in v) return v.SS.length;
  if ('NS' in v) return v.NS.length;
  if ('BS' in v) return v.BS.length;
  if ('L' in v) return v.L.length;
  if ('M' in v) return Object.keys(v.M).length;
  return undefined;
}
