/**
 * A Query's FilterExpression may not name the key attributes of the table or index read
 * ("Filter Expression can only contain non-primary key attributes"): the key condition does that.
 */
import { validation } from '../errors.js';
import type { KeyShape } from '../model/types.js';
import type { CCondition, COperand, DocPath } from './compiled.js';

function paths(c: CCondition, out: DocPath[]): void {
  switch (c.kind) {
    case 'and':
    case 'or':
      paths(c.left, out);
      paths(c.right, out);
      return;
    case 'not':
      paths(c.operand, out);
      return;
    case 'compare':
      operandPaths(c.left, out);
      operandPaths(c.right, out);
      return;
    case 'between':
      [c.operand, c.low, c.high].forEach((o) => operandPaths(o, out));
      return;
    case 'in':
      operandPaths(c.operand, out);
      c.list.forEach((o) => operandPaths(o, out));
      return;
    case 'attribute_exists':
    case 'attribute_not_exists':
      out.push(c.path);
      return;
    case 'attribute_type':
      operandPaths(c.subject, out);
      return;
    case 'begins_with':
      operandPaths(c.subject, out);
      operandPaths(c.prefix, out);
      return;
    case 'contains':
      operandPaths(c.subject, out);
      operandPaths(c.operand, out);
      return;
    case 'true':
      return;
  }
}

function operandPaths(o: COperand, out: DocPath[]): void {
  if (o.kind === 'path') out.push(o.path);
  else if (o.kind === 'size') operandPaths(o.arg, out);
}

export function checkFilterKeyAttributes(filter: CCondition, key: KeyShape): void {
  const keyNames = [key.hash.name, ...(key.range ? [key.range.name] : [])];
  const all: DocPath[] = [];
  paths(filter, all);
  for (const p of all) {
    const top = p[0] as string;
    if (!keyNames.includes(top)) continue;
    if (p.length > 1) {
      throw validation(`Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: ${top}`);
    }
    throw validation(`Filter Expression can only contain non-primary key attributes: Primary key attribute: ${top}`);
  }
}
