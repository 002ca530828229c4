/**
 * TransactWriteItems' TransactItems → prepared actions for the write core, with the request's
 * faults reported in DynamoDB Local's order (probed; no public source shows the service's):
 *
 *  1. per action, in order, what needs no table: exactly one action, its item or key values
 *     (a Put item's size first, as PutItem), its expressions;
 *  2. per action, in order: its table, its key against the table's schema, two actions on one item;
 *  3. the 4 MB payload of the whole request.
 */
import type { TableMeta } from '../../catalog/types.js';
import { DynamoError, validation } from '../../errors.js';
import { evaluateCondition, prepareExpressions, type PreparedExpressions } from '../../expr/index.js';
import { itemTooLargeAfterUpdate } from '../../expr/messages.js';
import { checkUpdateKeyAttributes } from '../../expr/validate.js';
import { MAX_ITEM_SIZE, rawItemSize } from '../../model/size.js';
import type { Item } from '../../model/types.js';
import { INDEX_KEY_MESSAGES, validateItem, validateKey } from '../../model/values.js';
import { checkIndexKeys, checkUpdatedIndexKeys, isIndexTypeMismatch } from '../common/indexes.js';
import { itemStorageKey } from '../common/item-store.js';
import { requireTable } from '../common/table.js';
import { computeUpdatedItem } from '../items/update-item.js';
import { ITEM_TOO_LARGE } from '../items/put-item.js';
import type { RequestContext } from '../types.js';
import { isNotScalar, keyFaultMessage, keyShapeFault } from './keys.js';
import { ActionFault, multipleOperations, TRANSACT_MESSAGES, validationReason, type CancellationReason } from './messages.js';
import { actionPayloadSize, checkPayloadSize } from './payload.js';
import type { WriteAction, WriteActionKind } from './write-core.js';

const ACTION_MEMBERS: readonly [string, WriteActionKind][] = [
  ['ConditionCheck', 'ConditionCheck'],
  ['Put', 'Put'],
  ['Delete', 'Delete'],
  ['Update', 'Update'],
];

/** The members of each action that expressions read (others, unknown to the model, are ignored). */
const EXPRESSION_MEMBERS = ['UpdateExpression', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'];

const OPERATION = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheck' } as const;

interface ParsedAction {
  kind: WriteActionKind;
  raw: Record<string, any>;
  /** Put: the item; others: the key. */
  attrs: Item;
  expressions: PreparedExpressions;
}

export function prepareTransactWrite(ctx: RequestContext, transactItems: unknown[]): WriteAction[] {
  const parsed = transactItems.map((entry) => parseAction((entry ?? {}) as Record<string, any>));
  const seen = new Set<string>();
  const actions = parsed.map((p) => bindAction(ctx, p, seen));
  checkPayloadSize(parsed.reduce((total, p) => total + actionPayloadSize(p.kind, p.raw), 0));
  return actions;
}

function parseAction(entry: Record<string, any>): ParsedAction {
  const present = ACTION_MEMBERS.filter(([member]) => entry[member] !== undefined && entry[member] !== null);
  if (present.length === 0) throw validation(TRANSACT_MESSAGES.noAction);
  if (present.length > 1) throw validation(TRANSACT_MESSAGES.severalActions);
  const [member, kind] = present[0]!;
  const raw = entry[member] as Record<string, any>;
  let attrs: Item;
  if (kind === 'Put') {
    if (rawItemSize(raw.Item) > MAX_ITEM_SIZE) throw validation(ITEM_TOO_LARGE);
    attrs = validateItem(raw.Item ?? {});
  } else {
    attrs = validateItem(raw.Key ?? {});
  }
  const expressionInput: Record<string, unknown> = {};
  for (const m of EXPRESSION_MEMBERS) if (raw[m] !== undefined) expressionInput[m] = raw[m];
  const expressions = prepareExpressions(expressionInput, { operation: OPERATION[kind] });
  return { kind, raw, attrs, expressions };
}

function bindAction(ctx: RequestContext, p: ParsedAction, seen: Set<string>): WriteAction {
  const table = requireTable(ctx, p.raw.TableName);
  const action: WriteAction = { kind: p.kind, table, storageKey: Buffer.alloc(0) };
  const { condition, update } = p.expressions;
  if (condition) action.condition = (current) => evaluateCondition(condition, current);
  if (p.raw.ReturnValuesOnConditionCheckFailure === 'ALL_OLD') action.returnItemOnFailure = true;

  const fault = keyShapeFault(table.key, p.attrs, p.kind !== 'Put');
  if (fault?.kind === 'type' && !isNotScalar(fault)) {
    // The item cannot be looked up; its place in the cancellation says why (keys.ts).
    action.keyFault = validationReason(keyFaultMessage(fault));
    return action;
  }
  if (fault) throw validation(keyFaultMessage(fault));
  validateKey(table.key, p.attrs, p.kind === 'Put' ? 'item' : 'key');

  action.storageKey = itemStorageKey(table, p.attrs);
  const id = `${table.id}:${action.storageKey.toString('latin1')}`;
  if (seen.has(id)) throw multipleOperations();
  seen.add(id);

  switch (p.kind) {
    case 'Put':
      action.fault = indexKeyFault(() => checkIndexKeys(table, p.attrs));
      action.item = p.attrs;
      break;
    case 'Update':
      action.fault = keyAttributeFault(table, p.expressions);
      action.update = updateFunction(table, p.attrs, update);
      break;
  }
  return action;
}

/** Updating a key attribute: the action's reason (observed on DynamoDB Local), after its condition. */
function keyAttributeFault(table: TableMeta, expressions: PreparedExpressions): CancellationReason | undefined {
  if (!expressions.update) return undefined;
  try {
    checkUpdateKeyAttributes(expressions.update, table.key.range ? [table.key.hash.name, table.key.range.name] : [table.key.hash.name]);
    return undefined;
  } catch (err) {
    if (err instanceof DynamoError) return validationReason(err.message);
    throw err;
  }
}

/**
 * An index key of the wrong type is the action's reason, in DynamoDB Local's bare words (see
 * checkIndexKeysBare); an empty or over-long one fails the request.
 */
function indexKeyFault(check: () => void): CancellationReason | undefined {
  try {
    check();
    return undefined;
  } catch (err) {
    if (isIndexTypeMismatch(err)) return validationReason(INDEX_KEY_MESSAGES.typeMismatchBare);
    throw err;
  }
}

/**
 * An Update's new item. Runtime faults of the expression fail the request as in UpdateItem; an
 * item grown past 400 KB and an index key of the wrong type are the action's reason (observed on
 * DynamoDB Local).
 */
function updateFunction(table: TableMeta, key: Item, update: PreparedExpressions['update']): (current: Item | undefined) => Item {
  return (current) => {
    let item: Item;
    try {
      item = computeUpdatedItem(current, update, key);
    } catch (err) {
      if (err instanceof DynamoError && err.message === UPDATED_ITEM_TOO_LARGE) throw new ActionFault(validationReason(err.message));
      throw err;
    }
    const fault = indexKeyFault(() => checkUpdatedIndexKeys(table, item));
    if (fault) throw new ActionFault(fault);
    return item;
  };
}

const UPDATED_ITEM_TOO_LARGE = itemTooLargeAfterUpdate().message;

