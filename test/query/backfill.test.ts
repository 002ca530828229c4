/**
 * GSI backfill (UpdateTable GlobalSecondaryIndexUpdates Create): existing items are copied into
 * the new index, writes made while it runs are not lost, items violating the new key schema are
 * left out, the index refuses reads while backfilling, and it ends ACTIVE.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DeleteItemCommand,
  DescribeTableCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { Catalog } from '../../src/catalog/catalog.js';
import { defaultConfig } from '../../src/config.js';
import { dynamodbOperations } from '../../src/ops/index.js';
import { applyItemChange, itemStorageKey, readItem } from '../../src/ops/common/item-store.js';
import type { RequestContext, Services } from '../../src/ops/types.js';
import { MemoryEngine } from '../../src/storage/memory.js';
import { lifecycleOf } from '../../src/ops/tables/lifecycle.js';
import type { Item as ModelItem } from '../../src/model/types.js';
import { N, S, createTable, keyOf, putAll, startHarness, tableDef, walkScan, type Harness, type Item } from './helpers.js';

const addGsi = (TableName: string, IndexName = 'by_g') =>
  new UpdateTableCommand({
    TableName,
    AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
    GlobalSecondaryIndexUpdates: [{ Create: { IndexName, KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['v'] } } }],
  });

/** The index an item belongs in: g a non-empty string. */
const expectedEntries = (tableItems: Item[]) =>
  tableItems
    .filter((i) => i.g && 'S' in i.g && i.g.S !== '')
    .map((i) => JSON.stringify({ pk: i.pk, g: i.g, ...(i.v ? { v: i.v } : {}) }))
    .sort();
const entries = (indexItems: Item[]) => indexItems.map((i) => JSON.stringify({ pk: i.pk, g: i.g, ...(i.v ? { v: i.v } : {}) })).sort();

describe('GSI backfill', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  test('copies existing items, leaves out key-schema violations, ends ACTIVE', async () => {
    const T = 'qs_backfill_basic';
    await createTable(h.db, tableDef(T, ['pk', 'S']));
    const items: Item[] = [...Array(700).keys()].map((i) => {
      const item: Item = { pk: S(`k${i}`), v: N(i) };
      if (i % 5 === 1) item.g = N(i); // wrong type for the new index: left out
      else if (i % 5 !== 0) item.g = S(`G${i % 7}`); // i % 5 == 0: no g, sparse
      return item;
    });
    await putAll(h.db, T, items);
    const answer = await h.db.send(addGsi(T));
    const gsi = answer.TableDescription!.GlobalSecondaryIndexes![0]!;
    assert.equal(gsi.IndexStatus, 'ACTIVE');
    assert.deepEqual(entries((await walkScan(h.db, { TableName: T, IndexName: 'by_g' })).items), expectedEntries(items));
    const d = (await h.db.send(new DescribeTableCommand({ TableName: T }))).Table!.GlobalSecondaryIndexes![0]!;
    assert.equal(d.ItemCount, expectedEntries(items).length);
    // Writes after the index exists are validated against it.
    await assert.rejects(
      h.db.send(new PutItemCommand({ TableName: T, Item: { pk: S('x'), g: N(1) } })),
      /Type mismatch for Index Key g Expected: S Actual: N IndexName: by_g/,
    );
  });

  test('writes made during the backfill are not lost', async () => {
    const T = 'qs_backfill_race';
    await createTable(h.db, tableDef(T, ['pk', 'S']));
    const initial: Item[] = [...Array(3000).keys()].map((i) => ({ pk: S(`k${i}`), g: S(`G${i % 11}`), v: N(i) }));
    await putAll(h.db, T, initial, 32);

    let stop = false;
    let writes = 0;
    const writer = async (w: number) => {
      for (let n = 0; !stop; n++) {
        const i = (n * 97 + w * 1009) % 3400;
        const Key = { pk: S(`k${i}`) };
        switch (n % 4) {
          case 0:
            await h.db.send(new PutItemCommand({ TableName: T, Item: { ...Key, g: S(`W${w}-${n}`), v: N(-n) } }));
            break;
          case 1:
            await h.db.send(new UpdateItemCommand({ TableName: T, Key, UpdateExpression: 'SET g = :g', ExpressionAttributeValues: { ':g': S(`U${n}`) } }));
            break;
          case 2:
            await h.db.send(new UpdateItemCommand({ TableName: T, Key, UpdateExpression: 'REMOVE g' }));
            break;
          case 3:
            await h.db.send(new DeleteItemCommand({ TableName: T, Key }));
            break;
        }
        writes++;
      }
    };
    const writers = [...Array(8).keys()].map(writer);
    // Let the writers get going, so some of their requests hold the table as it was before.
    await new Promise((r) => setTimeout(r, 20));
    await h.db.send(addGsi(T));
    const writesDuring = writes;
    await new Promise((r) => setTimeout(r, 50));
    stop = true;
    await Promise.all(writers);
    assert.ok(writesDuring > 0, 'some writes ran while the index was being built');

    const table = (await walkScan(h.db, { TableName: T })).items;
    const index = (await walkScan(h.db, { TableName: T, IndexName: 'by_g' })).items;
    assert.deepEqual(entries(index), expectedEntries(table));
  });

  test('with transient statuses shown: CREATING with Backfilling true, reads refused until ACTIVE', async () => {
    const slow = await startHarness({ delayTransientStatuses: true, transientStatusMs: 300 });
    try {
      const T = 'qs_backfill_status';
      await createTable(slow.db, tableDef(T, ['pk', 'S']));
      for (;;) {
        const d = await slow.db.send(new DescribeTableCommand({ TableName: T }));
        if (d.Table!.TableStatus === 'ACTIVE') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await putAll(slow.db, T, [...Array(4000).keys()].map((i) => ({ pk: S(`k${i}`), g: S('G') })), 32);
      const answer = await slow.db.send(addGsi(T));
      const gsi = answer.TableDescription!.GlobalSecondaryIndexes![0]!;
      assert.equal(gsi.IndexStatus, 'CREATING');
      assert.equal(gsi.Backfilling, true);
      const seen = new Set<string>();
      for (;;) {
        const d = (await slow.db.send(new DescribeTableCommand({ TableName: T }))).Table!.GlobalSecondaryIndexes![0]!;
        try {
          const r = await slow.db.send(new QueryCommand({ TableName: T, IndexName: 'by_g', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': S('G') }, Select: 'COUNT' }));
          seen.add(`read:${r.Count}`);
        } catch (e) {
          assert.equal((e as Error).message, 'Cannot read from backfilling global secondary index');
          seen.add('refused');
        }
        if (d.IndexStatus === 'ACTIVE') break;
        await new Promise((r) => setTimeout(r, 5));
      }
      const final = await slow.db.send(new QueryCommand({ TableName: T, IndexName: 'by_g', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': S('G') }, Select: 'COUNT' }));
      assert.equal(final.Count, 4000);
      // Whatever was read before ACTIVE was either refused or (once the copy finished) complete.
      for (const s of seen) assert.ok(s === 'refused' || s === 'read:4000', s);
    } finally {
      await slow.close();
    }
  });
});

describe('a write holding the table metadata from before the GSI existed', () => {
  test('still maintains the new index when it commits after the backfill', async () => {
    const storage = new MemoryEngine();
    const catalog = new Catalog(storage);
    const services: Services = { storage, catalog, config: defaultConfig() };
    const ctx: RequestContext = { services, region: 'us-east-1', accountId: '000000000000', accessKeyId: 'fakeKey', namespace: 'ns', requestId: 'r' };
    const op = (name: string, input: Record<string, unknown>) => dynamodbOperations[name]!(input, ctx);
    try {
      await op('CreateTable', tableDef('qs_backfill_stale', ['pk', 'S']) as unknown as Record<string, unknown>);
      await op('PutItem', { TableName: 'qs_backfill_stale', Item: { pk: S('a'), g: S('before') } });
      // A request looked the table up here...
      const stale = catalog.get('ns', 'qs_backfill_stale')!;
      assert.equal(stale.gsis.length, 0);
      // ...then the index was added and backfilled...
      await op('UpdateTable', {
        TableName: 'qs_backfill_stale',
        AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'by_g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
      });
      // ...and only now does the request's transaction run.
      const newItem = { pk: S('b'), g: S('after') } as ModelItem;
      const key = itemStorageKey(stale, newItem);
      await storage.transact(async (tx) => applyItemChange(tx, { table: stale, key, oldItem: await readItem(tx, key), newItem }));
      const raw = (await op('Scan', { TableName: 'qs_backfill_stale', IndexName: 'by_g' })) as { json: string };
      const got = (JSON.parse(raw.json).Items as Item[]).map((i) => keyOf(i, ['pk', 'g'])).sort();
      assert.deepEqual(got, [keyOf(newItem as Item, ['pk', 'g']), keyOf({ pk: S('a'), g: S('before') }, ['pk', 'g'])].sort());
    } finally {
      await lifecycleOf(services).stop();
      await storage.close();
    }
  });
});
