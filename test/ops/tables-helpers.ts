/**
 * Shared set-up for the control-plane tests: an SDK client per server and small request builders.
 */
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import assert from 'node:assert/strict';

export { client } from '../helpers/sdk.js';

export const hashKey = (name = 'pk', type: 'S' | 'N' | 'B' = 'S') => ({
  KeySchema: [{ AttributeName: name, KeyType: 'HASH' as const }],
  AttributeDefinitions: [{ AttributeName: name, AttributeType: type }],
});

export const compositeKey = (extra: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[] = []) => ({
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' as const },
    { AttributeName: 'sk', KeyType: 'RANGE' as const },
  ],
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' as const },
    { AttributeName: 'sk', AttributeType: 'S' as const },
    ...extra,
  ],
});

export const onDemand = { BillingMode: 'PAY_PER_REQUEST' as const };
export const provisioned = (r = 5, w = 5) => ({ ProvisionedThroughput: { ReadCapacityUnits: r, WriteCapacityUnits: w } });

/** Runs `fn` and checks it fails with DynamoDB error `name` (and, if given, a message matching `message`). */
export async function rejects(fn: () => Promise<unknown>, name: string, message?: string | RegExp): Promise<DynamoDBServiceException> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof DynamoDBServiceException, `expected a DynamoDB error, got ${String(err)}`);
    assert.equal(err.name, name, err.message);
    if (typeof message === 'string') assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    return err;
  }
  assert.fail(`expected ${name}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
