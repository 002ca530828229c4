/** Account-level operations. */
import type { OperationMap } from '../types.js';
import { describeEndpoints } from './endpoints.js';
import { describeLimits } from './limits.js';

export const operations: OperationMap = {
  DescribeLimits: describeLimits,
  DescribeEndpoints: describeEndpoints,
};
