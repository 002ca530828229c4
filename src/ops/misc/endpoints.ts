/**
 * DescribeEndpoints (endpoint discovery): the service's regional endpoint with its documented
 * cache period of 1440 minutes. SDKs skip discovery when a custom endpoint is configured, which
 * is how clients reach Tessera, so the answer matters only to callers of the API itself.
 */
import type { OperationHandler } from '../types.js';

const CACHE_PERIOD_MINUTES = 1440;

export const describeEndpoints: OperationHandler = async (_input, ctx) => ({
  Endpoints: [{ Address: `dynamodb.${ctx.region}.amazonaws.com`, CachePeriodInMinutes: CACHE_PERIOD_MINUTES }],
});
