/**
 * Key schemas and attribute definitions: the checks DynamoDB makes after the request's shape is
 * known to be right (types, required members and enums are the shape validator's).
 */
import type { AttributeDefinition, KeySchemaElement, KeyShape, KeyType, MultiKeyShape } from '../../model/types.js';
import { M } from './messages.js';

export type Definitions = Map<string, KeyType>;

/**
 * HASH first, RANGE second, two different attributes. The request validator already limits a
 * table's and an LSI's KeySchema to two elements; the check here keeps a longer one from ever
 * being accepted with its extra elements ignored (multi-attribute GSI keys are checked apart:
 * validate-indexes.ts).
 */
export function checkKeySchemaStructure(ks: KeySchemaElement[]): void {
  if (ks.length === 0) throw M.noHashKey();
  if (ks.length > 2) throw M.keySchemaTooBig();
  if (ks[0]!.KeyType !== 'HASH') throw M.firstNotHash();
  if (ks.length === 2) {
    if (ks[1]!.KeyType !== 'RANGE') throw M.secondNotRange();
    if (ks[0]!.AttributeName === ks[1]!.AttributeName) throw M.duplicateKeyName();
  }
}

/** AttributeDefinitions present and without repeated names; returns name → type. */
export function checkAttributeDefinitions(defs: AttributeDefinition[] | undefined): Definitions {
  if (!Array.isArray(defs)) throw M.noAttributeDefinitions();
  const out: Definitions = new Map();
  for (const d of defs) {
    if (out.has(d.AttributeName)) throw M.duplicateAttribute();
    out.set(d.AttributeName, d.AttributeType);
  }
  return out;
}

/**
 * Every attribute of the table's key schema is defined. The service words this two ways: more
 * keys than definitions ("Invalid KeySchema: …"), or as many but different names (the list form).
 */
export function checkTableKeysDefined(ks: KeySchemaElement[], defs: AttributeDefinition[], byName: Definitions): void {
  if (ks.every((e) => byName.has(e.AttributeName))) return;
  if (ks.length > defs.length) throw M.keyAttributeNoDefinition();
  throw M.keysNotDefined(
    ks.map((e) => e.AttributeName),
    defs.map((d) => d.AttributeName),
  );
}

/** The resolved key shape of a (valid, defined) key schema. */
export function keyShape(ks: KeySchemaElement[], byName: Definitions): KeyShape {
  const hash = ks[0]!.AttributeName;
  const shape: KeyShape = { hash: { name: hash, type: byName.get(hash)! } };
  if (ks[1]) shape.range = { name: ks[1].AttributeName, type: byName.get(ks[1].AttributeName)! };
  return shape;
}

/**
 * A GSI's key: `key` and, for a multi-attribute key schema (more than one HASH or RANGE element),
 * `multiKey` with every attribute — `key` then names the first partition and first sort attribute.
 */
export function gsiKeyShapes(ks: KeySchemaElement[], byName: Definitions): { key: KeyShape; multiKey?: MultiKeyShape } {
  const attrs = (t: 'HASH' | 'RANGE') =>
    ks.filter((e) => e.KeyType === t).map((e) => ({ name: e.AttributeName, type: byName.get(e.AttributeName)! }));
  const hash = attrs('HASH');
  const range = attrs('RANGE');
  if (hash.length === 1 && range.length <= 1) return { key: keyShape(ks, byName) };
  const key: KeyShape = { hash: hash[0]! };
  if (range[0]) key.range = range[0];
  return { key, multiKey: { hash, range } };
}

/** Plain copies of the key schema elements, so stored metadata never aliases request objects. */
export const copyKeySchema = (ks: KeySchemaElement[]): KeySchemaElement[] =>
  ks.map((e) => ({ AttributeName: e.AttributeName, KeyType: e.KeyType }));

export const copyDefinitions = (defs: AttributeDefinition[]): AttributeDefinition[] =>
  defs.map((d) => ({ AttributeName: d.AttributeName, AttributeType: d.AttributeType }));
