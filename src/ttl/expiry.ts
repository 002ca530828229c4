/**
 * When an item has expired under Time to Live, as DynamoDB decides it: its TTL attribute is a
 * Number of epoch seconds that lies in the past, but not more than five years in the past
 * (DynamoDB ignores those, taking them for values in another unit or mistakes). Any other type —
 * a String of digits, a set — never expires.
 */
import type { Item } from '../model/types.js';

export const FIVE_YEARS_S = 5 * 365 * 24 * 60 * 60;

export function isExpired(item: Item, attributeName: string, nowSeconds: number): boolean {
  const value = item[attributeName];
  if (!value || !('N' in value)) return false;
  const at = Number(value.N);
  return Number.isFinite(at) && at <= nowSeconds && at >= nowSeconds - FIVE_YEARS_S;
}

/**
 * A cheap pre-check on an item's stored JSON, so that a sweep parses only items that may have
 * expired: does some Number under the name `attributeName` (at any depth — isExpired then decides
 * on the top-level one) hold an expired time? Numbers are stored in plain decimal notation.
 */
export function mayBeExpired(json: string, attributeName: string, nowSeconds: number): boolean {
  const needle = `${JSON.stringify(attributeName)}:{"N":"`;
  for (let at = json.indexOf(needle); at >= 0; at = json.indexOf(needle, at + needle.length)) {
    const start = at + needle.length;
    const value = Number(json.slice(start, json.indexOf('"', start)));
    if (Number.isFinite(value) && value <= nowSeconds && value >= nowSeconds - FIVE_YEARS_S) return true;
  }
  return false;
}
