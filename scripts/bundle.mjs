// Bundles the compiled CLI (dist/src/main.js, from tsc) into dist/bundle/main.js for a fast cold
// start: one file to resolve, read and compile instead of ~170. Operation families that
// src/ops/index.ts imports lazily become chunks loaded on first use. lmdb stays external: it loads
// a native addon. dist/src/cli.js picks the bundle when it is fresh (see src/cli.ts).
// Usage: node scripts/bundle.mjs [distDir]   (default: dist)
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'dist');
const outdir = join(dist, 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  // The LMDB writer thread loads its module by URL (src/storage/lmdb-writer.ts), so the bundle
  // needs it as a file of its own beside the chunk that starts it.
  entryPoints: { main: join(dist, 'src', 'main.js'), 'lmdb-writer': join(dist, 'src', 'storage', 'lmdb-writer.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['lmdb'],
  // Less text to scan at start-up; names are kept, so stack traces and class names read the same.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
});
