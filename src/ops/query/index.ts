import type { OperationMap } from '../types.js';

export const operations: OperationMap = {};
