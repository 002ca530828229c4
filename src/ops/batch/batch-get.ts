/**
 * BatchGetItem: up to 100 keys across tables, read from one consistent snapshot.
 *
 * DynamoDB promises only that each item is read atomically; reading all of them from one
 * snapshot is stronger and costs nothing extra. Keys are read in request order (tables as listed,
 * keys as listed); once the items read would pass 16 MiB, that key and every later one are
 * returned in UnprocessedKeys with their table's read parameters, for the client to send again.
 */
import type { TableMeta } from '../../catalog/types.js';
import { validation } from '../../errors.js';
import { buildSelection, prepareExpressions, projectWith } from '../../expr/index.js';
import { itemSize } from '../../model/size.js';
import type { Item } from '../../model/types.js';
import { validateItem, validateKey } from '../../model/values.js';
import type { StorageReader } from '../../storage/engine.js';
import { consumedCapacity, readUnits } from '../common/capacity.js';
import { itemStorageKey } from '../common/item-store.js';
import { requireTable } from '../common/table.js';
import type { OperationHandler } from '../types.js';
import { keyIdentity } from './keys.js';
import { batchError, MAX_BATCH_GET_KEYS, MAX_BATCH_GET_RESPONSE_BYTES } from './messages.js';

/** The members of a KeysAndAttributes that travel with its keys into UnprocessedKeys. */
const READ_PARAMETERS = ['AttributesToGet', 'ConsistentRead', 'ProjectionExpression', 'ExpressionAttributeNames'] as const;

interface TableRead {
  name: string;
  request: Record<string, any>;
  keys: Item[];
  project?: (item: Item) => Item;
  consistent: boolean;
  table?: TableMeta;
}

export const batchGetItem: OperationHandler = async (input, ctx) => {
  const reads = validateRequest(input.RequestItems ?? {});
  for (const r of reads) {
    r.table = requireTable(ctx, r.name);
    for (const key of r.keys) validateKey(r.table.key, key, 'batch-get-key');
  }
  const outcome = await ctx.services.storage.read((reader) => readAll(reader, reads));
  return respond(reads, outcome, input.ReturnConsumedCapacity);
};

/** Everything that can be checked without the tables, in the order DynamoDB reports it. */
function validateRequest(requestItems: Record<string, any>): TableRead[] {
  const entries = Object.entries(requestItems);
  let total = 0;
  for (const [, request] of entries) total += request?.Keys?.length ?? 0;
  if (total > MAX_BATCH_GET_KEYS) throw batchError('tooManyGets');
  checkProjectionStyles(entries.map(([, request]) => request));

  return entries.map(([name, request]) => {
    const seen = new Set<string>();
    const keys = (request.Keys as unknown[]).map((raw) => {
      const key = validateItem(raw);
      const id = keyIdentity(key);
      if (seen.has(id)) throw batchError('duplicateKeys');
      seen.add(id);
      return key;
    });
    checkAttributesToGet(request.AttributesToGet);
    const { projection } = prepareExpressions(request, { operation: 'BatchGetItem' });
    let project: ((item: Item) => Item) | undefined;
    if (projection) {
      const selection = buildSelection(projection.paths);
      project = (item) => projectWith(selection, item);
    }
    return { name, request, keys, project, consistent: request.ConsistentRead === true };
  });
}

/**
 * One table's block may not use AttributesToGet while another's uses ProjectionExpression: the
 * service judges expression and non-expression parameters over the whole request (DynamoDB Local
 * answers two blocks mixing them with the same words as one block that does).
 */
function checkProjectionStyles(requests: Record<string, any>[]): void {
  const legacy = requests.some((r) => r?.AttributesToGet !== undefined && r?.AttributesToGet !== null);
  const expression = requests.some((r) => r?.ProjectionExpression !== undefined && r?.ProjectionExpression !== null);
  if (legacy && expression) {
    throw validation(
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}',
    );
  }
}

/**
 * BatchGetItem words a repeated AttributesToGet name its own way (GetItem and Scan say "Cannot
 * have two attributes with the same name"; observed on DynamoDB Local).
 */
function checkAttributesToGet(names: unknown): void {
  if (!Array.isArray(names)) return;
  const seen = new Set<unknown>();
  for (const name of names) {
    if (seen.has(name)) throw validation(`One or more parameter values were invalid: Duplicate value in attribute name: ${String(name)}`);
    seen.add(name);
  }
}

interface ReadOutcome {
  /** Per table (same order as `reads`): the items found, already projected. */
  found: Item[][];
  /** Per table: units spent. */
  units: number[];
  /** Per table: the keys left unread (indexes into its `keys`). */
  unprocessed: number[][];
}

async function readAll(reader: StorageReader, reads: TableRead[]): Promise<ReadOutcome> {
  const out: ReadOutcome = { found: reads.map(() => []), units: reads.map(() => 0), unprocessed: reads.map(() => []) };
  let bytes = 0;
  let full = false;
  for (const [t, r] of reads.entries()) {
    for (const [k, key] of r.keys.entries()) {
      if (full) {
        out.unprocessed[t]!.push(k);
        continue;
      }
      const raw = await reader.get(itemStorageKey(r.table!, key));
      if (raw === undefined) continue; // a missing key costs nothing in a batch (DynamoDB Local)
      const item = JSON.parse(raw) as Item;
      const size = itemSize(item);
      if (bytes + size > MAX_BATCH_GET_RESPONSE_BYTES) {
        full = true;
        out.unprocessed[t]!.push(k);
        continue;
      }
      bytes += size;
      out.units[t]! += readUnits(size, r.consistent);
      out.found[t]!.push(r.project ? r.project(item) : item);
    }
  }
  return out;
}

function respond(reads: TableRead[], outcome: ReadOutcome, mode: unknown): Record<string, unknown> {
  const responses: Record<string, Item[]> = {};
  const unprocessedKeys: Record<string, unknown> = {};
  for (const [t, r] of reads.entries()) {
    responses[r.name] = outcome.found[t]!;
    const left = outcome.unprocessed[t]!;
    if (left.length === 0) continue;
    const again: Record<string, unknown> = { Keys: left.map((k) => r.request.Keys[k]) };
    for (const p of READ_PARAMETERS) if (r.request[p] !== undefined && r.request[p] !== null) again[p] = r.request[p];
    unprocessedKeys[r.name] = again;
  }
  const out: Record<string, unknown> = { Responses: responses, UnprocessedKeys: unprocessedKeys };
  const capacity = reads
    .map((r, t) => consumedCapacity(mode as never, r.table!, outcome.units[t]!))
    .filter((c) => c !== undefined);
  if (capacity.length > 0) out.ConsumedCapacity = capacity;
  return out;
}

