/** The control-plane operations on tables (and their tags). */
import type { OperationMap } from '../types.js';
import { createTable } from './create-table.js';
import { deleteTable } from './delete-table.js';
import { describeTable } from './describe-table.js';
import { listTables } from './list-tables.js';
import { listTagsOfResource, tagResource, untagResource } from './tags.js';
import { updateTable } from './update-table.js';

export const operations: OperationMap = {
  CreateTable: createTable,
  DescribeTable: describeTable,
  ListTables: listTables,
  DeleteTable: deleteTable,
  UpdateTable: updateTable,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsOfResource: listTagsOfResource,
};

export { backfillIndex, registerBackfill } from './backfill.js';
