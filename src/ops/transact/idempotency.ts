/**
 * ClientRequestToken idempotency for TransactWriteItems (and PartiQL's ExecuteTransaction).
 *
 * A transaction that commits with a token stores, in the same storage transaction, a record under
 * the system key space: the request's fingerprint, the time the token expires, and what its answer
 * needs to be given again. Until it expires (10 minutes after the request finished, per the
 * developer guide), the same token with the same request is answered from the record without
 * applying anything; with a different request it is IdempotentParameterMismatchException. Only a
 * committed transaction claims its token: a cancelled or rejected one leaves it free (observed on
 * DynamoDB Local). Because the record is checked and written inside the serialisable storage
 * transaction, two concurrent requests with one token cannot both apply.
 *
 *   key    0x05 'I' | namespace (UTF-8) | 0x00 | token (UTF-8)   → TokenRecord JSON
 */
import { createHash } from 'node:crypto';
import { backgroundStarters, type BackgroundService } from '../../background/index.js';
import { periodic, yieldToForeground } from '../../background/periodic.js';
import { nowMs } from '../../config.js';
import type { StorageReader, StorageTransaction } from '../../storage/engine.js';
import { prefixEnd, SPACE_SYSTEM } from '../../storage/keys.js';
import type { Services } from '../types.js';

/** "A client token is valid for 10 minutes after the request that uses it finishes." */
export const TOKEN_LIFETIME_MS = 10 * 60 * 1000;

const TOKEN_TAG = 0x49; // 'I'
const TOKEN_PREFIX = Buffer.from([SPACE_SYSTEM, TOKEN_TAG]);

export interface TokenRecord {
  fingerprint: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Units the first call spent per table (table only): a replay reports them as read units. */
  tables: { tableName: string; units: number }[];
  itemCollectionMetrics?: Record<string, unknown[]>;
}

export function tokenKey(namespace: string, token: string): Buffer {
  return Buffer.concat([TOKEN_PREFIX, Buffer.from(namespace, 'utf8'), Buffer.from([0]), Buffer.from(token, 'utf8')]);
}

/** The live record of a token, or undefined when there is none or it has expired. */
export async function readToken(reader: StorageReader, key: Buffer, now: number): Promise<TokenRecord | undefined> {
  const raw = await reader.get(key);
  if (raw === undefined) return undefined;
  const record = JSON.parse(raw) as TokenRecord;
  return record.expiresAt > now ? record : undefined;
}

export function writeToken(tx: StorageTransaction, key: Buffer, record: TokenRecord): void {
  tx.put(key, JSON.stringify(record));
}

/**
 * A digest of what makes two requests "the same": the service ignores the order of JSON members
 * (localstack/localstack#6529 compared against AWS), so objects are hashed with sorted keys;
 * arrays keep their order.
 */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64');
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined && o[k] !== null)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Expired records are dead already (readToken ignores them); this reclaims their space. */
const SWEEP_INTERVAL_MS = 60_000;
const SWEEP_BATCH = 256;

/**
 * Deletes expired token records, a bounded batch per storage transaction so that foreground
 * requests run in between. Returns how many it deleted.
 */
export async function sweepExpiredTokens(services: Pick<Services, 'storage' | 'config'>, stopped: () => boolean = () => false): Promise<number> {
  let from: Buffer = TOKEN_PREFIX;
  const end = prefixEnd(TOKEN_PREFIX);
  let deleted = 0;
  while (!stopped()) {
    const now = nowMs(services.config);
    const { expired, next } = await services.storage.read(async (reader) => {
      const expired: Buffer[] = [];
      let next: Buffer | undefined;
      let seen = 0;
      for await (const [key, value] of reader.range({ gte: from, lt: end })) {
        if (++seen > SWEEP_BATCH) {
          next = key;
          break;
        }
        if ((JSON.parse(value) as TokenRecord).expiresAt <= now) expired.push(key);
      }
      return { expired, next };
    });
    if (expired.length > 0) {
      deleted += await services.storage.transact(async (tx) => {
        let n = 0;
        // Re-checked inside the transaction: the token may have been claimed again meanwhile.
        for (const key of expired) {
          if (await readToken(tx, key, now)) continue;
          tx.delete(key);
          n++;
        }
        return n;
      });
    }
    if (!next) break;
    from = next;
    await yieldToForeground();
  }
  return deleted;
}

function startTokenSweeper(services: Services): BackgroundService {
  return periodic('idempotency token sweeper', SWEEP_INTERVAL_MS, async (stopped) => {
    await sweepExpiredTokens(services, stopped);
  });
}

backgroundStarters.push(startTokenSweeper);
