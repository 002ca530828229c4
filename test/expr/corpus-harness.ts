/**
 * Runs a recorded expression case (test/golden/expr/recorded/*.json) against src/expr directly:
 * a small model of PutItem / UpdateItem / DeleteItem / GetItem / Query / Scan that does only what
 * the expressions decide (the cases are written so that nothing else can fail).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoError } from '../../src/errors.js';
import {
  applyProjection,
  applyUpdate,
  evaluateCondition,
  prepareExpressions,
  updatedAttributes,
  type ExpressionOperation,
  type KeyCondition,
} from '../../src/expr/index.js';
import type { AttributeValue, Item, KeyShape } from '../../src/model/types.js';
import { checkFilterKeyAttributes } from '../../src/expr/filter-keys.js';
import { compareValues, validateItem } from '../../src/model/values.js';
import { normalizeNumber } from '../../src/model/numbers.js';

export interface CorpusCase {
  id: string;
  op: 'UpdateItem' | 'PutItem' | 'DeleteItem' | 'GetItem' | 'Query' | 'Scan';
  table?: string;
  item?: Item | null;
  items?: Item[];
  key?: Item;
  params: Record<string, any>;
  note?: string;
  result: { response?: Record<string, any>; error?: { type: string; message: string; item?: Item } };
  after?: Item | null;
}

export const TABLES: Record<string, { key: KeyShape; defaultKey: Item }> = {
  h: { key: { hash: { name: 'pk', type: 'S' } }, defaultKey: { pk: { S: 'p' } } },
  hr: { key: { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'S' } }, defaultKey: { pk: { S: 'p' }, sk: { S: 's' } } },
  hn: { key: { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'N' } }, defaultKey: { pk: { S: 'p' }, sk: { N: '1' } } },
  nb: { key: { hash: { name: 'pk', type: 'N' }, range: { name: 'sk', type: 'B' } }, defaultKey: { pk: { N: '1' }, sk: { B: 'AQ==' } } },
};

export function loadCorpus(dir: string): { file: string; cases: CorpusCase[] }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, cases: JSON.parse(readFileSync(join(dir, file), 'utf8')).cases as CorpusCase[] }));
}

export interface Outcome {
  result: CorpusCase['result'];
  after?: Item | null;
}

const errorOf = (e: unknown): CorpusCase['result'] => {
  if (e instanceof DynamoError) {
    const error: { type: string; message: string; item?: Item } = { type: e.type, message: e.message };
    if (e.extra?.['Item']) error.item = e.extra['Item'] as Item;
    return { error };
  }
  throw e;
};

function conditionFailed(old: Item | undefined, params: Record<string, any>): CorpusCase['result'] {
  const error: { type: string; message: string; item?: Item } = {
    type: 'ConditionalCheckFailedException',
    message: 'The conditional request failed',
  };
  if (params['ReturnValuesOnConditionCheckFailure'] === 'ALL_OLD' && old) error.item = old;
  return { error };
}

export function runCase(c: CorpusCase): Outcome {
  const table = TABLES[c.table ?? 'h']!;
  const key = c.key ?? table.defaultKey;
  const stored = c.item == null ? undefined : validateItem({ ...c.item, ...key });
  const ctx = { operation: c.op as ExpressionOperation, key: table.key };
  try {
    // The operations' own check, made before the expressions are looked at.
    const rv = c.params['ReturnValues'];
    if ((c.op === 'PutItem' || c.op === 'DeleteItem') && rv !== undefined && rv !== 'NONE' && rv !== 'ALL_OLD') {
      throw new DynamoError('ValidationException', 'Return values set to invalid value');
    }
    switch (c.op) {
      case 'PutItem': {
        const x = prepareExpressions(c.params, ctx);
        if (x.condition && !evaluateCondition(x.condition, stored)) return { result: conditionFailed(stored, c.params), after: stored ?? null };
        const item = validateItem(c.params['Item'] ?? { ...(c.item ?? {}), ...key });
        const response = c.params['ReturnValues'] === 'ALL_OLD' && stored ? { Attributes: stored } : {};
        return { result: { response }, after: item };
      }
      case 'DeleteItem': {
        const x = prepareExpressions(c.params, ctx);
        if (x.condition && !evaluateCondition(x.condition, stored)) return { result: conditionFailed(stored, c.params), after: stored ?? null };
        const response = c.params['ReturnValues'] === 'ALL_OLD' && stored ? { Attributes: stored } : {};
        return { result: { response }, after: null };
      }
      case 'UpdateItem': {
        const x = prepareExpressions(c.params, ctx);
        if (x.condition && !evaluateCondition(x.condition, stored)) return { result: conditionFailed(stored, c.params), after: stored ?? null };
        const item = x.update ? applyUpdate(stored, x.update, key).item : (stored ?? key);
        const rv = c.params['ReturnValues'] ?? 'NONE';
        let attrs: Item | undefined;
        if (rv === 'ALL_OLD') attrs = stored;
        else if (rv === 'ALL_NEW') attrs = item;
        else if (rv === 'UPDATED_OLD') attrs = x.update ? updatedAttributes(x.update, stored) : undefined;
        else if (rv === 'UPDATED_NEW') attrs = x.update ? updatedAttributes(x.update, item) : undefined;
        const response = attrs && Object.keys(attrs).length > 0 ? { Attributes: attrs } : {};
        return { result: { response }, after: item };
      }
      case 'GetItem': {
        const x = prepareExpressions(c.params, ctx);
        if (!stored) return { result: { response: {} } };
        const item = x.projection ? applyProjection(x.projection, stored) : stored;
        return { result: { response: { Item: item } } };
      }
      case 'Query':
      case 'Scan': {
        const x = prepareExpressions(c.params, ctx);
        // Query's own check (src/ops/query), made after the expressions are validated.
        if (c.op === 'Query' && x.filter) {
          if (c.params['QueryFilter']) checkQueryFilterKeys(c.params['QueryFilter'], table.key);
          else checkFilterKeyAttributes(x.filter, table.key);
        }
        let items = (c.items ?? []).map((i) => validateItem(i));
        if (c.op === 'Query') {
          items = items.filter((i) => matchesKey(x.keyCondition!, i));
          const sk = table.key.range?.name;
          if (sk) items.sort((a, b) => compareValues(a[sk]!, b[sk]!)!);
          if (c.params['ScanIndexForward'] === false) items.reverse();
        }
        const scanned = items.length;
        if (x.filter) items = items.filter((i) => evaluateCondition(x.filter!, i));
        if (x.projection) items = items.map((i) => applyProjection(x.projection!, i));
        return { result: { response: { Items: items, Count: items.length, ScannedCount: scanned } } };
      }
    }
  } catch (e) {
    return { result: errorOf(e), after: c.op === 'GetItem' || c.op === 'Query' || c.op === 'Scan' ? undefined : (stored ?? null) };
  }
}

function checkQueryFilterKeys(filter: Record<string, unknown>, key: KeyShape): void {
  for (const name of Object.keys(filter)) {
    if (name === key.hash.name || name === key.range?.name) {
      throw new DynamoError('ValidationException', `QueryFilter can only contain non-primary key attributes: Primary key attribute: ${name}`);
    }
  }
}

function matchesKey(k: KeyCondition, item: Item): boolean {
  const pv = item[k.partition.name];
  if (!pv || compareValues(pv, k.partition.value) !== 0) return false;
  if (!k.sort) return true;
  const v = item[k.sort.name];
  if (!v) return false;
  const [a, b] = k.sort.values as AttributeValue[];
  const c = compareValues(v, a!);
  if (c === undefined) return false;
  switch (k.sort.op) {
    case '=':
      return c === 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case 'BETWEEN':
      return c >= 0 && compareValues(v, b!)! <= 0;
    case 'BEGINS_WITH':
      if ('S' in v && 'S' in a!) return v.S.startsWith(a.S);
      if ('B' in v && 'B' in a!) return Buffer.from(v.B, 'base64').subarray(0, Buffer.from(a.B, 'base64').length).equals(Buffer.from(a.B, 'base64'));
      return false;
  }
}

/**
 * Canonical JSON for comparison: object keys sorted (map order does not matter), and numbers in
 * canonical form. The one deliberate difference from the oracle: DynamoDB Local stores the numbers
 * of an update as written (`SET n = :v` with `1.500` reads back `1.500`; `5 - 5.000` gives
 * `0.000`), while Tessera, like the service, keeps every number canonical (`1.5`, `0`).
 */
export function canonical(v: unknown): string {
  return JSON.stringify(sortKeys(v));
}

function sortKeys(v: unknown, key?: string): unknown {
  if (key === 'N' && typeof v === 'string') return normalizeNumber(v);
  if (key === 'NS' && Array.isArray(v)) return v.map((n) => normalizeNumber(n as string)).sort();
  if (Array.isArray(v)) return v.map((x) => sortKeys(x));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k], k);
    return out;
  }
  return v;
}

/** A mismatch description, or undefined when the outcome agrees with the recording. */
export function compareOutcome(c: CorpusCase, got: Outcome): string | undefined {
  const want = c.result;
  // DynamoDB Local answers a few malformed legacy requests (an unknown ConditionalOperator, a
  // non-boolean Exists, NE in KeyConditions) with an internal failure; the service rejects them,
  // and so must Tessera — any ValidationException is accepted there.
  if (want.error?.type === 'InternalFailure') {
    return got.result.error?.type === 'ValidationException' ? undefined : `the oracle failed internally; expected a ValidationException, got ${canonical(got.result)}`;
  }
  if (want.error || got.result.error) {
    if (!want.error) return `expected success ${canonical(want.response)}, got ${got.result.error!.type}: ${got.result.error!.message}`;
    if (!got.result.error) return `expected ${want.error.type}: ${want.error.message}, got success ${canonical(got.result.response)}`;
    if (want.error.type !== got.result.error.type || want.error.message !== got.result.error.message) {
      return `expected ${want.error.type}: ${want.error.message}\n     got ${got.result.error.type}: ${got.result.error.message}`;
    }
    if (canonical(want.error.item) !== canonical(got.result.error.item)) return `error item differs: ${canonical(got.result.error.item)}`;
  } else {
    let w = want.response!;
    let g = got.result.response!;
    if (c.op === 'Scan') {
      w = { ...w, Items: [...(w['Items'] ?? [])].map(canonical).sort() };
      g = { ...g, Items: [...(g['Items'] ?? [])].map(canonical).sort() };
    }
    const { ConsumedCapacity: _a, ...wr } = w;
    if (canonical(wr) !== canonical(g)) return `response differs:\n  want ${canonical(wr)}\n   got ${canonical(g)}`;
  }
  if ('after' in c && c.op !== 'GetItem' && c.op !== 'Query' && c.op !== 'Scan') {
    if (canonical(c.after ?? null) !== canonical(got.after ?? null)) {
      return `item after differs:\n  want ${canonical(c.after ?? null)}\n   got ${canonical(got.after ?? null)}`;
    }
  }
  return undefined;
}
