#!/usr/bin/env node
// Records golden scenarios against DynamoDB Local: every step without an "expect" gets the
// oracle's answer written in place. See test/golden/README.md.
//
//   node scripts/golden-record.mjs [--force] [--check] [--endpoint URL] [path-or-substring ...]
//
//   (no paths)   every scenario file under test/golden/
//   path         a scenario file or a folder (relative to the repo or to test/golden/)
//   substring    scenario files whose path under test/golden/ contains it
//   --force      re-record every step, not only the ones without "expect"
//   --check      write nothing; re-run every selected scenario and report where the oracle's
//                answer now differs from the recorded one (after normalisation)
//   --endpoint   the oracle (default $GOLDEN_ENDPOINT or http://localhost:8001)
//
// Needs a build first (npm run build): the harness is shared with the replay test and is
// imported from dist/. The oracle is shared with other people: the recorder deletes only the
// tables its scenarios create, before and after each one.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve, relative, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const goldenRoot = join(repo, 'test/golden');
const harnessPath = join(repo, 'dist/test/golden/harness.js');
if (!existsSync(harnessPath)) {
  console.error(`${relative(process.cwd(), harnessPath)} is missing: run \`npm run build\` (or npx tsc -p tsconfig.json) first`);
  process.exit(2);
}
const h = await import(pathToFileURL(harnessPath).href);

const args = process.argv.slice(2);
let force = false;
let check = false;
let endpoint = process.env.GOLDEN_ENDPOINT || 'http://localhost:8001';
const selectors = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--force') force = true;
  else if (a === '--check') check = true;
  else if (a === '--endpoint') endpoint = args[++i];
  else if (a === '--help' || a === '-h') {
    console.log('usage: node scripts/golden-record.mjs [--force] [--check] [--endpoint URL] [path-or-substring ...]');
    process.exit(0);
  } else selectors.push(a);
}

const all = h.loadScenarios(goldenRoot);
const selected = all.filter((f) => {
  if (selectors.length === 0) return true;
  return selectors.some((sel) => {
    for (const base of [process.cwd(), goldenRoot]) {
      const p = resolve(base, sel);
      if (existsSync(p)) {
        if (statSync(p).isDirectory()) return f.path.startsWith(p.endsWith('/') ? p : `${p}/`);
        return f.path === p;
      }
    }
    return f.id.includes(sel);
  });
});
if (selected.length === 0) {
  console.error('no scenario files selected');
  process.exit(1);
}

const problems = selected.flatMap(h.lintScenario);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}

// Table names must be unique across all scenarios: DynamoDB Local is shared, and case-insensitive.
const owner = new Map();
for (const f of all) {
  // A malformed file elsewhere is the replay's "well formed" test's business, not this run's.
  if (!Array.isArray(f.scenario?.steps)) continue;
  for (const name of h.tablesCreated(f.scenario)) {
    const other = owner.get(name.toLowerCase());
    if (other && other !== f.id) {
      console.error(`table ${name} is created by both ${other} and ${f.id}: table names must be unique per scenario`);
      process.exit(1);
    }
    owner.set(name.toLowerCase(), f.id);
  }
}

try {
  await h.runStep(endpoint, { op: 'ListTables', body: { Limit: 1 } }, {});
} catch (err) {
  console.error(`cannot reach the oracle at ${endpoint}: ${err.cause?.message ?? err.message}`);
  process.exit(2);
}

async function dropTables(names) {
  for (const TableName of names) {
    const d = await h.runStep(endpoint, { op: 'DescribeTable', body: { TableName } }, {});
    if (d.status !== 200) continue;
    if (d.body?.Table?.DeletionProtectionEnabled) {
      await h.runStep(endpoint, { op: 'UpdateTable', body: { TableName, DeletionProtectionEnabled: false } }, {});
    }
    await h.runStep(endpoint, { op: 'DeleteTable', body: { TableName } }, {});
  }
}

let recorded = 0;
let drifted = 0;
let needOverride = 0;
for (const file of selected) {
  const { scenario } = file;
  const todo = scenario.steps.some((s) => !s.expect);
  if (!check && !force && !todo) continue;
  const tables = h.tablesCreated(scenario);
  await dropTables(tables);
  const vars = {};
  let changed = false;
  try {
    for (const [i, step] of scenario.steps.entries()) {
      const actual = await h.runStep(endpoint, step, vars);
      const label = `${file.id} step ${i} ${step.op}`;
      if (!check && (force || !step.expect)) {
        step.expect = actual;
        changed = true;
        recorded++;
      } else if (step.expect) {
        const d = h.compare(actual, step.expect, h.optionsFor(scenario, step));
        if (d) {
          drifted++;
          console.log(`DRIFT ${label}: the oracle's answer differs from the recorded one\n${d}`);
        }
      }
      if (actual.status >= 500 && !step.override) {
        needOverride++;
        console.log(`NOTE  ${label}: the oracle answered ${actual.status}; add an "override" with DynamoDB's documented answer`);
      }
    }
  } finally {
    await dropTables(tables);
  }
  if (changed) {
    writeFileSync(file.path, `${JSON.stringify(scenario, null, 2)}\n`);
    console.log(`wrote ${relative(process.cwd(), file.path)}`);
  }
}
console.log(
  `${recorded} step(s) recorded, ${drifted} drifted, ${needOverride} oracle 5xx answer(s) without an override, ` +
    `${selected.length} file(s) selected (oracle ${endpoint})`,
);
process.exit(drifted ? 1 : 0);
