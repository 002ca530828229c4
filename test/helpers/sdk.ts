/**
 * The AWS SDK v3 client every SDK-driven test uses: any access key and region work (signatures are
 * not checked), and no retries, so a fault surfaces at once instead of after backoff.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const credentials = { accessKeyId: 'fakeKey', secretAccessKey: 'fakeSecret' };

export const client = (url: string, accessKeyId = credentials.accessKeyId, region = 'us-east-1'): DynamoDBClient =>
  new DynamoDBClient({
    endpoint: url,
    region,
    credentials: { accessKeyId, secretAccessKey: credentials.secretAccessKey },
    maxAttempts: 1,
  });
