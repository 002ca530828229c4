/**
 * Holds the model functions to the answers recorded in test/golden/model/*.json (DynamoDB Local,
 * or the documented `override`), without a server: each step is interpreted with the model
 * alone — validation in the order the service applies it, a map for storage, and the three
 * arithmetic update forms the scenarios use. The full replay (test/golden/replay.test.ts) runs
 * the same files against a real Tessera; this one pins the model's part of the answers.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { interpolate, loadScenarios, wanted, type Step } from '../golden/harness.js';
import { DynamoError, validation } from '../../src/errors.js';
import type { AttributeMap, KeyShape, KeyType } from '../../src/model/types.js';
import {
  validateExpressionAttributeValues,
  validateIndexKeys,
  validateItem,
  validateKey,
  type IndexKeyShape,
} from '../../src/model/values.js';
import { addNumbers, subtractNumbers } from '../../src/model/numbers.js';
import { MAX_ITEM_SIZE, rawItemSize } from '../../src/model/size.js';
import { itemKey } from '../../src/storage/keys.js';

const ROOT = fileURLToPath(new URL('../../../test/golden/', import.meta.url));
const files = loadScenarios(ROOT).filter((f) => f.id.startsWith('model/'));

interface Table {
  key: KeyShape;
  indexes: IndexKeyShape[];
  items: Map<string, AttributeMap>;
}

type Body = Record<string, any>;

function shapeOf(schema: Body[], defs: Body[]): KeyShape {
  const type = (name: string): KeyType => defs.find((d) => d.AttributeName === name)!.AttributeType;
  const hash = schema.find((k) => k.KeyType === 'HASH')!.AttributeName as string;
  const range = schema.find((k) => k.KeyType === 'RANGE')?.AttributeName as string | undefined;
  return { hash: { name: hash, type: type(hash) }, ...(range ? { range: { name: range, type: type(range) } } : {}) };
}

class ModelServer {
  readonly tables = new Map<string, Table>();

  run(step: Step): { status: number; body: unknown } {
    try {
      return { status: 200, body: this.dispatch(step.op, interpolate(step.body, {}) as Body) };
    } catch (e) {
      if (!(e instanceof DynamoError)) throw e;
      return { status: e.statusCode, body: { __type: e.fullType, message: e.message } };
    }
  }

  private dispatch(op: string, body: Body): unknown {
    if (op === 'CreateTable') {
      const defs = body.AttributeDefinitions as Body[];
      const indexes = [...(body.GlobalSecondaryIndexes ?? []), ...(body.LocalSecondaryIndexes ?? [])].map((i: Body) => ({
        name: i.IndexName as string,
        shape: shapeOf(i.KeySchema, defs),
      }));
      this.tables.set(body.TableName, { key: shapeOf(body.KeySchema, defs), indexes, items: new Map() });
      return {};
    }
    const table = this.tables.get(body.TableName)!;
    const storageKey = (item: AttributeMap) => itemKey(1, table.key, item).toString('hex');
    switch (op) {
      case 'PutItem': {
        // The service's order: size, item values, table key, index keys, expression values.
        if (rawItemSize(body.Item) > MAX_ITEM_SIZE) throw validation('Item size has exceeded the maximum allowed size');
        const item = validateItem(body.Item);
        validateKey(table.key, item, 'item');
        validateIndexKeys(table.indexes, item);
        if (body.ExpressionAttributeValues) validateExpressionAttributeValues(body.ExpressionAttributeValues);
        table.items.set(storageKey(item), item);
        return {};
      }
      case 'GetItem': {
        const key = validateItem(body.Key);
        validateKey(table.key, key, 'key');
        const item = table.items.get(storageKey(key));
        return item ? { Item: item } : {};
      }
      case 'DeleteItem': {
        const key = validateItem(body.Key);
        validateKey(table.key, key, 'key');
        table.items.delete(storageKey(key));
        return {};
      }
      case 'UpdateItem': {
        const key = validateItem(body.Key);
        validateKey(table.key, key, 'key');
        const values = validateExpressionAttributeValues(body.ExpressionAttributeValues);
        const item = table.items.get(storageKey(key))!;
        const current = (item['n'] as { N: string }).N;
        const v = (values[':v'] as { N: string }).N;
        const expr = body.UpdateExpression as string;
        const n = expr === 'SET n = n - :v' ? subtractNumbers(current, v) : addNumbers(current, v);
        item['n'] = { N: n };
        return { Attributes: { n: { N: n } } };
      }
    }
    throw new Error(`op ${op} is not interpreted by the model test`);
  }
}

function normaliseWanted(want: { status: number; body: unknown }): { status: number; body: unknown } {
  const body = { ...(want.body as Body) };
  if ('Message' in body) {
    body.message = body.Message;
    delete body.Message;
  }
  return { status: want.status, body };
}

describe('model functions reproduce the recorded golden answers', () => {
  for (const file of files) {
    test(`${file.id} — ${file.scenario.name}`, () => {
      const server = new ModelServer();
      const failures: string[] = [];
      file.scenario.steps.forEach((step, i) => {
        const got = server.run(step);
        if (step.op === 'CreateTable') return;
        const want = normaliseWanted(wanted(step)!);
        const wantBody = want.body as Body;
        // A failed condition is the expression engine's business; the model's part is to accept.
        if (String(wantBody.__type ?? '').endsWith('#ConditionalCheckFailedException')) {
          if (got.status !== 200) failures.push(`step ${i} (${step.note}): expected acceptance, got ${JSON.stringify(got.body)}`);
          return;
        }
        const comparable = step.op === 'PutItem' && want.status === 200 ? { status: got.status, body: {} } : got;
        const wantComparable = step.op === 'PutItem' && want.status === 200 ? { status: 200, body: {} } : want;
        try {
          assert.deepStrictEqual(comparable, wantComparable);
        } catch {
          failures.push(`step ${i} (${step.note ?? step.op}):\n  want ${JSON.stringify(wantComparable)}\n  got  ${JSON.stringify(comparable)}`);
        }
      });
      assert.deepEqual(failures, []);
    });
  }
});
