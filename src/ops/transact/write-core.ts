/**
 * The transactional write core, shared by TransactWriteItems and PartiQL's ExecuteTransaction:
 * prepared actions in, one storage transaction out.
 *
 * All of it runs inside one `storage.transact`, which is serialisable and all-or-nothing, so the
 * transaction is isolated from every other read and write for free: no reader can see part of it,
 * and the conditions it checks still hold when it writes. Inside, in DynamoDB's order:
 *
 *  1. the idempotency token, if any: a live record answers the request without running it;
 *  2. per action, in request order: a key fault, else the condition against the current item,
 *     else a fault found while preparing; an update's new item is computed here too, so its
 *     runtime errors (a missing operand attribute, an operand of the wrong type) fail the whole
 *     request as they would UpdateItem;
 *  3. any reason from step 2 cancels the transaction (all positions reported, `None` for the
 *     actions that would have succeeded); otherwise faults of the new items (grown past 400 KB,
 *     an index key of the wrong type) cancel it the same way;
 *  4. every change goes through the one write path (applyItemChange), then the token record.
 *
 * Throwing anywhere discards every write of the storage transaction.
 */
import type { TableMeta } from '../../catalog/types.js';
import { nowMs } from '../../config.js';
import { DynamoError } from '../../errors.js';
import { itemSize } from '../../model/size.js';
import type { Item } from '../../model/types.js';
import type { StorageTransaction } from '../../storage/engine.js';
import { writeUnits } from '../common/capacity.js';
import { itemCollectionMetrics } from '../common/item-collections.js';
import { applyItemChange, readItem } from '../common/item-store.js';
import type { Services } from '../types.js';
import { doubled, transactionCapacity, UnitsByTable } from './capacity.js';
import { fingerprint, readToken, TOKEN_LIFETIME_MS, tokenKey, writeToken, type TokenRecord } from './idempotency.js';
import {
  ActionFault,
  idempotentParameterMismatch,
  NO_REASON,
  TRANSACT_MESSAGES,
  transactionCanceled,
  type CancellationReason,
} from './messages.js';

export type WriteActionKind = 'Put' | 'Update' | 'Delete' | 'ConditionCheck';

/** One prepared action of a write transaction. */
export interface WriteAction {
  kind: WriteActionKind;
  table: TableMeta;
  /** Storage key of the item (unused when `keyFault` is set). */
  storageKey: Buffer;
  /** Put: the item to write. */
  item?: Item;
  /**
   * Update: the new item from the current one (undefined when absent). May throw ActionFault for
   * a fault reported as this action's reason; any other error fails the request.
   */
  update?: (current: Item | undefined) => Item;
  /** The condition the current item must meet; absent means none. */
  condition?: (current: Item | undefined) => boolean;
  /** The reason a failed condition reports (default: ConditionalCheckFailed with DynamoDB's message). */
  conditionFailure?: CancellationReason;
  /** ReturnValuesOnConditionCheckFailure ALL_OLD: a failed condition's reason carries the item. */
  returnItemOnFailure?: boolean;
  /** The key does not fit the table: this action's reason, without reading or checking anything. */
  keyFault?: CancellationReason;
  /** A fault found while preparing: this action's reason unless its condition fails first. */
  fault?: CancellationReason;
}

export interface TransactWriteOptions {
  /** Tokens are kept per namespace (account and region). */
  namespace: string;
  /** ClientRequestToken and what identifies the request it came with (see `requestFingerprint`). */
  idempotency?: { token: string; fingerprint: string };
  returnConsumedCapacity?: unknown;
  returnItemCollectionMetrics?: unknown;
}

export { fingerprint as requestFingerprint };

/** Runs the actions as one transaction; returns the response members (ConsumedCapacity, ItemCollectionMetrics). */
export async function executeTransactWrite(
  services: Services,
  actions: readonly WriteAction[],
  options: TransactWriteOptions,
): Promise<Record<string, unknown>> {
  const tokenStorageKey = options.idempotency ? tokenKey(options.namespace, options.idempotency.token) : undefined;
  const outcome = await services.storage.transact(async (tx): Promise<Outcome> => {
    if (tokenStorageKey) {
      const previous = await readToken(tx, tokenStorageKey, nowMs(services.config));
      if (previous) {
        if (previous.fingerprint !== options.idempotency!.fingerprint) throw idempotentParameterMismatch();
        return { replay: true, record: previous };
      }
    }
    const { record, units } = await run(tx, actions, options.returnItemCollectionMetrics === 'SIZE');
    if (tokenStorageKey) {
      record.fingerprint = options.idempotency!.fingerprint;
      record.expiresAt = nowMs(services.config) + TOKEN_LIFETIME_MS;
      writeToken(tx, tokenStorageKey, record);
    }
    return { replay: false, record, units };
  });
  return respond(outcome, options);
}

interface Outcome {
  replay: boolean;
  /** What a replay answers from (the token record, stored only with a token). */
  record: TokenRecord;
  /** The run's units per table and index (a replay has only the record's table units). */
  units?: UnitsByTable;
}

function respond(outcome: Outcome, options: TransactWriteOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // A replay re-reads the stored result: the same units, counted as reads (API reference,
  // TransactWriteItems ClientRequestToken: "Subsequent TransactWriteItems calls with the same client
  // token return the number of read capacity units consumed in reading the item").
  const capacity = outcome.replay
    ? transactionCapacity(
        options.returnConsumedCapacity,
        outcome.record.tables.map((t) => ({ tableName: t.tableName, table: t.units, indexes: { gsi: new Map(), lsi: new Map() } })),
        'ReadCapacityUnits',
      )
    : transactionCapacity(options.returnConsumedCapacity, outcome.units!.list(), 'WriteCapacityUnits');
  if (capacity) out.ConsumedCapacity = capacity;
  if (options.returnItemCollectionMetrics === 'SIZE' && outcome.record.itemCollectionMetrics) {
    out.ItemCollectionMetrics = outcome.record.itemCollectionMetrics;
  }
  return out;
}

async function run(
  tx: StorageTransaction,
  actions: readonly WriteAction[],
  wantMetrics: boolean,
): Promise<{ record: TokenRecord; units: UnitsByTable }> {
  const reasons: CancellationReason[] = actions.map(() => NO_REASON);
  const deferred: CancellationReason[] = actions.map(() => NO_REASON);
  const current: (Item | undefined)[] = new Array(actions.length);
  const next: (Item | undefined)[] = new Array(actions.length);
  let cancelled = false;
  let faulted = false;

  for (const [i, a] of actions.entries()) {
    if (a.keyFault) {
      reasons[i] = a.keyFault;
      cancelled = true;
      continue;
    }
    const item = await readItem(tx, a.storageKey);
    current[i] = item;
    if (a.condition && !a.condition(item)) {
      reasons[i] = conditionFailed(a, item);
      cancelled = true;
      continue;
    }
    if (a.fault) {
      reasons[i] = a.fault;
      cancelled = true;
      continue;
    }
    try {
      next[i] = newItem(a, item);
    } catch (err) {
      if (!(err instanceof ActionFault)) throw err;
      deferred[i] = err.reason;
      faulted = true;
    }
  }
  if (cancelled) throw transactionCanceled(reasons);
  if (faulted) throw transactionCanceled(deferred);

  const units = new UnitsByTable();
  const metrics = new Map<string, unknown[]>();
  for (const [i, a] of actions.entries()) {
    const before = current[i];
    if (a.kind === 'ConditionCheck') {
      units.add(a.table, 2 * writeUnits(before ? itemSize(before) : 0));
      continue;
    }
    const after = next[i];
    let change;
    try {
      change = await applyItemChange(tx, { table: a.table, key: a.storageKey, oldItem: before, newItem: after });
    } catch (err) {
      if (err instanceof DynamoError && err.type === 'ItemCollectionSizeLimitExceededException') {
        const all = actions.map((_, j) => (j === i ? { Code: 'ItemCollectionSizeLimitExceeded', Message: err.message } : NO_REASON));
        throw transactionCanceled(all);
      }
      throw err;
    }
    const size = Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0);
    units.add(a.table, 2 * writeUnits(size), doubled(change));
    const m = wantMetrics ? itemCollectionMetrics(change.itemCollection) : undefined;
    if (m) metrics.set(a.table.name, [...(metrics.get(a.table.name) ?? []), m]);
  }
  const record: TokenRecord = {
    fingerprint: '',
    expiresAt: 0,
    tables: units.list().map((t) => ({ tableName: t.tableName, units: t.table })),
  };
  if (metrics.size > 0) record.itemCollectionMetrics = Object.fromEntries(metrics);
  return { record, units };
}

function newItem(a: WriteAction, current: Item | undefined): Item | undefined {
  switch (a.kind) {
    case 'Put':
      return a.item;
    case 'Update':
      return a.update!(current);
    case 'Delete':
    case 'ConditionCheck':
      return undefined;
  }
}

function conditionFailed(a: WriteAction, item: Item | undefined): CancellationReason {
  const reason: CancellationReason = a.conditionFailure ?? {
    Code: 'ConditionalCheckFailed',
    Message: a.kind === 'ConditionCheck' ? TRANSACT_MESSAGES.conditionCheckFailed : TRANSACT_MESSAGES.writeConditionFailed,
  };
  return a.returnItemOnFailure && item ? { ...reason, Item: item } : reason;
}
