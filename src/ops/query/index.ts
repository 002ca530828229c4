/** Query and Scan, and the backfill of GSIs created by UpdateTable. */
import { registerBackfill } from '../tables/backfill.js';
import type { OperationMap } from '../types.js';
import { backfillGsi } from './backfill.js';
import { prepareQuery, prepareScan } from './prepare.js';
import { queryHandler } from './query.js';
import { scanHandler } from './scan.js';

export const operations: OperationMap = {
  Query: queryHandler(prepareQuery),
  Scan: scanHandler(prepareScan),
};

registerBackfill(backfillGsi);
