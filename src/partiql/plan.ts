/**
 * A PartiQL statement's text → its plan, with DynamoDB's errors in DynamoDB's order: the parse,
 * the parameter count, the checks that need no table, the table, then everything that depends
 * on its key schema.
 *
 *   const plan = planStatement(text, { parameters, lookup, consistentRead: false, context: 'statement' });
 */
import { validation } from '../errors.js';
import type { AttributeValue } from '../model/types.js';
import { validateAttributeValue } from '../model/values.js';
import type { Expr, Statement } from './ast.js';
import { notWellFormed, PARTIQL_MESSAGES as M } from './messages.js';
import { parseStatement, ReturningStarError, SyntaxError, type Parsed } from './parser.js';
import type { ExistsPlan, Plan } from './plan-types.js';
import { checkSelect, planSelect } from './select-plan.js';
import type { TableLookup } from './source.js';
import { Translator } from './translate.js';
import { checkDelete, checkInsert, checkUpdate, planDelete, planInsert, planUpdate } from './write-plan.js';

export interface PlanOptions {
  /** The request's Parameters, as sent (validated here). */
  readonly parameters: readonly unknown[] | undefined;
  readonly lookup: TableLookup;
  readonly consistentRead: boolean;
  /** EXISTS(…) is a statement only in ExecuteTransaction. */
  readonly allowExists: boolean;
}

export function parse(text: string): Parsed {
  try {
    return parseStatement(text);
  } catch (e) {
    if (e instanceof SyntaxError) throw notWellFormed(text);
    if (e instanceof ReturningStarError) throw validation(M.returningStar);
    throw e;
  }
}

/** Validates Parameters: each must be a well-formed attribute value (normalised here). */
export function validateParameters(raw: readonly unknown[] | undefined): AttributeValue[] {
  return (raw ?? []).map((v) => validateAttributeValue(v));
}

export function planStatement(text: string, opts: PlanOptions): Plan {
  const parameters = validateParameters(opts.parameters);
  return planParsed(parse(text), parameters, opts);
}

/** Reads or writes: what a batch or transaction may not mix. Undefined: neither (refused). */
export function statementKind(s: Statement): 'read' | 'write' | undefined {
  switch (s.kind) {
    case 'select':
      return 'read';
    case 'expr':
      return isExists(s.expr) ? 'write' : undefined;
    default:
      return 'write';
  }
}

function isExists(e: Expr): boolean {
  const inner = e.k === 'unary' && e.op === 'not' ? e.operand : e;
  return inner.k === 'call' && inner.name === 'exists';
}

/**
 * Checks that need no table come first — a parameter missing from the request is reported when
 * they first reach it, and at the latest before the table is looked up.
 */
export function planParsed(parsed: Parsed, parameters: AttributeValue[], opts: PlanOptions): Plan {
  const { statement: s, parameters: wanted } = parsed;
  const tr = new Translator(parameters);
  const counted = () => {
    if (parameters.length < wanted) throw validation(M.parameterCount);
  };
  switch (s.kind) {
    case 'select': {
      const checked = checkSelect(s, tr);
      counted();
      return planSelect(checked, opts.lookup, tr, opts);
    }
    case 'insert': {
      const checked = checkInsert(s, tr);
      counted();
      return planInsert(checked, opts.lookup);
    }
    case 'update': {
      const checked = checkUpdate(s, tr);
      counted();
      return planUpdate(checked, opts.lookup, tr);
    }
    case 'delete': {
      const checked = checkDelete(s);
      counted();
      return planDelete(checked, opts.lookup, tr);
    }
    case 'expr':
      counted();
      return planExpression(s.expr, tr, opts);
  }
}

/** A statement that is only an expression: `EXISTS(SELECT …)`, or something DynamoDB refuses. */
function planExpression(e: Expr, tr: Translator, opts: PlanOptions): ExistsPlan {
  const negated = e.k === 'unary' && e.op === 'not';
  const inner = negated ? (e as { operand: Expr }).operand : e;
  if (inner.k === 'call' && inner.name === 'exists') {
    if (!opts.allowExists) throw validation(M.existsOutsideTransaction);
    if (negated) throw validation(M.txUnsupported);
    const arg = inner.args[0];
    if (inner.args.length !== 1 || arg?.k !== 'subquery') throw validation(M.txUnsupported);
    const select = planSelect(checkSelect(arg.query, tr), opts.lookup, tr, opts);
    return { kind: 'exists', table: select.table, select };
  }
  throw validation(M.unsupportedOperation(operationName(e)));
}

function operationName(e: Expr): string {
  switch (e.k) {
    case 'id':
      return 'VariableReference';
    case 'lit':
      return 'Literal';
    case 'path':
      return 'Path';
    case 'param':
      return 'Parameter';
    case 'call':
      return 'CallAgg';
    default:
      return 'NAry';
  }
}
