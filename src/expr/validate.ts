/**
 * Validation passes over the syntax tree, in the order DynamoDB runs them, so that an expression
 * with several faults reports the one DynamoDB reports.
 *
 * Text-only passes (`checkText*`): redundant parentheses, then one forward walk for reserved
 * words, function names and where functions may stand. Their outcome depends on the text alone,
 * so it is cached with the parse (cache.ts).
 *
 * Request passes (`compile*`): resolve placeholders against the request's maps, then check
 * operand counts, document-path operands, operand types and distinct operands, producing the
 * compiled form the evaluators run. Update expressions are checked in two steps, as DynamoDB
 * does: first every updated path (resolving its names and rejecting overlaps), then each action's
 * values — walking the actions from the last one written to the first.
 */
import type { AttributeType, AttributeValue } from '../model/types.js';
import { typeOf } from '../model/types.js';
import { compareValues } from '../model/values.js';
import type {
  CallNode,
  Condition,
  ExpressionKind,
  Operand,
  PathNode,
  ProjectionExpression,
  UpdateAction,
  UpdateExpression,
  ValueNode,
} from './ast.js';
import { pathDisplay } from './ast.js';
import type { CCondition, COperand, CProjection, CUpdate, CUpdateAction, DocPath } from './compiled.js';
import { functionSpec } from './functions.js';
import {
  functionNotAllowedInCondition,
  functionNotAllowedInUpdate,
  functionNotAllowedThisWay,
  incorrectActionOperandType,
  incorrectOperandType,
  invalidExpression,
  invalidFunctionName,
  keyAttributeUpdate,
  LONG_TYPE_NAMES,
  operandsNotDistinct,
  redundantParentheses,
  requiresDocumentPath,
  reservedKeyword,
  sectionUsedTwice,
  wrongOperandCount,
} from './messages.js';
import { buildPathTree } from './path-tree.js';
import type { Placeholders } from './placeholders.js';
import { isReservedWord } from './reserved-words.js';

export const MAX_IN_OPERANDS = 100;
export const MAX_PATH_DEPTH = 32;
export const MAX_UPDATE_OPERATORS = 300;
const MAX_INDEX = 2147483647;

// ------------------------------------------------------------------------------------------------
// Text passes

type Node = Condition | Operand;

function checkParens(kind: ExpressionKind, node: Node): void {
  if (node.parens > 1) throw redundantParentheses(kind);
  forEachChild(node, (c) => checkParens(kind, c));
}

function forEachChild(node: Node, f: (child: Node) => void): void {
  switch (node.kind) {
    case 'compare':
      f(node.left);
      f(node.right);
      return;
    case 'between':
      f(node.operand);
      f(node.low);
      f(node.high);
      return;
    case 'in':
      f(node.operand);
      node.list.forEach(f);
      return;
    case 'and':
    case 'or':
      f(node.left);
      f(node.right);
      return;
    case 'not':
      f(node.operand);
      return;
    case 'call':
      node.args.forEach(f);
      return;
    case 'arith':
      f(node.left);
      f(node.right);
      return;
    case 'path':
    case 'value':
      return;
  }
}

/** Reserved words and list indexes of a path, in the text pass. */
function checkPathNames(kind: ExpressionKind, path: PathNode): void {
  for (const e of path.elements) {
    if (e.type === 'name') {
      if (!e.ref && isReservedWord(e.name)) throw reservedKeyword(kind, e.name);
    } else if (e.text.length > 10 || e.index > MAX_INDEX) {
      throw invalidExpression(kind, `List index is not within the allowable range; index: [${e.text}]`);
    }
  }
}

function checkPathDepth(kind: ExpressionKind, path: PathNode): void {
  if (path.elements.length > MAX_PATH_DEPTH) {
    throw invalidExpression(kind, `The document path has too many nesting levels; nesting levels: ${path.elements.length}`);
  }
}

/** Where a node stands. */
type Place = 'condition' | 'operand' | 'setValue' | 'nested';

/**
 * One forward walk: reserved words, list indexes, function names, and where each function may
 * stand. In a condition, condition functions must be conditions and `size` an operand; the update
 * functions are refused. In an update, only `if_not_exists` and `list_append` are functions, and
 * `list_append` only as the whole value of a SET action.
 */
function checkNames(kind: ExpressionKind, node: Node, place: Place, inUpdate: boolean): void {
  if (node.kind === 'path') return checkPathNames(kind, node);
  if (node.kind === 'call') {
    const spec = functionSpec(node.name);
    if (!spec) throw invalidFunctionName(kind, node.name);
    if (inUpdate) {
      if (!spec.update) throw functionNotAllowedInUpdate(kind, node.name);
      if (node.name === 'list_append' && place !== 'setValue') throw functionNotAllowedThisWay(kind, node.name);
    } else {
      if (spec.update) throw functionNotAllowedInCondition(kind, node.name);
      if (spec.condition !== (place === 'condition')) throw functionNotAllowedThisWay(kind, node.name);
    }
    for (const a of node.args) checkNames(kind, a, inUpdate ? 'nested' : 'operand', inUpdate);
    return;
  }
  const childPlace: Place = node.kind === 'and' || node.kind === 'or' || node.kind === 'not' ? 'condition' : inUpdate ? 'nested' : 'operand';
  forEachChild(node, (c) => checkNames(kind, c, childPlace, inUpdate));
}

function forEachPath(node: Node, f: (p: PathNode) => void): void {
  if (node.kind === 'path') f(node);
  else forEachChild(node, (c) => forEachPath(c, f));
}

function checkInLimit(kind: ExpressionKind, node: Node): void {
  if (node.kind === 'in' && node.list.length > MAX_IN_OPERANDS) {
    throw invalidExpression(kind, `The IN operator is provided with too many operands; number of operands: ${node.list.length}`);
  }
  forEachChild(node, (c) => checkInLimit(kind, c));
}

/** Text-only checks of a condition-like expression (Condition, Filter, KeyCondition). */
export function checkConditionTextPasses(kind: ExpressionKind, c: Condition): void {
  checkParens(kind, c);
  checkNames(kind, c, 'condition', false);
  checkInLimit(kind, c);
  forEachPath(c, (p) => checkPathDepth(kind, p));
}

/** Text-only checks of an update expression. */
export function checkUpdateTextPasses(u: UpdateExpression): void {
  const kind: ExpressionKind = 'UpdateExpression';
  const actions = u.clauses.flatMap((c) => c.actions);
  for (const a of actions) if (a.kind === 'SET') checkParens(kind, a.value);
  for (const a of actions) {
    checkPathNames(kind, a.path);
    if (a.kind === 'SET') checkNames(kind, a.value, 'setValue', true);
  }
  const seen = new Set<string>();
  for (const clause of u.clauses) {
    if (seen.has(clause.kind)) throw sectionUsedTwice(kind, clause.kind);
    seen.add(clause.kind);
  }
  for (const a of actions) {
    checkPathDepth(kind, a.path);
    if (a.kind === 'SET') forEachPath(a.value, (p) => checkPathDepth(kind, p));
  }
}

export function checkProjectionTextPasses(p: ProjectionExpression): void {
  for (const path of p.paths) checkPathNames('ProjectionExpression', path);
  for (const path of p.paths) checkPathDepth('ProjectionExpression', path);
}

// ------------------------------------------------------------------------------------------------
// Request passes: every node's operands are resolved and checked before the node itself.

export function resolvePath(kind: ExpressionKind, path: PathNode, ph: Placeholders): DocPath {
  return path.elements.map((e) => (e.type === 'index' ? e.index : e.ref ? ph.name(kind, e.name) : e.name));
}

/** The static type of an operand when it is known without the item (undefined: any type). */
function staticType(o: COperand): AttributeType | undefined {
  switch (o.kind) {
    case 'value':
      return typeOf(o.value);
    case 'size':
    case 'arith':
      return 'N';
    case 'list_append':
      return 'L';
    case 'if_not_exists':
    case 'path':
      return undefined;
  }
}

const samePath = (a: DocPath, b: DocPath): boolean => a.length === b.length && a.every((e, i) => e === b[i]);

function displayDocPath(p: DocPath): string {
  return '[' + p.map((e) => (typeof e === 'number' ? `[${e}]` : e)).join(', ') + ']';
}

const ORDERED_TYPES: ReadonlySet<AttributeType> = new Set(['S', 'N', 'B']);
const PREFIX_TYPES: ReadonlySet<AttributeType> = new Set(['S', 'B']);
const SIZED_TYPES: ReadonlySet<AttributeType> = new Set(['S', 'B', 'M', 'L', 'SS', 'NS', 'BS']);

/** The attribute_type names; the message lists them in the service's (hash-set) order. */
const TYPE_NAMES_MESSAGE = '{N,BS,L,B,NULL,M,S,SS,NS,BOOL}';
/** What attribute_type reports when its second operand is a path: every type a path may have. */
const ANY_TYPE_MESSAGE = '{DECIMAL,HD,B,DECIMALSET,SS,NS,FLOAT,N,BS,NULL,DICT,S,DOUBLE,HDS,INT,M,BOOL,L,FS,INTSET,DOUBLESET}';
const VALID_TYPES: ReadonlySet<string> = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS']);

class ConditionCompiler {
  constructor(
    private readonly kind: ExpressionKind,
    private readonly ph: Placeholders,
  ) {}

  condition(c: Condition): CCondition {
    switch (c.kind) {
      case 'and':
      case 'or':
        return { kind: c.kind, left: this.condition(c.left), right: this.condition(c.right) };
      case 'not':
        return { kind: 'not', operand: this.condition(c.operand) };
      case 'compare': {
        const left = this.operand(c.left);
        const right = this.operand(c.right);
        this.distinct(c.op, left, [right]);
        if (c.op !== '=' && c.op !== '<>') {
          this.ordered(c.op, left);
          this.ordered(c.op, right);
        }
        return { kind: 'compare', op: c.op, left, right };
      }
      case 'between': {
        const operand = this.operand(c.operand);
        const low = this.operand(c.low);
        const high = this.operand(c.high);
        this.distinct('BETWEEN', operand, [low, high]);
        this.ordered('BETWEEN', operand);
        this.ordered('BETWEEN', low);
        this.ordered('BETWEEN', high);
        if (low.kind === 'value' && high.kind === 'value') this.bounds(c.low as ValueNode, c.high as ValueNode, low.value, high.value);
        return { kind: 'between', operand, low, high };
      }
      case 'in': {
        const operand = this.operand(c.operand);
        const list = c.list.map((o) => this.operand(o));
        this.distinct('IN', operand, list);
        return { kind: 'in', operand, list };
      }
      case 'call':
        return this.conditionCall(c);
    }
  }

  private bounds(lowNode: ValueNode, highNode: ValueNode, low: AttributeValue, high: AttributeValue): void {
    const show = (n: ValueNode, v: AttributeValue) => `AttributeValue: ${showValue(this.ph.rawValue(n.ref), v)}`;
    if (typeOf(low) !== typeOf(high)) {
      throw invalidExpression(
        this.kind,
        `The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: ${show(lowNode, low)}, upper bound operand: ${show(highNode, high)}`,
      );
    }
    const cmp = compareValues(low, high);
    if (cmp !== undefined && cmp > 0) {
      throw invalidExpression(
        this.kind,
        `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: ${show(lowNode, low)}, upper bound operand: ${show(highNode, high)}`,
      );
    }
  }

  private conditionCall(c: CallNode): CCondition {
    const name = c.name;
    const spec = functionSpec(name)!;
    const args = c.args.map((a) => this.operand(a));
    if (args.length !== spec.arity) throw wrongOperandCount(this.kind, name, args.length);
    switch (name) {
      case 'attribute_exists':
      case 'attribute_not_exists': {
        const a = args[0]!;
        if (a.kind !== 'path') throw requiresDocumentPath(this.kind, name);
        return { kind: name, path: a.path };
      }
      case 'attribute_type': {
        const [subject, t] = [args[0]!, args[1]!];
        if (t.kind === 'path') throw incorrectOperandType(this.kind, name, ANY_TYPE_MESSAGE);
        const tt = staticType(t);
        if (t.kind !== 'value' || !('S' in t.value)) throw incorrectOperandType(this.kind, name, tt ?? ANY_TYPE_MESSAGE);
        if (!VALID_TYPES.has(t.value.S)) {
          throw invalidExpression(this.kind, `Invalid attribute type name found; type: ${t.value.S}, valid types: ${TYPE_NAMES_MESSAGE}`);
        }
        return { kind: 'attribute_type', subject, type: t.value.S as AttributeType };
      }
      case 'begins_with': {
        const [subject, prefix] = [args[0]!, args[1]!];
        this.distinct(name, subject, [prefix]);
        for (const o of args) {
          const t = staticType(o);
          if (t !== undefined && !PREFIX_TYPES.has(t)) throw incorrectOperandType(this.kind, name, t);
        }
        return { kind: 'begins_with', subject, prefix };
      }
      case 'contains': {
        const [subject, operand] = [args[0]!, args[1]!];
        this.distinct(name, subject, [operand]);
        return { kind: 'contains', subject, operand };
      }
    }
    throw new Error(`unexpected condition function ${name}`);
  }

  operand(o: Operand): COperand {
    switch (o.kind) {
      case 'path':
        return { kind: 'path', path: resolvePath(this.kind, o, this.ph) };
      case 'value':
        return { kind: 'value', value: this.ph.value(this.kind, o.ref) };
      case 'call': {
        // Only size is an operand function in conditions (the text pass saw to that).
        const args = o.args.map((a) => this.operand(a));
        if (args.length !== 1) throw wrongOperandCount(this.kind, o.name, args.length);
        const arg = args[0]!;
        const t = staticType(arg);
        if (t !== undefined && !SIZED_TYPES.has(t)) throw incorrectOperandType(this.kind, 'size', t);
        return { kind: 'size', arg };
      }
      case 'arith':
        throw new Error('arithmetic in a condition');
    }
  }

  private distinct(operator: string, first: COperand, rest: readonly COperand[]): void {
    if (first.kind !== 'path') return;
    for (const r of rest) {
      if (r.kind === 'path' && samePath(first.path, r.path)) {
        throw operandsNotDistinct(this.kind, operator, displayDocPath(first.path));
      }
    }
  }

  private ordered(operator: string, o: COperand): void {
    const t = staticType(o);
    if (t !== undefined && !ORDERED_TYPES.has(t)) throw incorrectOperandType(this.kind, operator, t);
  }
}

/**
 * How the BETWEEN messages show a bound: `{N:1.50}` (the number as sent), `{S:b}`, and for
 * binary the service's Java buffer description.
 */
function showValue(raw: unknown, v: AttributeValue): string {
  const t = typeOf(v);
  if ('B' in v) {
    const n = Buffer.from(v.B, 'base64').length;
    return `{B:java.nio.HeapByteBuffer[pos=0 lim=${n} cap=${n}]}`;
  }
  const sent = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[t] : undefined;
  return `{${t}:${typeof sent === 'string' ? sent : (v as Record<string, unknown>)[t]}}`;
}

export function compileCondition(kind: ExpressionKind, c: Condition, ph: Placeholders): CCondition {
  return new ConditionCompiler(kind, ph).condition(c);
}

// ---- update ----


class UpdateCompiler {
  private readonly kind: ExpressionKind = 'UpdateExpression';
  private operators = 0;

  constructor(private readonly ph: Placeholders) {}

  /** `+`, `-` and the functions count towards the 300-operator limit as they are met. */
  private countOperator(): void {
    if (++this.operators > MAX_UPDATE_OPERATORS) {
      throw invalidExpression(this.kind, `The expression contains too many operators; operator count: ${this.operators}`);
    }
  }

  value(o: Operand): COperand {
    switch (o.kind) {
      case 'path':
        return { kind: 'path', path: resolvePath(this.kind, o, this.ph) };
      case 'value':
        return { kind: 'value', value: this.ph.value(this.kind, o.ref) };
      case 'arith': {
        this.countOperator();
        const left = this.value(o.left);
        const right = this.value(o.right);
        for (const x of [left, right]) {
          const t = staticType(x);
          if (t !== undefined && t !== 'N') throw incorrectOperandType(this.kind, o.op, t);
        }
        return { kind: 'arith', op: o.op, left, right };
      }
      case 'call': {
        this.countOperator();
        const args = o.args.map((a) => this.value(a));
        if (args.length !== 2) throw wrongOperandCount(this.kind, o.name, args.length);
        if (o.name === 'if_not_exists') {
          const p = args[0]!;
          if (p.kind !== 'path') throw requiresDocumentPath(this.kind, o.name);
          return { kind: 'if_not_exists', path: p.path, fallback: args[1]! };
        }
        for (const x of args) {
          const t = staticType(x);
          if (t !== undefined && t !== 'L') throw incorrectOperandType(this.kind, o.name, t);
        }
        return { kind: 'list_append', left: args[0]!, right: args[1]! };
      }
    }
  }

  action(a: UpdateAction, path: DocPath): CUpdateAction {
    switch (a.kind) {
      case 'SET':
        return { kind: 'SET', path, value: this.value(a.value) };
      case 'REMOVE':
        return { kind: 'REMOVE', path };
      case 'ADD': {
        const v = this.ph.value(this.kind, a.value.ref);
        const t = typeOf(v);
        if (t !== 'N' && t !== 'SS' && t !== 'NS' && t !== 'BS') throw incorrectActionOperandType(this.kind, 'ADD', LONG_TYPE_NAMES[t]!);
        return { kind: 'ADD', path, value: v };
      }
      case 'DELETE': {
        const v = this.ph.value(this.kind, a.value.ref);
        const t = typeOf(v);
        if (t !== 'SS' && t !== 'NS' && t !== 'BS') throw incorrectActionOperandType(this.kind, 'DELETE', LONG_TYPE_NAMES[t]!);
        return { kind: 'DELETE', path, value: v };
      }
    }
  }
}

export function compileUpdate(u: UpdateExpression, ph: Placeholders): CUpdate {
  const kind: ExpressionKind = 'UpdateExpression';
  const actions: UpdateAction[] = u.clauses.flatMap((c) => c.actions);
  const { paths, order } = buildPathTree(
    kind,
    actions.map((a) => a.path),
    ph,
  );
  const compiler = new UpdateCompiler(ph);
  const compiled: CUpdateAction[] = new Array(actions.length);
  for (let i = actions.length - 1; i >= 0; i--) compiled[i] = compiler.action(actions[i]!, paths[i]!);
  return { actions: compiled, order };
}

/** Rejects an update of a key attribute (checked after every expression of the request). */
export function checkUpdateKeyAttributes(u: CUpdate, keyNames: readonly string[]): void {
  for (const a of u.actions) {
    const top = a.path[0] as string;
    if (keyNames.includes(top)) throw keyAttributeUpdate(top);
  }
}

export function compileProjection(p: ProjectionExpression, ph: Placeholders): CProjection {
  return { paths: buildPathTree('ProjectionExpression', p.paths, ph).paths };
}

export { pathDisplay };
