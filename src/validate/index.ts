/**
 * Request shape validation, driven by the AWS API model (botocore, distilled into api-model.json by
 * scripts/gen-api-model.mjs), answering the way real DynamoDB's coral front end does:
 *
 *  1. Deserialization: a JSON value of the wrong JSON type for its shape is a
 *     `com.amazon.coral.service#SerializationException` (see SERIALIZATION below for the wording).
 *     A `null` member is treated as absent. Members not in the model are ignored.
 *  2. Constraint validation: required members, string/list/map length, numeric range, enum and
 *     pattern, reported together as
 *     `N validation error(s) detected: Value … at '<path>' failed to satisfy constraint: …; Value …`.
 *  3. A few DynamoDB-specific checks that run after coral and word their own messages (table names
 *     on operations that also accept ARNs, required TableName on table operations, Scan's
 *     Segment/TotalSegments pairing). See OPERATION QUIRKS below.
 *
 * Sources are cited next to each rule. The format is coral's, as DynamoDB Local itself answers it for
 * the checks it leaves to coral (Query with Limit 0: "1 validation error detected: Value '0' at
 * 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
 * recorded in test/golden/validate/constraints-items.json) and as users quote the real service
 * (the same message in boto/boto#1584, https://github.com/boto/boto/pull/1584). Where DynamoDB
 * Local answers with wording of its own, we answer coral's message only for kinds of fault where
 * public quotes show the service doing so (cited below and in test/validate/gen-cases.mjs).
 *
 * Performance: the model is compiled once at module load into linked node objects; the per-request
 * walk allocates nothing unless an error is found (the path is a reusable stack, errors are
 * collected lazily).
 */
import { readFileSync } from 'node:fs';
import { DynamoError, serialization, unknownOperation, validation } from '../errors.js';
import { javaDouble, javaHashMapOrder } from './java.js';
import { VALUE_MESSAGES } from '../model/values.js';

export type Service = 'dynamodb' | 'streams';

// ---------------------------------------------------------------------------------------------
// Model loading
// ---------------------------------------------------------------------------------------------

interface RawShape {
  type: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  members?: [string, string][];
  required?: string[];
  member?: string;
  key?: string;
  value?: string;
}
interface RawService {
  targetPrefix: string;
  operations: Record<string, string | null>;
  shapes: Record<string, RawShape>;
}
interface RawModel {
  services: Record<Service, RawService>;
}

function loadModel(): RawModel {
  // tsc copies the JSON next to the compiled file (it is part of the program via tsconfig's
  // include); fall back to the source tree when running from an unusual layout.
  const candidates = [
    new URL('./api-model.json', import.meta.url),
    new URL('../../../src/validate/api-model.json', import.meta.url),
    // From the start-up bundle, dist/bundle/*.js (scripts/bundle.mjs), beside dist/src.
    new URL('../src/validate/api-model.json', import.meta.url),
  ];
  let lastError: unknown;
  for (const url of candidates) {
    try {
      return JSON.parse(readFileSync(url, 'utf8')) as RawModel;
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

const RAW = loadModel();

/** Operation names per service, as in the API model (the server uses them to tell unknown operations). */
export const OPERATIONS: Readonly<Record<Service, readonly string[]>> = {
  dynamodb: Object.keys(RAW.services.dynamodb.operations),
  streams: Object.keys(RAW.services.streams.operations),
};
/** X-Amz-Target prefixes per service (`DynamoDB_20120810`, `DynamoDBStreams_20120810`). */
export const TARGET_PREFIX: Readonly<Record<Service, string>> = {
  dynamodb: RAW.services.dynamodb.targetPrefix,
  streams: RAW.services.streams.targetPrefix,
};
const OPERATION_SETS: Record<Service, ReadonlySet<string>> = {
  dynamodb: new Set(OPERATIONS.dynamodb),
  streams: new Set(OPERATIONS.streams),
};
export function isKnownOperation(service: Service, operation: string): boolean {
  return OPERATION_SETS[service].has(operation);
}

// ---------------------------------------------------------------------------------------------
// Compiled shapes
// ---------------------------------------------------------------------------------------------

const STRING = 0;
const INTEGER = 1;
const LONG = 2;
const DOUBLE = 3;
const BOOLEAN = 4;
const BLOB = 5;
const TIMESTAMP = 6;
const STRUCTURE = 7;
const LIST = 8;
const MAP = 9;

const KIND: Record<string, number> = {
  string: STRING,
  integer: INTEGER,
  long: LONG,
  double: DOUBLE,
  float: DOUBLE,
  boolean: BOOLEAN,
  blob: BLOB,
  timestamp: TIMESTAMP,
  structure: STRUCTURE,
  list: LIST,
  map: MAP,
};

/** The Java type coral names in "X cannot be converted to <Type>". */
const JAVA_TYPE = ['String', 'Integer', 'Long', 'Double', 'Boolean', 'ByteBuffer', 'Date', '', '', ''];

interface Field {
  readonly name: string;
  /** Path segment: member name with its first letter lower-cased (`TableName` → `tableName`). */
  readonly camel: string;
  node: Node;
  /** Coral's not-null constraint (after operation quirks are applied). */
  required: boolean;
  /** A TableName member of shape TableArn: gets DynamoDB's own table-name check (see below). */
  readonly tableArn: boolean;
}

interface Node {
  readonly kind: number;
  readonly name: string;
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly pattern: RegExp | undefined;
  readonly patternText: string | undefined;
  readonly enumSet: ReadonlySet<string> | undefined;
  readonly enumText: string | undefined;
  /** Has constraints of its own (length, range, pattern, enum). */
  readonly constrained: boolean;
  fields: Field[];
  byName: Map<string, Field>;
  /** Fields in validation order: the model's member order (see scripts/gen-api-model.mjs). */
  vorder: Field[];
  /** Fields with coral's not-null constraint. */
  requiredFields: Field[];
  member: Node | undefined;
  key: Node | undefined;
  value: Node | undefined;
  /** Map only: the value node without its own constraints (those are reported once, on the map). */
  valueInner: Node | undefined;
  /** Member names shown by the Java toString() of this structure (model members plus hidden ones). */
  display: string[] | undefined;
}

/**
 * Constraints that the real service enforces in coral but botocore's model does not carry.
 * - KeySchema max 2: the service answers "1 validation error detected: Value '[…]' at 'keySchema'
 *   failed to satisfy constraint: Member must have length less than or equal to 2"
 *   (https://github.com/architect/architect/issues/44, CreateTable with 3 elements;
 *   https://github.com/mandarzope/loopback-connector-dynamodb/issues/5 via CloudFormation).
 *   DynamoDB Local answers its own "Key Schema too big. …" instead.
 */
const SHAPE_PATCHES: Record<Service, Record<string, Partial<RawShape>>> = {
  dynamodb: { KeySchema: { max: 2 } },
  streams: {},
};

/**
 * Structure members that keep the model's own (unpatched) shape. A GSI's KeySchema may have up to
 * 4 HASH and 4 RANGE elements (multi-attribute keys; botocore documents "Global secondary index
 * supports up to 4 partition and up to 4 sort keys" and gives the list no maximum), so the max-2
 * patch above stays on tables and LSIs only; src/ops/tables checks a GSI's elements itself.
 */
const UNPATCHED_MEMBERS: Record<string, readonly string[]> = {
  GlobalSecondaryIndex: ['KeySchema'],
  CreateGlobalSecondaryIndexAction: ['KeySchema'],
};
const UNPATCHED = '\u0000unpatched';

/**
 * Members that the service's Java model has but botocore does not, visible in the toString()
 * echoed in messages. A BatchWriteItem with too many requests is quoted from the service as
 * "Value '{test_bench=[WriteRequest(putRequest=PutRequest(item={v1=com.amazonaws.dynamodb.
 * v20120810.AttributeValue@79175931, …}, workloadProfileName=null), deleteRequest=null), …]}' at
 * 'requestItems' …" (https://github.com/risingwavelabs/risingwave/issues/17572), hence
 * PutRequest's workloadProfileName. The same quote shows AttributeValue printed as Java's default
 * Object#toString (class name and hash code), which cannot be reproduced; AttributeValue is rendered
 * like every other structure, from its model members. DynamoDB Local echoes no structures (its own
 * wording, e.g. "Too many items requested for the BatchWriteItem call"), so it cannot settle this.
 */
const DISPLAY_MEMBERS: Record<string, string[]> = {
  PutRequest: ['Item', 'WorkloadProfileName'],
};

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** Java regex (String#matches, whole input) → JS RegExp. */
function compilePattern(p: string): RegExp {
  // \p{Print} is a Java POSIX class (printable ASCII); JS has no such property.
  const js = p.replace(/\\p\{Print\}/g, '[\\x20-\\x7E]');
  return new RegExp(`^(?:${js})$`, 'u');
}

interface CompiledService {
  inputs: Map<string, Node | null>;
}

function compileService(service: Service): CompiledService {
  const raw = RAW.services[service];
  const nodes = new Map<string, Node>();
  const build = (name: string): Node => {
    const existing = nodes.get(name);
    if (existing) return existing;
    const unpatched = name.endsWith(UNPATCHED);
    const base = unpatched ? name.slice(0, -UNPATCHED.length) : name;
    const s: RawShape = unpatched ? raw.shapes[base]! : { ...raw.shapes[name]!, ...SHAPE_PATCHES[service][name] };
    const kind = KIND[s.type];
    if (kind === undefined) throw new Error(`validate: unsupported shape type ${s.type} (${name})`);
    const node: Node = {
      kind,
      name: base,
      min: s.min,
      max: s.max,
      pattern: s.pattern !== undefined ? compilePattern(s.pattern) : undefined,
      patternText: s.pattern,
      enumSet: s.enum ? new Set(s.enum) : undefined,
      enumText: s.enum ? `[${enumOrder(name, s.enum).join(', ')}]` : undefined,
      constrained: s.min !== undefined || s.max !== undefined || s.pattern !== undefined || s.enum !== undefined,
      fields: [],
      byName: new Map(),
      vorder: [],
      requiredFields: [],
      member: undefined,
      key: undefined,
      value: undefined,
      valueInner: undefined,
      display: undefined,
    };
    nodes.set(name, node);
    if (kind === STRUCTURE) {
      const required = new Set(s.required ?? []);
      for (const [m, shape] of s.members ?? []) {
        const f: Field = { name: m, camel: camel(m), node: undefined as unknown as Node, required: required.has(m), tableArn: m === 'TableName' && shape === 'TableArn' };
        node.fields.push(f);
        node.byName.set(m, f);
        f.node = build(UNPATCHED_MEMBERS[name]?.includes(m) ? shape + UNPATCHED : shape);
      }
      node.vorder = node.fields;
      node.requiredFields = node.fields.filter((f) => f.required);
      node.display = DISPLAY_MEMBERS[name] ?? node.fields.map((f) => f.name);
    } else if (kind === LIST) {
      node.member = build(s.member!);
    } else if (kind === MAP) {
      node.key = build(s.key!);
      node.value = build(s.value!);
    }
    return node;
  };
  const inputs = new Map<string, Node | null>();
  for (const [op, shape] of Object.entries(raw.operations)) inputs.set(op, shape ? build(shape) : null);
  const all = [...nodes.values()];
  for (const n of all) {
    if (n.kind !== MAP) continue;
    const v = n.value!;
    n.valueInner = v.constrained
      ? { ...v, constrained: false, min: undefined, max: undefined, pattern: undefined, enumSet: undefined }
      : v;
  }
  return { inputs };
}

/**
 * The order coral lists an enum's values in "Member must satisfy enum value set: [...]": where
 * DynamoDB Local or a public quote of the service shows it, that order; otherwise the model's.
 * - ScalarAttributeType [B, N, S] (botocore: S, N, B): DynamoDB Local's CreateTable with
 *   AttributeType 'INVALID' answers "Member must satisfy enum value set: [B, N, S]", and the service
 *   is quoted with the same list (https://github.com/ryanfitz/vogels/issues/128).
 * - ReturnValuesOnConditionCheckFailure [ALL_OLD, NONE]: DynamoDB Local's coral answer, model order.
 * - ReturnValue, ReturnConsumedCapacity, ReturnItemCollectionMetrics, Select: DynamoDB Local
 *   answers these with its own wording ("Return values set to invalid value", "Select must be …")
 *   and no public quote lists them, so model order.
 */
const ENUM_ORDER: Record<string, string[]> = {
  ScalarAttributeType: ['B', 'N', 'S'],
};
function enumOrder(shape: string, values: string[]): string[] {
  const known = ENUM_ORDER[shape];
  if (known && known.length === values.length && values.every((v) => known.includes(v))) return known;
  return values;
}

// ---------------------------------------------------------------------------------------------
// Operation quirks (DynamoDB's own checks around coral's)
// ---------------------------------------------------------------------------------------------

interface OpConfig {
  readonly input: Node;
  /** Check run after coral validation passed; throws its own error. */
  readonly after: ((body: Record<string, unknown>) => void) | undefined;
}

/**
 * Table operations that answer a missing TableName with DynamoDB's own message instead of coral's
 * "Value null at 'tableName' failed to satisfy constraint: Member must not be null". The service is
 * quoted answering "The parameter 'TableName' is required but was not present in the request" for
 * DescribeTable (https://github.com/aws/aws-sdk-java/issues/977) and UpdateTable
 * (https://github.com/aws/aws-sdk-java/pull/344); CreateTable and DeleteTable are assumed to word it
 * alike (not independently confirmed). Item operations keep coral's not-null message, quoted for
 * GetItem (https://github.com/Netflix-Skunkworks/iep-apps/pull/527,
 * https://github.com/AllocZero/EfficientDynamoDb/issues/164). DynamoDB Local answers all of these
 * with "Invalid table/index name. …".
 */
const TABLE_NAME_REQUIRED_MESSAGE = new Set(['CreateTable', 'DescribeTable', 'DeleteTable', 'UpdateTable']);

/**
 * Scan's Segment/TotalSegments pairing, checked after coral. No public quote of the service's
 * wording was found, so these are DynamoDB Local's answers (test/golden/validate/quirks.json):
 * Segment without TotalSegments, TotalSegments without Segment, and Segment >= TotalSegments, the
 * last worded as a coral range error on segment. (BatchGetItem/BatchWriteItem with RequestItems
 * missing or `{}` get coral's own not-null / min-1 answers from the model: the service is quoted
 * answering coral's messages for missing members and for empty or oversized collections, see
 * TABLE_NAME_REQUIRED_MESSAGE above and the map-value comment in walk().)
 */
function scanSegments(body: Record<string, unknown>): void {
  const segment = body.Segment;
  const total = body.TotalSegments;
  const hasSegment = segment !== undefined && segment !== null;
  const hasTotal = total !== undefined && total !== null;
  if (hasSegment && !hasTotal) throw validation('If segment is specified, total segment must also be specified');
  if (hasTotal && !hasSegment) {
    throw validation('If total segments is specified, a particular segment must also be specified for this request');
  }
  if (hasSegment && hasTotal && Math.trunc(segment as number) >= Math.trunc(total as number)) {
    throw validation(
      `1 validation error detected: Value '${Math.trunc(segment as number)}' at 'segment' failed to satisfy constraint: Member must have value less than or equal to ${Math.trunc(total as number) - 1}`,
    );
  }
}

const COMPILED: Record<Service, Map<string, OpConfig | null>> = {
  dynamodb: new Map(),
  streams: new Map(),
};
for (const service of ['dynamodb', 'streams'] as const) {
  const { inputs } = compileService(service);
  for (const [op, input] of inputs) {
    if (!input) {
      COMPILED[service].set(op, null);
      continue;
    }
    let node = input;
    let after: OpConfig['after'];
    if (service === 'dynamodb' && TABLE_NAME_REQUIRED_MESSAGE.has(op)) {
      node = withField(node, 'TableName', (f) => ({ ...f, required: false }));
      after = (body) => {
        if (body.TableName === undefined || body.TableName === null) {
          throw validation("The parameter 'TableName' is required but was not present in the request");
        }
      };
    }
    if (service === 'dynamodb' && op === 'Scan') after = scanSegments;
    COMPILED[service].set(op, { input: node, after });
  }
}

/** A copy of `node` with one field replaced (nodes are shared between operations). */
function withField(node: Node, name: string, change: (f: Field) => Field): Node {
  const fields = node.fields.map((f) => (f.name === name ? change(f) : f));
  const byName = new Map(fields.map((f) => [f.name, f]));
  const vorder = node.vorder.map((f) => byName.get(f.name)!);
  return { ...node, fields, byName, vorder, requiredFields: fields.filter((f) => f.required) };
}


// ---------------------------------------------------------------------------------------------
// Fast path: a yes/no check in document order with no bookkeeping. Only when it says no do we
// run the exact (slower) walks below that work out which error DynamoDB would report.
// ---------------------------------------------------------------------------------------------

function fastValid(node: Node, v: unknown): boolean {
  switch (node.kind) {
    case STRING:
      if (typeof v !== 'string') return false;
      return !node.constrained || !violates(node, v);
    case INTEGER:
    case LONG:
      if (typeof v !== 'number') return false;
      return !node.constrained || !violates(node, Math.trunc(v));
    case DOUBLE:
      if (typeof v !== 'number') return false;
      return !node.constrained || !violates(node, v);
    case BOOLEAN:
      return typeof v === 'boolean';
    case BLOB:
      if (typeof v !== 'string') return false;
      return !node.constrained || !violates(node, v);
    case TIMESTAMP:
      return isTimestamp(v);
    case STRUCTURE: {
      if (!isObject(v)) return false;
      const req = node.requiredFields;
      for (let i = 0; i < req.length; i++) {
        const x = v[req[i]!.name];
        if (x === undefined || x === null) return false;
      }
      const byName = node.byName;
      for (const k in v) {
        const f = byName.get(k);
        if (f === undefined) continue;
        const x = v[k];
        if (x === undefined || x === null) continue;
        if (!fastValid(f.node, x)) return false;
        if (f.tableArn && !validTableNameOrArn(x as string)) return false;
      }
      return true;
    }
    case LIST: {
      if (!Array.isArray(v)) return false;
      if (node.constrained && violates(node, v)) return false;
      const m = node.member!;
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (x === undefined || x === null || !fastValid(m, x)) return false;
      }
      return true;
    }
    case MAP: {
      if (!isObject(v)) return false;
      const keyNode = node.key!;
      const valueNode = node.value!;
      const checkKey = keyNode.constrained;
      let count = 0;
      for (const k in v) {
        count++;
        if (checkKey && violates(keyNode, k)) return false;
        const x = v[k];
        if (x === undefined || x === null || !fastValid(valueNode, x)) return false;
      }
      return !node.constrained || ((node.min === undefined || count >= node.min) && (node.max === undefined || count <= node.max));
    }
  }
  return true;
}

function validTableNameOrArn(name: string): boolean {
  return name.startsWith('arn:') || (name.length >= 3 && name.length <= 255 && TABLE_NAME_PATTERN.test(name));
}

// ---------------------------------------------------------------------------------------------
// Phase 1+2 walk (fused). Type errors abort the walk; the exact SerializationException is then
// worked out by a second, document-order walk (coral deserializes before it validates, so the
// first type error in document order wins over any constraint violation).
// ---------------------------------------------------------------------------------------------

const TYPE_ERROR = { typeError: true } as const;

/** Path stack: segments and whether each is a list index / map key (rendered `<seg>.member`). */
const segs: (string | number)[] = [];
const elem: boolean[] = [];
let sp = 0;
let errors: string[] | null = null;
let custom: string[] | null = null;

function push(seg: string | number, isElem: boolean): void {
  segs[sp] = seg;
  elem[sp] = isElem;
  sp++;
}

function pathString(): string {
  let out = '';
  for (let i = 0; i < sp; i++) {
    if (i > 0) out += '.';
    out += elem[i] ? `${segs[i]}.member` : String(segs[i]);
  }
  return out;
}

function addError(node: Node | undefined, value: unknown, constraint: string): void {
  const rendered = value === null || value === undefined ? 'null' : `'${render(node, value)}'`;
  (errors ??= []).push(`Value ${rendered} at '${pathString()}' failed to satisfy constraint: ${constraint}`);
}

const mustNotBeNull = 'Member must not be null';

/**
 * Containers of attribute values whose null members DynamoDB reports through its attribute-value
 * checks ("The supplied Item contains a null AttributeValue: x is null", "An string set may not
 * have a null string as a member" …, recorded in test/golden/model) rather than coral's not-null
 * constraint; src/model/values.ts words those.
 */
const NULLS_LEFT_TO_VALUE_MODEL = new Set([
  'PutItemInputAttributeMap',
  'Key',
  'ExpressionAttributeValueMap',
  'MapAttributeValue',
  'ListAttributeValue',
  'StringSetAttributeValue',
  'NumberSetAttributeValue',
  'BinarySetAttributeValue',
]);

function lengthConstraints(node: Node, len: number, value: unknown): void {
  if (node.min !== undefined && len < node.min) addError(node, value, `Member must have length greater than or equal to ${node.min}`);
  if (node.max !== undefined && len > node.max) addError(node, value, `Member must have length less than or equal to ${node.max}`);
}

function checkString(node: Node, v: string): void {
  if (node.enumSet !== undefined) {
    if (!node.enumSet.has(v)) addError(node, v, `Member must satisfy enum value set: ${node.enumText}`);
    return;
  }
  if (node.pattern !== undefined && !node.pattern.test(v)) {
    addError(node, v, `Member must satisfy regular expression pattern: ${node.patternText}`);
  }
  lengthConstraints(node, v.length, v);
}

function checkRange(node: Node, n: number): void {
  if (node.min !== undefined && n < node.min) addError(node, n, `Member must have value greater than or equal to ${node.min}`);
  if (node.max !== undefined && n > node.max) addError(node, n, `Member must have value less than or equal to ${node.max}`);
}

/** Constraint texts of a shape, as coral lists them inside "Map value/keys must satisfy constraint: [...]". */
function constraintList(node: Node): string {
  const parts: string[] = [];
  const numeric = node.kind === INTEGER || node.kind === LONG || node.kind === DOUBLE;
  const unit = numeric ? 'value' : 'length';
  // Order as the service is quoted for WriteRequests (max 25, min 1): "[Member must have length
  // less than or equal to 25, Member must have length greater than or equal to 1]"
  // (https://github.com/dtan4/valec/pull/46, https://github.com/risingwavelabs/risingwave/issues/17572).
  if (node.max !== undefined) parts.push(`Member must have ${unit} less than or equal to ${node.max}`);
  if (node.min !== undefined) parts.push(`Member must have ${unit} greater than or equal to ${node.min}`);
  if (node.patternText !== undefined) parts.push(`Member must satisfy regular expression pattern: ${node.patternText}`);
  if (node.enumText !== undefined) parts.push(`Member must satisfy enum value set: ${node.enumText}`);
  return `[${parts.join(', ')}]`;
}

/** Does a scalar value (non-null) violate the node's own constraints? (Used for map keys/values.) */
function violates(node: Node, v: unknown): boolean {
  switch (node.kind) {
    case STRING: {
      const s = v as string;
      if (node.enumSet !== undefined) return !node.enumSet.has(s);
      if (node.pattern !== undefined && !node.pattern.test(s)) return true;
      return (node.min !== undefined && s.length < node.min) || (node.max !== undefined && s.length > node.max);
    }
    case LIST: {
      const n = (v as unknown[]).length;
      return (node.min !== undefined && n < node.min) || (node.max !== undefined && n > node.max);
    }
    case MAP: {
      const n = Object.keys(v as object).length;
      return (node.min !== undefined && n < node.min) || (node.max !== undefined && n > node.max);
    }
    case INTEGER:
    case LONG:
    case DOUBLE: {
      const n = v as number;
      return (node.min !== undefined && n < node.min) || (node.max !== undefined && n > node.max);
    }
    case BLOB: {
      const n = base64Length(v as string);
      return (node.min !== undefined && n < node.min) || (node.max !== undefined && n > node.max);
    }
    default:
      return false;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Type-check and constraint-check a non-null value. Throws TYPE_ERROR on a JSON type mismatch. */
function walk(node: Node, v: unknown): void {
  switch (node.kind) {
    case STRING:
      if (typeof v !== 'string') throw TYPE_ERROR;
      if (node.constrained) checkString(node, v);
      return;
    case INTEGER:
    case LONG:
      if (typeof v !== 'number') throw TYPE_ERROR;
      if (node.constrained) checkRange(node, Math.trunc(v));
      return;
    case DOUBLE:
      if (typeof v !== 'number') throw TYPE_ERROR;
      if (node.constrained) checkRange(node, v);
      return;
    case BOOLEAN:
      if (typeof v !== 'boolean') throw TYPE_ERROR;
      return;
    case BLOB:
      if (typeof v !== 'string') throw TYPE_ERROR;
      if (node.constrained) lengthConstraints(node, base64Length(v), v);
      return;
    case TIMESTAMP:
      if (!isTimestamp(v)) throw TYPE_ERROR;
      return;
    case STRUCTURE: {
      if (!isObject(v)) throw TYPE_ERROR;
      const fields = node.vorder;
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i]!;
        const x = v[f.name];
        if (x === undefined || x === null) {
          if (f.required) {
            push(f.camel, false);
            addError(f.node, null, mustNotBeNull);
            sp--;
          }
          continue;
        }
        push(f.camel, false);
        const before = errors === null ? 0 : errors.length;
        walk(f.node, x);
        if (f.tableArn && (errors === null ? 0 : errors.length) === before) tableNameCheck(x as string);
        sp--;
      }
      return;
    }
    case LIST: {
      if (!Array.isArray(v)) throw TYPE_ERROR;
      if (node.constrained) lengthConstraints(node, v.length, v);
      const m = node.member!;
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        push(i + 1, true);
        if (x === undefined || x === null) {
          if (!NULLS_LEFT_TO_VALUE_MODEL.has(node.name)) addError(m, null, mustNotBeNull);
        } else walk(m, x);
        sp--;
      }
      return;
    }
    case MAP: {
      if (!isObject(v)) throw TYPE_ERROR;
      const keyNode = node.key!;
      const valueNode = node.value!;
      let count = 0;
      let badKey = false;
      let badValue = false;
      for (const k in v) {
        count++;
        if (keyNode.constrained && !badKey && violates(keyNode, k)) badKey = true;
        const x = v[k];
        if (x === undefined || x === null) {
          if (NULLS_LEFT_TO_VALUE_MODEL.has(node.name)) continue;
          push(k, true);
          addError(valueNode, null, mustNotBeNull);
          sp--;
          continue;
        }
        if (valueNode.constrained && !badValue && typeMessage(valueNode, x) === null && violates(valueNode, x)) badValue = true;
        push(k, true);
        walk(node.valueInner!, x);
        sp--;
      }
      if (node.constrained) lengthConstraints(node, count, v);
      // The service, BatchWriteItem with 26 requests for a table: "Value '{t=[…]}' at 'requestItems'
      // failed to satisfy constraint: Map value must satisfy constraint: [Member must have length
      // less than or equal to 25, Member must have length greater than or equal to 1]"
      // (https://github.com/dtan4/valec/pull/46; DynamoDB Local words its own "Too many items
      // requested for the BatchWriteItem call").
      if (badKey) addError(node, v, `Map keys must satisfy constraint: ${constraintList(keyNode)}`);
      if (badValue) addError(node, v, `Map value must satisfy constraint: ${constraintList(valueNode)}`);
      return;
    }
  }
}

function isTimestamp(v: unknown): boolean {
  // The JSON protocol sends epoch seconds as a number; coral also parses strings.
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'string') return v.trim() !== '' && (Number.isFinite(Number(v)) || !Number.isNaN(Date.parse(v)));
  return false;
}

function base64Length(s: string): number {
  let len = s.length;
  while (len > 0 && s.charCodeAt(len - 1) === 61 /* = */) len--;
  return Math.floor((len * 3) / 4);
}

// ---------------------------------------------------------------------------------------------
// DynamoDB's own table-name check for TableName members that also accept an ARN.
// ---------------------------------------------------------------------------------------------

const TABLE_NAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;

/**
 * Item and table operations take `TableName` as shape TableArn (length 1–1024, no pattern) since
 * DynamoDB accepts table ARNs there. Coral checks only that; for a plain name DynamoDB then applies
 * the documented table-name rules (3–255 characters of [a-zA-Z0-9_.-]; "Naming rules" in the
 * developer guide) and words them like coral: CreateTable with a bad name is quoted as "1 validation
 * error detected: Value '…' at 'tableName' failed to satisfy constraint: Member must satisfy regular
 * expression pattern: [a-zA-Z0-9_.-]+" (https://github.com/aws/aws-cli/issues/790,
 * https://github.com/serverless/serverless/issues/5120). The length messages follow the same form
 * with the documented bounds. DynamoDB Local answers "Invalid table/index name. …" instead.
 * Running only when coral found nothing is our choice (not established).
 */
function tableNameCheck(name: string): void {
  if (name.startsWith('arn:')) return;
  const path = pathString();
  const msg = (c: string) => `Value '${name}' at '${path}' failed to satisfy constraint: ${c}`;
  if (!TABLE_NAME_PATTERN.test(name)) (custom ??= []).push(msg('Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+'));
  if (name.length < 3) (custom ??= []).push(msg('Member must have length greater than or equal to 3'));
  if (name.length > 255) (custom ??= []).push(msg('Member must have length less than or equal to 255'));
}

function throwValidation(list: string[]): never {
  const n = list.length;
  throw validation(`${n} validation error${n === 1 ? '' : 's'} detected: ${list.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------
// SerializationException: document-order type check (error path only).
//
// Wording of the real service (coral's JSON deserializer):
// - a JSON number where a string is expected: "NUMBER_VALUE cannot be converted to String"
//   (localstack/localstack#9412 quoting the real service for {"N": 123};
//   ca98am79/connect-dynamodb#100). Older services said "class com.amazon.coral.value.json.
//   numbers.TruncatingBigNumber can not be converted to an String" (aws/aws-sdk-php-laravel#104,
//   2016) — superseded.
// - a JSON string where a number is expected: "STRING_VALUE cannot be converted to Integer"
//   (dynamodb-toolbox/dynamodb-toolbox#502, Query Limit sent as a string; 2023). Long/Double/
//   Boolean follow the same pattern with coral's Java type name.
// - booleans: "BOOLEAN_VALUE cannot be converted to <Type>" — same pattern, token name not
//   independently confirmed.
// - an object where a scalar or list is expected: "Start of structure or map found where not
//   expected" (aws-amplify/amplify-js#13265); an array where a scalar/structure/map is expected:
//   "Start of list found where not expected".
// - a scalar where a structure or map is expected: "Unexpected field type"
//   (JuliaCloud/AWS.jl#673: ExpressionAttributeNames/Values sent as JSON strings to Query). Lists
//   are treated the same way.
// DynamoDB Local answers all of these with a 500 InternalFailure (shared/reference §2c); we follow
// the real service.
// ---------------------------------------------------------------------------------------------

function tokenName(v: unknown): string {
  if (typeof v === 'string') return 'STRING_VALUE';
  if (typeof v === 'number') return 'NUMBER_VALUE';
  return 'BOOLEAN_VALUE';
}

function typeMessage(node: Node, v: unknown): string | null {
  if (Array.isArray(v)) return node.kind === LIST ? null : 'Start of list found where not expected';
  if (typeof v === 'object' && v !== null) {
    return node.kind === STRUCTURE || node.kind === MAP ? null : 'Start of structure or map found where not expected';
  }
  switch (node.kind) {
    case STRUCTURE:
    case MAP:
    case LIST:
      return 'Unexpected field type';
    case STRING:
    case BLOB:
      return typeof v === 'string' ? null : `${tokenName(v)} cannot be converted to ${JAVA_TYPE[node.kind]}`;
    case INTEGER:
    case LONG:
    case DOUBLE:
      return typeof v === 'number' ? null : `${tokenName(v)} cannot be converted to ${JAVA_TYPE[node.kind]}`;
    case BOOLEAN:
      return typeof v === 'boolean' ? null : `${tokenName(v)} cannot be converted to ${JAVA_TYPE[node.kind]}`;
    case TIMESTAMP:
      return isTimestamp(v) ? null : `${tokenName(v)} cannot be converted to ${JAVA_TYPE[node.kind]}`;
  }
  return null;
}

/** First type error in document order, or null. */
function findTypeError(node: Node, v: unknown): string | null {
  const own = typeMessage(node, v);
  if (own !== null) return own;
  if (node.kind === STRUCTURE) {
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const f = node.byName.get(k);
      const x = o[k];
      if (f === undefined || x === null || x === undefined) continue;
      const e = findTypeError(f.node, x);
      if (e !== null) return e;
    }
  } else if (node.kind === LIST) {
    for (const x of v as unknown[]) {
      if (x === null || x === undefined) continue;
      const e = findTypeError(node.member!, x);
      if (e !== null) return e;
    }
  } else if (node.kind === MAP) {
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (x === null || x === undefined) continue;
      const e = findTypeError(node.value!, x);
      if (e !== null) return e;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Java toString() of echoed values.
// ---------------------------------------------------------------------------------------------

function render(node: Node | undefined, v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (node === undefined) return String(v);
  switch (node.kind) {
    case STRING:
      return String(v);
    case INTEGER:
    case LONG:
      return String(Math.trunc(v as number));
    case DOUBLE:
      return javaDouble(v as number);
    case BOOLEAN:
      return String(v);
    case BLOB: {
      // java.nio.ByteBuffer#toString
      const n = base64Length(v as string);
      return `java.nio.HeapByteBuffer[pos=0 lim=${n} cap=${n}]`;
    }
    case TIMESTAMP:
      return new Date(typeof v === 'number' ? v * 1000 : Date.parse(String(v))).toUTCString();
    case LIST:
      return `[${(v as unknown[]).map((x) => render(node.member, x)).join(', ')}]`;
    case MAP: {
      const o = v as Record<string, unknown>;
      return `{${javaHashMapOrder(Object.keys(o))
        .map((k) => `${k}=${render(node.value, o[k])}`)
        .join(', ')}}`;
    }
    case STRUCTURE: {
      const o = v as Record<string, unknown>;
      const parts = node.display!.map((m) => `${camel(m)}=${render(node.byName.get(m)?.node, o[m])}`);
      return `${node.name}(${parts.join(', ')})`;
    }
  }
  return String(v);
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/**
 * Validates the JSON body of a request against the API model of `operation`, the way DynamoDB does
 * before running it. Returns normally when the request is well-formed; otherwise throws a
 * DynamoError: SerializationException (wrong JSON types), ValidationException (constraints), or
 * UnknownOperationException (operation not in the model).
 */
export function validateRequest(service: Service, operation: string, body: unknown): void {
  const op = COMPILED[service].get(operation);
  if (op === undefined) throw unknownOperation();
  if (op === null) return;
  if (body === null || body === undefined) body = {};
  try {
    check(op, body);
  } catch (e) {
    sp = 0;
    errors = null;
    custom = null;
    if (e instanceof RangeError) throw tooDeep();
    throw e;
  }
  if (op.after !== undefined) op.after(body as Record<string, unknown>);
}

function check(op: OpConfig, body: unknown): void {
  const input = op.input;
  if (fastValid(input, body)) return;
  sp = 0;
  errors = null;
  custom = null;
  try {
    walk(input, body);
  } catch (e) {
    if (e === TYPE_ERROR) throw serialization(findTypeError(input, body) ?? 'Unexpected field type');
    throw e;
  }
  if (errors !== null) {
    const list = errors;
    errors = null;
    custom = null;
    throwValidation(list);
  }
  if (custom !== null) {
    const list = custom;
    custom = null;
    throwValidation(list);
  }
}

/**
 * Only attribute values nest without bound in the model, so a body deep enough to exhaust the
 * stack is an item nested far beyond DynamoDB's 32 levels: answered as DynamoDB Local answers a
 * PutItem with an item nested 40 levels deep (the wording src/model uses for items over the limit).
 */
const tooDeep = (): DynamoError => validation(VALUE_MESSAGES.nesting);

export { DynamoError };
