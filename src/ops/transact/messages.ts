/**
 * The transaction operations' errors: TransactionCanceledException with its positional
 * CancellationReasons, IdempotentParameterMismatchException, and the ValidationException wordings
 * of their request checks (DynamoDB Local's, where no public source quotes the service's).
 */
import { DynamoError, DYNAMODB_NAMESPACE, validation } from '../../errors.js';
import type { Item } from '../../model/types.js';

export const TRANSACT_MESSAGES = {
  multipleOperations: 'Transaction request cannot include multiple operations on one item',
  noAction: 'Invalid Request: TransactWriteRequest should contain Delete or Put or Update request',
  severalActions: 'TransactItems can only contain one of Check, Put, Update or Delete',
  /**
   * ConditionCheck's reason ends with a full stop, Put/Update/Delete's does not (both observed on
   * DynamoDB Local; boto/boto3#2657 quotes the service's reason for a Put without one).
   */
  conditionCheckFailed: 'The conditional request failed.',
  writeConditionFailed: 'The conditional request failed',
} as const;

/** TransactWriteItems: the items, keys, expressions and values of all actions together. */
export const MAX_TRANSACTION_PAYLOAD_BYTES = 4 * 1024 * 1024;

export const payloadTooLarge = (size: number): DynamoError =>
  validation(`Transaction payload size cannot exceed 4MB. Payload Size: ${size}`);

/** TransactGetItems: the items it would return passed 4 MB (DynamoDB Local's wording, no space before the size). */
export const responseTooLarge = (size: number): DynamoError => validation(`Payload in response is too large.${size}`);

export const multipleOperations = (): DynamoError => validation(TRANSACT_MESSAGES.multipleOperations);

/** One entry of CancellationReasons: `{Code: 'None'}` for an action that would have succeeded. */
export interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: Item;
}

export const NO_REASON: CancellationReason = Object.freeze({ Code: 'None' });

export const validationReason = (message: string): CancellationReason => ({ Code: 'ValidationError', Message: message });

/**
 * The answer to a transaction that did not run: one reason per action, in request order, and the
 * codes repeated in the message, as DynamoDB words it.
 */
export function transactionCanceled(reasons: readonly CancellationReason[]): DynamoError {
  const codes = reasons.map((r) => r.Code).join(', ');
  return new DynamoError(
    'TransactionCanceledException',
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
    DYNAMODB_NAMESPACE,
    400,
    { CancellationReasons: reasons },
  );
}

/** The same ClientRequestToken with a different request. DynamoDB Local sends no message; neither do we. */
export const idempotentParameterMismatch = (): DynamoError =>
  new DynamoError('IdempotentParameterMismatchException', '', DYNAMODB_NAMESPACE);

/**
 * Thrown by an action's update function for a fault that DynamoDB reports as that action's
 * cancellation reason (an item grown past 400 KB, an index key of the wrong type) rather than as
 * an error of the whole request. Any other error thrown there fails the request as it is.
 */
export class ActionFault extends Error {
  constructor(readonly reason: CancellationReason) {
    super(reason.Message ?? reason.Code);
  }
}
