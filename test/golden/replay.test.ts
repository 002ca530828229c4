/**
 * Replays every recorded scenario under test/golden/** against a fresh in-memory Tessera and
 * compares each answer with DynamoDB Local's (or with the step's documented `override`).
 * Format and normaliser: test/golden/README.md. Filter with GOLDEN_FILTER=<substring of path>.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../src/index.js';
import {
  compare,
  lintScenario,
  loadScenarios,
  optionsFor,
  runScenario,
  tablesCreated,
  wanted,
  type ScenarioFile,
} from './harness.js';

// dist/test/golden/replay.test.js → <repo>/test/golden/
const ROOT = fileURLToPath(new URL('../../../test/golden/', import.meta.url));
const notScenarios: string[] = [];
const files = loadScenarios(ROOT, notScenarios);
const filter = process.env.GOLDEN_FILTER;

describe('golden scenario files', () => {
  test('are well formed', (t) => {
    if (notScenarios.length) t.diagnostic(`not scenarios (no "steps"), left to their own runners: ${notScenarios.join(', ')}`);
    const problems = files.flatMap(lintScenario);
    assert.deepEqual(problems, []);
  });

  test('create tables whose names are unique across scenarios (DynamoDB Local is shared, names case-insensitive)', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const f of files) {
      for (const name of tablesCreated(f.scenario)) {
        const key = name.toLowerCase();
        const other = owner.get(key);
        if (other && other !== f.id) clashes.push(`${name}: ${other} and ${f.id}`);
        else owner.set(key, f.id);
      }
    }
    assert.deepEqual(clashes, []);
  });
});

const replayable = files.filter(
  (f) => f.scenario.replay !== false && (!filter || f.id.includes(filter)) && f.scenario.steps?.length,
);

describe('golden replay', { concurrency: 8 }, () => {
  for (const file of replayable) {
    test(file.scenario.name ? `${file.id} — ${file.scenario.name}` : file.id, () => replay(file));
  }
});

async function replay(file: ScenarioFile): Promise<void> {
  const unrecorded = file.scenario.steps.findIndex((s) => !s.expect && !s.override);
  if (unrecorded >= 0) {
    assert.fail(`step ${unrecorded} has no "expect": record it with \`node scripts/golden-record.mjs ${file.id}\``);
  }
  const server = await startServer({ port: 0, inMemory: true });
  try {
    const results = await runScenario(server.url, file.scenario);
    const failures: string[] = [];
    for (const { index, step, actual } of results) {
      const want = wanted(step)!;
      const problem = compare(actual, want, optionsFor(file.scenario, step));
      if (problem) {
        const hint =
          !step.override && want.status >= 500
            ? '\n  (DynamoDB Local answered 5xx here: add an "override" with the real service\'s documented answer)'
            : '';
        failures.push(`step ${index} ${step.op}${step.note ? ` (${step.note})` : ''}:\n${indent(problem)}${hint}`);
      }
      if (actual.status >= 500) {
        failures.push(`step ${index} ${step.op}: Tessera answered ${actual.status}, which is always a bug`);
      }
    }
    if (failures.length) assert.fail(`${file.id}\n${failures.join('\n')}`);
  } finally {
    await server.close();
  }
}

function indent(s: string): string {
  return s
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
