import type { OperationMap } from '../types.js';
import { deleteItem } from './delete-item.js';
import { getItem } from './get-item.js';
import { putItem } from './put-item.js';
import { updateItem } from './update-item.js';

export const operations: OperationMap = {
  PutItem: putItem,
  GetItem: getItem,
  DeleteItem: deleteItem,
  UpdateItem: updateItem,
};
