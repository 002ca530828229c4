import type { OperationMap } from '../types.js';
import { batchGetItem } from './batch-get.js';
import { batchWriteItem } from './batch-write.js';

export const operations: OperationMap = {
  BatchGetItem: batchGetItem,
  BatchWriteItem: batchWriteItem,
};
