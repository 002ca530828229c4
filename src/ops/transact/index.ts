/**
 * TransactWriteItems and TransactGetItems. The cores (executeTransactWrite, executeTransactGet)
 * are exported for PartiQL's ExecuteTransaction, which prepares its actions from statements.
 */
import type { OperationMap } from '../types.js';
import { transactGetItems } from './transact-get.js';
import { transactWriteItems } from './transact-write.js';

export const operations: OperationMap = {
  TransactWriteItems: transactWriteItems,
  TransactGetItems: transactGetItems,
};

export { executeTransactWrite, requestFingerprint, type TransactWriteOptions, type WriteAction, type WriteActionKind } from './write-core.js';
export { executeTransactGet, type GetAction, type TransactGetResult } from './get-core.js';
export { ActionFault, transactionCanceled, validationReason, NO_REASON, type CancellationReason } from './messages.js';
export { actionPayloadSize, checkPayloadSize } from './payload.js';
export { TOKEN_LIFETIME_MS } from './idempotency.js';
