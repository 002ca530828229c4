/**
 * ExecuteStatement's NextToken: where a SELECT stopped. A SELECT may read several partitions in
 * turn (`pk IN [...]`), so the token names the read it stopped in (its position in the plan's
 * list) and the key it stopped at within it. The token is opaque to clients: base64 of a small
 * JSON document. Anything that does not decode to a position in this statement's reads is
 * "Invalid NextToken".
 */
import { validation } from '../../errors.js';
import type { Item } from '../../model/types.js';
import { PARTIQL_MESSAGES } from '../../partiql/messages.js';

export interface Position {
  /** Index of the read (partition) in the plan. */
  readonly read: number;
  /** The last key evaluated in it (the read resumes just after); absent: the read's start. */
  readonly key?: Item;
}

const VERSION = 1;

export function encodeNextToken(p: Position): string {
  return Buffer.from(JSON.stringify({ v: VERSION, r: p.read, k: p.key }), 'utf8').toString('base64');
}

const invalid = () => validation(PARTIQL_MESSAGES.invalidNextToken);

/** The position a NextToken names; `reads` is how many reads the statement's plan has. */
export function decodeNextToken(token: unknown, reads: number): Position {
  if (typeof token !== 'string') throw invalid();
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!doc || typeof doc !== 'object') throw invalid();
  const { v, r, k } = doc as Record<string, unknown>;
  if (v !== VERSION || typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r >= reads) throw invalid();
  if (k === undefined) return { read: r };
  if (!k || typeof k !== 'object' || Array.isArray(k)) throw invalid();
  return { read: r, key: k as Item };
}
