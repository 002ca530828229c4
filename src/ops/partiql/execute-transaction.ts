/**
 * ExecuteTransaction: up to 100 statements as one all-or-nothing transaction, through the
 * transaction cores TransactWriteItems and TransactGetItems use (src/ops/transact): the same
 * isolation, CancellationReasons, capacity and ClientRequestToken idempotency.
 *
 * Statements map onto transaction actions: INSERT → Put that must not find the item, UPDATE →
 * Update that must find it (and meet WHERE's other predicates), DELETE → Delete, EXISTS(SELECT …)
 * → ConditionCheck; all-SELECT transactions → Gets.
 *
 * Faults are reported as DynamoDB Local reports them: every statement is parsed first (a syntax
 * error fails the request plainly), then reads and writes may not mix, then each statement is
 * planned — most faults as "Validation failed in TransactStatements[i]: …", a key that does not
 * fit the table as that statement's cancellation reason — and one item may be named only once.
 */
import { DynamoError, DYNAMODB_NAMESPACE, resourceNotFound, validation } from '../../errors.js';
import { applyUpdate, evaluateCondition } from '../../expr/index.js';
import { itemTooLargeAfterUpdate } from '../../expr/messages.js';
import { itemSize } from '../../model/size.js';
import type { Item } from '../../model/types.js';
import { INDEX_KEY_MESSAGES } from '../../model/values.js';
import { KeyFault, PARTIQL_MESSAGES as M } from '../../partiql/messages.js';
import { parse, planParsed, statementKind, validateParameters } from '../../partiql/plan.js';
import type { Statement } from '../../partiql/ast.js';
import type { Plan, UpdatePlan } from '../../partiql/plan-types.js';
import { readsIndex } from '../../partiql/source.js';
import { checkUpdatedIndexKeys } from '../common/indexes.js';
import { itemStorageKey } from '../common/item-store.js';
import {
  ActionFault,
  checkPayloadSize,
  executeTransactGet,
  executeTransactWrite,
  requestFingerprint,
  validationReason,
  transactionCanceled,
  type GetAction,
  type WriteAction,
} from '../transact/index.js';
import type { OperationHandler } from '../types.js';
import { tableLookup } from './lookup.js';
import { selectListProjector } from './select.js';

export const executeTransaction: OperationHandler = async (input, ctx) => {
  const requests: Record<string, any>[] = (input.TransactStatements ?? []).map((r: unknown) => (r ?? {}) as Record<string, any>);
  if (requests.length === 0) throw validation(M.txEmpty);
  const parsed = requests.map((r) => parse(String(r.Statement ?? '')));
  const kinds = parsed.map((p) => statementKind(p.statement));
  const lookup = tableLookup(ctx);
  const plan = (i: number): Plan =>
    planParsed(parsed[i]!, validateParameters(requests[i]!.Parameters), {
      parameters: requests[i]!.Parameters,
      lookup,
      consistentRead: false,
      allowExists: true,
    });
  // A statement that is neither a read nor a write is refused as it stands.
  kinds.forEach((k, i) => k === undefined && plan(i));
  if (kinds.includes('read') && kinds.includes('write')) throw validation(M.txMixed);

  const planned = requests.map((_, i) => planForTransaction(i, parsed[i]!.statement, plan));
  const seen = new Set<string>();
  for (const p of planned) {
    if (p instanceof KeyFault) continue;
    const id = `${p.table.id}:${storageKey(p).toString('latin1')}`;
    if (seen.has(id)) throw validation(M.txDuplicates);
    seen.add(id);
  }

  if (kinds[0] === 'read') {
    const gets: GetAction[] = planned.map((p) => (p instanceof KeyFault ? getFault(p) : getAction(p)));
    const { items, consumedCapacity } = await executeTransactGet(ctx.services, gets, input.ReturnConsumedCapacity);
    const out: Record<string, unknown> = { Responses: items.map((item) => (item ? { Item: item } : {})) };
    if (consumedCapacity) out.ConsumedCapacity = consumedCapacity;
    return out;
  }
  checkPayloadSize(planned.reduce((size, p, i) => size + payloadSize(p, String(requests[i]!.Statement ?? '')), 0));
  const actions = planned.map((p, i) => (p instanceof KeyFault ? writeFault(p, parsed[i]!.statement.kind) : writeAction(p, requests[i]!)));
  const token = input.ClientRequestToken;
  try {
    const result = await executeTransactWrite(ctx.services, actions, {
      namespace: ctx.namespace,
      idempotency: typeof token === 'string' ? { token, fingerprint: requestFingerprint(input.TransactStatements) } : undefined,
      returnConsumedCapacity: input.ReturnConsumedCapacity,
    });
    return { Responses: [], ...result };
  } catch (e) {
    // ExecuteTransaction's mismatch comes with words (DynamoDB Local), TransactWriteItems' without.
    if (e instanceof DynamoError && e.type === 'IdempotentParameterMismatchException') {
      throw new DynamoError(e.type, M.idempotentMismatch, DYNAMODB_NAMESPACE);
    }
    throw e;
  }
};

/** Plans statement `i`, with its faults worded for a transaction. */
function planForTransaction(i: number, statement: Statement, plan: (i: number) => Plan): Plan | KeyFault {
  const refuse = (message: string) => validation(M.txStatement(i, message));
  // Refused before the index is even looked up.
  if (statement.kind === 'select' && readsIndex(statement.from)) throw refuse(M.txIndexRead);
  let p: Plan;
  try {
    p = plan(i);
  } catch (e) {
    if (!(e instanceof DynamoError)) throw e;
    // As DynamoDB Local answers it: the one reason, whatever the number of statements.
    if (e instanceof KeyFault && e.keyUpdate) throw transactionCanceled([validationReason(e.message)]);
    if (e instanceof KeyFault) return e;
    if (e.type === 'ResourceNotFoundException') throw resourceNotFound();
    if (e.type !== 'ValidationException') throw e;
    if (e.message === M.whereKeys) throw new DynamoError('TransactionCanceledException', `ValidationError ${e.message}`, DYNAMODB_NAMESPACE);
    if (e.message === M.txUnsupported) throw e;
    throw refuse(e.message);
  }
  switch (p.kind) {
    case 'select':
      if (!p.single || p.single.rest) throw refuse(M.txSelectKey);
      break;
    case 'update':
    case 'delete':
      if (p.returning) throw refuse(M.txReturning);
      break;
    case 'exists':
      if (p.select.index || !p.select.single?.rest) throw refuse(M.txExists);
      break;
  }
  return p;
}

/**
 * What a statement adds to the 4 MB transaction payload, by TransactWriteItems' measure
 * (src/ops/transact/payload.ts): an INSERT's item, another statement's key, plus its text.
 */
function payloadSize(p: Plan | KeyFault, statement: string): number {
  const text = Buffer.byteLength(statement, 'utf8');
  if (p instanceof KeyFault) return text;
  switch (p.kind) {
    case 'insert':
      return text + itemSize(p.item);
    case 'update':
    case 'delete':
      return text + itemSize(p.key);
    case 'exists':
      return text + itemSize(p.select.single!.key);
    case 'select':
      return text;
  }
}

function storageKey(p: Plan): Buffer {
  switch (p.kind) {
    case 'insert':
      return itemStorageKey(p.table, p.item);
    case 'update':
    case 'delete':
      return itemStorageKey(p.table, p.key);
    case 'select':
      return itemStorageKey(p.table, p.single!.key);
    case 'exists':
      return itemStorageKey(p.table, p.select.single!.key);
  }
}

function getAction(p: Plan): GetAction {
  if (p.kind !== 'select') throw new Error('a read transaction holds only SELECTs');
  const project = selectListProjector(p);
  return project ? { table: p.table, storageKey: storageKey(p), project } : { table: p.table, storageKey: storageKey(p) };
}

function getFault(f: KeyFault): GetAction {
  return { table: f.table, storageKey: Buffer.alloc(0), fault: validationReason(f.message) };
}

function writeFault(f: KeyFault, kind: string): WriteAction {
  const actionKind = kind === 'insert' ? 'Put' : kind === 'delete' ? 'Delete' : kind === 'update' ? 'Update' : 'ConditionCheck';
  return { kind: actionKind, table: f.table, storageKey: Buffer.alloc(0), keyFault: validationReason(f.message) };
}

const CONDITION_FAILED = 'The conditional request failed';

function writeAction(p: Plan, request: Record<string, any>): WriteAction {
  const returnItemOnFailure = request.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
  const base = { table: p.table, storageKey: storageKey(p), returnItemOnFailure };
  switch (p.kind) {
    case 'insert':
      return {
        ...base,
        kind: 'Put',
        item: p.item,
        condition: (current) => current === undefined,
        // Asked for the old item, DynamoDB Local reports a failed condition instead (as ExecuteStatement does).
        conditionFailure: returnItemOnFailure
          ? { Code: 'ConditionalCheckFailed', Message: CONDITION_FAILED }
          : { Code: 'ValidationError', Message: M.duplicateItem },
      };
    case 'update': {
      const condition = p.condition;
      return {
        ...base,
        kind: 'Update',
        update: updateFunction(p),
        condition: (current) => current !== undefined && (!condition || evaluateCondition(condition, current)),
      };
    }
    case 'delete': {
      const condition = p.condition;
      return condition ? { ...base, kind: 'Delete', condition: (current) => evaluateCondition(condition, current) } : { ...base, kind: 'Delete' };
    }
    case 'exists': {
      const rest = p.select.single!.rest!;
      return { ...base, kind: 'ConditionCheck', condition: (current) => current !== undefined && evaluateCondition(rest, current) };
    }
    case 'select':
      throw new Error('a write transaction holds no SELECT');
  }
}

const UPDATED_ITEM_TOO_LARGE = itemTooLargeAfterUpdate().message;
const INDEX_TYPE_MISMATCH = INDEX_KEY_MESSAGES.typeMismatch('\0', '', '', '').split('\0')[0]!;

/**
 * An UPDATE's new item. As in TransactWriteItems (src/ops/transact/write-request.ts), an item
 * grown past 400 KB or an index key of the wrong type is the statement's cancellation reason;
 * any other fault of the update fails the request as UpdateItem would.
 */
function updateFunction(p: UpdatePlan): (current: Item | undefined) => Item {
  return (current) => {
    let item: Item;
    try {
      item = applyUpdate(current, p.update, p.key).item;
      checkUpdatedIndexKeys(p.table, item);
    } catch (err) {
      if (err instanceof DynamoError && (err.message === UPDATED_ITEM_TOO_LARGE || err.message.startsWith(INDEX_TYPE_MISMATCH))) {
        throw new ActionFault(validationReason(err.message));
      }
      throw err;
    }
    return item;
  };
}
