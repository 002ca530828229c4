// Bundles the compiled CLI (dist/src/main.js, from tsc) for a fast cold start, then records V8's
// code cache for the bundle from a warm-up run. dist/src/cli.js picks both up when they are fresh
// (see src/cli.ts).
//   dist/bundle/main.cjs         main.ts and all it imports, one CommonJS file (lmdb stays
//                                external: it loads a native addon)
//   dist/bundle/main.cjs.cache   V8's code cache for main.cjs, as it stands after the warm-up
//   dist/bundle/lmdb-writer.js   the LMDB writer thread's module, which src/storage/lmdb-writer.ts
//                                loads by URL from beside the code that starts it
// Usage: node scripts/bundle.mjs [distDir]   (default: dist)
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'dist');
const outdir = join(dist, 'bundle');
rmSync(outdir, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['lmdb'],
  // Less text to scan at start-up; names are kept, so stack traces and class names read the same.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: [join(dist, 'src', 'main.js')],
  outfile: join(outdir, 'main.cjs'),
  // A script, not a module: Node 20 keeps a code cache only for scripts. The operation families
  // that src/ops/index.ts imports lazily become functions run on first use instead of chunks.
  format: 'cjs',
  banner: { js: 'const __importMetaUrl=require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__importMetaUrl' },
});
await build({ ...common, entryPoints: [join(dist, 'src', 'storage', 'lmdb-writer.js')], outfile: join(outdir, 'lmdb-writer.js'), format: 'esm' });
await recordCodeCache(join(outdir, 'main.cjs.cache'));

/**
 * Starts the bundled server on a scratch data directory, sends it the requests a first session
 * sends, and stops it; on exit it writes the code cache of every function compiled so far. A
 * request that fails here fails the build: the bundle would not work either.
 */
async function recordCodeCache(cacheFile) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-warmup-'));
  const partial = `${cacheFile}.partial`;
  const server = spawn(process.execPath, [join(dist, 'src', 'cli.js'), '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, TESSERA_CODE_CACHE_OUT: partial },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((done) => server.once('exit', (code) => done(code)));
  try {
    const endpoint = await new Promise((found, failed) => {
      let out = '';
      server.stdout.on('data', (chunk) => {
        out += chunk;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) found(m[1]);
      });
      exited.then((code) => failed(new Error(`the warm-up server exited (${code}) before it listened`)));
    });
    const table = { TableName: 'warmup' };
    const key = { pk: { S: 'a' }, sk: { N: '1' } };
    for (const [op, body] of [
      ['ListTables', {}],
      ['CreateTable', { ...table, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }] }],
      ['DescribeTable', table],
      ['PutItem', { ...table, Item: { ...key, v: { S: 'x' } } }],
      ['GetItem', { ...table, Key: key }],
      ['UpdateItem', { ...table, Key: key, UpdateExpression: 'SET v = :v ADD n :one', ExpressionAttributeValues: { ':v': { S: 'y' }, ':one': { N: '1' } } }],
      ['Query', { ...table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'a' } } }],
      ['DeleteItem', { ...table, Key: key }],
    ]) {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `DynamoDB_20120810.${op}`, Authorization: 'AWS4-HMAC-SHA256 Credential=warmup/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`warm-up ${op} answered ${res.status}: ${await res.text()}`);
    }
    server.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) throw new Error(`the warm-up server exited with ${code}`);
    renameSync(partial, cacheFile);
  } finally {
    server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(partial, { force: true });
  }
}
