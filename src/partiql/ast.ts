/**
 * The syntax tree of a PartiQL statement, as the parser reads it: a superset of what DynamoDB
 * executes. Constructs DynamoDB parses but refuses (aggregates, arithmetic in a select list,
 * LIMIT, aliases…) are kept in the tree so the planner can refuse them with DynamoDB's words and
 * positions; constructs it cannot even read are syntax errors.
 *
 * Every node carries the position DynamoDB reports for it: its first token, except binary
 * operators, which are placed at the operator (`1+1` is reported at the `+`).
 */
import type { Pos } from './lexer.js';

export type LiteralType = 'string' | 'number' | 'bool' | 'null' | 'missing' | 'ion';

export interface LiteralNode {
  readonly k: 'lit';
  readonly type: LiteralType;
  /** string: the text; number: the digits as written (sign folded in); bool: 'true'/'false'; ion: the Ion text. */
  readonly value: string;
  readonly pos: Pos;
}

export interface ParamNode {
  readonly k: 'param';
  /** 0-based: the n-th `?` of the statement, in reading order. */
  readonly index: number;
  readonly pos: Pos;
}

/** A name on its own: an attribute (in WHERE, SET…) or a table (in FROM). */
export interface IdNode {
  readonly k: 'id';
  readonly name: string;
  readonly quoted: boolean;
  readonly pos: Pos;
}

export type PathStep =
  | { readonly k: 'dot'; readonly name: string; readonly quoted: boolean; readonly pos: Pos }
  | { readonly k: 'index'; readonly expr: Expr; readonly pos: Pos }
  /** `.*` or `[*]` */
  | { readonly k: 'wildcard'; readonly pos: Pos };

export interface PathNode {
  readonly k: 'path';
  readonly root: Expr;
  readonly steps: readonly PathStep[];
  readonly pos: Pos;
}

export interface CallNode {
  readonly k: 'call';
  /** Lower-cased: function names are case-insensitive in PartiQL. */
  readonly name: string;
  readonly args: readonly Expr[];
  /** `COUNT(*)` */
  readonly star: boolean;
  readonly pos: Pos;
}

export type BinaryOp = '=' | '<>' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%' | '||' | 'and' | 'or';

export interface BinaryNode {
  readonly k: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly pos: Pos;
}

export interface UnaryNode {
  readonly k: 'unary';
  readonly op: 'not' | '+' | '-';
  readonly operand: Expr;
  readonly pos: Pos;
}

/** `x IS [NOT] MISSING | NULL | STRING …` */
export interface IsNode {
  readonly k: 'is';
  readonly not: boolean;
  /** The type keyword, lower-cased (`missing`, `null`, `string`, `int`…). */
  readonly type: string;
  readonly operand: Expr;
  readonly pos: Pos;
}

export interface InNode {
  readonly k: 'in';
  readonly not: boolean;
  readonly operand: Expr;
  readonly list: Expr;
  readonly pos: Pos;
}

export interface BetweenNode {
  readonly k: 'between';
  readonly not: boolean;
  readonly operand: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly pos: Pos;
}

export interface LikeNode {
  readonly k: 'like';
  readonly not: boolean;
  readonly operand: Expr;
  readonly pattern: Expr;
  readonly pos: Pos;
}

export interface StructNode {
  readonly k: 'struct';
  readonly fields: readonly { readonly key: Expr; readonly value: Expr }[];
  readonly pos: Pos;
}

export interface ListNode {
  readonly k: 'list' | 'bag';
  readonly items: readonly Expr[];
  readonly pos: Pos;
}

/** A parenthesised sub-query, or `EXISTS(...)` around one. */
export interface SubqueryNode {
  readonly k: 'subquery';
  readonly query: SelectStatement;
  readonly pos: Pos;
}

export type Expr =
  | LiteralNode
  | ParamNode
  | IdNode
  | PathNode
  | CallNode
  | BinaryNode
  | UnaryNode
  | IsNode
  | InNode
  | BetweenNode
  | LikeNode
  | StructNode
  | ListNode
  | SubqueryNode;

export interface SelectItem {
  readonly expr: Expr;
  /** `AS x` / a bare alias: DynamoDB refuses aliases. */
  readonly alias?: string;
}

export interface FromClause {
  /** The source: an identifier, `"table"."index"` (a path) or anything else (refused). */
  readonly source: Expr;
  /** `AS t`, `AT i`, `BY x`. */
  readonly aliased: boolean;
  /** `FROM a, b` or a join. */
  readonly multiple: boolean;
}

export interface OrderItem {
  readonly expr: Expr;
  readonly desc: boolean;
}

export interface SelectStatement {
  readonly kind: 'select';
  /** `SELECT *`, a list, or `SELECT VALUE` / `PIVOT` (refused). */
  readonly projection:
    | { readonly k: 'star' }
    | { readonly k: 'items'; readonly items: readonly SelectItem[] }
    | { readonly k: 'value' };
  readonly distinct: boolean;
  readonly from: FromClause;
  readonly where?: Expr;
  /** Clauses DynamoDB parses and refuses, with the expression its message points at. */
  readonly groupBy?: Expr;
  readonly having?: Expr;
  readonly limit?: Expr;
  readonly orderBy?: readonly OrderItem[];
  readonly pos: Pos;
}

export type ReturningMode = 'ALL OLD' | 'MODIFIED OLD' | 'ALL NEW' | 'MODIFIED NEW';

export interface Returning {
  readonly mode: ReturningMode;
}

export interface InsertStatement {
  readonly kind: 'insert';
  readonly target: Expr;
  readonly value: Expr;
  readonly pos: Pos;
}

export type UpdateClause =
  | { readonly k: 'set'; readonly target: Expr; readonly value: Expr; readonly pos: Pos }
  | { readonly k: 'remove'; readonly target: Expr; readonly pos: Pos };

export interface UpdateStatement {
  readonly kind: 'update';
  readonly target: Expr;
  /** In the order written: `SET a = 1, b = 2 REMOVE c SET d = 3` is four clauses. */
  readonly clauses: readonly UpdateClause[];
  readonly where?: Expr;
  readonly returning?: Returning;
  readonly pos: Pos;
}

export interface DeleteStatement {
  readonly kind: 'delete';
  readonly from: FromClause;
  readonly where?: Expr;
  readonly returning?: Returning;
  readonly pos: Pos;
}

/** A statement that is an expression, not a DML or query (`EXISTS(SELECT …)`, `1`, `x.y`). */
export interface ExpressionStatement {
  readonly kind: 'expr';
  readonly expr: Expr;
  readonly pos: Pos;
}

export type Statement = SelectStatement | InsertStatement | UpdateStatement | DeleteStatement | ExpressionStatement;
