/**
 * The document paths a compiled condition reads: what a Query's filter is checked against (the
 * key schema, an index's projection), here and in the read engine.
 */
import type { CCondition, COperand, DocPath } from './compiled.js';

export function conditionPaths(c: CCondition): DocPath[] {
  const out: DocPath[] = [];
  visit(c, out);
  return out;
}

function visit(c: CCondition, out: DocPath[]): void {
  switch (c.kind) {
    case 'and':
    case 'or':
      visit(c.left, out);
      visit(c.right, out);
      return;
    case 'not':
      visit(c.operand, out);
      return;
    case 'compare':
      operand(c.left, out);
      operand(c.right, out);
      return;
    case 'between':
      operand(c.operand, out);
      operand(c.low, out);
      operand(c.high, out);
      return;
    case 'in':
      operand(c.operand, out);
      for (const o of c.list) operand(o, out);
      return;
    case 'attribute_exists':
    case 'attribute_not_exists':
      out.push(c.path);
      return;
    case 'attribute_type':
      operand(c.subject, out);
      return;
    case 'begins_with':
      operand(c.subject, out);
      operand(c.prefix, out);
      return;
    case 'contains':
      operand(c.subject, out);
      operand(c.operand, out);
      return;
    case 'true':
      return;
  }
}

function operand(o: COperand, out: DocPath[]): void {
  switch (o.kind) {
    case 'path':
      out.push(o.path);
      return;
    case 'size':
      operand(o.arg, out);
      return;
    case 'if_not_exists':
      out.push(o.path);
      operand(o.fallback, out);
      return;
    case 'list_append':
    case 'arith':
      operand(o.left, out);
      operand(o.right, out);
      return;
    case 'value':
      return;
  }
}
