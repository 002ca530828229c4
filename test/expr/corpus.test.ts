/**
 * Replays the expression corpus recorded from DynamoDB Local (test/golden/expr/recorded) against
 * src/expr: the same outcome, the same error message word for word. Re-record with
 * scripts/record-expr-corpus.py. EXPR_FILTER=<substring of a case id> narrows the run.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { compareOutcome, loadCorpus, runCase } from './corpus-harness.js';

// dist/test/expr/corpus.test.js → <repo>/test/golden/expr/recorded/
const DIR = fileURLToPath(new URL('../../../test/golden/expr/recorded/', import.meta.url));
const filter = process.env['EXPR_FILTER'];

describe('expression corpus (recorded from DynamoDB Local)', () => {
  for (const { file, cases } of loadCorpus(DIR)) {
    test(`${file}: ${cases.length} cases`, () => {
      const failures: string[] = [];
      for (const c of cases) {
        if (filter && !c.id.includes(filter)) continue;
        const problem = compareOutcome(c, runCase(c));
        if (problem) failures.push(`${c.id} ${JSON.stringify(c.params).slice(0, 300)}\n  ${problem}`);
      }
      if (failures.length) assert.fail(`${failures.length} of ${cases.length} disagree:\n${failures.join('\n')}`);
    });
  }
});
