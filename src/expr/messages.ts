/**
 * Every message the expression layer can put in a ValidationException, in DynamoDB's words.
 * Kept together so the wording can be checked against the recorded corpus in one place.
 */
import { validation, type DynamoError } from '../errors.js';
import type { ExpressionKind } from './ast.js';

/** `Invalid UpdateExpression: <detail>` */
export const invalidExpression = (kind: ExpressionKind, detail: string): DynamoError =>
  validation(`Invalid ${kind}: ${detail}`);

export const syntaxError = (kind: ExpressionKind, token: string, near: string): DynamoError =>
  invalidExpression(kind, `Syntax error; token: "${token}", near: "${near}"`);

export const emptyExpression = (kind: ExpressionKind): DynamoError =>
  invalidExpression(kind, 'The expression can not be empty;');

export const redundantParentheses = (kind: ExpressionKind): DynamoError =>
  invalidExpression(kind, 'The expression has redundant parentheses;');

export const reservedKeyword = (kind: ExpressionKind, name: string): DynamoError =>
  invalidExpression(kind, `Attribute name is a reserved keyword; reserved keyword: ${name}`);

export const undefinedValue = (kind: ExpressionKind, ref: string): DynamoError =>
  invalidExpression(kind, `An expression attribute value used in expression is not defined; attribute value: ${ref}`);

export const undefinedName = (kind: ExpressionKind, ref: string): DynamoError =>
  invalidExpression(kind, `An expression attribute name used in the document path is not defined; attribute name: ${ref}`);

export const invalidFunctionName = (kind: ExpressionKind, name: string): DynamoError =>
  invalidExpression(kind, `Invalid function name; function: ${name}`);

export const functionNotAllowedThisWay = (kind: ExpressionKind, name: string): DynamoError =>
  invalidExpression(kind, `The function is not allowed to be used this way in an expression; function: ${name}`);

export const functionNotAllowedInUpdate = (kind: ExpressionKind, name: string): DynamoError =>
  invalidExpression(kind, `The function is not allowed in an update expression; function: ${name}`);

export const functionNotAllowedInCondition = (kind: ExpressionKind, name: string): DynamoError =>
  invalidExpression(kind, `The function is not allowed in a condition expression; function: ${name}`);

export const wrongOperandCount = (kind: ExpressionKind, name: string, count: number): DynamoError =>
  invalidExpression(kind, `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${count}`);

export const requiresDocumentPath = (kind: ExpressionKind, name: string): DynamoError =>
  invalidExpression(kind, `Operator or function requires a document path; operator or function: ${name}`);

export const incorrectOperandType = (kind: ExpressionKind, name: string, type: string): DynamoError =>
  invalidExpression(kind, `Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${type}`);

/** ADD and DELETE word it differently: `operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND`. */
export const incorrectActionOperandType = (kind: ExpressionKind, action: 'ADD' | 'DELETE', type: string): DynamoError =>
  invalidExpression(kind, `Incorrect operand type for operator or function; operator: ${action}, operand type: ${type}, typeSet: ALLOWED_FOR_${action}_OPERAND`);

export const operandsNotDistinct = (kind: ExpressionKind, operator: string, first: string): DynamoError =>
  invalidExpression(kind, `The first operand must be distinct from the remaining operands for this operator or function; operator: ${operator}, first operand: ${first}`);

export const sectionUsedTwice = (kind: ExpressionKind, clause: string): DynamoError =>
  invalidExpression(kind, `The "${clause}" section can only be used once in an update expression;`);

export const pathsOverlap = (kind: ExpressionKind, one: string, two: string): DynamoError =>
  invalidExpression(kind, `Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${one}, path two: ${two}`);

export const pathsConflict = (kind: ExpressionKind, one: string, two: string): DynamoError =>
  invalidExpression(kind, `Two document paths conflict with each other; must remove or rewrite one of these paths; path one: ${one}, path two: ${two}`);

export const listIndexOutOfRange = (kind: ExpressionKind, index: string): DynamoError =>
  invalidExpression(kind, `List index is not within the allowable range; index: [${index}]`);

/** Runtime faults of an update, reported without the "Invalid UpdateExpression" prefix. */
export const invalidUpdatePath = (): DynamoError =>
  validation('The document path provided in the update expression is invalid for update');

export const missingOperandAttribute = (): DynamoError =>
  validation('The provided expression refers to an attribute that does not exist in the item');

export const incorrectDataType = (): DynamoError =>
  validation('An operand in the update expression has an incorrect data type');

export const keyAttributeUpdate = (name: string): DynamoError =>
  validation(`One or more parameter values were invalid: Cannot update attribute ${name}. This attribute is part of the key`);

export const itemTooLargeAfterUpdate = (): DynamoError =>
  validation('Item size to update has exceeded the maximum allowed size');

/** The long type names DynamoDB's update messages use (UpdateExpression ADD/DELETE, AttributeUpdates). */
export const LONG_TYPE_NAMES: Readonly<Record<string, string>> = {
  S: 'STRING',
  N: 'NUMBER',
  B: 'BINARY',
  BOOL: 'BOOLEAN',
  NULL: 'NULL',
  M: 'MAP',
  L: 'LIST',
  SS: 'STRING_SET',
  NS: 'NUMBER_SET',
  BS: 'BINARY_SET',
};
