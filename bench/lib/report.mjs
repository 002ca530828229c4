/**
 * Turns a results object (see run.mjs) into the markdown report. Pure functions of their input,
 * so the smoke test can exercise them without any server.
 */
import { WORKLOADS } from './wrk.mjs';

export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Median of each metric over the rounds of one server × workload. */
export function summarize(runs) {
  const ok = runs.filter((r) => !r.failed);
  return {
    rounds: runs.length,
    okPerSecond: median(ok.map((r) => r.okPerSecond)),
    p50ms: median(ok.map((r) => r.p50ms)),
    p99ms: median(ok.map((r) => r.p99ms)),
    errors: ok.reduce((n, r) => n + r.errors, 0),
    requests: ok.reduce((n, r) => n + r.requests, 0),
    rssBytes: Math.max(0, ...ok.map((r) => r.rssBytes ?? 0)),
    anonBytes: Math.max(0, ...ok.map((r) => r.anonBytes ?? 0)),
    cpuCores: median(ok.map((r) => r.cpuCores)),
    otherCores: median(ok.map((r) => r.otherCores)),
    failure: runs.find((r) => r.failed)?.message,
  };
}

const fmtInt = (n) => (n === undefined ? '—' : Math.round(n).toLocaleString('en-US'));
const fmtMs = (n) => (n === undefined ? '—' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toString());
const fmtMB = (b) => (b ? `${Math.round(b / (1024 * 1024))} MB` : '—');
/** "RSS (anon N)": VmRSS, and how much of it is the process's own memory rather than mapped files. */
const fmtMem = (rss, anon) => (rss ? `${fmtMB(rss)}${anon ? ` (${Math.round(anon / 2 ** 20)})` : ''}` : '—');
const fmtX = (n) => (n === undefined || !Number.isFinite(n) ? '—' : n >= 10 ? `${n.toFixed(0)}×` : `${n.toFixed(1)}×`);
const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

export function formatMachine(m) {
  return `${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB RAM; Linux ${m.kernel}; Node ${m.node}; ${m.java}; ${m.wrk ?? 'wrk not found'}`;
}

function cell(server, wl) {
  const w = server.workloads?.[wl];
  if (!w) return server.error ? 'failed' : '—';
  if (w.na) return 'n/a';
  const s = w.summary;
  if (!s || s.okPerSecond === undefined) return 'failed';
  if (s.okPerSecond === 0 && s.errors > 0) return 'errors';
  return fmtInt(s.okPerSecond) + (s.errors ? ' ⚠' : '');
}

/** Throughput of server `id` for workload `wl`, if it ran cleanly. */
function rate(results, id, wl) {
  const s = results.servers.find((x) => x.id === id)?.workloads?.[wl]?.summary;
  return s && s.okPerSecond > 0 ? s.okPerSecond : undefined;
}

export function formatReport(results) {
  const { settings, servers } = results;
  const workloads = settings.workloads;
  const lines = [];
  const hasTessera = servers.some((s) => s.id === 'tessera');
  lines.push(`# Tessera benchmark — ${results.date}`);
  lines.push('');
  lines.push(`- **Machine:** ${formatMachine(results.machine)}`);
  lines.push(
    `- **Settings:** ${fmtInt(settings.items)} items of ~250 B (20 per partition), ${settings.connections} connections, ` +
      `${settings.threads} wrk thread${settings.threads === 1 ? '' : 's'}, ${settings.duration} per run, ` +
      `median of ${settings.rounds} round${settings.rounds === 1 ? '' : 's'}` +
      (settings.restart === false
        ? `, one server process for all runs${settings.warmup !== '0s' ? `, ${settings.warmup} warm-up per workload` : ''}; `
        : `, server restarted on its data before each run${settings.warmup !== '0s' ? ` + ${settings.warmup} warm-up` : ''}; `) +
      `data on disk (${results.machine.dataFs ?? 'unknown fs'}); load average at start ${results.machine.loadavg}`,
  );
  if (results.tessera) lines.push(`- **Tessera:** ${results.tessera}`);
  lines.push(`- **Command:** \`${results.command}\``);
  lines.push('');

  lines.push('## Requests/s (2xx answers per second, median)');
  lines.push('');
  const peers = hasTessera ? [['dynalite', 'Tessera ÷ dynalite'], ['ddbl', 'Tessera ÷ DDB Local']].filter(([id]) => servers.some((s) => s.id === id)) : [];
  // The read-helper configuration is compared with the default Tessera, whose figures the targets use.
  const helperRatio = hasTessera && servers.some((s) => s.id === 'tessera-rh') ? ['With a read helper ÷ without'] : [];
  const extra = [...peers.map(([, title]) => title), ...helperRatio];
  lines.push(`| Workload | ${servers.map((s) => s.name).join(' | ')}${extra.map((e) => ` | ${e}`).join('')} |`);
  lines.push(`|---|${servers.map(() => '---:').join('|')}${extra.map(() => '|---:').join('')}|`);
  for (const wl of workloads) {
    const row = [WORKLOADS[wl].name, ...servers.map((s) => cell(s, wl))];
    const t = rate(results, 'tessera', wl);
    for (const [id] of peers) {
      const p = rate(results, id, wl);
      row.push(t && p ? fmtX(t / p) : '—');
    }
    if (helperRatio.length) {
      const h = rate(results, 'tessera-rh', wl);
      row.push(t && h ? `${(h / t).toFixed(2)}×` : '—');
    }
    lines.push(`| ${row.join(' | ')} |`);
  }
  lines.push('');
  lines.push('⚠ = some requests failed (see the errors column below); "errors" = every request failed; n/a = the server has no such operation.');
  lines.push('');

  const bare = rate(results, 'bare', 'get');
  const tGet = rate(results, 'tessera', 'get');
  if (hasTessera && servers.some((s) => s.id === 'bare')) {
    const hGet = rate(results, 'tessera-rh', 'get');
    lines.push(
      `**Ceiling:** Tessera GetItem = ${tGet && bare ? `${((100 * tGet) / bare).toFixed(0)}%` : '— (no clean Tessera GetItem run)'} ` +
        `of the bare Node server (${fmtInt(bare)} req/s); target ≥ 70%.` +
        (hGet && bare ? ` With a read helper: ${((100 * hGet) / bare).toFixed(0)}% (the bare server uses one process).` : ''),
    );
    lines.push('');
  }

  lines.push('## Every server × workload');
  lines.push('');
  lines.push('| Server | Workload | req/s | p50 ms | p99 ms | errors | RSS after run (anon) | server CPU (cores) | others\' CPU (cores) |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of servers) {
    for (const wl of workloads) {
      const w = s.workloads?.[wl];
      if (!w) continue;
      if (w.na) {
        lines.push(`| ${s.name} | ${WORKLOADS[wl].name} | n/a | | | | | | |`);
        continue;
      }
      const m = w.summary;
      lines.push(
        `| ${s.name} | ${WORKLOADS[wl].name} | ${fmtInt(m.okPerSecond)} | ${fmtMs(m.p50ms)} | ${fmtMs(m.p99ms)} | ` +
          `${m.failure ? `failed: ${esc(m.failure).slice(0, 80)}` : fmtInt(m.errors)} | ${fmtMem(m.rssBytes, m.anonBytes)} | ${m.cpuCores?.toFixed(2) ?? '—'} | ${m.otherCores?.toFixed(2) ?? '—'} |`,
      );
    }
  }
  lines.push('');

  lines.push('## Servers');
  lines.push('');
  lines.push('| Server | cold start (median) | cold starts | restart with data (median) | load (items/s) | RSS after load (anon) | disk after run | started as |');
  lines.push('|---|---:|---|---:|---:|---:|---:|---|');
  for (const s of servers) {
    const load = s.load?.error
      ? `failed: ${esc(s.load.error).slice(0, 60)}`
      : s.load?.itemsPerSecond
        ? `${fmtInt(s.load.itemsPerSecond)} (${s.load.seconds.toFixed(1)} s)`
        : 'n/a';
    lines.push(
      `| ${s.name} | ${s.error && !s.coldStartMs?.length ? 'failed to start' : `${fmtInt(median(s.coldStartMs ?? []))} ms`} | ` +
        `${(s.coldStartMs ?? []).map((x) => Math.round(x)).join(', ')} | ${s.restartMs?.length ? `${fmtInt(median(s.restartMs))} ms` : '—'} | ${load} | ${fmtMem(s.rssAfterLoadBytes, s.anonAfterLoadBytes)} | ${fmtMB(s.diskBytes)} | \`${s.describe}\` |`,
    );
  }
  lines.push('');

  const samples = [];
  for (const s of servers) {
    if (s.error) samples.push(`- **${s.name}**: ${esc(s.error).slice(0, 300)}`);
    for (const wl of workloads) {
      const w = s.workloads?.[wl];
      if (!w || w.na) continue;
      const first = w.sample ?? w.summary?.failure;
      if (first) samples.push(`- **${s.name} / ${WORKLOADS[wl].name}**: \`${esc(first).slice(0, 240)}\``);
    }
  }
  if (samples.length) {
    lines.push('## First errors');
    lines.push('');
    lines.push(...samples);
    lines.push('');
  }

  if (hasTessera) lines.push(...formatTargets(results), '');
  return lines.join('\n');
}

/** Issue 7's targets, checked against this run (✓ met, ✗ missed, — not measured here). */
export function formatTargets(results) {
  const out = ['## Targets (issue 7)', '', '| Target | Measured | |', '|---|---|---|'];
  const mark = (ok) => (ok === undefined ? '—' : ok ? '✓' : '✗');
  const t = results.servers.find((s) => s.id === 'tessera');
  const ran = (id, wl) => {
    const w = results.servers.find((s) => s.id === id)?.workloads?.[wl];
    return w !== undefined && !w.na;
  };
  for (const wl of results.settings.workloads) {
    const tr = rate(results, 'tessera', wl);
    const name = WORKLOADS[wl].name;
    if (ran('dynalite', wl)) {
      const d = rate(results, 'dynalite', wl);
      out.push(`| ${name} ≥ 3× dynalite | ${tr && d ? fmtX(tr / d) : '—'} | ${mark(tr && d ? tr / d >= 3 : tr ? undefined : false)} |`);
    }
    if (ran('ddbl', wl)) {
      const l = rate(results, 'ddbl', wl);
      const need = WORKLOADS[wl].write ? 10 : 4;
      out.push(`| ${name} ≥ ${need}× DynamoDB Local | ${tr && l ? fmtX(tr / l) : '—'} | ${mark(tr && l ? tr / l >= need : tr ? undefined : false)} |`);
    }
  }
  const bare = rate(results, 'bare', 'get');
  const tg = rate(results, 'tessera', 'get');
  if (bare) out.push(`| GetItem ≥ 70% of the bare ceiling | ${tg ? `${((100 * tg) / bare).toFixed(0)}%` : '—'} | ${mark(tg ? tg / bare >= 0.7 : false)} |`);
  for (const wl of ['get', 'put', 'update']) {
    const s = t?.workloads?.[wl]?.summary;
    if (!s) continue;
    const clean = s.okPerSecond > 0 && s.errors === 0;
    out.push(`| ${WORKLOADS[wl].name} p99 ≤ 5 ms at ${results.settings.connections} connections | ${clean ? `${fmtMs(s.p99ms)} ms` : '—'} | ${mark(clean ? s.p99ms <= 5 : false)} |`);
  }
  const cold = median(t?.coldStartMs ?? []);
  out.push(`| cold start < 150 ms | ${cold !== undefined ? `${Math.round(cold)} ms` : '—'} | ${mark(cold !== undefined ? cold < 150 : false)} |`);
  const tw = Object.values(t?.workloads ?? {}).filter((w) => !w.na);
  const clean = tw.length > 0 && tw.every((w) => w.summary?.errors === 0 && w.summary?.okPerSecond > 0);
  out.push(`| errors = 0 | ${tw.length ? fmtInt(tw.reduce((n, w) => n + (w.summary?.errors ?? 0), 0)) : '—'} | ${mark(clean)} |`);
  out.push('');
  out.push('RSS < 150 MB after 1M items and flat latency from 10k to 10M items are measured by `npm run bench -- --scale`.');
  return out;
}

/** The --scale report: one server, several data-set sizes. */
export function formatScaleReport(results) {
  const lines = [];
  lines.push(`# Tessera benchmark, scale — ${results.date}`);
  lines.push('');
  lines.push(`- **Machine:** ${formatMachine(results.machine)}`);
  lines.push(
    `- **Settings:** sizes ${results.settings.sizes.map(fmtInt).join(', ')} items (~250 B, 20 per partition), ${results.settings.connections} connections, ` +
      `${results.settings.duration} per run, median of ${results.settings.rounds}; data on disk (${results.machine.dataFs ?? 'unknown fs'})`,
  );
  if (results.tessera) lines.push(`- **Tessera:** ${results.tessera}`);
  lines.push(`- **Command:** \`${results.command}\``);
  lines.push('');
  lines.push('| Server | Items | Workload | req/s | p50 ms | p99 ms | errors | RSS after run (anon) |');
  lines.push('|---|---:|---|---:|---:|---:|---:|---:|');
  for (const s of results.servers) {
    for (const stage of s.stages ?? []) {
      for (const wl of results.settings.workloads) {
        const m = stage.workloads?.[wl]?.summary;
        if (!m) continue;
        lines.push(
          `| ${s.name} | ${fmtInt(stage.items)} | ${WORKLOADS[wl].name} | ${fmtInt(m.okPerSecond)} | ${fmtMs(m.p50ms)} | ${fmtMs(m.p99ms)} | ` +
            `${m.failure ? `failed: ${esc(m.failure).slice(0, 60)}` : fmtInt(m.errors)} | ${fmtMem(m.rssBytes, m.anonBytes)} |`,
        );
      }
    }
  }
  lines.push('');
  lines.push('| Server | Items | load time (this stage) | load items/s | RSS after load (anon) | disk after load |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const s of results.servers) {
    for (const stage of s.stages ?? []) {
      lines.push(
        `| ${s.name} | ${fmtInt(stage.items)} | ${stage.load?.error ? `failed: ${esc(stage.load.error).slice(0, 60)}` : `${stage.load?.seconds?.toFixed(1) ?? '—'} s`} | ` +
          `${fmtInt(stage.load?.itemsPerSecond)} | ${fmtMem(stage.rssAfterLoadBytes, stage.anonAfterLoadBytes)} | ${fmtMB(stage.diskBytes)} |`,
      );
    }
  }
  lines.push('');
  const errs = results.servers.filter((s) => s.error).map((s) => `- **${s.name}**: ${esc(s.error).slice(0, 300)}`);
  if (errs.length) lines.push('## Errors', '', ...errs, '');
  lines.push(`Total time: ${Math.round(results.totalSeconds ?? 0)} s.`);
  return lines.join('\n');
}
