/**
 * Every message the PartiQL layer puts in an error, in DynamoDB's words (as DynamoDB Local, the
 * oracle, words them; test/golden/partiql/ holds the recordings). Many end with the position of
 * the offending token, `at line:column:length`.
 */
import type { TableMeta } from '../catalog/types.js';
import { CORAL_VALIDATE, DynamoError, resourceNotFound, validation } from '../errors.js';
import type { Pos } from './lexer.js';

export const at = (pos: Pos): string => `at ${pos.line}:${pos.col}:${pos.len}`;

export const PARTIQL_MESSAGES = {
  notWellFormed: (statement: string) => `Statement wasn't well formed, can't be processed: ${statement}`,
  parameterCount: "Number of parameters in request and statement don't match.",
  noTable: 'Cannot do operations on a non-existent table',
  noIndex: (name: string) => `The table does not have the specified index: ${name}`,
  whereKeys: 'Where clause does not contain a mandatory equality on all key attributes',
  multipleKeyConditions: (name: string) =>
    `Multiple conditions on same key ${name}. Only single item Update/Insert/Delete are supported`,
  keyMissing: (name: string) => `Key attribute should be present in the item: Key ${name}`,
  conditionType: 'One or more parameter values were invalid: Condition parameter type does not match schema type',
  keyType: (name: string) => `Key attribute's data type should match its data type in table's schema: Key ${name}`,
  duplicateItem: 'Duplicate primary key exists in table',
  unexpectedPath: (pos: Pos) => `Unexpected path component ${at(pos)}`,
  duplicateSelectName: (name: string) => `Duplicate identifiers in select clause: ${name}`,
  changingHierarchy: "Changing item's hierarchy while reading isn't supported",
  aliasing: 'Aliasing is not supported',
  distinct: 'Unsupported token in expression: DISTINCT',
  selectValue: "Select projection doesn't support value or pivot keywords",
  unsupportedClause: (clause: string, pos?: Pos) => `Unsupported clause: ${clause}${pos ? ` ${at(pos)}` : ''}`,
  singleSource: 'Only select from a single table or index is supported.',
  unexpectedFrom: 'Unexpected from source',
  fromComponents: 'A path may contain at most 2 components in the FROM clause',
  dmlSingleTable: 'FROM clause may only contain a single table name in data manipulation statements',
  indexNotSupported: 'This operation is not supported on an index',
  tableName: "Table name should be within the length [3, 255] and only contain 'a-z', 'A-Z', '0-9', '-', '_', '.'.",
  orderByNeedsWhere: 'Must have WHERE clause in the statement when using ORDER BY clause.',
  orderByKey: (name: string) => `Variable reference ${name} in ORDER BY clause must be part of the primary key`,
  orderByType: (type: string) => `Argument to ORDER BY must be of type VariableReference. Type: ${type}`,
  whereBoolean: 'WHERE clause must contain an expression that resolves to a boolean',
  missingCompare: 'MISSING must be compared using IS operator',
  unsupportedConditionOperator: (op: string) => `Unsupported operator in Condition Expression. Operator: ${op}`,
  unsupportedUpdateOperator: (op: string) => `Unsupported operator in Update Expression. Operator: ${op}`,
  unrecognizedFunction: (name: string) => `Unrecognized function: ${name}`,
  inOperator:
    'IN operator must have a left hand argument of type Variable Reference and right hand argument of type Seq with at least one member',
  listIndexRange: (index: string, pos: Pos) => `List index is not within the allowable range; index: [${index}] ${at(pos)}`,
  unsupportedType: (what: string, key: string, pos: Pos) => `Unsupported data type: ${what} under key ${key} ${at(pos)}`,
  ionLiteral: (type: string, key: string, pos: Pos) => `Ion Literals are not supported: ${type} under key ${key} ${at(pos)}`,
  tupleKeyType: (type: string, pos: Pos) => `Tuple keys must be of type String. Actual type: ${type} under root ${at(pos)}`,
  duplicateTupleKey: (key: string, pos: Pos) => `Duplicate keys in tuple. Key: ${key} under root ${at(pos)}`,
  emptyBag: (pos: Pos) => `Empty bags are not supported ${at(pos)}`,
  bagType: (pos?: Pos) =>
    `Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags${pos ? ` ${at(pos)}` : ''}`,
  bagDuplicates: 'Input collection contains duplicates',
  insertFormat: (pos: Pos) =>
    `Unsupported format in item expression. Please use struct format {...} to express item values for insert statement. ${at(pos)}`,
  returningStar: "Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause",
  deleteReturning: (mode: string) =>
    `Invalid returning clause: RETURNING ${mode} *. Only RETURNING ALL OLD * is allowed in DELETE statements.`,
  existsOutsideTransaction: 'EXISTS can only be used in ExecuteTransaction write requests.',
  unsupportedOperation: (what: string) => `Unsupported operation: ${what}`,
  invalidOperation: 'Invalid operation. Only select, insert, update and delete operations are valid',
  invalidNextToken: 'Invalid NextToken',
  consistentGsi: 'Consistent read cannot be true when scanning a GSI',
  // BatchExecuteStatement
  batchMixed: 'Read and write requests together in the same batch is not supported.',
  batchEmpty: 'The statement was empty.',
  batchTooManyReads: 'BatchGetItem cannot fetch more than 25 items',
  batchTooManyWrites: 'BatchWriteItem cannot write more than 25 items',
  batchDuplicates: 'Provided list of item keys contains duplicates',
  batchSingleItem: 'Only single item select is supported',
  // ExecuteTransaction
  txMixed: 'ExecuteTransaction API does not support both read and write operations in the same request.',
  txEmpty: 'ExecutePartiQLTransaction can not have empty statement.',
  txDuplicates: 'Transaction request cannot include multiple operations on one item',
  txStatement: (index: number, message: string) => `Validation failed in TransactStatements[${index}]: ${message}`,
  txSelectKey: 'Select statements within ExecuteTransaction must specify the primary key in the where clause.',
  txReturning: 'RETURNING clause is not supported in ExecuteTransaction.',
  txExists: 'EXISTS() must contain a single item read with additional condition',
  txUnsupported: 'Unsupported operation in transaction.',
  txIndexRead: 'Reads on indices are not supported within transactions.',
  idempotentMismatch: 'Specified idempotent token was used with different request parameters within the idempotency window',
} as const;

export const pqValidation = (message: string): DynamoError => validation(message);

export const notWellFormed = (statement: string): DynamoError => validation(PARTIQL_MESSAGES.notWellFormed(statement));

export const noSuchTable = (): DynamoError => resourceNotFound(PARTIQL_MESSAGES.noTable);

export const duplicateItem = (): DynamoError =>
  new DynamoError('DuplicateItemException', PARTIQL_MESSAGES.duplicateItem);

/**
 * A statement whose key (or item) does not fit its table, or that updates a key attribute: a
 * ValidationException on its own, but in a batch or transaction it is reported with (or as a
 * reason of) the statement's table, so it carries the table.
 */
export class KeyFault extends DynamoError {
  constructor(
    readonly table: TableMeta,
    message: string,
  ) {
    super('ValidationException', message, CORAL_VALIDATE);
  }

  /** PartiQL's own key checks, as opposed to those of the write operation it runs as. */
  get statementLevel(): boolean {
    return this.message.startsWith('Key attribute ') || this.message.startsWith("Key attribute's");
  }

  get keyUpdate(): boolean {
    return this.message.startsWith('One or more parameter values were invalid: Cannot update attribute ');
  }
}

/** Runs `fn`, turning its ValidationExceptions into KeyFaults of `table`. */
export function asKeyFault<T>(table: TableMeta, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DynamoError && e.type === 'ValidationException' && !(e instanceof KeyFault)) throw new KeyFault(table, e.message);
    throw e;
  }
}
