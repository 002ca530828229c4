/**
 * Parsed expressions cached by their text. Parsing and the text-only validation passes are pure
 * functions of (kind, text), so their outcome — a syntax tree, or the error DynamoDB reports for
 * that text — is shared by every request that sends the same expression. Placeholders are
 * resolved per request afterwards.
 */
import { DynamoError, validation } from '../errors.js';
import type { Condition, ExpressionKind, ProjectionExpression, UpdateExpression } from './ast.js';
import { emptyExpression, invalidExpression } from './messages.js';
import { parseCondition, parseProjection, parseUpdate } from './parser.js';
import { checkConditionTextPasses, checkProjectionTextPasses, checkUpdateTextPasses } from './validate.js';

/** Expressions longer than this many characters are rejected before they are parsed. */
export const MAX_EXPRESSION_LENGTH = 4096;
const MAX_ENTRIES = 20_000;

type Entry<T> = { ok: true; tree: T } | { ok: false; message: string };

const cache = new Map<string, Entry<unknown>>();

function cached<T>(kind: ExpressionKind, text: string, build: () => T): T {
  const key = kind + '\u0000' + text;
  let entry = cache.get(key) as Entry<T> | undefined;
  if (!entry) {
    try {
      entry = { ok: true, tree: build() };
    } catch (e) {
      if (!(e instanceof DynamoError)) throw e;
      entry = { ok: false, message: e.message };
    }
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, entry);
  }
  if (!entry.ok) throw validation(entry.message);
  return entry.tree;
}

function checkSize(kind: ExpressionKind, text: string): void {
  if (text.length === 0) throw emptyExpression(kind);
  if (text.length > MAX_EXPRESSION_LENGTH) {
    // The service gives the size for condition-like expressions only.
    const detail = kind === 'UpdateExpression' || kind === 'ProjectionExpression' ? '' : ` expression size: ${text.length}`;
    throw invalidExpression(kind, `Expression size has exceeded the maximum allowed size;${detail}`);
  }
}

export function conditionTree(kind: ExpressionKind, text: string): Condition {
  return cached(kind, text, () => {
    checkSize(kind, text);
    const tree = parseCondition(text, kind);
    checkConditionTextPasses(kind, tree);
    return tree;
  });
}

export function updateTree(text: string): UpdateExpression {
  return cached('UpdateExpression', text, () => {
    checkSize('UpdateExpression', text);
    const tree = parseUpdate(text);
    checkUpdateTextPasses(tree);
    return tree;
  });
}

export function projectionTree(text: string): ProjectionExpression {
  return cached('ProjectionExpression', text, () => {
    checkSize('ProjectionExpression', text);
    const tree = parseProjection(text);
    checkProjectionTextPasses(tree);
    return tree;
  });
}

export function clearExpressionCache(): void {
  cache.clear();
}
