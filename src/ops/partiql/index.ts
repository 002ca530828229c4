/** PartiQL: ExecuteStatement, BatchExecuteStatement and ExecuteTransaction (the language itself is src/partiql/). */
import type { OperationMap } from '../types.js';
import { executeStatement } from './execute-statement.js';

export const operations: OperationMap = {
  ExecuteStatement: executeStatement,
};
