/**
 * What a PartiQL statement means once planned: the table it addresses and everything the
 * operations need, already validated — compiled conditions and updates (src/expr's trees),
 * attribute values, key values. Executing a plan is then the ordinary item, query and
 * transaction machinery.
 */
import type { IndexMeta, TableMeta } from '../catalog/types.js';
import type { CCondition, CUpdate, DocPath } from '../expr/compiled.js';
import type { AttributeValue, Item, KeyShape } from '../model/types.js';
import type { SortKeyCondition } from '../storage/keys.js';
import type { ReturningMode } from './ast.js';

/** One projected attribute of a select list: where it is read, and the name it is returned under. */
export interface ProjectedPath {
  readonly path: DocPath;
  readonly name: string;
}

export interface SelectPlan {
  readonly kind: 'select';
  readonly table: TableMeta;
  readonly index?: IndexMeta;
  /** Key schema of what is read (the index's for an index). */
  readonly key: KeyShape;
  /** undefined for `SELECT *`. */
  readonly projection?: readonly ProjectedPath[];
  /** The whole WHERE clause: every item read is tested against it. */
  readonly filter?: CCondition;
  /**
   * How the items are found: a Query of each partition named (`pk = v`, `pk IN […]`, in that
   * order) narrowed by a sort-key condition, or a Scan.
   */
  readonly access: { readonly kind: 'scan' } | { readonly kind: 'query'; readonly partitions: readonly AttributeValue[]; readonly sort?: SortKeyCondition };
  readonly descending: boolean;
  /**
   * Set when the table is read (not an index) and WHERE pins the whole primary key with
   * equalities: the item's key, and the rest of WHERE (undefined when nothing is left).
   */
  readonly single?: { readonly key: Item; readonly rest?: CCondition };
}

export interface InsertPlan {
  readonly kind: 'insert';
  readonly table: TableMeta;
  readonly item: Item;
}

export interface UpdatePlan {
  readonly kind: 'update';
  readonly table: TableMeta;
  readonly key: Item;
  readonly update: CUpdate;
  /** WHERE's predicates other than the key equalities. The item must also exist. */
  readonly condition?: CCondition;
  readonly returning?: ReturningMode;
}

export interface DeletePlan {
  readonly kind: 'delete';
  readonly table: TableMeta;
  readonly key: Item;
  readonly condition?: CCondition;
  readonly returning?: ReturningMode;
}

/** `EXISTS(SELECT * FROM t WHERE <key> AND <condition>)`: a transaction's condition check. */
export interface ExistsPlan {
  readonly kind: 'exists';
  readonly table: TableMeta;
  readonly select: SelectPlan;
}

export type WritePlan = InsertPlan | UpdatePlan | DeletePlan;
export type Plan = SelectPlan | WritePlan | ExistsPlan;
