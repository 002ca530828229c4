/**
 * DescribeLimits: the provisioned-capacity quotas CreateTable and UpdateTable enforce — 40,000
 * read and write units per table, 80,000 per account (ServiceQuotas defaults; DynamoDB Local
 * answers the same numbers).
 */
import type { OperationHandler } from '../types.js';
import { MAX_UNITS_PER_ACCOUNT, MAX_UNITS_PER_TABLE } from '../tables/validate-throughput.js';

export const describeLimits: OperationHandler = async () => ({
  AccountMaxReadCapacityUnits: MAX_UNITS_PER_ACCOUNT,
  AccountMaxWriteCapacityUnits: MAX_UNITS_PER_ACCOUNT,
  TableMaxReadCapacityUnits: MAX_UNITS_PER_TABLE,
  TableMaxWriteCapacityUnits: MAX_UNITS_PER_TABLE,
});
