/**
 * How a transaction's key (or Put item) fails its table's key schema, and the words for it.
 *
 * No public source quotes the service's answer to a transaction whose key does not fit the schema,
 * so the faults follow DynamoDB Local (probed): the words are its key-fault words, the same it
 * uses in every operation (DDBL_KEY_MESSAGES); a scalar of the wrong type is the action's
 * cancellation reason, while a missing or extra key attribute and a non-scalar key value fail
 * TransactWriteItems as a whole. TransactGetItems cancels for all but the non-scalar value; there
 * DynamoDB Local sends the fault as the exception's message without CancellationReasons, where the
 * API reference (TransactionCanceledException: "a user error, such as an invalid data format",
 * reasons listed in request order) gives the positional reasons Tessera sends. Empty and over-long
 * key values fail the request (the model's validateKey).
 */
import type { Item, KeyShape, KeyType } from '../../model/types.js';
import { DDBL_KEY_MESSAGES, SCALAR_TYPES } from '../../model/values.js';

export type KeyShapeFault =
  | { kind: 'count' }
  | { kind: 'missing'; name: string }
  | { kind: 'type'; name: string; expected: KeyType; actual: string };

/**
 * The first fault of `attrs` against `shape`, or undefined. `exact`: the attributes must be the
 * key attributes and nothing else (a Key); otherwise they may hold others (a Put item).
 */
export function keyShapeFault(shape: KeyShape, attrs: Item, exact: boolean): KeyShapeFault | undefined {
  if (exact && Object.keys(attrs).length !== (shape.range ? 2 : 1)) return { kind: 'count' };
  const parts = shape.range ? [shape.hash, shape.range] : [shape.hash];
  for (const { name } of parts) if (attrs[name] === undefined) return { kind: 'missing', name };
  for (const { name, type } of parts) {
    const actual = Object.keys(attrs[name]!)[0]!;
    if (actual !== type) return { kind: 'type', name, expected: type, actual };
  }
  return undefined;
}

/** A key value that is not a scalar at all: the request fails, in every transaction operation. */
export function isNotScalar(fault: KeyShapeFault): boolean {
  return fault.kind === 'type' && !SCALAR_TYPES.has(fault.actual);
}

export function keyFaultMessage(fault: KeyShapeFault): string {
  switch (fault.kind) {
    case 'count':
      return DDBL_KEY_MESSAGES.count;
    case 'missing':
      return DDBL_KEY_MESSAGES.missing;
    case 'type':
      return isNotScalar(fault) ? DDBL_KEY_MESSAGES.notScalar : DDBL_KEY_MESSAGES.type;
  }
}
