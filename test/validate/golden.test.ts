/**
 * Replays the request-validation golden scenarios (test/golden/validate/*.json, recorded from
 * DynamoDB Local, with `override`s carrying the real service's answer where DynamoDB Local differs)
 * directly against validateRequest — no server involved.
 *
 * For each step the wanted answer is `override ?? expect`:
 * - a SerializationException, or a ValidationException worded by the validation layer (coral's
 *   "N validation error(s) detected: …" and the few table-name/scan-segment messages of
 *   src/validate), must be thrown by validateRequest with the same __type and message;
 * - anything else (success, ResourceNotFound, semantic ValidationExceptions of later layers…)
 *   means the request is well-formed: validateRequest must not throw.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { validateRequest, type Service } from '../../src/validate/index.js';
import { DynamoError } from '../../src/errors.js';

// dist/test/validate/golden.test.js → <repo>/test/golden/validate/
const DIR = fileURLToPath(new URL('../../../test/golden/validate/', import.meta.url));

interface Answer {
  status: number;
  body?: { __type?: string; message?: string; Message?: string };
}
interface Step {
  op: string;
  body?: unknown;
  note?: string;
  expect?: Answer;
  override?: Answer;
}

const VALIDATE_MESSAGES = [
  /^\d+ validation errors? detected: /,
  /^The parameter 'TableName' is required but was not present in the request$/,
  /^If segment is specified, total segment must also be specified$/,
  /^If total segments is specified, a particular segment must also be specified for this request$/,
];

function fromValidateLayer(a: Answer): boolean {
  const type = a.body?.__type ?? '';
  if (type.endsWith('#SerializationException')) return true;
  if (!type.endsWith('#ValidationException')) return false;
  const message = a.body?.message ?? a.body?.Message ?? '';
  return VALIDATE_MESSAGES.some((re) => re.test(message));
}

function expandRepeat(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(expandRepeat);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$repeat === 'string' && typeof o.count === 'number') return o.$repeat.repeat(o.count);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, expandRepeat(x)]));
  }
  return v;
}

function target(op: string): [Service, string] {
  const dot = op.indexOf('.');
  if (dot < 0) return ['dynamodb', op];
  return [op.startsWith('DynamoDBStreams_') ? 'streams' : 'dynamodb', op.slice(dot + 1)];
}

function run(service: Service, op: string, body: unknown): DynamoError | null {
  try {
    validateRequest(service, op, body);
    return null;
  } catch (e) {
    if (e instanceof DynamoError) return e;
    throw e;
  }
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('validate golden scenarios', () => {
  test('there are scenario files', () => assert.ok(files.length > 0));
  for (const file of files) {
    const scenario = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { name?: string; steps: Step[] };
    test(`${file} — ${scenario.name ?? ''}`, () => {
      const failures: string[] = [];
      let checked = 0;
      scenario.steps.forEach((step, i) => {
        const wanted = step.override ?? step.expect;
        if (!wanted) {
          failures.push(`step ${i} (${step.op}) has no recorded answer`);
          return;
        }
        const [service, op] = target(step.op);
        const got = run(service, op, expandRepeat(step.body ?? {}));
        const where = `step ${i} ${step.op} (${step.note ?? ''})`;
        checked++;
        if (fromValidateLayer(wanted)) {
          const wantType = wanted.body!.__type!;
          const wantMessage = wanted.body!.message ?? wanted.body!.Message;
          if (!got) failures.push(`${where}: validateRequest accepted it; wanted ${wantType}: ${wantMessage}`);
          else if (got.fullType !== wantType || got.message !== wantMessage || got.statusCode !== wanted.status) {
            failures.push(`${where}:\n    got    ${got.statusCode} ${got.fullType}: ${got.message}\n    wanted ${wanted.status} ${wantType}: ${wantMessage}`);
          }
        } else if (got) {
          failures.push(`${where}: validateRequest rejected a well-formed request: ${got.fullType}: ${got.message}`);
        }
      });
      assert.ok(checked > 0);
      assert.deepEqual(failures, []);
    });
  }
});
