/**
 * Select, projection and filter against what the target holds: which combinations DynamoDB
 * accepts, what each returns, and when a local secondary index read must fetch the table's item.
 *
 * Order of the checks (observed with DynamoDB Local, after the expressions and the start key):
 * filter on a key attribute (Query), filter on attributes an index does not project (Query), the
 * Select/projection combination, then projected attributes a GSI does not hold.
 */
import { validation } from '../../errors.js';
import { javaHashMapOrder } from '../../validate/java.js';
import { projectedNames, type ReadTarget } from './target.js';
import { indexKeyAttributes } from '../common/multi-key.js';

export type Select = 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';

/** Which request member carries the projection or the filter (it names the member in messages). */
export type ProjectionSource = 'ProjectionExpression' | 'AttributesToGet';
export type FilterSource = 'FilterExpression' | 'QueryFilter' | 'ScanFilter';

export interface FilterNames {
  source: FilterSource;
  /** Top-level attribute names the filter reads. */
  names: readonly string[];
  /** Top-level names read through a nested path (`a.b`, `a[0]`). */
  nestedNames: readonly string[];
}

export const SELECT_MESSAGES = {
  onlyWithIndex: 'ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName',
  specificNeedsProjection: 'Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES',
  cannotCombine: (source: ProjectionSource, select: Select) =>
    `Cannot specify the ${source} when choosing to get ${select === 'COUNT' ? 'only the Count' : select}`,
  gsiNotAll: (index: string) =>
    `One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${index} because its projection type is not ALL`,
  gsiDoesNotProject: (index: string, names: readonly string[]) =>
    `One or more parameter values were invalid: Global secondary index ${index} does not project [${names.join(', ')}]`,
  filterNotProjected: (index: string, names: readonly string[]) =>
    `One or more parameter values were invalid: Secondary index ${index} does not project one or more filter attributes: [${names.join(', ')}]`,
  filterOnKey: (source: FilterSource, name: string) =>
    `${source === 'FilterExpression' ? 'Filter Expression' : source} can only contain non-primary key attributes: Primary key attribute: ${name}`,
  nestedKey: (name: string) =>
    `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: ${name}`,
} as const;

/**
 * A Query filter may not read the key attributes of what is queried (the table's key on a table,
 * the index's key on an index — the table's sort key is fair game on an index). The first key
 * attribute in schema order that the filter reads is reported.
 */
export function checkQueryFilterKeys(target: ReadTarget, filter: FilterNames | undefined): void {
  if (!filter) return;
  const keys = target.index?.multiKey
    ? indexKeyAttributes(target.index).map((k) => k.name)
    : [target.key.hash.name, ...(target.key.range ? [target.key.range.name] : [])];
  for (const key of keys) {
    if (filter.nestedNames.includes(key)) throw validation(SELECT_MESSAGES.nestedKey(key));
    if (filter.names.includes(key)) throw validation(SELECT_MESSAGES.filterOnKey(filter.source, key));
  }
}

/** An index Query filters what the index holds: every attribute the filter reads must be projected. */
export function checkQueryFilterProjected(target: ReadTarget, filter: FilterNames | undefined): void {
  if (!filter || !target.index) return;
  const projected = projectedNames(target);
  if (projected === 'ALL') return;
  const missing = [...new Set([...filter.names, ...filter.nestedNames])].filter((n) => !projected.has(n));
  // DynamoDB lists them sorted (a TreeSet), unlike the projection message below.
  if (missing.length > 0) throw validation(SELECT_MESSAGES.filterNotProjected(target.index.name, missing.sort()));
}

/** The effective Select, after DynamoDB's checks of its combination with a projection. */
export function resolveSelect(raw: unknown, target: ReadTarget, projection: ProjectionSource | undefined): Select {
  const given = raw === undefined || raw === null ? undefined : (raw as Select);
  if (given === undefined) {
    if (projection) return 'SPECIFIC_ATTRIBUTES';
    return target.index ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES';
  }
  if (given === 'SPECIFIC_ATTRIBUTES') {
    if (!projection) throw validation(SELECT_MESSAGES.specificNeedsProjection);
    return given;
  }
  if (projection) throw validation(SELECT_MESSAGES.cannotCombine(projection, given));
  if (given === 'ALL_PROJECTED_ATTRIBUTES' && !target.index) throw validation(SELECT_MESSAGES.onlyWithIndex);
  if (given === 'ALL_ATTRIBUTES' && target.index?.kind === 'GSI' && target.index.projection.ProjectionType !== 'ALL') {
    throw validation(SELECT_MESSAGES.gsiNotAll(target.index.name));
  }
  return given;
}

/**
 * Whether each returned index entry must be completed from the table: a local secondary index
 * fetches the item when the request wants attributes the index does not hold (developer guide,
 * "Local secondary indexes", Querying / Read capacity units). A GSI cannot fetch; asking it for
 * attributes it does not project is an error.
 */
export function needsFetch(target: ReadTarget, select: Select, projectionNames: readonly string[] | undefined): boolean {
  const { index } = target;
  if (!index || index.projection.ProjectionType === 'ALL') return false;
  const projected = projectedNames(target) as Set<string>;
  if (select === 'ALL_ATTRIBUTES') return index.kind === 'LSI';
  if (select !== 'SPECIFIC_ATTRIBUTES' || !projectionNames) return false;
  const missing = unique(projectionNames).filter((n) => !projected.has(n));
  if (missing.length === 0) return false;
  if (index.kind === 'GSI') throw validation(SELECT_MESSAGES.gsiDoesNotProject(index.name, javaHashMapOrder(missing)));
  return true;
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
