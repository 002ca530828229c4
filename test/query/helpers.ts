/**
 * Shared set-up for the Query/Scan tests: a real in-memory server, an SDK client with retries
 * off, table builders and small utilities for walking pages.
 */
import {
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  type AttributeValue,
  type CreateTableCommandInput,
  type QueryCommandInput,
  type ScanCommandInput,
} from '@aws-sdk/client-dynamodb';
import { startServer, type RunningServer } from '../../src/index.js';
import { client } from '../helpers/sdk.js';

export type Item = Record<string, AttributeValue>;

export interface Harness {
  server: RunningServer;
  db: DynamoDBClient;
  close(): Promise<void>;
}

export async function startHarness(options: Parameters<typeof startServer>[0] = {}): Promise<Harness> {
  const server = await startServer({ port: 0, inMemory: true, ...options });
  const db = client(server.url);
  return {
    server,
    db,
    async close() {
      db.destroy();
      await server.close();
    },
  };
}

type Attr = [name: string, type: 'S' | 'N' | 'B'];

/** A table keyed by `hash` (and `range`), on demand, with the given extra attribute definitions and indexes. */
export function tableDef(
  TableName: string,
  hash: Attr,
  range?: Attr,
  extra: Partial<CreateTableCommandInput> & { attributes?: Attr[] } = {},
): CreateTableCommandInput {
  const { attributes = [], ...rest } = extra;
  const defs = new Map<string, string>([hash, ...(range ? [range] : []), ...attributes]);
  return {
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: hash[0], KeyType: 'HASH' }, ...(range ? [{ AttributeName: range[0], KeyType: 'RANGE' as const }] : [])],
    AttributeDefinitions: [...defs].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType: AttributeType as 'S' })),
    ...rest,
  };
}

export async function createTable(db: DynamoDBClient, def: CreateTableCommandInput): Promise<void> {
  await db.send(new CreateTableCommand(def));
}

/** Puts items with a bounded number in flight. */
export async function putAll(db: DynamoDBClient, TableName: string, items: Item[], concurrency = 16): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await db.send(new PutItemCommand({ TableName, Item: item }));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export interface Walk {
  items: Item[];
  pages: { count: number; scanned: number; items: number; lek?: Item }[];
}

/** Runs a Query to the end, page by page. */
export async function walkQuery(db: DynamoDBClient, input: QueryCommandInput, maxPages = 10_000): Promise<Walk> {
  const out: Walk = { items: [], pages: [] };
  let start: Item | undefined;
  for (let i = 0; i < maxPages; i++) {
    const r = await db.send(new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
    out.items.push(...(r.Items ?? []));
    out.pages.push({ count: r.Count!, scanned: r.ScannedCount!, items: r.Items?.length ?? 0, lek: r.LastEvaluatedKey });
    start = r.LastEvaluatedKey;
    if (!start) return out;
  }
  throw new Error('too many pages');
}

/** Runs a Scan to the end, page by page. */
export async function walkScan(db: DynamoDBClient, input: ScanCommandInput, maxPages = 10_000): Promise<Walk> {
  const out: Walk = { items: [], pages: [] };
  let start: Item | undefined;
  for (let i = 0; i < maxPages; i++) {
    const r = await db.send(new ScanCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
    out.items.push(...(r.Items ?? []));
    out.pages.push({ count: r.Count!, scanned: r.ScannedCount!, items: r.Items?.length ?? 0, lek: r.LastEvaluatedKey });
    start = r.LastEvaluatedKey;
    if (!start) return out;
  }
  throw new Error('too many pages');
}

export const S = (s: string): AttributeValue => ({ S: s });
export const N = (n: number | string): AttributeValue => ({ N: String(n) });

/** A short, stable text for an item's key attributes, for comparing sets of items. */
export const keyOf = (item: Item, names: string[]): string => JSON.stringify(names.map((n) => item[n]));

/** Expects `fn` to fail with a DynamoDB error of `name` and exactly `message`. */
export async function rejects(fn: () => Promise<unknown>, name: string, message: string): Promise<void> {
  try {
    await fn();
  } catch (e) {
    const err = e as { name?: string; message?: string };
    if (err.name !== name || err.message !== message) {
      throw new Error(`expected ${name}: ${message}\n     got ${err.name}: ${err.message}`);
    }
    return;
  }
  throw new Error(`expected ${name}: ${message}, but the call succeeded`);
}
