/**
 * A server's services without the HTTP layer, for testing the streams and TTL modules directly:
 * in-memory storage, a catalog, a table made by hand, and a request context.
 */
import { Catalog } from '../../src/catalog/catalog.js';
import type { StreamViewType, TableMeta } from '../../src/catalog/types.js';
import { defaultConfig, type ServerConfig } from '../../src/config.js';
import type { Item } from '../../src/model/types.js';
import { applyItemChange, itemStorageKey, readItem } from '../../src/ops/common/item-store.js';
import { closeStream, openStream } from '../../src/ops/streams/stream-settings.js';
import { operations as streamOps } from '../../src/ops/streams/index.js';
import { RawJson, type RequestContext, type Services } from '../../src/ops/types.js';
import { openStorage } from '../../src/storage/open.js';
import { nextSequence, registerClock, sequenceTime } from '../../src/streams/sequence.js';

export interface Fixture {
  services: Services;
  ctx: RequestContext;
  clock: { now: number };
  table(name: string, viewType?: StreamViewType): Promise<TableMeta>;
  write(table: string, item: Item | undefined, key?: Item): Promise<void>;
  disable(table: string): Promise<void>;
  call(op: string, input: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

export async function fixture(config: Partial<ServerConfig> = {}): Promise<Fixture> {
  // Start where the process-wide sequence clock is (earlier tests may have moved it ahead).
  const clock = { now: sequenceTime(nextSequence()) + 1 };
  const storage = await openStorage({ inMemory: true });
  const catalog = new Catalog(storage);
  const services: Services = { storage, catalog, config: { ...defaultConfig(), inMemory: true, clock: () => clock.now, ...config } };
  const unregister = registerClock(services.config.clock!);
  const ctx: RequestContext = {
    services,
    region: 'us-east-1',
    accountId: '000000000000',
    accessKeyId: 'fakeKey',
    namespace: 'ns',
    requestId: 'test',
  };
  const get = (name: string) => catalog.get('ns', name)!;
  return {
    services,
    ctx,
    clock,
    async table(name, viewType) {
      const meta = await storage.transact(async (tx) => {
        const meta: TableMeta = {
          namespace: 'ns',
          name,
          id: await catalog.allocateId(tx),
          tableId: `${name}-id`,
          arn: `arn:aws:dynamodb:us-east-1:000000000000:table/${name}`,
          creationDateTime: clock.now / 1000,
          status: 'ACTIVE',
          keySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          attributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          key: { hash: { name: 'pk', type: 'S' } },
          billingMode: 'PAY_PER_REQUEST',
          throughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0, NumberOfDecreasesToday: 0 },
          lsis: [],
          gsis: [],
          deletionProtectionEnabled: false,
          tableClass: 'STANDARD',
          tags: [],
        };
        if (viewType) meta.stream = await openStream(tx, catalog, meta, viewType, clock.now);
        catalog.write(tx, meta);
        return meta;
      });
      catalog.cache(meta);
      return meta;
    },
    async write(name, item, key) {
      const table = get(name);
      const storageKey = itemStorageKey(table, item ?? key!);
      await storage.transact(async (tx) => {
        const oldItem = await readItem(tx, storageKey);
        await applyItemChange(tx, { table, key: storageKey, oldItem, newItem: item });
      });
    },
    async disable(name) {
      const meta = await storage.transact(async (tx) => {
        const meta = (await catalog.read(tx, 'ns', name))!;
        meta.stream = await closeStream(tx, meta, clock.now);
        catalog.write(tx, meta);
        return meta;
      });
      catalog.cache(meta);
    },
    async call(op, input) {
      const out = await streamOps[op]!(input, ctx);
      return out instanceof RawJson ? JSON.parse(out.json) : out;
    },
    async close() {
      unregister();
      await storage.close();
    },
  };
}
