/** TransactWriteItems: the HTTP request → prepared actions → the write core. */
import type { OperationHandler } from '../types.js';
import { executeTransactWrite, requestFingerprint } from './write-core.js';
import { prepareTransactWrite } from './write-request.js';

export const transactWriteItems: OperationHandler = async (input, ctx) => {
  const items: unknown[] = input.TransactItems ?? [];
  const actions = prepareTransactWrite(ctx, items);
  const token = input.ClientRequestToken;
  return executeTransactWrite(ctx.services, actions, {
    namespace: ctx.namespace,
    // Only the actions identify the request: the same token with other Return* settings is the
    // same request (observed on DynamoDB Local).
    idempotency: typeof token === 'string' ? { token, fingerprint: requestFingerprint(items) } : undefined,
    returnConsumedCapacity: input.ReturnConsumedCapacity,
    returnItemCollectionMetrics: input.ReturnItemCollectionMetrics,
  });
};
