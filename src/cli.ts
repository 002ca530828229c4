#!/usr/bin/env node
/**
 * `tessera` / `npm start`. The CLI itself is src/main.ts; this file only chooses how to load it.
 *
 * `npm run build` also writes a bundle of main.ts (scripts/bundle.mjs → dist/bundle/main.js, with
 * rarely used operation families split into chunks loaded on first use). Loading one bundle
 * instead of ~170 modules, each resolved, read and compiled on its own, is most of the cold-start
 * budget, so the bundle is used when it is at least as new as this file — i.e. it was built from
 * the same compilation. After a plain `tsc` (the bundle is older, or absent) the modules are
 * loaded as compiled. TESSERA_NO_BUNDLE=1 forces that.
 */
import { statSync } from 'node:fs';

const bundle = new URL('../bundle/main.js', import.meta.url);

function bundleIsFresh(): boolean {
  if (process.env.TESSERA_NO_BUNDLE === '1') return false;
  try {
    return statSync(bundle).mtimeMs >= statSync(new URL(import.meta.url)).mtimeMs;
  } catch {
    return false;
  }
}

await import(bundleIsFresh() ? bundle.href : './main.js');
