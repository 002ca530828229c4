/**
 * ExpressionAttributeNames and ExpressionAttributeValues of one request. Every expression of the
 * request resolves its placeholders here, so that "unused" can be judged across all of them once
 * they have all been validated.
 */
import { validation, type DynamoError } from '../errors.js';
import type { AttributeValue } from '../model/types.js';
import type { ExpressionKind } from './ast.js';
import { copiedCapacity, javaHashOrder, javaStringHash } from './java-order.js';
import { undefinedName, undefinedValue } from './messages.js';

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export class Placeholders {
  private readonly usedNames = new Set<string>();
  private readonly usedValues = new Set<string>();

  constructor(
    readonly names: Readonly<Record<string, string>> | undefined,
    readonly values: Readonly<Record<string, AttributeValue>> | undefined,
    /** The values as sent, before normalisation (some messages quote a number as written). */
    private readonly rawValues?: Readonly<Record<string, unknown>>,
  ) {}

  rawValue(ref: string): unknown {
    return this.rawValues && has(this.rawValues, ref) ? this.rawValues[ref] : undefined;
  }

  name(kind: ExpressionKind, ref: string): string {
    if (!this.names || !has(this.names, ref)) throw undefinedName(kind, ref);
    this.usedNames.add(ref);
    return this.names[ref]!;
  }

  value(kind: ExpressionKind, ref: string): AttributeValue {
    if (!this.values || !has(this.values, ref)) throw undefinedValue(kind, ref);
    this.usedValues.add(ref);
    return this.values[ref]!;
  }

  /** Throws DynamoDB's "unused" error if a name (checked first) or value was never referenced. */
  checkAllUsed(): void {
    if (this.names) {
      const unused = unusedKeys(this.names, this.usedNames);
      if (unused) throw validation(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unused}}`);
    }
    if (this.values) {
      const unused = unusedKeys(this.values, this.usedValues);
      if (unused) throw validation(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unused}}`);
    }
  }
}

/**
 * The service copies the map's keys into a HashSet and removes the used ones, so the unused keys
 * come out in that set's iteration order.
 */
function unusedKeys(map: object, used: ReadonlySet<string>): string | undefined {
  const keys = Object.keys(map);
  const unused = keys.filter((k) => !used.has(k));
  if (unused.length === 0) return undefined;
  return javaHashOrder(unused, copiedCapacity(keys.length), javaStringHash).join(', ');
}

export type { DynamoError };
