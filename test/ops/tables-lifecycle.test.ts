/**
 * What outlives a request: transient statuses under -delayTransientStatuses, settling them after
 * a restart, clearing a dropped table's and index's key spaces in the background (and resuming
 * that after a restart), and ItemCount / TableSizeBytes from catalog/stats.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  type AttributeValue,
  type CreateTableCommandInput,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { startServer } from '../../src/index.js';
import { Catalog } from '../../src/catalog/catalog.js';
import { adjustStats } from '../../src/catalog/stats.js';
import type { TableMeta } from '../../src/catalog/types.js';
import { defaultConfig } from '../../src/config.js';
import { openStorage } from '../../src/storage/open.js';
import type { StorageEngine } from '../../src/storage/engine.js';
import { indexPrefix, prefixRange, tablePrefix } from '../../src/storage/keys.js';
import { sdkServer } from '../helpers/sdk.js';
import { client, hashKey, onDemand, rejects, sleep } from './tables-helpers.js';

/** A table keyed by pk (S) with one GSI, by_g, on g (S). */
const withGsiOnG = (TableName: string, ProjectionType: 'ALL' | 'KEYS_ONLY' = 'ALL'): CreateTableCommandInput => ({
  TableName,
  ...hashKey(),
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'g', AttributeType: 'S' },
  ],
  ...onDemand,
  GlobalSecondaryIndexes: [{ IndexName: 'by_g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType } }],
});


const NS = '000000000000:us-east-1';

/** Retries `check` for up to two seconds (background work finishing just after a start). */
async function eventually(check: () => Promise<unknown>): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await check();
      return;
    } catch (err) {
      if (i >= 40) throw err;
      await sleep(50);
    }
  }
}

describe('-delayTransientStatuses', () => {
  const env = sdkServer({ delayTransientStatuses: true, transientStatusMs: 300 });
  const status = async (TableName: string) => (await env.db.send(new DescribeTableCommand({ TableName }))).Table!;

  test('CREATING, then ACTIVE; busy tables refuse changes', async () => {
    const { TableDescription: t } = await env.db.send(new CreateTableCommand(withGsiOnG('lc_t')));
    assert.equal(t!.TableStatus, 'CREATING');
    assert.equal(t!.GlobalSecondaryIndexes![0]!.IndexStatus, 'CREATING');
    assert.equal((await status('lc_t')).TableStatus, 'CREATING');
    await rejects(
      () => env.db.send(new UpdateTableCommand({ TableName: 'lc_t', DeletionProtectionEnabled: true })),
      'ResourceInUseException',
      'Attempt to change a resource which is still in use: Table is being created: lc_t',
    );
    await rejects(() => env.db.send(new DeleteTableCommand({ TableName: 'lc_t' })), 'ResourceInUseException');
    await sleep(450);
    const settled = await status('lc_t');
    assert.equal(settled.TableStatus, 'ACTIVE');
    assert.equal(settled.GlobalSecondaryIndexes![0]!.IndexStatus, 'ACTIVE');
  });

  test('UpdateTable: UPDATING; a new GSI CREATING then ACTIVE; a dropped one DELETING then gone', async () => {
    const add = await env.db.send(
      new UpdateTableCommand({
        TableName: 'lc_t',
        AttributeDefinitions: [{ AttributeName: 'h', AttributeType: 'N' }],
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'by_h', KeySchema: [{ AttributeName: 'h', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } } }],
      }),
    );
    assert.equal(add.TableDescription!.TableStatus, 'UPDATING');
    const creating = add.TableDescription!.GlobalSecondaryIndexes!.find((g) => g.IndexName === 'by_h')!;
    assert.equal(creating.IndexStatus, 'CREATING');
    assert.equal(typeof creating.Backfilling, 'boolean');
    assert.equal(creating.ItemCount, undefined, 'no size while building');
    await sleep(450);
    let t = await status('lc_t');
    assert.equal(t.TableStatus, 'ACTIVE');
    assert.deepEqual(t.GlobalSecondaryIndexes!.map((g) => g.IndexStatus), ['ACTIVE', 'ACTIVE']);

    const drop = await env.db.send(new UpdateTableCommand({ TableName: 'lc_t', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'by_g' } }] }));
    assert.equal(drop.TableDescription!.GlobalSecondaryIndexes!.find((g) => g.IndexName === 'by_g')!.IndexStatus, 'DELETING');
    await sleep(450);
    t = await status('lc_t');
    assert.deepEqual(t.GlobalSecondaryIndexes!.map((g) => g.IndexName), ['by_h']);
    assert.deepEqual(t.AttributeDefinitions!.map((d) => d.AttributeName).sort(), ['h', 'pk'], 'the dropped index takes its definition with it');
  });

  test('DeleteTable: DELETING (and again without error), then gone', async () => {
    const first = await env.db.send(new DeleteTableCommand({ TableName: 'lc_t' }));
    assert.equal(first.TableDescription!.TableStatus, 'DELETING');
    const again = await env.db.send(new DeleteTableCommand({ TableName: 'lc_t' }));
    assert.equal(again.TableDescription!.TableStatus, 'DELETING');
    assert.equal((await status('lc_t')).TableStatus, 'DELETING');
    await rejects(
      () => env.db.send(new CreateTableCommand({ TableName: 'lc_t', ...hashKey(), ...onDemand })),
      'ResourceInUseException',
    );
    await sleep(450);
    await rejects(() => status('lc_t'), 'ResourceNotFoundException');
  });
});

describe('across restarts (LMDB data directory)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-tables-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** Reads the stored catalog of the data directory while no server runs. */
  async function withStore<T>(fn: (storage: StorageEngine, catalog: Catalog) => Promise<T>): Promise<T> {
    const storage = await openStorage({ dataDir: dir });
    try {
      const catalog = new Catalog(storage);
      await catalog.load();
      return await fn(storage, catalog);
    } finally {
      await storage.close();
    }
  }
  const keysUnder = (storage: StorageEngine, prefix: Buffer) =>
    storage.read(async (r) => {
      let n = 0;
      for await (const _ of r.range(prefixRange(prefix))) n++;
      return n;
    });

  test('tables left transient by a previous run are settled at start-up', async () => {
    const run = async (options: Parameters<typeof startServer>[0], fn: (db: DynamoDBClient) => Promise<void>) => {
      const server = await startServer({ port: 0, dataDir: dir, ...options });
      const db = client(server.url);
      try {
        await fn(db);
      } finally {
        db.destroy();
        await server.close();
      }
    };
    const slow = { delayTransientStatuses: true, transientStatusMs: 60_000 };
    const statusOf = async (db: DynamoDBClient, TableName: string) =>
      (await db.send(new DescribeTableCommand({ TableName }))).Table!.TableStatus;
    await run(slow, async (db) => {
      await db.send(new CreateTableCommand({ TableName: 'rs_deleting', ...hashKey(), ...onDemand }));
      assert.equal(await statusOf(db, 'rs_deleting'), 'CREATING');
    });
    // Settling happens in the background just after start: poll briefly.
    await run(slow, async (db) => {
      await eventually(async () => assert.equal(await statusOf(db, 'rs_deleting'), 'ACTIVE'));
      await db.send(new DeleteTableCommand({ TableName: 'rs_deleting' }));
      await db.send(new CreateTableCommand({ TableName: 'rs_creating', ...hashKey(), ...onDemand }));
      assert.equal(await statusOf(db, 'rs_deleting'), 'DELETING');
    });
    await run({}, async (db) => {
      await eventually(async () => assert.equal(await statusOf(db, 'rs_creating'), 'ACTIVE'));
      await eventually(() => rejects(() => statusOf(db, 'rs_deleting'), 'ResourceNotFoundException'));
    });
  });

  test('a GSI backfill cut short by a crash is run again at start-up', async () => {
    let server = await startServer({ port: 0, dataDir: dir });
    let db = client(server.url);
    await db.send(new CreateTableCommand(withGsiOnG('rs_backfill')));
    db.destroy();
    await server.close();
    // As a run that died after recording the new index but before its backfill finished leaves it.
    await withStore(async (storage, catalog) => {
      const meta = catalog.get(NS, 'rs_backfill')!;
      const next: TableMeta = { ...meta, gsis: meta.gsis.map((g) => ({ ...g, status: 'CREATING', backfilling: true })) };
      await storage.transact((tx) => catalog.write(tx, next));
    });
    server = await startServer({ port: 0, dataDir: dir });
    db = client(server.url);
    try {
      await eventually(async () => {
        const { Table } = await db.send(new DescribeTableCommand({ TableName: 'rs_backfill' }));
        assert.equal(Table!.GlobalSecondaryIndexes![0]!.IndexStatus, 'ACTIVE');
      });
    } finally {
      db.destroy();
      await server.close();
    }
  });

  test("a deleted table's items and index entries are cleared in the background, resuming after a restart", async () => {
    let server = await startServer({ port: 0, dataDir: dir });
    let db = client(server.url);
    await db.send(new CreateTableCommand(withGsiOnG('rs_items')));
    db.destroy();
    await server.close();

    // Fill its key spaces directly (more than one clearing batch), and record a drop of another
    // key space as if a previous run had died while clearing it.
    const ids = await withStore(async (storage, catalog) => {
      const meta = catalog.get(NS, 'rs_items')!;
      const orphan = await storage.transact((tx) => catalog.allocateId(tx));
      await storage.transact(async (tx) => {
        for (let i = 0; i < 1200; i++) {
          const suffix = Buffer.from(String(i).padStart(5, '0'));
          tx.put(Buffer.concat([tablePrefix(meta.id), suffix]), JSON.stringify({ pk: { S: `k${i}` } }));
          tx.put(Buffer.concat([indexPrefix(meta.gsis[0]!.id), suffix]), JSON.stringify({ pk: { S: `k${i}` }, g: { S: 'x' } }));
          tx.put(Buffer.concat([tablePrefix(orphan), suffix]), '{}');
        }
        // What the item write path would have counted for these items (catalog/stats.ts).
        await adjustStats(tx, meta.id, 1200, 0);
        await adjustStats(tx, meta.gsis[0]!.id, 1200, 0);
        catalog.addDrop(tx, { kind: 'table', id: orphan });
      });
      return { table: meta.id, index: meta.gsis[0]!.id, orphan };
    });

    server = await startServer({ port: 0, dataDir: dir });
    db = client(server.url);
    try {
      const { Table } = await db.send(new DescribeTableCommand({ TableName: 'rs_items' }));
      assert.equal(Table!.ItemCount, 1200, 'ItemCount counts the stored items');
      assert.equal(Table!.GlobalSecondaryIndexes![0]!.ItemCount, 1200);
      await db.send(new DeleteTableCommand({ TableName: 'rs_items' }));
      // Clearing runs in the background; wait until the catalog has no pending drop left.
      await eventually(async () => {
        const r = await db.send(new DescribeTableCommand({ TableName: 'rs_items' })).catch((e: Error) => e);
        assert.ok(r instanceof Error);
      });
      await sleep(300);
    } finally {
      db.destroy();
      await server.close();
    }

    // Clearing may still be under way when the server stops; a restart resumes it.
    const remaining = () =>
      withStore(async (storage, catalog) =>
        (await keysUnder(storage, tablePrefix(ids.table))) +
        (await keysUnder(storage, indexPrefix(ids.index))) +
        (await keysUnder(storage, tablePrefix(ids.orphan))) +
        (await catalog.pendingDrops()).length,
      );
    for (let round = 0; (await remaining()) > 0; round++) {
      assert.ok(round < 20, 'dropped key spaces are eventually cleared');
      const again = await startServer({ port: 0, dataDir: dir });
      await sleep(200);
      await again.close();
    }
    await withStore(async (_storage, catalog) => assert.equal(catalog.get(NS, 'rs_items'), undefined));
  });
});

describe('catalog/stats.ts', () => {
  test('the write path keeps ItemCount and sizes by DynamoDB rules, per table and per index', async () => {
    const server = await startServer({ port: 0, inMemory: true });
    const db = client(server.url);
    const put = (item: Record<string, AttributeValue>) => db.send(new PutItemCommand({ TableName: 'st_counts', Item: item }));
    const describe = async () => {
      const { Table } = await db.send(new DescribeTableCommand({ TableName: 'st_counts' }));
      const g = Table!.GlobalSecondaryIndexes![0]!;
      return { items: Table!.ItemCount, bytes: Table!.TableSizeBytes, gItems: g.ItemCount, gBytes: g.IndexSizeBytes };
    };
    try {
      await db.send(new CreateTableCommand(withGsiOnG('st_counts', 'KEYS_ONLY')));
      // "pk"+"a" = 3 bytes; "pk"+"bb" + "n" + a 1-digit number (2 bytes) = 4 + 3 = 7 bytes.
      await put({ pk: { S: 'a' } });
      await put({ pk: { S: 'bb' }, n: { N: '5' } });
      assert.deepEqual(await describe(), { items: 2, bytes: 10, gItems: 0, gBytes: 0 });
      // Joining the sparse index: the item grows by "g"+"x" = 2; its KEYS_ONLY entry is 3 + 2 = 5.
      await put({ pk: { S: 'a' }, g: { S: 'x' } });
      assert.deepEqual(await describe(), { items: 2, bytes: 12, gItems: 1, gBytes: 5 });
      // Overwriting with the same item changes nothing; deleting takes both entries away.
      await put({ pk: { S: 'a' }, g: { S: 'x' } });
      assert.deepEqual(await describe(), { items: 2, bytes: 12, gItems: 1, gBytes: 5 });
      await db.send(new DeleteItemCommand({ TableName: 'st_counts', Key: { pk: { S: 'a' } } }));
      await db.send(new DeleteItemCommand({ TableName: 'st_counts', Key: { pk: { S: 'missing' } } }));
      assert.deepEqual(await describe(), { items: 1, bytes: 7, gItems: 0, gBytes: 0 });
    } finally {
      db.destroy();
      await server.close();
    }
  });
});
