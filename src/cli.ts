#!/usr/bin/env node
/**
 * `tessera` / `npm start`. The CLI itself is src/main.ts; this file only chooses how to load it.
 *
 * `npm run build` also writes a bundle of main.ts (scripts/bundle.mjs → dist/bundle/main.cjs) and
 * V8's code cache for it (main.cjs.cache, taken from a warm-up run of the server). Loading one
 * bundle instead of ~170 modules, each resolved, read and compiled on its own, was most of the
 * cold-start budget; the code cache then spares compiling the functions a start and the first
 * requests run. The bundle is CommonJS because Node 20 takes a code cache only for scripts
 * (node:vm), not for ES modules.
 *
 * The bundle is used when it is at least as new as this file — i.e. it was built from the same
 * compilation — and the cache when it is at least as new as the bundle (V8 checks the rest: its
 * own version, its flags, the source's length). After a plain `tsc` the modules are loaded as
 * compiled. TESSERA_NO_BUNDLE=1 forces that.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** Set by scripts/bundle.mjs on its warm-up run: where to write the code cache at exit. */
const CODE_CACHE_OUT = 'TESSERA_CODE_CACHE_OUT';

const bundle = fileURLToPath(new URL('../bundle/main.cjs', import.meta.url));
const codeCache = `${bundle}.cache`;

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

function runBundle(bundleTime: number): void {
  const cachedData = mtime(codeCache) >= bundleTime ? readFileSync(codeCache) : undefined;
  const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
  const cacheOut = process.env[CODE_CACHE_OUT];
  if (cacheOut) process.once('exit', () => writeFileSync(cacheOut, script.createCachedData()));
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}

const bundleTime = mtime(bundle);
if (process.env.TESSERA_NO_BUNDLE !== '1' && bundleTime >= mtime(fileURLToPath(import.meta.url))) runBundle(bundleTime);
else await import('./main.js');
