/**
 * The syntax tree of DynamoDB expressions: one node kind per construct, immutable once built.
 * Names and values stay as written (`#n`, `:v`, `a`): the tree is a pure function of the
 * expression text, so it can be cached by text and shared by requests; placeholders are resolved
 * per request by the validation passes (validate.ts).
 */

export interface NameElement {
  readonly type: 'name';
  /** As written: `a` or `#n`. */
  readonly name: string;
  /** True for an ExpressionAttributeNames placeholder (`#n`). */
  readonly ref: boolean;
}

export interface IndexElement {
  readonly type: 'index';
  readonly index: number;
  /** The digits as written (an index may be too large for a number). */
  readonly text: string;
}

export type PathElement = NameElement | IndexElement;

/** Node fields shared by every node: how many pairs of parentheses directly enclose it. */
interface Base {
  readonly parens: number;
}

export interface PathNode extends Base {
  readonly kind: 'path';
  readonly elements: readonly PathElement[];
}

export interface ValueNode extends Base {
  readonly kind: 'value';
  /** `:v` */
  readonly ref: string;
}

export interface CallNode extends Base {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly Operand[];
}

/** `a + b`, `a - b`: only on the right of SET. */
export interface ArithNode extends Base {
  readonly kind: 'arith';
  readonly op: '+' | '-';
  readonly left: Operand;
  readonly right: Operand;
}

export type Operand = PathNode | ValueNode | CallNode | ArithNode;

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export interface CompareNode extends Base {
  readonly kind: 'compare';
  readonly op: Comparator;
  readonly left: Operand;
  readonly right: Operand;
}

export interface BetweenNode extends Base {
  readonly kind: 'between';
  readonly operand: Operand;
  readonly low: Operand;
  readonly high: Operand;
}

export interface InNode extends Base {
  readonly kind: 'in';
  readonly operand: Operand;
  readonly list: readonly Operand[];
}

export interface AndNode extends Base {
  readonly kind: 'and';
  readonly left: Condition;
  readonly right: Condition;
}

export interface OrNode extends Base {
  readonly kind: 'or';
  readonly left: Condition;
  readonly right: Condition;
}

export interface NotNode extends Base {
  readonly kind: 'not';
  readonly operand: Condition;
}

/** A function call used as a condition (`attribute_exists(a)`). */
export type Condition = CompareNode | BetweenNode | InNode | AndNode | OrNode | NotNode | CallNode;

export type ClauseKind = 'SET' | 'REMOVE' | 'ADD' | 'DELETE';

export interface SetAction {
  readonly kind: 'SET';
  readonly path: PathNode;
  readonly value: Operand;
}

export interface RemoveAction {
  readonly kind: 'REMOVE';
  readonly path: PathNode;
}

export interface AddAction {
  readonly kind: 'ADD';
  readonly path: PathNode;
  readonly value: ValueNode;
}

export interface DeleteAction {
  readonly kind: 'DELETE';
  readonly path: PathNode;
  readonly value: ValueNode;
}

export type UpdateAction = SetAction | RemoveAction | AddAction | DeleteAction;

export interface UpdateClause {
  readonly kind: ClauseKind;
  readonly actions: readonly UpdateAction[];
}

export interface UpdateExpression {
  readonly kind: 'update';
  readonly clauses: readonly UpdateClause[];
}

export interface ProjectionExpression {
  readonly kind: 'projection';
  readonly paths: readonly PathNode[];
}

/** The five expression parameters, named as DynamoDB names them in messages. */
export type ExpressionKind =
  | 'ConditionExpression'
  | 'FilterExpression'
  | 'KeyConditionExpression'
  | 'ProjectionExpression'
  | 'UpdateExpression';

/** Renders a path the way DynamoDB's messages do: `[a, b, [0]]`. */
export function pathDisplay(elements: readonly { type: string; name?: string; index?: number; text?: string }[]): string {
  return '[' + elements.map((e) => (e.type === 'index' ? `[${e.text ?? e.index}]` : e.name)).join(', ') + ']';
}
