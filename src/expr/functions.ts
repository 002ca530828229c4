/**
 * The functions of the expression language and where each may appear. Names are case-sensitive
 * (`Size(a)` is an invalid function name).
 */

export type FunctionName =
  | 'attribute_exists'
  | 'attribute_not_exists'
  | 'attribute_type'
  | 'begins_with'
  | 'contains'
  | 'size'
  | 'if_not_exists'
  | 'list_append';

export interface FunctionSpec {
  /** A condition function is a condition itself; the others produce an operand. */
  readonly condition: boolean;
  /** Allowed in UpdateExpression (SET values) rather than in conditions. */
  readonly update: boolean;
  readonly arity: number;
}

export const FUNCTIONS: Readonly<Record<FunctionName, FunctionSpec>> = {
  attribute_exists: { condition: true, update: false, arity: 1 },
  attribute_not_exists: { condition: true, update: false, arity: 1 },
  attribute_type: { condition: true, update: false, arity: 2 },
  begins_with: { condition: true, update: false, arity: 2 },
  contains: { condition: true, update: false, arity: 2 },
  size: { condition: false, update: false, arity: 1 },
  if_not_exists: { condition: false, update: true, arity: 2 },
  list_append: { condition: false, update: true, arity: 2 },
};

export function functionSpec(name: string): FunctionSpec | undefined {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name as FunctionName] : undefined;
}
