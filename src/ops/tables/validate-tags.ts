/**
 * Tag lists (CreateTable Tags, TagResource), by the developer guide's "Tagging restrictions":
 * keys 1–128 and values 0–256 Unicode characters (the shape validator checks the lengths),
 * letters, digits, white space and + - = . _ : / @ only, no `aws:` prefix (reserved for tags AWS
 * assigns), at most 50 per resource; a key tagged again takes the new value.
 */
import { M } from './messages.js';

export const MAX_TAGS = 50;

export interface TagInput {
  Key: string;
  Value: string;
}

const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function checkTags(tags: TagInput[]): void {
  const seen = new Set<string>();
  for (const t of tags) {
    if (seen.has(t.Key)) throw M.duplicateTagKeys();
    seen.add(t.Key);
    if (t.Key.toLowerCase().startsWith('aws:')) throw M.reservedTagKey();
    if (!ALLOWED.test(t.Key)) throw M.badTagCharacters('key', t.Key);
    if (!ALLOWED.test(t.Value)) throw M.badTagCharacters('value', t.Value);
  }
  if (tags.length > MAX_TAGS) throw M.tooManyTags();
}

/** `existing` with `added` applied (same key → new value), checked against the per-resource limit. */
export function mergeTags(existing: TagInput[], added: TagInput[]): TagInput[] {
  const byKey = new Map(existing.map((t) => [t.Key, t.Value]));
  for (const t of added) byKey.set(t.Key, t.Value);
  if (byKey.size > MAX_TAGS) throw M.tooManyTags();
  return [...byKey].map(([Key, Value]) => ({ Key, Value }));
}
