/**
 * The PartiQL lexer. Tokens carry their line, column and length because DynamoDB's messages
 * point at them (`Unexpected path component at 1:8:5`: line 1, column 8, five characters long).
 *
 * Whitespace and comments only separate tokens; keywords are matched case-insensitively; nothing
 * else about spelling changes a token's meaning. Anything the lexer cannot read makes the whole
 * statement "not well formed" (the parser reports it).
 */
import { isKeyword } from './keywords.js';

export type TokenKind =
  | 'ident' // an unquoted name: letters, digits, `_`, `$`, not starting with a digit
  | 'qident' // a "double-quoted" name
  | 'keyword'
  | 'string' // 'single-quoted'
  | 'number'
  | 'ion' // `an Ion literal`
  | 'punct'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /**
   * Names and strings: the text with its quotes removed and doubled quotes undone. Keywords: the
   * lower-cased word. Numbers, punctuation, Ion literals: the source text.
   */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly col: number;
}

/** Where a token or node starts, as DynamoDB reports it: `line:column:length`. */
export interface Pos {
  readonly line: number;
  readonly col: number;
  readonly len: number;
}

export const posOf = (t: Token): Pos => ({ line: t.line, col: t.col, len: t.end - t.start });

export class LexError extends Error {}

/** Punctuation and operators, longest first so that `<=` wins over `<`. */
const PUNCT = ['<<', '>>', '<=', '>=', '<>', '!=', '||', '(', ')', '[', ']', '{', '}', ',', '.', ':', ';', '*', '?', '=', '<', '>', '+', '-', '/', '%', '@'];

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);
/** Space, tab, line feed, vertical tab, form feed, carriage return. */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const newline = (at: number): void => {
    line++;
    lineStart = at + 1;
  };
  /** Advances over `from..to`, counting the line breaks inside (strings and comments may span lines). */
  const countLines = (from: number, to: number): void => {
    for (let j = from; j < to; j++) {
      const c = text.charCodeAt(j);
      if (c === 10 || (c === 13 && text.charCodeAt(j + 1) !== 10)) newline(j);
    }
  };
  const push = (kind: TokenKind, value: string, start: number, end: number, startLine: number, startCol: number): void => {
    tokens.push({ kind, value, start, end, line: startLine, col: startCol });
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) newline(i);
      i++;
      continue;
    }
    const start = i;
    const tokLine = line;
    const tokCol = i - lineStart + 1;

    if (c === 45 && text.charCodeAt(i + 1) === 45) {
      // -- comment to the end of the line
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw new LexError('unterminated comment');
      countLines(i, close + 2);
      i = close + 2;
      continue;
    }
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      const word = text.slice(start, i);
      const lower = word.toLowerCase();
      if (isKeyword(lower)) push('keyword', lower, start, i, tokLine, tokCol);
      else push('ident', word, start, i, tokLine, tokCol);
      continue;
    }
    if (c === 39 || c === 34) {
      const { value, end } = quoted(text, i, c);
      countLines(i, end);
      push(c === 39 ? 'string' : 'qident', value, start, end, tokLine, tokCol);
      i = end;
      continue;
    }
    if (c === 96) {
      const close = text.indexOf('`', i + 1);
      if (close < 0) throw new LexError('unterminated Ion literal');
      countLines(i, close + 1);
      i = close + 1;
      push('ion', text.slice(start + 1, close), start, i, tokLine, tokCol);
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      i = numberEnd(text, i);
      push('number', text.slice(start, i), start, i, tokLine, tokCol);
      continue;
    }
    const p = PUNCT.find((s) => text.startsWith(s, i));
    if (!p) throw new LexError(`unexpected character at ${i}`);
    i += p.length;
    push('punct', p, start, i, tokLine, tokCol);
  }
  tokens.push({ kind: 'eof', value: '', start: n, end: n, line, col: n - lineStart + 1 });
  return tokens;
}

/** A quoted string or name starting at `i`: the closing quote, with a doubled quote standing for one. */
function quoted(text: string, i: number, quote: number): { value: string; end: number } {
  let value = '';
  let j = i + 1;
  for (;;) {
    const close = text.indexOf(String.fromCharCode(quote), j);
    if (close < 0) throw new LexError('unterminated string');
    value += text.slice(j, close);
    if (text.charCodeAt(close + 1) === quote) {
      value += String.fromCharCode(quote);
      j = close + 2;
      continue;
    }
    return { value, end: close + 1 };
  }
}

/** digits [. digits] [e [+-] digits], or . digits [...]; an exponent needs digits. */
function numberEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 46) {
    i++;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    const s = text.charCodeAt(i);
    if (s === 43 || s === 45) i++;
    if (!isDigit(text.charCodeAt(i))) throw new LexError('bad exponent');
    while (i < n && isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}
