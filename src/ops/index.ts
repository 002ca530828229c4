/**
 * The operation registry: operation name → handler, per service. Each family of operations
 * lives in its own folder (src/ops/<family>/) and exports its handlers; this file only joins them.
 *
 * Families a server rarely needs at once (PartiQL, streams, TTL settings, DescribeLimits/Endpoints)
 * are imported on their first request rather than at start-up: they are a large part of the module
 * graph, and loading it is most of Tessera's cold start. Their operation names are listed here;
 * test/ops/registry.test.ts checks each list against what the family exports.
 */
import type { OperationHandler, OperationMap } from './types.js';
import { operations as tables } from './tables/index.js';
import { operations as items } from './items/index.js';
import { operations as query } from './query/index.js';
import { operations as batch } from './batch/index.js';
import { operations as transact } from './transact/index.js';

/** Handlers for `names` that load their family with `load()` on the first call to any of them. */
export function lazyFamily(load: () => Promise<{ operations: OperationMap }>, names: readonly string[]): OperationMap {
  let family: Promise<OperationMap> | undefined;
  const map: OperationMap = {};
  for (const name of names) {
    const handler: OperationHandler = async (input, ctx) => {
      const operations = await (family ??= load().then((m) => m.operations));
      return operations[name]!(input, ctx);
    };
    map[name] = handler;
  }
  return map;
}

export const LAZY_FAMILIES = {
  partiql: lazyFamily(() => import('./partiql/index.js'), ['ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction']),
  ttl: lazyFamily(() => import('./ttl/index.js'), ['UpdateTimeToLive', 'DescribeTimeToLive']),
  misc: lazyFamily(() => import('./misc/index.js'), ['DescribeLimits', 'DescribeEndpoints']),
  streams: lazyFamily(() => import('./streams/index.js'), ['ListStreams', 'DescribeStream', 'GetShardIterator', 'GetRecords']),
};

export const dynamodbOperations: OperationMap = {
  ...tables,
  ...items,
  ...query,
  ...batch,
  ...transact,
  ...LAZY_FAMILIES.partiql,
  ...LAZY_FAMILIES.ttl,
  ...LAZY_FAMILIES.misc,
};

export const streamsOperations: OperationMap = { ...LAZY_FAMILIES.streams };
