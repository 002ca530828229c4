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
  /**
   * Extra processes that answer reads (server/read-helpers.ts), so the server uses more cores.
   * Needs a data directory: they share the store on disk. None by default (the CLI's `auto`
   * is one on a machine with two cores or more, main.ts).
   */
  readHelpers: number;
  /** TTL sweeper interval in ms. */
  ttlSweepIntervalMs: number;
  /** Lift DynamoDB's one-TTL-change-per-hour rule (for tests). */
  ttlAllowRapidChanges: boolean;
  /**
   * A stream's open shard is closed and a child shard opened after this long, as DynamoDB's
   * shards roll over every few hours (lineage-following consumers depend on it).
   */
  streamShardRolloverMs: number;
  /** How often stream maintenance (shard rollover, 24-hour trimming) runs, in ms. */
  streamMaintenanceIntervalMs: number;
  /**
   * The clock (epoch ms) for time-based rules: iterator expiry, stream retention, shard rollover,
   * TTL expiry and the TTL change rate. Tests inject one to skip ahead; default Date.now.
   */
  clock?: () => number;
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
  readHelpers: 0,
  ttlSweepIntervalMs: 1000,
  ttlAllowRapidChanges: false,
  streamShardRolloverMs: 4 * 60 * 60 * 1000,
  streamMaintenanceIntervalMs: 1000,
});

/** The server's current time in epoch ms (the injected clock, if any). */
export const nowMs = (config: ServerConfig): number => (config.clock ? config.clock() : Date.now());
