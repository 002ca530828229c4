/**
 * Every error Tessera puts on the wire is built here, so type names, namespaces, HTTP statuses and
 * message wording stay consistent and can be found with one grep.
 *
 * DynamoDB answers errors as `{"__type": "<namespace>#<Name>", "message": "..."}`. The namespace
 * depends on which layer of the real service raised the error: the coral framework's validator,
 * its service layer, or DynamoDB itself.
 */

const DYNAMODB = 'com.amazonaws.dynamodb.v20120810';
const CORAL_VALIDATE = 'com.amazon.coral.validate';
const CORAL_SERVICE = 'com.amazon.coral.service';

export class DynamoError extends Error {
  constructor(
    /** Short name, e.g. `ValidationException`. */
    readonly type: string,
    message: string,
    readonly namespace: string = DYNAMODB,
    readonly statusCode: number = 400,
    /** Extra members of the error body (e.g. `Item`, `CancellationReasons`). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }

  get fullType(): string {
    return `${this.namespace}#${this.type}`;
  }

  toBody(): Record<string, unknown> {
    return { __type: this.fullType, message: this.message, ...this.extra };
  }
}

export const validation = (message: string): DynamoError =>
  new DynamoError('ValidationException', message, CORAL_VALIDATE);

/** "One or more parameter values were invalid: …" is DynamoDB's prefix for semantic parameter errors. */
export const invalidParameter = (detail: string): DynamoError =>
  validation(`One or more parameter values were invalid: ${detail}`);

export const serialization = (message: string): DynamoError =>
  new DynamoError('SerializationException', message, CORAL_SERVICE);

export const unknownOperation = (): DynamoError =>
  new DynamoError('UnknownOperationException', 'An unknown operation was requested.', CORAL_SERVICE);

export const missingAuthenticationToken = (): DynamoError =>
  new DynamoError(
    'MissingAuthenticationTokenException',
    'Request is missing Authentication Token',
    CORAL_SERVICE,
  );

export const incompleteSignature = (message: string): DynamoError =>
  new DynamoError('IncompleteSignatureException', message, CORAL_SERVICE);

export const resourceNotFound = (message = 'Requested resource not found'): DynamoError =>
  new DynamoError('ResourceNotFoundException', message);

export const tableNotFound = (tableName: string): DynamoError =>
  resourceNotFound(`Requested resource not found: Table: ${tableName} not found`);

/** Item-level operations on a missing table use this wording in DynamoDB. */
export const nonExistentTable = (): DynamoError =>
  resourceNotFound('Requested resource not found');

export const resourceInUse = (message: string): DynamoError => new DynamoError('ResourceInUseException', message);

export const limitExceeded = (message: string): DynamoError => new DynamoError('LimitExceededException', message);

export const conditionalCheckFailed = (item?: Record<string, unknown>): DynamoError =>
  new DynamoError(
    'ConditionalCheckFailedException',
    'The conditional request failed',
    DYNAMODB,
    400,
    item ? { Item: item } : undefined,
  );

export const internalError = (message = 'The server encountered an internal error trying to fulfill the request.'): DynamoError =>
  new DynamoError('InternalServerError', message, DYNAMODB, 500);

export { DYNAMODB as DYNAMODB_NAMESPACE, CORAL_VALIDATE, CORAL_SERVICE };
