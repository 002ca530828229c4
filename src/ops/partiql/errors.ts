/**
 * Per-statement errors of BatchExecuteStatement: `{Code, Message}` with the codes of
 * BatchStatementError (API reference), derived from the exception the statement would have
 * raised on its own.
 */
import { DynamoError } from '../../errors.js';

const CODES: Readonly<Record<string, string>> = {
  ValidationException: 'ValidationError',
  ResourceNotFoundException: 'ResourceNotFound',
  ConditionalCheckFailedException: 'ConditionalCheckFailed',
  DuplicateItemException: 'DuplicateItem',
  ItemCollectionSizeLimitExceededException: 'ItemCollectionSizeLimitExceeded',
  ProvisionedThroughputExceededException: 'ProvisionedThroughputExceeded',
  RequestLimitExceeded: 'RequestLimitExceeded',
  ThrottlingException: 'ThrottlingError',
  TransactionConflictException: 'TransactionConflict',
  AccessDeniedException: 'AccessDenied',
};

export interface StatementError {
  Code: string;
  Message: string;
  Item?: unknown;
}

/** The statement's error entry; anything that is not a DynamoError fails the whole request. */
export function statementError(e: unknown): StatementError {
  if (!(e instanceof DynamoError)) throw e;
  const out: StatementError = { Code: CODES[e.type] ?? 'InternalServerError', Message: e.message };
  // A failed condition with ReturnValuesOnConditionCheckFailure ALL_OLD carries the item.
  if (e.extra?.Item !== undefined) out.Item = e.extra.Item;
  return out;
}
