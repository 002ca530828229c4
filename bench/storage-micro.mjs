// Storage micro-benchmark (not a test): transactions/s with 1 and 64 concurrent writers, and
// point reads/s, on both embedded engines. Runs against the compiled output:
//   npx tsc -p tsconfig.json && node bench/storage-micro.mjs [seconds-per-case]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../dist/src/storage/open.js';

const seconds = Number(process.argv[2] ?? 2);
const VALUE = JSON.stringify({ pk: { S: 'user#123' }, sk: { S: 'order#2024-01-01' }, total: { N: '42.50' }, note: { S: 'x'.repeat(120) } });
const key = (i) => Buffer.from(`bench#${String(i).padStart(10, '0')}`);

async function timed(body) {
  const deadline = performance.now() + seconds * 1000;
  const start = performance.now();
  const ops = await body(() => performance.now() < deadline);
  return Math.round(ops / ((performance.now() - start) / 1000));
}

async function writers(engine, concurrency) {
  let next = 0;
  return timed(async (running) => {
    const loop = async () => {
      let ops = 0;
      while (running()) {
        const i = next++;
        await engine.transact((tx) => tx.put(key(i), VALUE));
        ops++;
      }
      return ops;
    };
    const counts = await Promise.all(Array.from({ length: concurrency }, loop));
    return counts.reduce((a, b) => a + b, 0);
  });
}

async function counterIncrements(engine, concurrency) {
  return timed(async (running) => {
    const loop = async () => {
      let ops = 0;
      while (running()) {
        await engine.transact(async (tx) => {
          const n = Number((await tx.get(Buffer.from('counter'))) ?? 0);
          tx.put(Buffer.from('counter'), String(n + 1));
        });
        ops++;
      }
      return ops;
    };
    const counts = await Promise.all(Array.from({ length: concurrency }, loop));
    return counts.reduce((a, b) => a + b, 0);
  });
}

async function gets(engine, population) {
  let x = 1;
  return timed(async (running) => {
    let ops = 0;
    while (running()) {
      for (let j = 0; j < 1000; j++) {
        x = (x * 48271) % 2147483647;
        await engine.get(key(x % population));
      }
      ops += 1000;
    }
    return ops;
  });
}

async function scans(engine, population) {
  let x = 1;
  return timed(async (running) => {
    let ops = 0;
    while (running()) {
      x = (x * 48271) % 2147483647;
      await engine.read(async (r) => {
        for await (const entry of r.range({ gte: key(x % population), limit: 100 })) void entry;
      });
      ops++;
    }
    return ops;
  });
}

async function run(name, open) {
  const engine = await open();
  const results = {};
  results['transact/s, 1 writer'] = await writers(engine, 1);
  results['transact/s, 64 writers'] = await writers(engine, 64);
  results['read-increment-write/s, 64 writers, one key'] = await counterIncrements(engine, 64);
  const population = 100_000;
  for (let i = 0; i < population; i += 1000) {
    await engine.transact((tx) => {
      for (let j = i; j < i + 1000; j++) tx.put(key(j), VALUE);
    });
  }
  results['get/s (awaited, random of 100k)'] = await gets(engine, population);
  results['read()+range of 100/s'] = await scans(engine, population);
  await engine.close();
  console.log(`\n${name}`);
  for (const [label, value] of Object.entries(results)) console.log(`  ${label.padEnd(48)} ${value.toLocaleString('en-US')}`);
}

const dir = await mkdtemp(join(tmpdir(), 'tessera-bench-'));
try {
  await run('memory', () => openStorage({ inMemory: true }));
  await run('lmdb', () => openStorage({ dataDir: dir }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
