/**
 * How a transaction's key (or Put item) fails its table's key schema. Transactions report the
 * faults differently from the single-item operations: a key attribute of the wrong type cancels
 * the transaction with a ValidationError reason in the action's place, while an empty or
 * over-long key value fails the whole request (real service, four regions:
 * nubo-db/dynamodb-conformance tests/tier3/error-messages/transactWriteItems.test.ts and
 * transactGetItems.test.ts). The model's validateKey gives the words; this only sorts the faults.
 */
import type { Item, KeyShape, KeyType } from '../../model/types.js';

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
