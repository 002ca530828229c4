/**
 * KeyConditionExpression: after the generic condition checks, the condition must be the partition
 * key's equality, optionally AND one condition on the sort key; the result is the structured form
 * Query uses to seek.
 */
import { validation } from '../errors.js';
import type { AttributeValue, KeyShape } from '../model/types.js';
import { typeOf } from '../model/types.js';
import type { CCondition, COperand, DocPath } from './compiled.js';

export type SortKeyOperator = '=' | '<' | '<=' | '>' | '>=' | 'BETWEEN' | 'BEGINS_WITH';

export interface KeyCondition {
  readonly partition: { readonly name: string; readonly value: AttributeValue };
  readonly sort?: {
    readonly name: string;
    readonly op: SortKeyOperator;
    /** One value, or two for BETWEEN (lower, upper). */
    readonly values: readonly AttributeValue[];
  };
}

const invalidOperator = (op: string) => validation(`Invalid operator used in KeyConditionExpression: ${op}`);
const FLIPPED: Readonly<Record<string, SortKeyOperator>> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

export interface KeyPart {
  name: string;
  /** A sort-key operator, or another (legacy) operator the partition key does not support. */
  op: SortKeyOperator | 'OTHER';
  values: AttributeValue[];
}
type Part = KeyPart;

const notScalar = (name: string) =>
  validation(`Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: ${name}`);

function keyPath(p: DocPath): string {
  if (p.length > 1) throw notScalar(p[0] as string);
  return p[0] as string;
}

function part(c: CCondition): Part {
  switch (c.kind) {
    case 'compare': {
      if (c.op === '<>') throw invalidOperator('<>');
      const [l, r] = [c.left, c.right];
      if (l.kind === 'size' || r.kind === 'size') throw validation('KeyConditionExpressions cannot contain nested operations');
      if (l.kind === 'path' && r.kind === 'path') throw validation('Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition');
      if (l.kind === 'path' && r.kind === 'value') return { name: keyPath(l.path), op: c.op, values: [r.value] };
      if (l.kind === 'value' && r.kind === 'path') return { name: keyPath(r.path), op: FLIPPED[c.op]!, values: [l.value] };
      throw validation('Invalid condition in KeyConditionExpression: No key attribute specified');
    }
    case 'between': {
      const ops: COperand[] = [c.operand, c.low, c.high];
      if (ops.some((o) => o.kind === 'size')) throw validation('KeyConditionExpressions cannot contain nested operations');
      if (c.operand.kind !== 'path' || c.low.kind !== 'value' || c.high.kind !== 'value') {
        throw validation('Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition');
      }
      return { name: keyPath(c.operand.path), op: 'BETWEEN', values: [c.low.value, c.high.value] };
    }
    case 'begins_with': {
      if (c.subject.kind === 'size' || c.prefix.kind === 'size') throw validation('KeyConditionExpressions cannot contain nested operations');
      if (c.subject.kind !== 'path') {
        throw validation('Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand');
      }
      if (c.prefix.kind !== 'value') throw validation('Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition');
      return { name: keyPath(c.subject.path), op: 'BEGINS_WITH', values: [c.prefix.value] };
    }
    case 'in':
      throw invalidOperator('IN');
    case 'not':
      throw invalidOperator('NOT');
    case 'or':
      throw invalidOperator('OR');
    case 'and':
      throw invalidOperator('AND');
    case 'true':
      throw invalidOperator('TRUE');
    default:
      throw invalidOperator(c.kind);
  }
}

export function collect(c: CCondition, out: Part[]): void {
  if (c.kind === 'and') {
    collect(c.left, out);
    collect(c.right, out);
  } else out.push(part(c));
}

/** Checks a compiled KeyConditionExpression against the key schema and structures it. */
export function structureKeyCondition(c: CCondition, key: KeyShape): KeyCondition {
  const parts: Part[] = [];
  collect(c, parts);
  return finishKeyCondition(parts, key);
}

/** The checks shared with the legacy KeyConditions, once the conditions are split per attribute. */
export function finishKeyCondition(parts: readonly KeyPart[], key: KeyShape): KeyCondition {
  const seen = new Set<string>();
  for (const p of parts) {
    if (seen.has(p.name)) throw validation('KeyConditionExpressions must only contain one condition per key');
    seen.add(p.name);
  }
  if (parts.length > 2) throw validation('Conditions can be of length 1 or 2 only');
  const hash = parts.find((p) => p.name === key.hash.name);
  if (hash && hash.op !== '=') throw validation('Query key condition not supported');
  const others = parts.filter((p) => p !== hash);
  if (!hash || others.some((p) => p.name !== key.range?.name)) throw validation('Query condition missed key schema element');
  const sort = others[0];
  checkKeyValues(key.hash.name, key.hash.type, hash.values);
  if (sort) checkKeyValues(sort.name, key.range!.type, sort.values);
  return {
    partition: { name: hash.name, value: hash.values[0]! },
    ...(sort ? { sort: { name: sort.name, op: sort.op as SortKeyOperator, values: sort.values } } : {}),
  };
}

/** The partition key's values are checked (type, then emptiness) before the sort key's. */
export function checkKeyValues(name: string, type: string, values: readonly AttributeValue[]): void {
  for (const v of values) {
    if (typeOf(v) !== type) throw validation('One or more parameter values were invalid: Condition parameter type does not match schema type');
  }
  for (const v of values) {
    if (('S' in v && v.S === '') || ('B' in v && v.B === '')) {
      throw validation(`One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${name}`);
    }
  }
}
