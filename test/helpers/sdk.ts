/**
 * The AWS SDK v3 client every SDK-driven test uses, and a server for it: any access key and
 * region work (signatures are not checked), and no retries, so a fault surfaces at once instead
 * of after backoff.
 */
import { after, before } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startServer, type RunningServer, type StartOptions } from '../../src/index.js';

export const credentials = { accessKeyId: 'fakeKey', secretAccessKey: 'fakeSecret' };

export const client = (url: string, accessKeyId = credentials.accessKeyId, region = 'us-east-1'): DynamoDBClient =>
  new DynamoDBClient({
    endpoint: url,
    region,
    credentials: { accessKeyId, secretAccessKey: credentials.secretAccessKey },
    maxAttempts: 1,
  });

/**
 * A server in memory with an SDK client for it, for the file (or the describe block) that calls
 * this: started before its first test and stopped after its last. `setUp` (tables all its tests
 * use) runs once the client is there. Set-up goes here rather than in a `before` of the file's
 * own: Node 20 does not wait for one top-level `before` to finish before starting the next. Read
 * `server` and `db` inside tests and hooks, once they are set.
 */
export function sdkServer(
  options: StartOptions = {},
  setUp?: (db: DynamoDBClient) => Promise<void>,
): { server: RunningServer; db: DynamoDBClient } {
  const env = {} as { server: RunningServer; db: DynamoDBClient };
  before(async () => {
    env.server = await startServer({ port: 0, inMemory: true, ...options });
    env.db = client(env.server.url);
    await setUp?.(env.db);
  });
  after(async () => {
    env.db?.destroy();
    await env.server?.close();
  });
  return env;
}
