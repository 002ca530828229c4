/**
 * Translation of the legacy parameters onto compiled expressions (see legacy.ts).
 */
import { validation } from '../errors.js';
import type { AttributeValue } from '../model/types.js';
import { validateAttributeValue } from '../model/values.js';
import type { CCondition, COperand, CProjection, CUpdate, CUpdateAction } from './compiled.js';
import type { PrepareContext, PreparedExpressions } from './index.js';
import { structureKeyCondition } from './key-condition.js';

const present = (v: unknown): boolean => v !== undefined && v !== null;

const path = (name: string): COperand => ({ kind: 'path', path: [name] });
const value = (v: AttributeValue): COperand => ({ kind: 'value', value: v });

function combine(conds: CCondition[], op: 'and' | 'or'): CCondition {
  if (conds.length === 0) return { kind: 'true' };
  return conds.reduce((l, r) => ({ kind: op, left: l, right: r }));
}

/** One legacy condition (Expected entry, QueryFilter/ScanFilter/KeyConditions entry). */
export function legacyCondition(name: string, operator: string, args: readonly AttributeValue[]): CCondition {
  const p = path(name);
  const a = args.map(value);
  switch (operator) {
    case 'EQ':
      return { kind: 'compare', op: '=', left: p, right: a[0]! };
    case 'NE':
      return { kind: 'compare', op: '<>', left: p, right: a[0]! };
    case 'LT':
      return { kind: 'compare', op: '<', left: p, right: a[0]! };
    case 'LE':
      return { kind: 'compare', op: '<=', left: p, right: a[0]! };
    case 'GT':
      return { kind: 'compare', op: '>', left: p, right: a[0]! };
    case 'GE':
      return { kind: 'compare', op: '>=', left: p, right: a[0]! };
    case 'NOT_NULL':
      return { kind: 'attribute_exists', path: [name] };
    case 'NULL':
      return { kind: 'attribute_not_exists', path: [name] };
    case 'CONTAINS':
      return { kind: 'contains', subject: p, operand: a[0]! };
    case 'NOT_CONTAINS':
      return { kind: 'and', left: { kind: 'attribute_exists', path: [name] }, right: { kind: 'not', operand: { kind: 'contains', subject: p, operand: a[0]! } } };
    case 'BEGINS_WITH':
      return { kind: 'begins_with', subject: p, prefix: a[0]! };
    case 'IN':
      return { kind: 'in', operand: p, list: a };
    case 'BETWEEN':
      return { kind: 'between', operand: p, low: a[0]!, high: a[1]! };
  }
  throw validation(`1 validation error detected: Value '${operator}' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]`);
}

function values(list: unknown): AttributeValue[] {
  return Array.isArray(list) ? list.map((v) => validateAttributeValue(v)) : [];
}

function expected(input: Record<string, any>): CCondition {
  const conds: CCondition[] = [];
  for (const [name, spec] of Object.entries<any>(input['Expected'] ?? {})) {
    if (present(spec?.ComparisonOperator)) {
      conds.push(legacyCondition(name, spec.ComparisonOperator, values(spec.AttributeValueList)));
    } else if (spec?.Exists === false) {
      conds.push({ kind: 'attribute_not_exists', path: [name] });
    } else if (present(spec?.Value)) {
      conds.push({ kind: 'compare', op: '=', left: path(name), right: value(validateAttributeValue(spec.Value)) });
    } else {
      conds.push({ kind: 'attribute_exists', path: [name] });
    }
  }
  return combine(conds, input['ConditionalOperator'] === 'OR' ? 'or' : 'and');
}

function filter(map: Record<string, any>, operator: unknown): CCondition {
  const conds = Object.entries<any>(map).map(([name, c]) => legacyCondition(name, c?.ComparisonOperator, values(c?.AttributeValueList)));
  return combine(conds, operator === 'OR' ? 'or' : 'and');
}

function attributeUpdates(map: Record<string, any>): CUpdate {
  const actions: CUpdateAction[] = [];
  for (const [name, u] of Object.entries<any>(map)) {
    const action = u?.Action ?? 'PUT';
    const v = present(u?.Value) ? validateAttributeValue(u.Value) : undefined;
    if (action === 'PUT') actions.push({ kind: 'SET', path: [name], value: value(v!) });
    else if (action === 'DELETE') actions.push(v ? { kind: 'DELETE', path: [name], value: v } : { kind: 'REMOVE', path: [name] });
    else actions.push({ kind: 'ADD', path: [name], value: v! });
  }
  return { actions };
}

function attributesToGet(names: readonly string[]): CProjection {
  return { paths: names.map((n) => [n]) };
}

export function prepareLegacyParameters(input: Record<string, any>, ctx: PrepareContext): PreparedExpressions {
  const out: PreparedExpressions = {};
  if (present(input['AttributeUpdates'])) out.update = attributeUpdates(input['AttributeUpdates']);
  if (present(input['Expected'])) out.condition = expected(input);
  if (present(input['KeyConditions'])) {
    out.keyCondition = structureKeyCondition(filter(input['KeyConditions'], 'AND'), ctx.key!);
  }
  if (present(input['QueryFilter'])) out.filter = filter(input['QueryFilter'], input['ConditionalOperator']);
  if (present(input['ScanFilter'])) out.filter = filter(input['ScanFilter'], input['ConditionalOperator']);
  if (present(input['AttributesToGet'])) out.projection = attributesToGet(input['AttributesToGet']);
  return out;
}
