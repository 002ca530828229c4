/** Query and Scan, and the backfill of GSIs created by UpdateTable. */
import type { OperationMap } from '../types.js';
import { prepareQuery, prepareScan } from './prepare.js';
import { queryHandler } from './query.js';
import { scanHandler } from './scan.js';

export const operations: OperationMap = {
  Query: queryHandler(prepareQuery),
  Scan: scanHandler(prepareScan),
};
