#!/usr/bin/env node
/**
 * `npm run bench`: Tessera against DynamoDB Local, dynalite and a bare Node HTTP server (the
 * ceiling), one server process at a time, with wrk as the load generator. See bench/README.md.
 */
import { parseArgs } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { serverDefinitions, RESERVED_PORTS, diskBytes } from './lib/servers.mjs';
import { startProcess, stopProcess, killAll, memory, cpuSeconds, freePort, hostBusySeconds, harnessCpuSeconds } from './lib/proc.mjs';
import { createClient, createTable, loadItems, verifyData, waitForFirstAnswer } from './lib/client.mjs';
import { runWrk, WORKLOADS, wrkVersion } from './lib/wrk.mjs';
import { machineInfo } from './lib/machine.mjs';
import { formatReport, formatScaleReport, summarize } from './lib/report.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(HERE);
const CACHE = join(HERE, '.cache');
const SERVER_ORDER = ['tessera', 'tessera-rh', 'ddbl', 'dynalite', 'bare'];
const SERVER_ALIASES = { 'dynamodb-local': 'ddbl', local: 'ddbl', ddb: 'ddbl', ceiling: 'bare', node: 'bare', helpers: 'tessera-rh', rh: 'tessera-rh' };
const runsTessera = (o) => o.servers.some((s) => s.startsWith('tessera'));
const WORKLOAD_ALIASES = {
  getitem: 'get', putitem: 'put', updateitem: 'update', ycsb: 'ycsb-a', ycsba: 'ycsb-a',
  batch: 'batch-write', batchwrite: 'batch-write', batchwriteitem: 'batch-write',
  transact: 'transact-write', transactwrite: 'transact-write', transactwriteitems: 'transact-write',
};

const USAGE = `Usage: npm run bench -- [options]

  --only <list>          servers, comma-separated: tessera, tessera-rh (Tessera with --read-helpers 1),
                         ddbl, dynalite, bare (default: all)
  --workloads <list>     get, put, update, query, ycsb-a, batch-write, transact-write (default: all;
                         with --scale: get, put, query)
  --rounds <n>           rounds per server × workload; the report shows the median (default 3)
  --duration <t>         wrk duration of one run, e.g. 10s, 1m (default 10s)
  --warmup <t>           an unrecorded run per workload before round 1 (default 2s; 0 = none)
  --connections <n>      wrk connections (default 32)
  --threads <n>          wrk threads (default 1: on 2 cores, one is left for the server)
  --timeout <t>          wrk request timeout; a timed-out request counts as an error (default 10s)
  --items <n>            items loaded before the runs (default 100000; 10k, 1m work)
  --load-concurrency <n> BatchWriteItem requests in flight while loading (default 8)
  --data-root <dir>      where the servers' data directories are made (default: the OS temp dir)
  --scale                GetItem/PutItem/Query at growing data sizes (default server: tessera)
  --sizes <list>         sizes for --scale (default 10k,1m,10m)
  --no-restart           one server process for all runs (default: restart it on its data
                         before every run, so no run inherits another's heap or caches)
  --max-other <cores>    before each run, wait until other processes use less CPU than this
                         (default 0.3 cores, sampled over 1 s) ...
  --quiet-timeout <t>    ... but no longer than this, then run anyway (default 15s; 0 = don't wait)
  --tessera-cli <path>   Tessera's cli.js to run (default dist/src/cli.js), e.g. another build to compare
  --build                compile the working tree into bench/.cache/tessera-dist/ (tsc + the esbuild
                         bundle, as npm run build does, leaving dist/ alone) and run that
  --keep                 keep the data directories
  --no-readme            don't refresh the results section of bench/README.md
  --help`;

function parseCount(text) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(String(text).trim());
  if (!m) throw new Error(`not a count: ${text}`);
  return Math.round(Number(m[1]) * ({ k: 1e3, m: 1e6 }[m[2].toLowerCase()] ?? 1));
}

function parseSeconds(text) {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(String(text).trim());
  if (!m) throw new Error(`not a duration: ${text} (use e.g. 10s, 1m)`);
  return Number(m[1]) * ({ s: 1, m: 60, h: 3600 }[m[2] ?? 's']);
}

function parseList(text, allowed, aliases, what) {
  return String(text)
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean)
    .map((x) => {
      const id = aliases[x] ?? x;
      if (!allowed.includes(id)) throw new Error(`unknown ${what}: ${x} (known: ${allowed.join(', ')})`);
      return id;
    });
}

function options() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      workloads: { type: 'string' },
      rounds: { type: 'string', default: '3' },
      duration: { type: 'string', default: '10s' },
      warmup: { type: 'string', default: '2s' },
      connections: { type: 'string', default: '32' },
      threads: { type: 'string', default: '1' },
      timeout: { type: 'string', default: '10s' },
      items: { type: 'string', default: '100000' },
      'load-concurrency': { type: 'string', default: '8' },
      'data-root': { type: 'string' },
      scale: { type: 'boolean', default: false },
      sizes: { type: 'string', default: '10k,1m,10m' },
      keep: { type: 'boolean', default: false },
      'no-readme': { type: 'boolean', default: false },
      'no-restart': { type: 'boolean', default: false },
      'max-other': { type: 'string', default: '0.3' },
      'quiet-timeout': { type: 'string', default: '15s' },
      'tessera-cli': { type: 'string' },
      build: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const scale = values.scale;
  const servers = values.only
    ? parseList(values.only, SERVER_ORDER, SERVER_ALIASES, 'server')
    : scale
      ? ['tessera']
      : SERVER_ORDER;
  const allWorkloads = Object.keys(WORKLOADS);
  const workloads = values.workloads
    ? parseList(values.workloads, allWorkloads, WORKLOAD_ALIASES, 'workload')
    : scale
      ? ['get', 'put', 'query']
      : allWorkloads;
  const o = {
    servers: SERVER_ORDER.filter((s) => servers.includes(s)),
    workloads: allWorkloads.filter((w) => workloads.includes(w)),
    rounds: parseCount(values.rounds),
    duration: values.duration,
    durationSeconds: parseSeconds(values.duration),
    warmup: values.warmup === '0' ? '0s' : values.warmup,
    warmupSeconds: parseSeconds(values.warmup),
    connections: parseCount(values.connections),
    threads: parseCount(values.threads),
    timeout: values.timeout,
    items: parseCount(values.items),
    loadConcurrency: parseCount(values['load-concurrency']),
    dataRoot: values['data-root'] ?? os.tmpdir(),
    scale,
    sizes: values.sizes.split(',').map(parseCount).sort((a, b) => a - b),
    keep: values.keep,
    readme: !values['no-readme'],
    restart: !values['no-restart'],
    tesseraCli: values['tessera-cli'] ? resolve(values['tessera-cli']) : undefined,
    build: values.build,
    maxOther: Number(values['max-other']),
    quietTimeoutSeconds: values['quiet-timeout'] === '0' ? 0 : parseSeconds(values['quiet-timeout']),
  };
  if (o.rounds < 1) throw new Error('--rounds must be at least 1');
  if (o.threads > o.connections) throw new Error('--threads cannot exceed --connections');
  if (o.items < 25) throw new Error('--items must be at least 25');
  return o;
}

const t0 = performance.now();
const log = (msg) => {
  const s = ((performance.now() - t0) / 1000).toFixed(0).padStart(5);
  process.stderr.write(`[${s}s] ${msg}\n`);
};
const fmt = (n) => Math.round(n).toLocaleString('en-US');

const dirsToClean = new Set();
function cleanup() {
  killAll();
  for (const d of dirsToClean) rmSync(d, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    process.stderr.write(`\n${sig}: stopping servers\n`);
    cleanup();
    process.exit(130);
  });
}

/**
 * Spawns a server and waits for its first answer. A fresh data directory unless `dir` is given
 * (a restart on the data already loaded).
 */
async function startInstance(def, o, rawDir, dir) {
  const port = await freePort(RESERVED_PORTS);
  if (!dir) {
    dir = mkdtempSync(join(o.dataRoot, `tessera-bench-${def.id}-`));
    if (!o.keep) dirsToClean.add(dir);
  }
  const { cmd, args, cwd } = def.command(port, dir);
  const logFile = join(rawDir, `${def.id}.log`);
  const started = performance.now();
  const proc = startProcess(cmd, args, { cwd, logFile });
  try {
    const coldMs = await waitForFirstAnswer(port, started, { isAlive: () => proc.exitCode === undefined });
    return { proc, port, dir, coldMs };
  } catch (err) {
    await stopProcess(proc);
    let why = '';
    try {
      const lines = readFileSync(logFile, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
      why = lines.find((l) => /error|exception/i.test(l)) ?? lines.at(-1) ?? '';
    } catch {}
    throw new Error(`${err.message} (exit ${proc.exitCode ?? 'none'}${why ? `: ${why.slice(0, 200)}` : ''}; log: ${relative(ROOT, logFile)})`);
  }
}

async function stopInstance(inst, o) {
  await stopProcess(inst.proc);
  if (!o.keep) {
    rmSync(inst.dir, { recursive: true, force: true });
    dirsToClean.delete(inst.dir);
  }
}

/** Stops the server and starts it again on the same data; `inst` is updated in place. */
async function restartInstance(inst, def, o, rawDir) {
  await stopProcess(inst.proc);
  const next = await startInstance(def, o, rawDir, inst.dir);
  Object.assign(inst, next);
  return next.coldMs;
}

async function loadTo(inst, from, to, o, label) {
  const client = createClient(inst.port, { connections: o.loadConcurrency });
  try {
    if (from === 0) await createTable(client);
    log(`${label}: loading items ${fmt(from)}..${fmt(to)} with BatchWriteItem`);
    const r = await loadItems(client, from, to, {
      concurrency: o.loadConcurrency,
      onProgress: (n) => log(`${label}: loaded ${fmt(from + n)} items`),
    });
    log(`${label}: loaded ${fmt(r.items)} items in ${r.seconds.toFixed(1)} s (${fmt(r.itemsPerSecond)} items/s)`);
    await verifyData(client, to);
    return r;
  } finally {
    client.close();
  }
}

/**
 * Waits (up to --quiet-timeout) until the rest of the machine is quiet: over a 1-second sample,
 * CPU used by anything other than this harness and the server below --max-other cores. The
 * machine is shared, and a run next to someone's test suite measures their suite too.
 */
async function waitForQuiet(inst, o, name) {
  if (o.quietTimeoutSeconds <= 0) return;
  const deadline = performance.now() + o.quietTimeoutSeconds * 1000;
  let other = 0;
  for (;;) {
    const h0 = hostBusySeconds();
    const s0 = cpuSeconds(inst.proc.pid);
    const m0 = harnessCpuSeconds();
    await new Promise((r) => setTimeout(r, 1000));
    other = hostBusySeconds() - h0 - (cpuSeconds(inst.proc.pid) - s0) - (harnessCpuSeconds() - m0);
    if (other < o.maxOther) return;
    if (performance.now() > deadline) {
      log(`${name}: the machine is still busy (${other.toFixed(2)} cores used by other processes); running anyway`);
      return;
    }
  }
}

/** One measured (or warm-up) wrk run; never throws. */
async function measure(inst, wl, items, o, duration) {
  if (inst.proc.exitCode !== undefined) return { failed: true, message: `server exited (${inst.proc.exitCode})` };
  const server0 = cpuSeconds(inst.proc.pid);
  const host0 = hostBusySeconds();
  const mine0 = harnessCpuSeconds();
  try {
    const r = await runWrk({ port: inst.port, workload: wl, items, duration, connections: o.connections, threads: o.threads, timeout: o.timeout });
    const server = cpuSeconds(inst.proc.pid) - server0;
    const mine = harnessCpuSeconds() - mine0; // wrk (reaped by now) + this harness
    r.cpuCores = server / r.seconds;
    r.generatorCores = mine / r.seconds;
    // Whatever else kept the machine's cores busy meanwhile: other people's processes, steal.
    r.otherCores = Math.max(0, hostBusySeconds() - host0 - server - mine) / r.seconds;
    const mem = memory(inst.proc.pid);
    r.rssBytes = mem.rss;
    r.anonBytes = mem.anon;
    delete r.stdout;
    if (inst.proc.exitCode !== undefined) return { failed: true, message: `server exited during the run (${inst.proc.exitCode})` };
    return r;
  } catch (err) {
    return { failed: true, message: err.message };
  }
}

function describeRun(r) {
  if (r.failed) return `failed: ${r.message}`;
  return (
    `${fmt(r.okPerSecond)} req/s  p50 ${r.p50ms.toFixed(2)} ms  p99 ${r.p99ms.toFixed(2)} ms  errors ${fmt(r.errors)}` +
    `  rss ${Math.round(r.rssBytes / 2 ** 20)} MB (anon ${Math.round(r.anonBytes / 2 ** 20)})  cpu: server ${r.cpuCores.toFixed(2)} wrk ${r.generatorCores.toFixed(2)} other ${r.otherCores.toFixed(2)}` +
    (r.errors && r.samples ? `\n        first error: ${r.samples.split('\n')[0].slice(0, 200)}` : '')
  );
}

/**
 * Runs the workloads `rounds` times, interleaved (round 1 of each workload, then round 2, …), so
 * a burst of outside load hits one round of several workloads rather than every round of one.
 * Unless --no-restart, the server is restarted on its data before every run, so no run inherits
 * another workload's heap, caches or leaks; each run then gets its own warm-up.
 */
async function runWorkloads(inst, def, o, items, label, rawDir, restarts) {
  const out = {};
  const active = [];
  for (const wl of o.workloads) {
    if (WORKLOADS[wl].transactions && !def.transactions) out[wl] = { na: `${def.name} has no ${WORKLOADS[wl].name}` };
    else {
      out[wl] = { runs: [] };
      active.push(wl);
    }
  }
  const allFailed = (r) => r.failed || (r.okPerSecond === 0 && r.errors > 0);
  let first = true;
  for (let round = 1; round <= o.rounds; round++) {
    for (const wl of active) {
      const w = out[wl];
      if (w.skip) continue;
      const name = `${label} ${WORKLOADS[wl].name} round ${round}/${o.rounds}`;
      if (o.restart && !first) {
        try {
          restarts.push(await restartInstance(inst, def, o, rawDir));
        } catch (err) {
          w.runs.push({ failed: true, message: `restart failed: ${err.message}` });
          log(`${name}: restart failed: ${err.message}`);
          return finish(out, active);
        }
      }
      first = false;
      if (o.warmupSeconds > 0 && (o.restart || round === 1)) await measure(inst, wl, items, o, o.warmup);
      await waitForQuiet(inst, o, name);
      const r = await measure(inst, wl, items, o, o.duration);
      log(`${name}: ${describeRun(r)}`);
      w.runs.push(r);
      if (!w.sample && r.samples) w.sample = r.samples.split('\n')[0];
      if (allFailed(r)) w.skip = true; // every request failed: later rounds would only repeat it
    }
    if (inst.proc.exitCode !== undefined && !o.restart) break;
  }
  return finish(out, active);
}

function finish(out, active) {
  for (const wl of active) {
    out[wl].summary = summarize(out[wl].runs);
    delete out[wl].skip;
  }
  return out;
}

async function benchServer(def, o, rawDir) {
  const s = { id: def.id, name: def.name, describe: def.describe, coldStartMs: [], workloads: {} };
  try {
    def.ensure();
  } catch (err) {
    s.error = err.message;
    log(`${def.name}: ${err.message}`);
    return s;
  }
  let inst;
  // Cold start: spawn on an empty data directory → first HTTP answer to ListTables, once per round;
  // the last instance is the one measured.
  for (let r = 0; r < o.rounds; r++) {
    try {
      inst = await startInstance(def, o, rawDir);
    } catch (err) {
      s.error = `start failed: ${err.message}`;
      log(`${def.name}: ${s.error}`);
      return s;
    }
    s.coldStartMs.push(inst.coldMs);
    log(`${def.name}: cold start ${inst.coldMs.toFixed(0)} ms (pid ${inst.proc.pid}, port ${inst.port})`);
    if (r < o.rounds - 1) await stopInstance(inst, o);
  }
  try {
    if (def.storage !== false) {
      try {
        s.load = await loadTo(inst, 0, o.items, o, def.name);
      } catch (err) {
        s.load = { error: err.message };
        log(`${def.name}: loading failed: ${err.message}`);
      }
    }
    ({ rss: s.rssAfterLoadBytes, anon: s.anonAfterLoadBytes } = memory(inst.proc.pid));
    s.restartMs = [];
    s.workloads = await runWorkloads(inst, def, o, o.items, def.name, rawDir, s.restartMs);
    if (inst.proc.exitCode !== undefined) s.error = `the server exited (${inst.proc.exitCode}); see bench/results/raw/*/${def.id}.log`;
    s.diskBytes = def.storage === false ? undefined : diskBytes(inst.dir);
  } finally {
    await stopInstance(inst, o);
  }
  return s;
}

async function scaleServer(def, o, rawDir) {
  const s = { id: def.id, name: def.name, describe: def.describe, coldStartMs: [], stages: [] };
  try {
    def.ensure();
  } catch (err) {
    s.error = err.message;
    return s;
  }
  let inst;
  try {
    inst = await startInstance(def, o, rawDir);
  } catch (err) {
    s.error = `start failed: ${err.message}`;
    return s;
  }
  s.coldStartMs.push(inst.coldMs);
  try {
    let loaded = 0;
    for (const size of o.sizes) {
      const stage = { items: size };
      s.stages.push(stage);
      if (def.storage !== false) {
        try {
          stage.load = await loadTo(inst, loaded, size, o, `${def.name} @${fmt(size)}`);
          loaded = size;
        } catch (err) {
          stage.load = { error: err.message };
          log(`${def.name}: loading failed: ${err.message}`);
          break;
        }
      }
      ({ rss: stage.rssAfterLoadBytes, anon: stage.anonAfterLoadBytes } = memory(inst.proc.pid));
      stage.diskBytes = def.storage === false ? undefined : diskBytes(inst.dir);
      stage.workloads = await runWorkloads(inst, def, o, size, `${def.name} @${fmt(size)}`, rawDir, []);
      if (inst.proc.exitCode !== undefined) {
        s.error = `the server exited (${inst.proc.exitCode})`;
        break;
      }
    }
  } finally {
    await stopInstance(inst, o);
  }
  return s;
}

function stamp(d) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}

function estimateSeconds(o) {
  const perServer = o.workloads.length * o.rounds * (o.durationSeconds + (o.restart ? o.warmupSeconds : o.warmupSeconds / o.rounds));
  return o.scale ? perServer * o.sizes.length * o.servers.length : perServer * o.servers.length;
}

/** Which Tessera ran: the commit, whether the tree had changes, and which cli.js. */
function tesseraVersion(o) {
  const git = (...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown commit';
  const dirty = git('status', '--porcelain', '--', 'src') !== '';
  const cli = relative(ROOT, o.tesseraCli ?? join(ROOT, 'dist', 'src', 'cli.js'));
  return `${commit}${dirty ? ' + uncommitted changes in src/' : ''} (${cli}${o.build ? ', built by --build' : ''})`;
}

const README_START = '<!-- bench:latest:start -->';
const README_END = '<!-- bench:latest:end -->';

/** Puts `body` between the bench markers of a markdown file, if it has them. */
function replaceBetweenMarkers(file, body) {
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(README_START);
  const b = text.indexOf(README_END);
  if (a >= 0 && b > a) writeFileSync(file, `${text.slice(0, a + README_START.length)}\n${body}\n${text.slice(b)}`);
}

/** The report's preamble (date, machine, settings) and its throughput, servers and targets sections. */
function headline(report) {
  const keep = ['## Requests/s', '## Servers', '## Targets'];
  return report
    .split(/(?=^## )/m)
    .filter((part, i) => i === 0 || keep.some((k) => part.startsWith(k)))
    .join('');
}

async function main() {
  let o;
  try {
    o = options();
  } catch (err) {
    console.error(`${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (!wrkVersion()) {
    console.error('wrk is not installed: `apt-get install -y wrk` (Debian) — it is the load generator.');
    process.exit(2);
  }
  mkdirSync(o.dataRoot, { recursive: true });
  if (o.build && runsTessera(o)) {
    const outDir = join(CACHE, 'tessera-dist');
    log(`compiling Tessera into ${relative(ROOT, outDir)} ...`);
    rmSync(outDir, { recursive: true, force: true });
    // tsc emits even when it reports type errors; only a missing cli.js stops the run.
    spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json'), '--outDir', outDir], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    o.tesseraCli = join(outDir, 'src', 'cli.js');
    if (!existsSync(o.tesseraCli)) {
      console.error(`the build produced no ${relative(ROOT, o.tesseraCli)}`);
      process.exit(1);
    }
    // The esbuild bundle `npm run build` adds, so the run measures what `npm start` runs (cli.js
    // loads the bundle when it is fresh). Without it, the run measures the ~170 modules as compiled.
    const bundled = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs'), outDir], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (bundled.status !== 0) {
      console.error(`bundling ${relative(ROOT, outDir)} failed`);
      process.exit(1);
    }
  }
  const started = new Date();
  const resultsDir = join(HERE, 'results');
  let id = stamp(started);
  for (let n = 2; existsSync(join(resultsDir, 'raw', id)); n++) id = `${stamp(started)}-${n}`;
  const rawDir = join(resultsDir, 'raw', id);
  mkdirSync(rawDir, { recursive: true });
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const results = {
    date: `${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    command,
    machine: machineInfo(o.dataRoot),
    tessera: runsTessera(o) ? tesseraVersion(o) : undefined,
    settings: {
      servers: o.servers,
      workloads: o.workloads,
      rounds: o.rounds,
      duration: o.duration,
      warmup: o.warmup,
      connections: o.connections,
      threads: o.threads,
      timeout: o.timeout,
      items: o.items,
      restart: o.restart,
      sizes: o.scale ? o.sizes : undefined,
    },
    servers: [],
  };
  log(
    `${o.scale ? 'scale run' : 'run'}: ${o.servers.join(', ')} × ${o.workloads.join(', ')}; ` +
      `${o.rounds} rounds × ${o.duration}; about ${Math.ceil(estimateSeconds(o) / 60)} min of load plus start-up and loading` +
      (o.scale ? ` (sizes ${o.sizes.map(fmt).join(', ')})` : ''),
  );
  const defs = serverDefinitions({ root: ROOT, cache: CACHE, tesseraCli: o.tesseraCli });
  for (const sid of o.servers) {
    const def = defs[sid];
    log(`=== ${def.name}`);
    const s = o.scale ? await scaleServer(def, o, rawDir) : await benchServer(def, o, rawDir);
    results.servers.push(s);
  }
  results.totalSeconds = (performance.now() - t0) / 1000;
  writeFileSync(join(rawDir, 'results.json'), JSON.stringify(results, null, 2));

  const report = (o.scale ? formatScaleReport(results) : formatReport(results)) + '\n';
  const prefix = o.scale ? 'scale-' : '';
  writeFileSync(join(resultsDir, `${prefix}${id}.md`), report);
  writeFileSync(join(resultsDir, `${prefix}latest.md`), report);

  const full = !o.scale && o.servers.length === SERVER_ORDER.length && o.workloads.length === Object.keys(WORKLOADS).length;
  if (full && o.readme) {
    // bench/README.md shows the whole report; the project README its headline tables.
    const body = report.replace(/^# .*\n/, `Latest full run (\`bench/results/${id}.md\`, ${results.date}):\n`);
    replaceBetweenMarkers(join(HERE, 'README.md'), body.replace(/^## /gm, '#### '));
    replaceBetweenMarkers(join(ROOT, 'README.md'), headline(body).replace(/^## /gm, '#### '));
  }
  console.log(report);
  log(`wrote ${relative(ROOT, join(resultsDir, `${prefix}${id}.md`))} and ${prefix}latest.md; raw runs and server logs in ${relative(ROOT, rawDir)}`);
}

main().catch((err) => {
  console.error(err);
  cleanup();
  process.exit(1);
});
