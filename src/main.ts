/**
 * The command line proper (src/cli.ts only chooses how to load it): flags and environment →
 * startServer().
 *
 * DynamoDB Local's single-dash flags are accepted as aliases so its users switch by changing
 * only the command name. node:util's parseArgs is used rather than a CLI library: it is built in
 * and costs nothing at start-up, which we measure.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startServer, type RunningServer } from './server/start.js';
import { READ_HELPER_ENV, runReadHelper } from './server/read-helpers.js';
import { log } from './log.js';

const DYNAMODB_LOCAL_ALIASES: Record<string, string> = {
  '-port': '--port',
  '-dbPath': '--data-dir',
  '-inMemory': '--in-memory',
  '-sharedDb': '--shared-db',
  '-delayTransientStatuses': '--delay-transient-statuses',
  '-cors': '--cors',
  '-optimizeDbBeforeStartup': '--optimize-db-before-startup',
  '-help': '--help',
};

const USAGE = `Usage: tessera [options]

  --port <n>                   port to listen on (env PORT, default 8000; 0 = any free port)
  --host <addr>                address to bind (env HOST, default 127.0.0.1)
  --data-dir <dir>             where data is kept (env DATA_DIR, default ./data)
  --in-memory                  keep nothing on disk (env IN_MEMORY=1)
  --shared-db                  one database for every access key and region (env SHARED_DB=1)
  --delay-transient-statuses   show CREATING/UPDATING/DELETING as DynamoDB does (env DELAY_TRANSIENT_STATUSES=1)
  --read-helpers <n|auto>      extra processes that answer GetItem, BatchGetItem, Query and Scan, to use
                               more cores (env READ_HELPERS, default 0; auto: 1 with data on disk and 2+ cores)
  --ttl-sweep-interval <ms>    how often expired items are deleted (env TTL_SWEEP_INTERVAL_MS, default 1000)
  --ttl-allow-rapid-changes    lift the one-TTL-change-per-hour rule, for tests (env TTL_ALLOW_RAPID_CHANGES=1)
  --help                       this text

DynamoDB Local's flags work too: -port, -dbPath, -inMemory, -sharedDb, -delayTransientStatuses
(-cors and -optimizeDbBeforeStartup are accepted and ignored).`;

function main(): void {
  const argv = process.argv.slice(2).map((a) => DYNAMODB_LOCAL_ALIASES[a] ?? a);
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'in-memory': { type: 'boolean' },
      'shared-db': { type: 'boolean' },
      'delay-transient-statuses': { type: 'boolean' },
      'read-helpers': { type: 'string' },
      'ttl-sweep-interval': { type: 'string' },
      'ttl-allow-rapid-changes': { type: 'boolean' },
      cors: { type: 'string' },
      'optimize-db-before-startup': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // An environment variable set to the empty string counts as unset.
  const env = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')) as NodeJS.ProcessEnv;
  const flag = (cli: boolean | undefined, name: string) => cli ?? ['1', 'true', 'yes'].includes((env[name] ?? '').toLowerCase());
  const port = Number(values.port ?? env.PORT ?? 8000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid port: ${values.port ?? env.PORT}`);
  const sweep = Number(values['ttl-sweep-interval'] ?? env.TTL_SWEEP_INTERVAL_MS ?? 1000);
  if (!Number.isFinite(sweep) || sweep <= 0) fail(`invalid TTL sweep interval: ${values['ttl-sweep-interval']}`);
  const dataDir = resolve(values['data-dir'] ?? env.DATA_DIR ?? './data');
  const inMemory = flag(values['in-memory'], 'IN_MEMORY');
  const readHelpers = readHelperCount(values['read-helpers'] ?? env.READ_HELPERS ?? '0', inMemory);

  // Signal handlers go in before anything else: until a handler is installed a SIGINT/SIGTERM
  // kills the process outright, and a supervisor may signal as soon as it sees the ready line.
  let server: RunningServer | undefined;
  let stopping = false;
  const shutdown = () => {
    if (stopping) {
      // A second signal while closing: stop waiting for requests in flight.
      process.exit(1);
    }
    stopping = true;
    if (!server) return; // still starting: closed as soon as it is up
    server.close().then(
      () => process.exit(0),
      (err) => {
        log.error('shutdown failed', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  startServer({
    port,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    dataDir,
    inMemory,
    sharedDb: flag(values['shared-db'], 'SHARED_DB'),
    delayTransientStatuses: flag(values['delay-transient-statuses'], 'DELAY_TRANSIENT_STATUSES'),
    readHelpers,
    // This very script (the bundle's location differs from the compiled modules').
    readHelperEntry: process.argv[1],
    ttlSweepIntervalMs: sweep,
    ttlAllowRapidChanges: flag(values['ttl-allow-rapid-changes'], 'TTL_ALLOW_RAPID_CHANGES'),
  }).then(
    (started) => {
      server = started;
      if (stopping) {
        stopping = false;
        shutdown();
        return;
      }
      // The ready line: tests and scripts parse `listening on (http://\S+)`.
      process.stdout.write(`Tessera listening on ${started.url} (${inMemory ? 'in memory' : `data in ${dataDir}`})\n`);
    },
    (err) => fail(`could not start: ${err instanceof Error ? err.message : String(err)}`),
  );
}

/**
 * `auto`: one helper when the data is on disk (helpers share the store there) and there is a
 * second core for it. Reads then run on both cores (GetItem +23%, Query +49% under wrk here)
 * while writes are even, their connections moving to this process (bench/NOTES.md, session 7).
 * Not the default yet: the crash test lost one acknowledged write once with a helper running,
 * unexplained so far (bench/NOTES.md, session 7).
 */
function readHelperCount(setting: string, inMemory: boolean): number {
  if (setting === 'auto') return !inMemory && availableParallelism() >= 2 ? 1 : 0;
  const count = Number(setting);
  if (setting.trim() === '' || !Number.isInteger(count) || count < 0 || count > 64) fail(`invalid number of read helpers: ${setting}`);
  return count;
}

function fail(message: string): never {
  log.error(message);
  process.exit(1);
}

/**
 * A read helper (server/read-helpers.ts) is this same program, forked by a server with the
 * helper's settings in READ_HELPER_ENV. Signals are the owner's to act on: a Ctrl-C reaches the
 * whole process group, and a helper stops only when its owner tells it to (or disappears).
 */
function helperMain(settings: string): void {
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {});
  runReadHelper(settings).catch((err) => fail(`read helper could not start: ${err instanceof Error ? err.message : String(err)}`));
}

const helperSettings = process.env[READ_HELPER_ENV];
try {
  if (helperSettings) helperMain(helperSettings);
  else main();
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
