/**
 * The operation registry: operation name → handler, per service. Each family of operations
 * lives in its own folder (src/ops/<family>/) and exports its handlers; this file only joins them.
 */
import type { OperationMap } from './types.js';
import { operations as tables } from './tables/index.js';
import { operations as items } from './items/index.js';
import { operations as query } from './query/index.js';
import { operations as batch } from './batch/index.js';
import { operations as transact } from './transact/index.js';
import { operations as partiql } from './partiql/index.js';
import { operations as ttl } from './ttl/index.js';
import { operations as misc } from './misc/index.js';
import { operations as streams } from './streams/index.js';

export const dynamodbOperations: OperationMap = {
  ...tables,
  ...items,
  ...query,
  ...batch,
  ...transact,
  ...partiql,
  ...ttl,
  ...misc,
};

export const streamsOperations: OperationMap = { ...streams };
