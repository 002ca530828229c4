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
  operandsNotDistinct,
  redundantParentheses,
  requiresDocumentPath,
  reservedKeyword,
  sectionUsedTwice,
  wrongOperandCount,
} from './messages.js';
import { checkPathOverlaps } from './overlap.js';
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
  switch (node.kind) {
    case 'compare':
      checkParens(kind, node.left);
      checkParens(kind, node.right);
      return;
    case 'between':
      checkParens(kind, node.operand);
      checkParens(kind, node.low);
      checkParens(kind, node.high);
      return;
    case 'in':
      checkParens(kind, node.operand);
      node.list.forEach((o) => checkParens(kind, o));
      return;
    case 'and':
    case 'or':
      checkParens(kind, node.left);
      checkParens(kind, node.right);
      return;
    case 'not':
      checkParens(kind, node.operand);
      return;
    case 'call':
      node.args.forEach((o) => checkParens(kind, o));
      return;
    case 'arith':
      checkParens(kind, node.left);
      checkParens(kind, node.right);
      return;
    case 'path':
    case 'value':
      return;
  }
}

function checkPathText(kind: ExpressionKind, path: PathNode): void {
  if (path.elements.length > MAX_PATH_DEPTH) {
    throw invalidExpression(kind, `The document path has too many nesting levels; nesting levels: ${path.elements.length}`);
  }
  for (const e of path.elements) {
    if (e.type === 'name') {
      if (!e.ref && isReservedWord(e.name)) throw reservedKeyword(kind, e.name);
    } else if (e.text.length > 10 || e.index > MAX_INDEX) {
      throw invalidExpression(kind, `List index is not within the allowable range; index: [${e.text}]`);
    }
  }
}

/** Where a node stands: as a condition, or as an operand. */
type Place = 'condition' | 'operand';

function checkCallText(kind: ExpressionKind, call: CallNode, place: Place, inUpdate: boolean): void {
  const spec = functionSpec(call.name);
  if (!spec) throw invalidFunctionName(kind, call.name);
  if (inUpdate) {
    if (!spec.update) throw functionNotAllowedInUpdate(kind, call.name);
  } else {
    if (spec.update) throw functionNotAllowedInCondition(kind, call.name);
    if (spec.condition !== (place === 'condition')) throw functionNotAllowedThisWay(kind, call.name);
  }
  for (const a of call.args) checkOperandText(kind, a, inUpdate);
}

function checkOperandText(kind: ExpressionKind, o: Operand, inUpdate: boolean): void {
  switch (o.kind) {
    case 'path':
      checkPathText(kind, o);
      return;
    case 'value':
      return;
    case 'call':
      checkCallText(kind, o, 'operand', inUpdate);
      return;
    case 'arith':
      checkOperandText(kind, o.left, inUpdate);
      checkOperandText(kind, o.right, inUpdate);
      return;
  }
}

function checkConditionText(kind: ExpressionKind, c: Condition): void {
  switch (c.kind) {
    case 'compare':
      checkOperandText(kind, c.left, false);
      checkOperandText(kind, c.right, false);
      return;
    case 'between':
      checkOperandText(kind, c.operand, false);
      checkOperandText(kind, c.low, false);
      checkOperandText(kind, c.high, false);
      return;
    case 'in':
      if (c.list.length > MAX_IN_OPERANDS) {
        throw invalidExpression(kind, `The IN operator is provided with too many operands; number of operands: ${c.list.length}`);
      }
      checkOperandText(kind, c.operand, false);
      c.list.forEach((o) => checkOperandText(kind, o, false));
      return;
    case 'and':
    case 'or':
      checkConditionText(kind, c.left);
      checkConditionText(kind, c.right);
      return;
    case 'not':
      checkConditionText(kind, c.operand);
      return;
    case 'call':
      checkCallText(kind, c, 'condition', false);
      return;
  }
}

/** Text-only checks of a condition-like expression (Condition, Filter, KeyCondition). */
export function checkConditionTextPasses(kind: ExpressionKind, c: Condition): void {
  checkParens(kind, c);
  checkConditionText(kind, c);
}

/** Text-only checks of an update expression. */
export function checkUpdateTextPasses(u: UpdateExpression): void {
  const kind: ExpressionKind = 'UpdateExpression';
  for (const clause of u.clauses) {
    for (const a of clause.actions) if (a.kind === 'SET') checkParens(kind, a.value);
  }
  const seen = new Set<string>();
  for (const clause of u.clauses) {
    if (seen.has(clause.kind)) throw sectionUsedTwice(kind, clause.kind);
    seen.add(clause.kind);
  }
  for (const clause of u.clauses) {
    for (const a of clause.actions) {
      checkPathText(kind, a.path);
      if (a.kind === 'SET') checkOperandText(kind, a.value, true);
    }
  }
}

export function checkProjectionTextPasses(p: ProjectionExpression): void {
  for (const path of p.paths) checkPathText('ProjectionExpression', path);
}

// ------------------------------------------------------------------------------------------------
// Request passes

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
      return staticType(o.fallback);
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
        if (low.kind === 'value' && high.kind === 'value') {
          const cmp = compareValues(low.value, high.value);
          if (cmp !== undefined && cmp > 0) {
            throw invalidExpression(
              this.kind,
              `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${showValue(low.value)}, upper bound operand: AttributeValue: ${showValue(high.value)}`,
            );
          }
        }
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

  private conditionCall(c: CallNode): CCondition {
    const name = c.name;
    const spec = functionSpec(name)!;
    if (c.args.length !== spec.arity) throw wrongOperandCount(this.kind, name, c.args.length);
    switch (name) {
      case 'attribute_exists':
      case 'attribute_not_exists': {
        const a = c.args[0]!;
        if (a.kind !== 'path') throw requiresDocumentPath(this.kind, name);
        return { kind: name, path: resolvePath(this.kind, a, this.ph) };
      }
      case 'attribute_type': {
        const a = c.args[0]!;
        if (a.kind !== 'path') throw requiresDocumentPath(this.kind, name);
        const path = resolvePath(this.kind, a, this.ph);
        const t = this.operand(c.args[1]!);
        if (t.kind !== 'value') throw incorrectOperandType(this.kind, name, ANY_TYPE_MESSAGE);
        if (!('S' in t.value)) throw incorrectOperandType(this.kind, name, typeOf(t.value));
        if (!VALID_TYPES.has(t.value.S)) {
          throw invalidExpression(this.kind, `Invalid attribute type name found; type: ${t.value.S}, valid types: ${TYPE_NAMES_MESSAGE}`);
        }
        return { kind: 'attribute_type', path, type: t.value.S as AttributeType };
      }
      case 'begins_with': {
        const subject = this.operand(c.args[0]!);
        const prefix = this.operand(c.args[1]!);
        this.distinct(name, subject, [prefix]);
        for (const o of [subject, prefix]) {
          const t = staticType(o);
          if (t !== undefined && !PREFIX_TYPES.has(t)) throw incorrectOperandType(this.kind, name, t);
        }
        return { kind: 'begins_with', subject, prefix };
      }
      case 'contains': {
        const subject = this.operand(c.args[0]!);
        const operand = this.operand(c.args[1]!);
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
        if (o.args.length !== 1) throw wrongOperandCount(this.kind, o.name, o.args.length);
        const arg = this.operand(o.args[0]!);
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

/** `{N: 2,}`-style rendering of a value in the BETWEEN message. */
function showValue(v: AttributeValue): string {
  const t = typeOf(v);
  return `{${t}: ${(v as Record<string, unknown>)[t]},}`;
}

export function compileCondition(kind: ExpressionKind, c: Condition, ph: Placeholders): CCondition {
  return new ConditionCompiler(kind, ph).condition(c);
}

// ---- update ----

const ACTION_TYPE_NAMES: Readonly<Record<string, string>> = {
  S: 'STRING',
  N: 'NUMBER',
  B: 'BINARY',
  BOOL: 'BOOLEAN',
  NULL: 'NULL',
  M: 'MAP',
  L: 'LIST',
  SS: 'STRING_SET',
  NS: 'NUMBER_SET',
  BS: 'BINARY_SET',
};

class UpdateCompiler {
  private readonly kind: ExpressionKind = 'UpdateExpression';
  operators = 0;

  constructor(private readonly ph: Placeholders) {}

  value(o: Operand): COperand {
    switch (o.kind) {
      case 'path':
        return { kind: 'path', path: resolvePath(this.kind, o, this.ph) };
      case 'value':
        return { kind: 'value', value: this.ph.value(this.kind, o.ref) };
      case 'arith': {
        this.operators++;
        const left = this.value(o.left);
        const lt = staticType(left);
        if (lt !== undefined && lt !== 'N') throw incorrectOperandType(this.kind, o.op, lt);
        const right = this.value(o.right);
        const rt = staticType(right);
        if (rt !== undefined && rt !== 'N') throw incorrectOperandType(this.kind, o.op, rt);
        return { kind: 'arith', op: o.op, left, right };
      }
      case 'call': {
        this.operators++;
        if (o.args.length !== 2) throw wrongOperandCount(this.kind, o.name, o.args.length);
        if (o.name === 'if_not_exists') {
          const p = o.args[0]!;
          if (p.kind !== 'path') throw requiresDocumentPath(this.kind, o.name);
          const path = resolvePath(this.kind, p, this.ph);
          const fallback = this.value(o.args[1]!);
          return { kind: 'if_not_exists', path, fallback };
        }
        const left = this.value(o.args[0]!);
        const lt = staticType(left);
        if (lt !== undefined && lt !== 'L') throw incorrectOperandType(this.kind, o.name, lt);
        const right = this.value(o.args[1]!);
        const rt = staticType(right);
        if (rt !== undefined && rt !== 'L') throw incorrectOperandType(this.kind, o.name, rt);
        return { kind: 'list_append', left, right };
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
        if (t !== 'N' && t !== 'SS' && t !== 'NS' && t !== 'BS') throw incorrectActionOperandType(this.kind, 'ADD', ACTION_TYPE_NAMES[t]!);
        return { kind: 'ADD', path, value: v };
      }
      case 'DELETE': {
        const v = this.ph.value(this.kind, a.value.ref);
        const t = typeOf(v);
        if (t !== 'SS' && t !== 'NS' && t !== 'BS') throw incorrectActionOperandType(this.kind, 'DELETE', ACTION_TYPE_NAMES[t]!);
        return { kind: 'DELETE', path, value: v };
      }
    }
  }
}

export function compileUpdate(u: UpdateExpression, ph: Placeholders): CUpdate {
  const kind: ExpressionKind = 'UpdateExpression';
  const actions: UpdateAction[] = u.clauses.flatMap((c) => c.actions);
  const paths = checkPathOverlaps(
    kind,
    actions.map((a) => a.path),
    ph,
  );
  const compiler = new UpdateCompiler(ph);
  const compiled: CUpdateAction[] = new Array(actions.length);
  for (let i = actions.length - 1; i >= 0; i--) compiled[i] = compiler.action(actions[i]!, paths[i]!);
  if (compiler.operators > MAX_UPDATE_OPERATORS) {
    throw invalidExpression(kind, `The expression contains too many operators; operator count: ${compiler.operators}`);
  }
  return { actions: compiled };
}

/** Rejects an update of a key attribute (checked after every expression of the request). */
export function checkUpdateKeyAttributes(u: CUpdate, keyNames: readonly string[]): void {
  for (const a of u.actions) {
    const top = a.path[0] as string;
    if (keyNames.includes(top)) throw keyAttributeUpdate(top);
  }
}

export function compileProjection(p: ProjectionExpression, ph: Placeholders): CProjection {
  return { paths: checkPathOverlaps('ProjectionExpression', p.paths, ph) };
}

export { pathDisplay };
