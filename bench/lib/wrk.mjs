/**
 * Runs wrk (Debian's `wrk` package) with bench/lua/dynamodb.lua and parses the WRKRESULT line
 * its done() hook prints.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const LUA_SCRIPT = fileURLToPath(new URL('../lua/dynamodb.lua', import.meta.url));

/** The workloads: id → what the report calls it, and whether it writes. */
export const WORKLOADS = {
  get: { name: 'GetItem', write: false },
  put: { name: 'PutItem', write: true },
  update: { name: 'UpdateItem', write: true },
  query: { name: 'Query', write: false },
  'ycsb-a': { name: 'YCSB-A', write: true },
  'batch-write': { name: 'BatchWriteItem', write: true },
  'transact-write': { name: 'TransactWriteItems', write: true, transactions: true },
};

export function wrkVersion() {
  const r = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  if (r.error) return undefined;
  return `${r.stdout}${r.stderr}`.split('\n')[0].replace(/ Copyright.*$/, '').trim();
}

/**
 * One wrk run. Returns the parsed result plus derived numbers:
 *   okPerSecond — 2xx answers per second (what the tables call requests/s)
 *   errors      — non-2xx answers + socket errors (connect/read/write/timeout)
 */
export function runWrk({ port, workload, items, duration, connections, threads, timeout }) {
  const args = [
    `-t${threads}`,
    `-c${connections}`,
    `-d${duration}`,
    `--timeout`,
    timeout,
    '-s',
    LUA_SCRIPT,
    `http://127.0.0.1:${port}/`,
    '--',
    workload,
    String(items),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('WRKRESULT '));
      if (!line) {
        reject(new Error(`wrk exited ${code} without a result: ${(err || out).trim().slice(0, 500)}`));
        return;
      }
      const r = JSON.parse(line.slice('WRKRESULT '.length));
      const seconds = r.duration_us / 1e6;
      const socketErrors = Object.values(r.socket_errors).reduce((a, b) => a + b, 0);
      const ok = Math.max(0, r.requests - r.non2xx);
      resolve({
        ...r,
        seconds,
        requestsPerSecond: r.requests / seconds,
        okPerSecond: ok / seconds,
        errors: r.non2xx + socketErrors,
        p50ms: r.latency_us.p50 / 1000,
        p99ms: r.latency_us.p99 / 1000,
        stdout: out,
        args,
      });
    });
  });
}
