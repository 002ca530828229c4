/**
 * Expressions after validation: placeholders resolved to attribute names and values, functions
 * checked and specialised. These are what the evaluators run; they hold no reference to the
 * request any more.
 */
import type { AttributeType, AttributeValue } from '../model/types.js';
import type { Comparator } from './ast.js';

/** A document path: attribute names and list indexes. */
export type DocPath = readonly (string | number)[];

export type COperand =
  | { readonly kind: 'path'; readonly path: DocPath }
  | { readonly kind: 'value'; readonly value: AttributeValue }
  | { readonly kind: 'size'; readonly arg: COperand }
  | { readonly kind: 'if_not_exists'; readonly path: DocPath; readonly fallback: COperand }
  | { readonly kind: 'list_append'; readonly left: COperand; readonly right: COperand }
  | { readonly kind: 'arith'; readonly op: '+' | '-'; readonly left: COperand; readonly right: COperand };

export type CCondition =
  | { readonly kind: 'compare'; readonly op: Comparator; readonly left: COperand; readonly right: COperand }
  | { readonly kind: 'between'; readonly operand: COperand; readonly low: COperand; readonly high: COperand }
  | { readonly kind: 'in'; readonly operand: COperand; readonly list: readonly COperand[] }
  | { readonly kind: 'and' | 'or'; readonly left: CCondition; readonly right: CCondition }
  | { readonly kind: 'not'; readonly operand: CCondition }
  | { readonly kind: 'attribute_exists' | 'attribute_not_exists'; readonly path: DocPath }
  | { readonly kind: 'attribute_type'; readonly subject: COperand; readonly type: AttributeType }
  | { readonly kind: 'begins_with'; readonly subject: COperand; readonly prefix: COperand }
  | { readonly kind: 'contains'; readonly subject: COperand; readonly operand: COperand }
  /** Always true: the legacy Expected/QueryFilter forms can produce an empty condition. */
  | { readonly kind: 'true' };

export type CUpdateAction =
  | { readonly kind: 'SET'; readonly path: DocPath; readonly value: COperand }
  | { readonly kind: 'REMOVE'; readonly path: DocPath }
  | { readonly kind: 'ADD'; readonly path: DocPath; readonly value: AttributeValue }
  | { readonly kind: 'DELETE'; readonly path: DocPath; readonly value: AttributeValue };

export interface CUpdate {
  /** In the order they were written. */
  readonly actions: readonly CUpdateAction[];
  /**
   * Indexes into `actions` in the order DynamoDB runs them (see path-tree.ts), which decides the
   * run-time fault reported when several actions would fail. Absent: written order.
   */
  readonly order?: readonly number[];
  /** From AttributeUpdates: legacy fault messages, and ADD of a list appends to it. */
  readonly legacy?: boolean;
}

export interface CProjection {
  readonly paths: readonly DocPath[];
}
