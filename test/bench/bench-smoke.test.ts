/**
 * Smoke test for the benchmark harness (bench/): the report formatter on made-up numbers, and —
 * when wrk is installed — every Lua workload for one second against the bare Node server, which
 * answers 400 to a body that is not JSON. No timing is asserted: only that requests went through
 * without errors and the result line parsed. Needs neither Java nor the peers.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCH = new URL('../../../bench/', import.meta.url);
// The harness is plain .mjs outside the TypeScript build; load it by URL, untyped.
const load = (path: string): Promise<any> => import(new URL(path, BENCH).href);

const hasWrk = !spawnSync('wrk', ['-v']).error;

describe('bench harness', () => {
  test('report: medians, n/a cells, ceiling and targets', async () => {
    const { formatReport, summarize, median } = await load('lib/report.mjs');
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
    const run = (okPerSecond: number, p50ms: number, p99ms: number, errors = 0) => ({
      okPerSecond, p50ms, p99ms, errors, requests: okPerSecond * 10, rssBytes: 50 * 2 ** 20, cpuCores: 1,
    });
    const wl = (...runs: object[]) => ({ runs, summary: summarize(runs) });
    const results = {
      date: '2026-11-23 12:00 UTC',
      command: 'npm run bench',
      machine: { cpu: 'Test CPU', cores: 2, memGiB: '24.0', kernel: '6', node: 'v20', java: 'java 17', wrk: 'wrk 4', dataFs: 'ext4', loadavg: '0' },
      settings: { workloads: ['get', 'transact-write'], rounds: 3, duration: '10s', warmup: '2s', connections: 32, threads: 1, items: 100000 },
      servers: [
        { id: 'tessera', name: 'Tessera', describe: 'x', coldStartMs: [40, 50, 60], workloads: { get: wl(run(30000, 0.9, 3), run(32000, 0.8, 2.5), run(31000, 1, 4)), 'transact-write': wl(run(5000, 5, 9)) } },
        { id: 'dynalite', name: 'dynalite', describe: 'y', coldStartMs: [170], workloads: { get: wl(run(3000, 9, 20)), 'transact-write': { na: 'none' } } },
        { id: 'bare', name: 'bare Node (ceiling)', describe: 'z', coldStartMs: [30], workloads: { get: wl(run(40000, 0.7, 2)), 'transact-write': wl(run(20000, 1, 3)) } },
      ],
    };
    const md: string = formatReport(results);
    assert.match(md, /\| GetItem \| 31,000 \| 3,000 \| 40,000 \| 10× \|/);
    assert.match(md, /\| TransactWriteItems \| 5,000 \| n\/a \| 20,000 \| — \|/);
    assert.match(md, /Tessera GetItem = 78% of the bare Node server/);
    assert.match(md, /\| cold start < 150 ms \| 50 ms \| ✓ \|/);
    assert.match(md, /Test CPU, 2 cores/);
  });

  test('every Lua workload runs cleanly against the bare server', { skip: !hasWrk && 'wrk is not installed' }, async () => {
    const { runWrk, WORKLOADS } = await load('lib/wrk.mjs');
    const { freePort } = await load('lib/proc.mjs');
    const { waitForFirstAnswer } = await load('lib/client.mjs');
    const port: number = await freePort([8000, 8001]);
    const started = performance.now();
    const server = spawn(process.execPath, [fileURLToPath(new URL('lib/bare-server.mjs', BENCH)), '--port', String(port)], { stdio: 'ignore' });
    try {
      await waitForFirstAnswer(port, started, { timeoutMs: 10_000 });
      const results = await Promise.all(
        Object.keys(WORKLOADS).map((workload) =>
          runWrk({ port, workload, items: 1000, duration: '1s', connections: 2, threads: 1, timeout: '5s' }).then((r: any) => ({ workload, r })),
        ),
      );
      for (const { workload, r } of results) {
        assert.ok(r.requests > 0, `${workload}: no requests`);
        assert.equal(r.errors, 0, `${workload}: ${r.samples}`);
        assert.ok(r.latency_us.p99 >= r.latency_us.p50, workload);
      }
    } finally {
      server.kill('SIGTERM');
    }
  });
});
