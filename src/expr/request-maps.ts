/**
 * ExpressionAttributeNames and ExpressionAttributeValues as parameters: present only with
 * expressions, not empty, keys of the right form and length, values valid.
 */
import { validation } from '../errors.js';
import type { AttributeValue } from '../model/types.js';
import { validateExpressionAttributeValues } from '../model/values.js';

/** A placeholder key (`#name`, `:value`) may be at most this long. */
export const MAX_PLACEHOLDER_LENGTH = 255;
/** An attribute name given through ExpressionAttributeNames must be shorter than this (bytes). */
export const MAX_NAME_BYTES = 65535;

const NAME_KEY = /^#[A-Za-z0-9_]+$/;
const VALUE_KEY = /^:[A-Za-z0-9_]+$/;

/** Which expressions "are null" when ExpressionAttributeValues comes without any. */
const VALUE_USERS: Readonly<Record<string, string>> = {
  PutItem: 'ConditionExpression is null',
  DeleteItem: 'ConditionExpression is null',
  ConditionCheck: 'ConditionExpression is null',
  UpdateItem: 'UpdateExpression and ConditionExpression are null',
  Query: 'FilterExpression and KeyConditionExpression are null',
  Scan: 'FilterExpression is null',
};

export interface RequestMaps {
  names?: Record<string, string>;
  values?: Record<string, AttributeValue>;
}

const present = (v: unknown): boolean => v !== undefined && v !== null;

export function validateRequestMaps(input: Record<string, any>, operation: string, usesExpressions: boolean): RequestMaps {
  const rawNames = input['ExpressionAttributeNames'];
  const rawValues = input['ExpressionAttributeValues'];
  if (present(rawNames) && !usesExpressions) throw validation('ExpressionAttributeNames can only be specified when using expressions');
  if (present(rawValues) && !usesValueExpressions(input, operation)) {
    throw validation(`ExpressionAttributeValues can only be specified when using expressions: ${VALUE_USERS[operation] ?? 'expressions are null'}`);
  }
  const out: RequestMaps = {};
  if (present(rawNames)) {
    const keys = Object.keys(rawNames);
    if (keys.length === 0) throw validation('ExpressionAttributeNames must not be empty');
    for (const k of keys) checkKey('ExpressionAttributeNames', k, NAME_KEY, true);
  }
  if (present(rawValues)) {
    const keys = Object.keys(rawValues);
    if (keys.length === 0) throw validation('ExpressionAttributeValues must not be empty');
    for (const k of keys) checkKey('ExpressionAttributeValues', k, VALUE_KEY, false);
    out.values = validateExpressionAttributeValues(rawValues);
  }
  if (present(rawNames)) {
    for (const k of Object.keys(rawNames)) {
      const name = rawNames[k];
      if (typeof name !== 'string' || name.length === 0) {
        throw validation(`ExpressionAttributeNames contains invalid value: Empty attribute name for key ${k}`);
      }
      if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) {
        throw validation(`ExpressionAttributeNames contains invalid value: Attribute name is too large, must be less than 65536 bytes for key ${k}`);
      }
    }
    out.names = rawNames;
  }
  return out;
}

function checkKey(map: string, key: string, form: RegExp, withSize: boolean): void {
  if (key.length > MAX_PLACEHOLDER_LENGTH) {
    const size = withSize ? ` size of key: ${key.length}` : '';
    throw validation(`${map} contains invalid key: The expression attribute map contains a key that is too long;${size}`);
  }
  if (!form.test(key)) throw validation(`${map} contains invalid key: Syntax error; key: "${key}"`);
}

/** ExpressionAttributeValues needs an expression that can use values (not a projection). */
function usesValueExpressions(input: Record<string, any>, operation: string): boolean {
  const kinds =
    operation === 'UpdateItem'
      ? ['UpdateExpression', 'ConditionExpression']
      : operation === 'Query'
        ? ['FilterExpression', 'KeyConditionExpression']
        : operation === 'Scan'
          ? ['FilterExpression']
          : ['ConditionExpression'];
  return kinds.some((k) => present(input[k]));
}
