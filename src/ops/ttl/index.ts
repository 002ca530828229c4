/** Time to Live: UpdateTimeToLive and DescribeTimeToLive (the sweeper is src/ttl/sweeper.ts). */
import type { OperationMap } from '../types.js';
import { describeTimeToLive } from './describe-time-to-live.js';
import { updateTimeToLive } from './update-time-to-live.js';

export const operations: OperationMap = {
  UpdateTimeToLive: updateTimeToLive,
  DescribeTimeToLive: describeTimeToLive,
};
