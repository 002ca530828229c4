/**
 * The expression lexer. One lexer serves all five expression kinds, as in DynamoDB: the grammar
 * keywords (SET, REMOVE, ADD, DELETE, AND, OR, NOT, BETWEEN, IN) are tokens in every kind, which
 * is why `set = :v` is a syntax error in a ConditionExpression too.
 *
 * A character that starts no token becomes a one-character `error` token; the parser then reports
 * it like any unexpected token (`Syntax error; token: "$", near: "a$ ="`).
 */

export type TokenKind =
  | 'name' // a1_B: a letter, then letters, digits, underscores
  | 'nameRef' // #x
  | 'valueRef' // :x
  | 'number' // list index digits: "0" or [1-9][0-9]*
  | 'keyword'
  | '(' | ')' | '[' | ']' | ',' | '.'
  | '=' | '<>' | '<' | '<=' | '>' | '>='
  | '+' | '-'
  | 'error'
  | 'eof';

export type Keyword = 'SET' | 'REMOVE' | 'ADD' | 'DELETE' | 'AND' | 'OR' | 'NOT' | 'BETWEEN' | 'IN';

const KEYWORDS: ReadonlySet<string> = new Set(['SET', 'REMOVE', 'ADD', 'DELETE', 'AND', 'OR', 'NOT', 'BETWEEN', 'IN']);

export interface Token {
  kind: TokenKind;
  /** The source text of the token (`<EOF>` for the end). */
  text: string;
  /** For keywords: the upper-case keyword. */
  keyword?: Keyword;
  start: number;
  end: number;
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isNameChar = (c: number): boolean => isLetter(c) || isDigit(c) || c === 95;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number): void => {
    tokens.push({ kind, text: text.slice(start, end), start, end });
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isLetter(c)) {
      i++;
      while (i < n && isNameChar(text.charCodeAt(i))) i++;
      const word = text.slice(start, i);
      const upper = word.toUpperCase();
      if (KEYWORDS.has(upper)) tokens.push({ kind: 'keyword', text: word, keyword: upper as Keyword, start, end: i });
      else push('name', start, i);
      continue;
    }
    if (c === 35 /* # */ || c === 58 /* : */) {
      let j = i + 1;
      while (j < n && isNameChar(text.charCodeAt(j))) j++;
      if (j > i + 1) {
        push(c === 35 ? 'nameRef' : 'valueRef', start, j);
        i = j;
      } else {
        push('error', start, i + 1);
        i++;
      }
      continue;
    }
    if (isDigit(c)) {
      // "0" stands alone, so "01" lexes as "0" then "1" (DynamoDB reports the "1").
      if (c === 48) i++;
      else {
        i++;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      }
      push('number', start, i);
      continue;
    }
    const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
    switch (c) {
      case 40: push('(', i, i + 1); i++; continue;
      case 41: push(')', i, i + 1); i++; continue;
      case 91: push('[', i, i + 1); i++; continue;
      case 93: push(']', i, i + 1); i++; continue;
      case 44: push(',', i, i + 1); i++; continue;
      case 46: push('.', i, i + 1); i++; continue;
      case 61: push('=', i, i + 1); i++; continue;
      case 43: push('+', i, i + 1); i++; continue;
      case 45: push('-', i, i + 1); i++; continue;
      case 60: // <
        if (next === 62) { push('<>', i, i + 2); i += 2; }
        else if (next === 61) { push('<=', i, i + 2); i += 2; }
        else { push('<', i, i + 1); i++; }
        continue;
      case 62: // >
        if (next === 61) { push('>=', i, i + 2); i += 2; }
        else { push('>', i, i + 1); i++; }
        continue;
    }
    // One UTF-16 code unit: the service splits a surrogate pair and names its first half.
    push('error', i, i + 1);
    i++;
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: n, end: n });
  return tokens;
}
