/**
 * The golden harness: loads recorded oracle conversations (scenario files under test/golden/**),
 * runs their steps against an endpoint, and compares answers after a documented normalisation.
 *
 * Shared by test/golden/replay.test.ts (replays against a fresh in-memory Tessera) and
 * scripts/golden-record.mjs (records the `expect`s from DynamoDB Local). The format and the
 * normaliser are documented in test/golden/README.md; keep the two in step.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';

export interface Answer {
  status: number;
  body: unknown;
}

export interface Override extends Answer {
  /** Why DynamoDB's real answer differs from DynamoDB Local's; cite the source. Required. */
  why: string;
}

export interface Step {
  /** Operation name (`PutItem`) or a full target (`DynamoDBStreams_20120810.ListStreams`). */
  op: string;
  /**
   * The JSON request body. `${name}` in any string is replaced by a captured value;
   * `{"$repeat": "x", "count": 1024}` stands for a string of 1024 x's.
   */
  body?: unknown;
  /** Sent verbatim instead of `body` (malformed JSON and the like). */
  rawBody?: string;
  /** Send the body gzip-compressed with `Content-Encoding: gzip`. */
  gzip?: boolean;
  /** Extra headers, or replacements for the defaults; `null` removes a default header. */
  headers?: Record<string, string | null>;
  /** Wait this long before sending the step (e.g. for a GSI to become ACTIVE). */
  waitMs?: number;
  /** Variables taken from this step's response body: name → path. */
  capture?: Record<string, string>;
  /** Paths whose value is not compared (only presence). */
  volatile?: string[];
  /** Paths removed from both sides before comparing (neither presence nor value compared). */
  ignore?: string[];
  /** Paths of arrays compared as multisets (order ignored). */
  unordered?: string[];
  /** Free text for readers. */
  note?: string;
  /** DynamoDB Local's answer, written by scripts/golden-record.mjs. */
  expect?: Answer;
  /** The real service's documented answer where DynamoDB Local is known to differ (reference §4). */
  override?: Override;
}

export interface Scenario {
  /** Defaults to the file name. */
  name?: string;
  description?: string;
  /** `false`: recorded but not replayed (say why in `description`). */
  replay?: boolean;
  volatile?: string[];
  ignore?: string[];
  unordered?: string[];
  steps: Step[];
}

export interface ScenarioFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the golden root, e.g. `tables/create-table-names.json`. */
  id: string;
  scenario: Scenario;
}

export const DEFAULT_HEADERS: Record<string, string> = {
  'Content-Type': 'application/x-amz-json-1.0',
  Authorization:
    'AWS4-HMAC-SHA256 Credential=fakeKey/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x',
};

/**
 * Every scenario file under `root` (recursively), sorted by path. A scenario is a JSON object with
 * a `steps` member; other JSON files (corpora with runners of their own) are listed in `skipped`.
 */
export function loadScenarios(root: string, skipped: string[] = []): ScenarioFile[] {
  const out: ScenarioFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) {
        let scenario: Scenario;
        try {
          scenario = JSON.parse(readFileSync(path, 'utf8')) as Scenario;
        } catch (err) {
          throw new Error(`${path}: not valid JSON: ${(err as Error).message}`);
        }
        if (!scenario || typeof scenario !== 'object' || !('steps' in scenario)) {
          skipped.push(relative(root, path));
          continue;
        }
        out.push({ path, id: relative(root, path), scenario });
      }
    }
  };
  walk(root);
  return out;
}

/** Problems with a scenario file's shape; empty when it is well formed. */
export function lintScenario(file: ScenarioFile): string[] {
  const problems: string[] = [];
  const s = file.scenario;
  if (!s || typeof s !== 'object' || !Array.isArray(s.steps) || s.steps.length === 0) {
    return [`${file.id}: a scenario needs a non-empty "steps" array`];
  }
  s.steps.forEach((step, i) => {
    const at = `${file.id} step ${i} (${step?.op})`;
    if (typeof step?.op !== 'string' || step.op === '') problems.push(`${at}: "op" must be a non-empty string`);
    if (step.body !== undefined && step.rawBody !== undefined) problems.push(`${at}: give "body" or "rawBody", not both`);
    if (step.override && (typeof step.override.why !== 'string' || step.override.why.trim() === '')) {
      problems.push(`${at}: an "override" needs a "why" citing the documented difference`);
    }
    if (step.override && typeof step.override.status !== 'number') problems.push(`${at}: "override" needs a "status"`);
  });
  return problems;
}

/** Names of the tables a scenario creates (to check uniqueness and to clean up the oracle). */
export function tablesCreated(s: Scenario): string[] {
  const names = new Set<string>();
  for (const step of s.steps) {
    const body = step.body as Record<string, unknown> | undefined;
    if (step.op === 'CreateTable' && body && typeof body.TableName === 'string') names.add(body.TableName);
  }
  return [...names];
}

// ---------------------------------------------------------------------------------------------
// Running steps

export type Vars = Record<string, unknown>;

export function interpolate(value: unknown, vars: Vars): unknown {
  if (isRepeat(value)) return value.$repeat.repeat(value.count);
  if (typeof value === 'string') {
    const whole = /^\$\{([A-Za-z0-9_]+)\}$/.exec(value);
    if (whole && whole[1]! in vars) return vars[whole[1]!];
    return value.replace(/\$\{([A-Za-z0-9_]+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, vars)]));
  }
  return value;
}

/** `{"$repeat": "ab", "count": 3}` in a body stands for "ababab" (for size-limit scenarios). */
function isRepeat(v: unknown): v is { $repeat: string; count: number } {
  return (
    !!v &&
    typeof v === 'object' &&
    typeof (v as { $repeat?: unknown }).$repeat === 'string' &&
    typeof (v as { count?: unknown }).count === 'number' &&
    Object.keys(v).length === 2
  );
}

export function target(op: string): string {
  return op.includes('.') ? op : `DynamoDB_20120810.${op}`;
}

/** Sends one step to `endpoint` and returns its answer; captures variables into `vars`. */
export async function runStep(endpoint: string, step: Step, vars: Vars): Promise<Answer> {
  if (step.waitMs) await new Promise((r) => setTimeout(r, step.waitMs));
  const headers: Record<string, string> = { ...DEFAULT_HEADERS, 'X-Amz-Target': target(step.op) };
  for (const [k, v] of Object.entries(step.headers ?? {})) {
    const existing = Object.keys(headers).find((h) => h.toLowerCase() === k.toLowerCase());
    if (existing) delete headers[existing];
    if (v !== null) headers[k] = String(interpolate(v, vars));
  }
  let payload: Buffer = Buffer.from(
    step.rawBody !== undefined ? step.rawBody : JSON.stringify(interpolate(step.body ?? {}, vars)),
    'utf8',
  );
  if (step.gzip) {
    payload = gzipSync(payload);
    headers['Content-Encoding'] = 'gzip';
  }
  const res = await fetch(endpoint, { method: 'POST', headers, body: payload });
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = { __raw: text };
  }
  for (const [name, path] of Object.entries(step.capture ?? {})) {
    const found = getPath(body, path);
    if (found !== undefined) vars[name] = found;
  }
  return { status: res.status, body };
}

function getPath(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------
// The normaliser. Applied to both the expected and the actual answer before comparing.

/** Keys whose values are opaque or time-dependent in every answer (→ a placeholder). */
const OPAQUE_KEYS: Record<string, string> = {
  ShardIterator: '<SHARD_ITERATOR>',
  NextShardIterator: '<SHARD_ITERATOR>',
  eventID: '<EVENT_ID>',
  SequenceNumber: '<SEQUENCE_NUMBER>',
  StartingSequenceNumber: '<SEQUENCE_NUMBER>',
  EndingSequenceNumber: '<SEQUENCE_NUMBER>',
  ShardId: '<SHARD_ID>',
  ParentShardId: '<SHARD_ID>',
  LatestStreamLabel: '<STREAM_LABEL>',
  StreamLabel: '<STREAM_LABEL>',
};

/** Keys removed everywhere: DynamoDB Local never sends them, the real service does. */
const ALWAYS_IGNORED_KEYS = new Set(['TableId']);

const ARN = /arn:aws:dynamodb:[^:"\s]*:[0-9]*:/g;
const STREAM_LABEL_IN_ARN = /\/stream\/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+/g;

export interface NormaliseOptions {
  volatile?: string[];
  ignore?: string[];
  unordered?: string[];
}

/**
 * Makes an answer comparable:
 * 1. the error message key `Message` (DynamoDB Local) becomes `message` at the top of an error body;
 * 2. ARNs lose their region and account (`arn:aws:dynamodb:<REGION>:<ACCOUNT>:…`) and stream
 *    labels (`/stream/<STREAM_LABEL>`), in every string, messages included;
 * 3. `TableId` is removed (DynamoDB Local does not send it);
 * 4. numbers under keys ending in `DateTime` become `<TIMESTAMP>`; a `DateTime` of 0 is removed
 *    (DynamoDB Local sends epoch 0 where the service leaves the field out);
 * 5. stream shard ids, sequence numbers, iterators, event ids and labels become placeholders;
 * 6. the scenario's and step's `ignore` paths are removed, `volatile` paths become `<VOLATILE>`,
 *    `unordered` arrays are sorted.
 */
export function normalise(answer: Answer, options: NormaliseOptions = {}): Answer {
  let body = clone(answer.body);
  if (answer.status >= 400 && body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    if ('Message' in b && !('message' in b)) {
      b.message = b.Message;
      delete b.Message;
    }
  }
  body = walk(body, '');
  for (const path of options.ignore ?? []) body = editPath(body, path.split('.'), () => REMOVE);
  for (const path of options.volatile ?? []) body = editPath(body, path.split('.'), () => '<VOLATILE>');
  for (const path of options.unordered ?? []) {
    body = editPath(body, path.split('.'), (v) =>
      Array.isArray(v) ? [...v].sort((a, b) => cmp(canonical(a), canonical(b))) : v,
    );
  }
  return { status: answer.status, body };
}

const REMOVE = Symbol('remove');

function walk(value: unknown, key: string): unknown {
  if (typeof value === 'string') {
    if (key in OPAQUE_KEYS) return OPAQUE_KEYS[key];
    return value.replace(ARN, 'arn:aws:dynamodb:<REGION>:<ACCOUNT>:').replace(STREAM_LABEL_IN_ARN, '/stream/<STREAM_LABEL>');
  }
  if (typeof value === 'number') {
    if (key.endsWith('DateTime')) return value === 0 ? REMOVE : '<TIMESTAMP>';
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => walk(v, ''));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (ALWAYS_IGNORED_KEYS.has(k)) continue;
      const w = walk(v, k);
      if (w !== REMOVE) out[k] = w;
    }
    return out;
  }
  return value;
}

/** Applies `edit` to every value matching the path (`*` matches any key or index). */
function editPath(value: unknown, segs: string[], edit: (v: unknown) => unknown): unknown {
  if (segs.length === 0) return edit(value);
  if (value === null || typeof value !== 'object') return value;
  const [seg, ...rest] = segs as [string, ...string[]];
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((v, i) => {
      const r = seg === '*' || seg === String(i) ? editPath(v, rest, edit) : v;
      if (r !== REMOVE) out.push(r);
    });
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const r = seg === '*' || seg === k ? editPath(v, rest, edit) : v;
    if (r !== REMOVE) out[k] = r;
  }
  return out;
}

function clone(v: unknown): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

/** JSON with object keys sorted, for order-insensitive comparison and stable output. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function optionsFor(scenario: Scenario, step: Step): NormaliseOptions {
  return {
    volatile: [...(scenario.volatile ?? []), ...(step.volatile ?? [])],
    ignore: [...(scenario.ignore ?? []), ...(step.ignore ?? [])],
    unordered: [...(scenario.unordered ?? []), ...(step.unordered ?? [])],
  };
}

/** The answer a replay must produce: the override if there is one, else what the oracle said. */
export function wanted(step: Step): Answer | undefined {
  if (step.override) return { status: step.override.status, body: step.override.body };
  return step.expect;
}

/**
 * Compares an actual answer with the wanted one; returns a description of the differences, or
 * undefined when they match.
 */
export function compare(actual: Answer, want: Answer, options: NormaliseOptions): string | undefined {
  const a = normalise(actual, options);
  const w = normalise(want, options);
  if (a.status === w.status && isDeepStrictEqual(a.body, w.body)) return undefined;
  const lines: string[] = [];
  if (a.status !== w.status) lines.push(`status: want ${w.status}, got ${a.status}`);
  for (const d of diff(w.body, a.body, '')) lines.push(d);
  if (lines.length === 0) lines.push('bodies differ');
  lines.push(`  want: ${JSON.stringify(w.body)}`, `  got:  ${JSON.stringify(a.body)}`);
  return lines.join('\n');
}

function diff(want: unknown, got: unknown, path: string, out: string[] = []): string[] {
  if (out.length >= 20) return out;
  const at = path || '(body)';
  if (isDeepStrictEqual(want, got)) return out;
  if (want && got && typeof want === 'object' && typeof got === 'object' && Array.isArray(want) === Array.isArray(got)) {
    if (Array.isArray(want) && Array.isArray(got) && want.length !== got.length) {
      out.push(`${at}: want ${want.length} elements, got ${got.length}`);
    }
    const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
    for (const k of keys) {
      const p = path ? `${path}.${k}` : k;
      const wv = (want as Record<string, unknown>)[k];
      const gv = (got as Record<string, unknown>)[k];
      if (wv === undefined) out.push(`${p}: unexpected ${JSON.stringify(gv)}`);
      else if (gv === undefined) out.push(`${p}: missing, want ${JSON.stringify(wv)}`);
      else diff(wv, gv, p, out);
    }
    return out;
  }
  out.push(`${at}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  return out;
}

/** Result of running a whole scenario against an endpoint. */
export interface StepResult {
  index: number;
  step: Step;
  actual: Answer;
}

export async function runScenario(endpoint: string, scenario: Scenario): Promise<StepResult[]> {
  const vars: Vars = {};
  const results: StepResult[] = [];
  for (const [index, step] of scenario.steps.entries()) {
    results.push({ index, step, actual: await runStep(endpoint, step, vars) });
  }
  return results;
}
