/** PartiQL: ExecuteStatement, BatchExecuteStatement and ExecuteTransaction (the language itself is src/partiql/). */
import type { OperationMap } from '../types.js';
import { batchExecuteStatement } from './batch-execute-statement.js';
import { executeStatement } from './execute-statement.js';
import { executeTransaction } from './execute-transaction.js';

export const operations: OperationMap = {
  ExecuteStatement: executeStatement,
  BatchExecuteStatement: batchExecuteStatement,
  ExecuteTransaction: executeTransaction,
};
