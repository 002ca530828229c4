/**
 * The expression side of a Query or Scan, as the read engine needs it: the key condition resolved
 * against the target's key schema, the filter as a predicate plus the attribute names it reads,
 * and the projection as a function plus the names it returns.
 *
 * Parsing, placeholder resolution and every expression message belong to src/expr (shared with
 * the item operations); this module only adapts its results for the read engine.
 */
import type { Item } from '../../model/types.js';
import type { KeyCondition } from './key-range.js';
import type { FilterNames, ProjectionSource } from './select.js';
import type { ReadTarget } from './target.js';

export interface ReadFilter extends FilterNames {
  test(item: Item): boolean;
}

export interface ReadProjection {
  source: ProjectionSource;
  /** Top-level attribute names the projection returns, in request order. */
  names: readonly string[];
  apply(item: Item): Item;
}

export interface ReadExpressions {
  filter?: ReadFilter;
  projection?: ReadProjection;
}

export interface QueryExpressions extends ReadExpressions {
  keyCondition: KeyCondition;
}

export type QueryExpressionsFn = (input: Record<string, any>, target: ReadTarget) => QueryExpressions;
export type ScanExpressionsFn = (input: Record<string, any>, target: ReadTarget) => ReadExpressions;
