// In-process micro-benchmark (not a test): what one request costs Tessera without HTTP.
//
// It calls the protocol layer's `answer()` directly — the same parse → validate → execute →
// shape path an HTTP request takes, minus the socket — with C requests in flight, on the memory
// engine or on LMDB in a temp dir. Beside a wrk run of the same workload it splits a request's
// cost into HTTP, the operation and the storage commit (bench/NOTES.md, session 4).
//
//   npm run build && node bench/in-process.mjs [--engine lmdb|memory] [--ops get,put,update]
//                                            [--items 100000] [--concurrency 32] [--seconds 4]
//   DIST=<another build's dist/src> node bench/in-process.mjs ...   # the same, for a copy
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'lmdb' },
    ops: { type: 'string', default: 'get,put,update' },
    items: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '4' },
  },
});
const dist = process.env.DIST ?? fileURLToPath(new URL('../dist/src', import.meta.url));
const { Catalog } = await import(join(dist, 'catalog/catalog.js'));
const { defaultConfig } = await import(join(dist, 'config.js'));
const { openStorage } = await import(join(dist, 'storage/open.js'));
const { answer } = await import(join(dist, 'server/http.js'));

const inMemory = args.engine === 'memory';
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-in-process-'));
const storage = await openStorage({ dataDir, inMemory });
const catalog = new Catalog(storage);
await catalog.load();
const services = { storage, catalog, config: { ...defaultConfig(), inMemory, dataDir } };

const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0';
let requestId = 0;
async function call(operation, input) {
  const body = Buffer.from(JSON.stringify(input));
  const { status, json } = await answer(services, { target: `DynamoDB_20120810.${operation}`, authorization: AUTH, body, requestId: String(requestId++) });
  if (status !== 200) throw new Error(`${operation}: ${json}`);
}

// The same shapes as the wrk workloads (bench/lua/dynamodb.lua): ~250-byte items, random keys.
const TABLE = 'bench';
const ITEMS = Number(args.items);
const randomKey = () => ({ pk: { S: `user${(Math.random() * ITEMS) | 0}` } });
const item = (i) => ({ pk: { S: `user${i}` }, name: { S: `name${i}` }, email: { S: `user${i}@example.com` }, age: { N: String(i % 90) }, bio: { S: 'x'.repeat(150) } });
const workloads = {
  get: () => ['GetItem', { TableName: TABLE, Key: randomKey() }],
  put: () => ['PutItem', { TableName: TABLE, Item: item((Math.random() * ITEMS) | 0) }],
  update: () => [
    'UpdateItem',
    {
      TableName: TABLE,
      Key: randomKey(),
      UpdateExpression: 'ADD #c :one SET #u = :now',
      ExpressionAttributeNames: { '#c': 'counter', '#u': 'updated' },
      ExpressionAttributeValues: { ':one': { N: '1' }, ':now': { S: '2024-01-01T00:00:00Z' } },
    },
  ],
};

await call('CreateTable', {
  TableName: TABLE,
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
});
for (let i = 0; i < ITEMS; i += 25) {
  const puts = Array.from({ length: Math.min(25, ITEMS - i) }, (_, j) => ({ PutRequest: { Item: item(i + j) } }));
  await call('BatchWriteItem', { RequestItems: { [TABLE]: puts } });
}

console.log(`engine ${args.engine}, ${ITEMS} items, ${args.concurrency} in flight, ${args.seconds} s per workload`);
for (const name of args.ops.split(',')) {
  const next = workloads[name];
  if (!next) throw new Error(`unknown workload ${name} (${Object.keys(workloads).join(', ')})`);
  const deadline = performance.now() + Number(args.seconds) * 1000;
  let done = 0;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: Number(args.concurrency) }, async () => {
      while (performance.now() < deadline) {
        await call(...next());
        done++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU of the whole process: the main thread and LMDB's writer threads together.
  console.log(`${name}: ${Math.round(done / seconds)} requests/s, ${((cpu.user + cpu.system) / done).toFixed(1)} CPU µs/request`);
}
await storage.close();
rmSync(dataDir, { recursive: true, force: true });
