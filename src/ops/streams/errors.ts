/**
 * The Streams API's own errors. Wording: DynamoDB Local 1.25.1 as recorded in
 * test/golden/streams/errors.json, except ExpiredIterator/TrimmedDataAccess, which DynamoDB Local
 * never raises: their messages are the ones the service's API reference documents for them
 * (GetRecords, "Errors").
 */
import { DynamoError, invalidParameter, resourceNotFound, validation } from '../../errors.js';

export const S = {
  streamNotFound: (arn: string) => resourceNotFound(`Requested resource not found: Stream: ${arn} not found`),
  /** GetShardIterator and GetRecords word a missing stream this way. */
  noSuchStream: () => resourceNotFound('Stream does not exist'),
  noSuchShard: () => resourceNotFound('Shard does not exist'),
  sequenceNumberRequired: () => invalidParameter('Invalid SequenceNumber'),
  sequenceNumberNotAllowed: () => invalidParameter('SequenceNumber should not be passed for this iterator type'),
  sequenceNumberOutsideShard: () => validation('Invalid SequenceNumber for the shard'),
  invalidIterator: () => validation('Invalid ShardIterator'),
  getRecordsLimit: () => invalidParameter('Limit should be less than or equal to 1000'),
  describeStreamLimit: () => invalidParameter('Limit cannot be greater than the maximum: 100'),
  listStreamsLimit: () => invalidParameter('Limit cannot be greater than the maximum allowed size: 100'),
  expiredIterator: () => new DynamoError('ExpiredIteratorException', 'The provided iterator exceeds the maximum age allowed.'),
  trimmed: () => new DynamoError('TrimmedDataAccessException', 'The data you are trying to access has been trimmed.'),
};
