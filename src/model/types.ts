/**
 * DynamoDB's data model as it appears on the wire (DynamoDB JSON). Values are kept in this
 * wire form everywhere, already validated and normalised (numbers canonical), so an item read
 * from storage can be sent back without re-encoding.
 */

export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string } // base64 on the wire; sizes and ordering use the decoded bytes
  | { BOOL: boolean }
  | { NULL: true }
  | { M: AttributeMap }
  | { L: AttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

export type AttributeMap = { [name: string]: AttributeValue };
export type Item = AttributeMap;

export type AttributeType = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'M' | 'L' | 'SS' | 'NS' | 'BS';
export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS'];

/** The scalar types allowed for key attributes. */
export type KeyType = 'S' | 'N' | 'B';

export function typeOf(value: AttributeValue): AttributeType {
  for (const k in value) return k as AttributeType;
  throw new Error('empty attribute value');
}

export interface KeySchemaElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

export interface AttributeDefinition {
  AttributeName: string;
  AttributeType: KeyType;
}

/** A resolved key shape: names and types of the partition and (optional) sort key. */
export interface KeyShape {
  hash: { name: string; type: KeyType };
  range?: { name: string; type: KeyType };
}

/**
 * The key of a global secondary index with a multi-attribute key (DynamoDB, November 2025): 1–4
 * partition attributes and 0–4 sort attributes, each in key-schema order, which is significant —
 * the partition attributes are hashed together as a tuple, the items are sorted by the sort
 * attributes left to right. Tables, LSIs and single-attribute GSIs use KeyShape alone.
 */
export interface MultiKeyShape {
  hash: { name: string; type: KeyType }[];
  range: { name: string; type: KeyType }[];
}
