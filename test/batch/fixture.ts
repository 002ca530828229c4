/**
 * A Tessera server and an SDK client for the batch and transaction tests, on the in-memory engine
 * or on a data directory (LMDB), which can be restarted to check what was made durable.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  type AttributeDefinition,
  type AttributeValue,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { startServer, type RunningServer, type StartOptions } from '../../src/index.js';
import { client } from '../helpers/sdk.js';

export { client };

export type Engine = 'memory' | 'lmdb';
export const ENGINES: readonly Engine[] = ['memory', 'lmdb'];

export interface Fixture {
  server: RunningServer;
  db: DynamoDBClient;
  /** Closes the server and starts another on the same data (LMDB only: memory starts empty). */
  restart(): Promise<void>;
  close(): Promise<void>;
}


export async function startFixture(engine: Engine, options: StartOptions = {}): Promise<Fixture> {
  const dir = engine === 'lmdb' ? await mkdtemp(join(tmpdir(), 'tessera-bt-')) : undefined;
  const start = () => startServer({ port: 0, inMemory: engine === 'memory', dataDir: dir, ...options });
  const fixture: Fixture = {
    server: await start(),
    db: undefined as unknown as DynamoDBClient,
    async restart() {
      fixture.db.destroy();
      await fixture.server.close();
      fixture.server = await start();
      fixture.db = client(fixture.server.url);
    },
    async close() {
      fixture.db?.destroy();
      await fixture.server?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
  fixture.db = client(fixture.server.url);
  return fixture;
}

export const S = (s: string): AttributeValue => ({ S: s });
export const N = (n: number | string): AttributeValue => ({ N: String(n) });

export interface TableOptions {
  sortKey?: 'S' | 'N';
  gsi?: { name: string; attribute: string };
  lsi?: { name: string; attribute: string };
}

export async function createTable(db: DynamoDBClient, TableName: string, options: TableOptions = {}): Promise<void> {
  const defs: AttributeDefinition[] = [{ AttributeName: 'pk', AttributeType: 'S' }];
  const input: CreateTableCommandInput = {
    TableName,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: defs,
    BillingMode: 'PAY_PER_REQUEST',
  };
  if (options.sortKey) {
    input.KeySchema!.push({ AttributeName: 'sk', KeyType: 'RANGE' });
    defs.push({ AttributeName: 'sk', AttributeType: options.sortKey });
  }
  if (options.gsi) {
    defs.push({ AttributeName: options.gsi.attribute, AttributeType: 'S' });
    input.GlobalSecondaryIndexes = [
      { IndexName: options.gsi.name, KeySchema: [{ AttributeName: options.gsi.attribute, KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
    ];
  }
  if (options.lsi) {
    defs.push({ AttributeName: options.lsi.attribute, AttributeType: 'S' });
    input.LocalSecondaryIndexes = [
      {
        IndexName: options.lsi.name,
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: options.lsi.attribute, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ];
  }
  await db.send(new CreateTableCommand(input));
}

/** Writes items 25 at a time. */
export async function putAll(db: DynamoDBClient, TableName: string, items: Record<string, AttributeValue>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    const out = await db.send(
      new BatchWriteItemCommand({ RequestItems: { [TableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }),
    );
    if (Object.keys(out.UnprocessedItems ?? {}).length > 0) throw new Error('unexpected UnprocessedItems');
  }
}

/**
 * An item of exactly `size` bytes by DynamoDB's item-size rule: `pk` (2 bytes of name + the key)
 * and `v` (1 byte of name + the string).
 */
export function itemOfSize(pk: string, size: number): Record<string, AttributeValue> {
  const rest = size - 2 - Buffer.byteLength(pk) - 1;
  if (rest < 0) throw new RangeError('size too small for the key');
  return { pk: S(pk), v: S('x'.repeat(rest)) };
}
