/**
 * What a Query or Scan reads: the table itself, or one of its secondary indexes — looked up and
 * checked in the order DynamoDB checks (table, index name, consistency on a GSI, a GSI still
 * being backfilled).
 */
import type { IndexMeta, TableMeta } from '../../catalog/types.js';
import { validation } from '../../errors.js';
import type { KeyShape, KeyType } from '../../model/types.js';
import { requireTable } from '../common/table.js';
import { indexKeyAttributes } from '../common/multi-key.js';
import type { RequestContext } from '../types.js';

export interface ReadTarget {
  table: TableMeta;
  /** The index read, or undefined for the table. */
  index?: IndexMeta;
  /** Key schema of what is read (the table's or the index's). */
  key: KeyShape;
  /**
   * The attributes of a LastEvaluatedKey / ExclusiveStartKey: the table key, then the index key
   * attributes not already in it (an index read needs both to name a position between entries
   * that share the index key).
   */
  startKey: readonly { name: string; type: KeyType }[];
}

export const TARGET_MESSAGES = {
  noSuchIndex: (name: string) => `The table does not have the specified index: ${name}`,
  /**
   * Query: the real service's words (amazon-archives/dynamodb-geo#16, jgilbert01/aws-lambda-stream#60
   * and Layr-Labs/eigenda#1900 quote its answer to a Query). DynamoDB Local says "Consistent read
   * cannot be true when querying a GSI".
   */
  consistentGsiQuery: 'Consistent reads are not supported on global secondary indexes',
  /**
   * Scan: DynamoDB Local's words. The API reference documents only the exception type
   * (ValidationException) and no source quotes the service's answer to a Scan.
   */
  consistentGsiScan: 'Consistent read cannot be true when scanning a GSI',
  /**
   * A GSI added by UpdateTable cannot be read until its backfill is done. Wording as reported from
   * the real service (aws-cloudformation/cloudformation-coverage-roadmap#1075); DynamoDB Local
   * answers a 500 instead.
   */
  backfilling: 'Cannot read from backfilling global secondary index',
} as const;

export function resolveTarget(ctx: RequestContext, input: Record<string, any>, op: 'Query' | 'Scan'): ReadTarget {
  const table = requireTable(ctx, input.TableName);
  const indexName: unknown = input.IndexName;
  if (indexName === undefined || indexName === null) {
    return { table, key: table.key, startKey: keyAttributes(table.key) };
  }
  const index = findIndex(table, String(indexName));
  if (!index) throw validation(TARGET_MESSAGES.noSuchIndex(String(indexName)));
  if (index.kind === 'GSI' && input.ConsistentRead === true) {
    throw validation(op === 'Query' ? TARGET_MESSAGES.consistentGsiQuery : TARGET_MESSAGES.consistentGsiScan);
  }
  if (index.kind === 'GSI' && index.status === 'CREATING' && index.backfilling) throw validation(TARGET_MESSAGES.backfilling);
  const startKey = index.multiKey ? mergeAttributes(keyAttributes(table.key), indexKeyAttributes(index)) : mergeKeys(table.key, index.key);
  return { table, index, key: index.key, startKey };
}

/** An index being deleted is already gone for reads. */
function findIndex(table: TableMeta, name: string): IndexMeta | undefined {
  const found = table.lsis.find((i) => i.name === name) ?? table.gsis.find((i) => i.name === name);
  return found && found.status !== 'DELETING' ? found : undefined;
}

function keyAttributes(shape: KeyShape): { name: string; type: KeyType }[] {
  return shape.range ? [shape.hash, shape.range] : [shape.hash];
}

function mergeKeys(table: KeyShape, index: KeyShape): { name: string; type: KeyType }[] {
  return mergeAttributes(keyAttributes(table), keyAttributes(index));
}

function mergeAttributes(out: { name: string; type: KeyType }[], more: readonly { name: string; type: KeyType }[]) {
  for (const k of more) if (!out.some((o) => o.name === k.name)) out.push(k);
  return out;
}

/** Attribute names an index holds for every item: the table key, the index key, and INCLUDE's list. */
export function projectedNames(target: ReadTarget): Set<string> | 'ALL' {
  const { table, index } = target;
  if (!index || index.projection.ProjectionType === 'ALL') return 'ALL';
  const names = new Set(target.startKey.map((k) => k.name));
  names.add(table.key.hash.name);
  if (index.projection.ProjectionType === 'INCLUDE') for (const n of index.projection.NonKeyAttributes ?? []) names.add(n);
  return names;
}
