/**
 * The 4 MB aggregate of TransactWriteItems. What counts, measured on DynamoDB Local by varying
 * one part at a time (the "Payload Size" its message reports):
 *  - Put: the item (DynamoDB's item size);
 *  - Update, Delete, ConditionCheck: the key (item size of the key attributes);
 *  - every action: the length of its UpdateExpression and ConditionExpression, the lengths of the
 *    attribute names its ExpressionAttributeNames stand for (not of the `#placeholders`), and the
 *    sizes of its ExpressionAttributeValues (not of the `:placeholders`).
 */
import { rawItemSize } from '../../model/size.js';
import { MAX_TRANSACTION_PAYLOAD_BYTES, payloadTooLarge } from './messages.js';

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

export function actionPayloadSize(kind: string, action: Record<string, any>): number {
  let size = rawItemSize(kind === 'Put' ? action.Item : action.Key);
  for (const text of [action.UpdateExpression, action.ConditionExpression]) if (typeof text === 'string') size += text.length;
  const names = action.ExpressionAttributeNames;
  if (names && typeof names === 'object') for (const name of Object.values(names)) if (typeof name === 'string') size += utf8(name);
  const values = action.ExpressionAttributeValues;
  if (values && typeof values === 'object') {
    // rawItemSize counts each placeholder's name as an attribute name; take those back out.
    size += rawItemSize(values);
    for (const placeholder of Object.keys(values)) size -= utf8(placeholder);
  }
  return size;
}

export function checkPayloadSize(size: number): void {
  if (size > MAX_TRANSACTION_PAYLOAD_BYTES) throw payloadTooLarge(size);
}
