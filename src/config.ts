/** Server settings, from the CLI, the environment or startServer(). */
export interface ServerConfig {
  port: number;
  host: string;
  /** Region named by the health check answer to GET / (requests take theirs from the credential scope). */
  region: string;
  /** Where the embedded engine keeps its files. */
  dataDir: string;
  /** Keep nothing on disk. */
  inMemory: boolean;
  /** One namespace for all credentials and regions (DynamoDB Local's -sharedDb). */
  sharedDb: boolean;
  /** Show CREATING/UPDATING/DELETING for a while, as DynamoDB does, instead of ACTIVE at once. */
  delayTransientStatuses: boolean;
  /** How long a transient status lasts when delayTransientStatuses is on, in ms. */
  transientStatusMs: number;
  /** TTL sweeper interval in ms. */
  ttlSweepIntervalMs: number;
  /** Lift DynamoDB's one-TTL-change-per-hour rule (for tests). */
  ttlAllowRapidChanges: boolean;
}

export const defaultConfig = (): ServerConfig => ({
  port: 8000,
  host: '127.0.0.1',
  region: 'us-east-1',
  dataDir: './data',
  inMemory: false,
  sharedDb: false,
  delayTransientStatuses: false,
  transientStatusMs: 500,
  ttlSweepIntervalMs: 1000,
  ttlAllowRapidChanges: false,
});
