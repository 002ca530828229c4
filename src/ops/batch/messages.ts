/** The batch operations' own ValidationException wordings, as DynamoDB (and DynamoDB Local) give them. */
import { validation, type DynamoError } from '../../errors.js';

export const BATCH_MESSAGES = {
  tooManyGets: 'Too many items requested for the BatchGetItem call',
  tooManyWrites: 'Too many items requested for the BatchWriteItem call',
  duplicateKeys: 'Provided list of item keys contains duplicates',
  /**
   * A WriteRequest with neither or both of PutRequest/DeleteRequest. The wording is DynamoDB
   * Local's (it reuses the attribute-value message); no capture of the service's is known.
   */
  writeRequestShape:
    'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
} as const;

export const batchError = (key: keyof typeof BATCH_MESSAGES): DynamoError => validation(BATCH_MESSAGES[key]);

/** BatchGetItem reads at most this many keys across all tables (each table's list is capped at 100 by the model). */
export const MAX_BATCH_GET_KEYS = 100;
/** BatchWriteItem applies at most this many requests across all tables. */
export const MAX_BATCH_WRITE_REQUESTS = 25;
/**
 * BatchGetItem stops reading once the items read would pass 16 MiB; the rest come back in
 * UnprocessedKeys. DynamoDB Local counts whole stored items (a projection does not shrink them)
 * and binary megabytes: 47 items of 356,962 bytes fit, 47 of 356,963 do not (observed); hence 46
 * of 60 items of 350 KB.
 */
export const MAX_BATCH_GET_RESPONSE_BYTES = 16 * 1024 * 1024;
