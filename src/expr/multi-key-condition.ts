/**
 * KeyConditionExpression on a global secondary index with a multi-attribute key (several
 * partition and/or sort attributes; IndexMeta.multiKey). Kept apart from key-condition.ts so the
 * single-key path stays as it is; it reuses that module's per-condition checks.
 *
 * The rules, from the Developer Guide's "Multi-attribute keys pattern"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html)
 * and the GSI page's "Multi-attribute key schema" section
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.md#GSI.MultiAttributeKeys):
 * every partition key attribute must be specified, each with an equality; the sort key attributes
 * are conditioned left to right in KeySchema order without skipping any — equalities on a prefix,
 * then optionally one other condition (<, <=, >, >=, BETWEEN, begins_with), which must be on the
 * last sort attribute conditioned.
 *
 * The documentation gives no messages for these faults. The single-key path's are reused for
 * their counterparts — a repeated attribute; a non-equality on a partition attribute ("Query key
 * condition not supported"); a missing partition attribute, a non-key attribute or a skipped sort
 * attribute ("Query condition missed key schema element") — and a condition after a range
 * condition gets Tessera's wording in the same style. Values are checked in KeySchema order.
 */
import { validation } from '../errors.js';
import type { AttributeValue, MultiKeyShape } from '../model/types.js';
import type { CCondition } from './compiled.js';
import { checkKeyValues, collect, type KeyCondition, type SortKeyOperator } from './key-condition.js';

/** One attribute's condition, as key-condition.ts splits a key condition. */
type KeyPart = Parameters<typeof collect>[1][number];

/**
 * A key condition on a multi-attribute key. `partition` is the first partition attribute's
 * equality and `sort` the condition on the last sort attribute used (as for a single key), and
 * `multi` has every partition equality and the sort equalities before `sort`, in schema order.
 */
export interface MultiKeyCondition extends KeyCondition {
  readonly multi: {
    readonly partition: readonly { readonly name: string; readonly value: AttributeValue }[];
    readonly sortEq: readonly { readonly name: string; readonly value: AttributeValue }[];
  };
}

export const MULTI_KEY_MESSAGES = {
  oneConditionPerKey: 'KeyConditionExpressions must only contain one condition per key',
  notSupported: 'Query key condition not supported',
  missed: 'Query condition missed key schema element',
  /** Tessera's wording (the documentation states the rule, not the message). */
  rangeNotLast: (name: string) =>
    `Query key condition not supported: a range condition is allowed only on the last sort key attribute used; found one on ${name}`,
} as const;

export function isMultiKeyCondition(kc: KeyCondition): kc is MultiKeyCondition {
  return (kc as MultiKeyCondition).multi !== undefined;
}

export function structureMultiKeyCondition(c: CCondition, key: MultiKeyShape): MultiKeyCondition {
  const parts: KeyPart[] = [];
  collect(c, parts);
  return finishMultiKeyCondition(parts, key);
}

export function finishMultiKeyCondition(parts: readonly KeyPart[], key: MultiKeyShape): MultiKeyCondition {
  const byName = new Map<string, KeyPart>();
  for (const p of parts) {
    if (byName.has(p.name)) throw validation(MULTI_KEY_MESSAGES.oneConditionPerKey);
    byName.set(p.name, p);
  }
  for (const k of key.hash) {
    const p = byName.get(k.name);
    if (p && p.op !== '=') throw validation(MULTI_KEY_MESSAGES.notSupported);
  }
  const keyNames = new Set([...key.hash, ...key.range].map((k) => k.name));
  if (key.hash.some((k) => !byName.has(k.name)) || parts.some((p) => !keyNames.has(p.name))) {
    throw validation(MULTI_KEY_MESSAGES.missed);
  }
  // The sort attributes conditioned must be a prefix of the sort key, all but the last equalities.
  let used = 0;
  while (used < key.range.length && byName.has(key.range[used]!.name)) used++;
  if (key.range.slice(used).some((k) => byName.has(k.name))) throw validation(MULTI_KEY_MESSAGES.missed);
  for (let i = 0; i < used - 1; i++) {
    const name = key.range[i]!.name;
    if (byName.get(name)!.op !== '=') throw validation(MULTI_KEY_MESSAGES.rangeNotLast(name));
  }
  const last = used > 0 ? byName.get(key.range[used - 1]!.name)! : undefined;
  if (last && last.op !== '=' && last.op !== '<' && last.op !== '<=' && last.op !== '>' && last.op !== '>=' && last.op !== 'BETWEEN' && last.op !== 'BEGINS_WITH') {
    throw validation(MULTI_KEY_MESSAGES.notSupported);
  }
  for (const k of key.hash) checkKeyValues(k.name, k.type, byName.get(k.name)!.values);
  for (const k of key.range.slice(0, used)) checkKeyValues(k.name, k.type, byName.get(k.name)!.values);

  const eq = (name: string) => ({ name, value: byName.get(name)!.values[0]! });
  return {
    partition: eq(key.hash[0]!.name),
    ...(last ? { sort: { name: last.name, op: last.op as SortKeyOperator, values: last.values } } : {}),
    multi: {
      partition: key.hash.map((k) => eq(k.name)),
      sortEq: key.range.slice(0, Math.max(0, used - 1)).map((k) => eq(k.name)),
    },
  };
}
