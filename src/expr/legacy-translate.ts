/**
 * Translation of the legacy parameters onto compiled expressions (see legacy.ts), with the
 * service's validation messages for each of them.
 *
 * Legacy conditions name top-level attributes literally: `{"a.b": …}` is the attribute called
 * "a.b", never a path.
 */
import { validation } from '../errors.js';
import type { AttributeType, AttributeValue } from '../model/types.js';
import { typeOf } from '../model/types.js';
import { compareValues, validateAttributeValue } from '../model/values.js';
import type { CCondition, COperand, CProjection, CUpdate, CUpdateAction } from './compiled.js';
import type { PrepareContext, PreparedExpressions } from './index.js';
import { finishKeyCondition, type KeyPart } from './key-condition.js';
import { finishMultiKeyCondition } from './multi-key-condition.js';
import { LONG_TYPE_NAMES } from './messages.js';

const present = (v: unknown): boolean => v !== undefined && v !== null;
const invalid = (detail: string) => validation(`One or more parameter values were invalid: ${detail}`);

const path = (name: string): COperand => ({ kind: 'path', path: [name] });
const value = (v: AttributeValue): COperand => ({ kind: 'value', value: v });

function combine(conds: CCondition[], op: 'and' | 'or'): CCondition {
  if (conds.length === 0) return { kind: 'true' };
  return conds.reduce((l, r) => ({ kind: op, left: l, right: r }));
}

/** How many values each operator takes, and of which types. */
const OPERATORS: Readonly<Record<string, { args: number | 'many'; types?: readonly AttributeType[] }>> = {
  EQ: { args: 1 },
  NE: { args: 1 },
  LE: { args: 1, types: ['S', 'N', 'B'] },
  LT: { args: 1, types: ['S', 'N', 'B'] },
  GE: { args: 1, types: ['S', 'N', 'B'] },
  GT: { args: 1, types: ['S', 'N', 'B'] },
  NOT_NULL: { args: 0 },
  NULL: { args: 0 },
  CONTAINS: { args: 1, types: ['S', 'N', 'B', 'BOOL', 'NULL'] },
  NOT_CONTAINS: { args: 1, types: ['S', 'N', 'B', 'BOOL', 'NULL'] },
  BEGINS_WITH: { args: 1, types: ['S', 'B'] },
  IN: { args: 'many', types: ['S', 'N', 'B', 'BOOL', 'NULL'] },
  BETWEEN: { args: 2, types: ['S', 'N', 'B'] },
};

const BETWEEN_REVERSED = 'The BETWEEN condition was provided a range where the lower bound is greater than the upper bound';

/** Checks one legacy condition's operator and values (the order of the service's checks). */
function checkOperator(operator: string, args: readonly AttributeValue[]): void {
  const spec = OPERATORS[operator];
  if (!spec) throw validation('Comparison type does not exist in DynamoDB');
  const countOk = spec.args === 'many' ? args.length > 0 : args.length === spec.args;
  if (!countOk) throw invalid(`Invalid number of argument(s) for the ${operator} ComparisonOperator`);
  for (const a of args) {
    const t = typeOf(a);
    if (spec.types && !spec.types.includes(t)) throw invalid(`ComparisonOperator ${operator} is not valid for ${t} AttributeValue type`);
  }
  if (args.length > 1 && args.some((a) => typeOf(a) !== typeOf(args[0]!))) {
    throw invalid('AttributeValues inside AttributeValueList must be of same type');
  }
  if (operator === 'BETWEEN') {
    const c = compareValues(args[0]!, args[1]!);
    if (c !== undefined && c > 0) throw validation(BETWEEN_REVERSED);
  }
}

/** One legacy condition as a compiled condition. */
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
      return {
        kind: 'and',
        left: { kind: 'attribute_exists', path: [name] },
        right: { kind: 'not', operand: { kind: 'contains', subject: p, operand: a[0]! } },
      };
    case 'BEGINS_WITH':
      return { kind: 'begins_with', subject: p, prefix: a[0]! };
    case 'IN':
      return { kind: 'in', operand: p, list: a };
    case 'BETWEEN':
      return { kind: 'between', operand: p, low: a[0]!, high: a[1]! };
  }
  throw validation('Comparison type does not exist in DynamoDB');
}

function values(list: unknown): AttributeValue[] {
  return Array.isArray(list) ? list.map((v) => validateAttributeValue(v)) : [];
}

function conditionalOperator(input: Record<string, any>): 'and' | 'or' {
  const op = input['ConditionalOperator'];
  if (!present(op) || op === 'AND') return 'and';
  if (op === 'OR') return 'or';
  throw validation(`1 validation error detected: Value '${op}' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [AND, OR]`);
}

/** Expected (+ ConditionalOperator): PutItem, UpdateItem, DeleteItem. */
function expected(input: Record<string, any>): CCondition {
  const conds: CCondition[] = [];
  for (const [name, spec] of Object.entries<any>(input['Expected'] ?? {})) {
    if (name === '') throw validation('Empty attribute name');
    const s = spec ?? {};
    const hasValue = present(s.Value);
    const hasList = present(s.AttributeValueList);
    const hasOp = present(s.ComparisonOperator);
    if (hasValue && hasList) throw invalid(`Value and AttributeValueList cannot be used together for Attribute: ${name}`);
    if (present(s.Exists) && hasOp) throw invalid(`Exists and ComparisonOperator cannot be used together for Attribute: ${name}`);
    if (hasOp) {
      const op = s.ComparisonOperator;
      const spec0 = OPERATORS[op];
      if (spec0 && spec0.args !== 0 && !hasValue && !hasList) {
        throw invalid(`Value or AttributeValueList must be used with ComparisonOperator: ${op} for Attribute: ${name}`);
      }
      const args = hasValue ? [validateAttributeValue(s.Value)] : values(s.AttributeValueList);
      checkOperator(op, args);
      conds.push(legacyCondition(name, op, args));
    } else if (s.Exists === false) {
      if (hasValue) throw invalid(`Value cannot be used when Exists is false for Attribute: ${name}`);
      conds.push({ kind: 'attribute_not_exists', path: [name] });
    } else {
      if (!hasValue) throw invalid(`Value must be provided when Exists is ${s.Exists === true ? 'true' : 'null'} for Attribute: ${name}`);
      conds.push({ kind: 'compare', op: '=', left: path(name), right: value(validateAttributeValue(s.Value)) });
    }
  }
  return combine(conds, conditionalOperator(input));
}

/** QueryFilter / ScanFilter / KeyConditions entries. */
function conditionMap(map: Record<string, any>, combineWith: 'and' | 'or'): CCondition {
  const conds: CCondition[] = [];
  for (const [name, c] of Object.entries<any>(map)) {
    const op = c?.ComparisonOperator;
    const args = values(c?.AttributeValueList);
    checkOperator(op, args);
    conds.push(legacyCondition(name, op, args));
  }
  return combine(conds, combineWith);
}


function attributeUpdates(map: Record<string, any>, keyNames: readonly string[]): CUpdate {
  const actions: CUpdateAction[] = [];
  for (const [name, u] of Object.entries<any>(map)) {
    const action = u?.Action ?? 'PUT';
    if (action !== 'PUT' && action !== 'DELETE' && action !== 'ADD') {
      throw validation('Member must satisfy enum value set: [ADD, DELETE, PUT]');
    }
    const hasValue = present(u?.Value);
    if (!hasValue && action !== 'DELETE') throw invalid('Only DELETE action is allowed when no attribute value is specified');
    const v = hasValue ? validateAttributeValue(u.Value) : undefined;
    const t = v ? typeOf(v) : undefined;
    if (action === 'ADD' && !['N', 'SS', 'NS', 'BS', 'L'].includes(t!)) throw invalid(`ADD action is not supported for the type ${LONG_TYPE_NAMES[t!]}`);
    if (action === 'DELETE' && v && !['SS', 'NS', 'BS'].includes(t!)) {
      throw invalid(`DELETE action with value is not supported for the type ${LONG_TYPE_NAMES[t!]}`);
    }
    if (keyNames.includes(name)) throw invalid(`Cannot update attribute ${name}. This attribute is part of the key`);
    if (action === 'PUT') actions.push({ kind: 'SET', path: [name], value: value(v!) });
    else if (action === 'DELETE') actions.push(v ? { kind: 'DELETE', path: [name], value: v } : { kind: 'REMOVE', path: [name] });
    else actions.push({ kind: 'ADD', path: [name], value: v! });
  }
  return { actions, legacy: true };
}

function attributesToGet(names: unknown): CProjection {
  const list = Array.isArray(names) ? (names as string[]) : [];
  if (list.length === 0) throw validation('AttributesToGet cannot be empty');
  if (new Set(list).size !== list.length) throw validation('Cannot have two attributes with the same name');
  return { paths: list.map((n) => [n]) };
}

export function prepareLegacyParameters(input: Record<string, any>, ctx: PrepareContext): PreparedExpressions {
  const out: PreparedExpressions = {};
  const hasFilter = present(input['Expected']) || present(input['QueryFilter']) || present(input['ScanFilter']);
  if (present(input['ConditionalOperator']) && !hasFilter) throw validation('ConditionalOperator cannot be used without Filter or Expected');
  const keyNames = ctx.key ? [ctx.key.hash.name, ...(ctx.key.range ? [ctx.key.range.name] : [])] : [];
  if (present(input['AttributeUpdates'])) out.update = attributeUpdates(input['AttributeUpdates'], keyNames);
  if (present(input['Expected'])) out.condition = expected(input);
  if (present(input['KeyConditions'])) {
    const parts = keyConditions(input['KeyConditions'], ctx);
    out.keyCondition = ctx.multiKey ? finishMultiKeyCondition(parts, ctx.multiKey) : finishKeyCondition(parts, ctx.key!);
  }
  if (present(input['QueryFilter'])) out.filter = conditionMap(input['QueryFilter'], conditionalOperator(input));
  if (present(input['ScanFilter'])) out.filter = conditionMap(input['ScanFilter'], conditionalOperator(input));
  if (present(input['AttributesToGet'])) out.projection = attributesToGet(input['AttributesToGet']);
  return out;
}

const SORT_OPERATORS: Readonly<Record<string, KeyPart['op']>> = {
  EQ: '=',
  LT: '<',
  LE: '<=',
  GT: '>',
  GE: '>=',
  BEGINS_WITH: 'BEGINS_WITH',
  BETWEEN: 'BETWEEN',
};

/** KeyConditions: split per attribute, then the checks a key condition expression gets. */
function keyConditions(map: Record<string, any>, ctx: PrepareContext): KeyPart[] {
  const entries = Object.entries<any>(map);
  // A multi-attribute GSI key takes a condition per key attribute (multi-key-condition.ts says which).
  const max = ctx.multiKey ? ctx.multiKey.hash.length + ctx.multiKey.range.length : 2;
  if (entries.length === 0 || entries.length > max) throw validation('Conditions can be of length 1 or 2 only');
  const parts: KeyPart[] = [];
  for (const [name, c] of entries) {
    const op = c?.ComparisonOperator;
    const args = values(c?.AttributeValueList);
    checkOperator(op, args);
    if (ctx.multiKey ? ctx.multiKey.range.some((k) => k.name === name) : name === ctx.key?.range?.name) {
      if (op === 'NULL' || op === 'NOT_NULL') throw validation('Only scalar types can be used as Range Key values');
      if (!SORT_OPERATORS[op]) throw validation('Attempted conditional constraint is not an indexable operation');
    }
    parts.push({ name, op: SORT_OPERATORS[op] ?? 'OTHER', values: args });
  }
  return parts;
}
