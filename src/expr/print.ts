/**
 * Prints a syntax tree back as expression text, with the parentheses precedence needs (and those
 * the tree records). parse(print(tree)) gives the tree back; the property tests rely on it, and it
 * makes trees readable in failure messages.
 */
import type { Condition, Operand, PathNode, UpdateExpression } from './ast.js';

export function printPath(p: PathNode): string {
  let out = '';
  p.elements.forEach((e, i) => {
    if (e.type === 'index') out += `[${e.text}]`;
    else out += (i > 0 ? '.' : '') + e.name;
  });
  return out;
}

function wrap(text: string, parens: number): string {
  return '('.repeat(parens) + text + ')'.repeat(parens);
}

export function printOperand(o: Operand): string {
  switch (o.kind) {
    case 'path':
      return wrap(printPath(o), o.parens);
    case 'value':
      return wrap(o.ref, o.parens);
    case 'call':
      return wrap(`${o.name}(${o.args.map(printOperand).join(', ')})`, o.parens);
    case 'arith':
      return wrap(`${printOperand(o.left)} ${o.op} ${printOperand(o.right)}`, o.parens);
  }
}

/** Binding strength: OR < AND < NOT < a single predicate. */
const rank = (c: Condition): number => (c.kind === 'or' ? 1 : c.kind === 'and' ? 2 : c.kind === 'not' ? 3 : 4);

function child(c: Condition, min: number): string {
  const text = printCondition(c);
  return c.parens === 0 && rank(c) < min ? `(${text})` : text;
}

export function printCondition(c: Condition): string {
  let text: string;
  switch (c.kind) {
    case 'or':
      // Left-associative: a right operand of the same operator needs parentheses.
      text = `${child(c.left, 1)} OR ${child(c.right, 2)}`;
      break;
    case 'and':
      text = `${child(c.left, 2)} AND ${child(c.right, 3)}`;
      break;
    case 'not':
      text = `NOT ${child(c.operand, 3)}`;
      break;
    case 'compare':
      text = `${printOperand(c.left)} ${c.op} ${printOperand(c.right)}`;
      break;
    case 'between':
      text = `${printOperand(c.operand)} BETWEEN ${printOperand(c.low)} AND ${printOperand(c.high)}`;
      break;
    case 'in':
      text = `${printOperand(c.operand)} IN (${c.list.map(printOperand).join(', ')})`;
      break;
    case 'call':
      return printOperand(c);
  }
  return wrap(text, c.parens);
}

export function printUpdate(u: UpdateExpression): string {
  return u.clauses
    .map((clause) => {
      const actions = clause.actions.map((a) => {
        switch (a.kind) {
          case 'SET':
            return `${printPath(a.path)} = ${printOperand(a.value)}`;
          case 'REMOVE':
            return printPath(a.path);
          case 'ADD':
          case 'DELETE':
            return `${printPath(a.path)} ${a.value.ref}`;
        }
      });
      return `${clause.kind} ${actions.join(', ')}`;
    })
    .join(' ');
}
