/**
 * Opening Tessera's LMDB environment, with the settings every thread and process that opens it
 * must share. Kept apart from the engines so that the writer thread (lmdb-writer.ts) loads lmdb
 * and this file alone.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { open as lmdbOpen, RootDatabase } from 'lmdb';
import type { StorageKey, StorageValue } from './engine.js';

export type LmdbDatabase = RootDatabase<StorageValue, StorageKey>;

/*
 * lmdb through its CommonJS build: one file (plus msgpackr and friends), where its ES module entry
 * is a dozen modules whose CommonJS dependencies Node first scans for named exports — ~12 ms of
 * a ~150 ms cold start (bench/NOTES.md). Same package, same native addon, same API.
 */
const { open } = createRequire(import.meta.url)('lmdb') as { open: typeof lmdbOpen };

export const LMDB_FILE = 'tessera.mdb';

/**
 * Address space reserved for the map, not disk: LMDB grows the file only as pages are used. 1 TiB
 * holds 10M items of up to ~50 KB with B-tree slack and avoids remapping, which lmdb-js can only
 * do when no reader is active.
 */
const MAP_SIZE = 2 ** 40;

/** The LMDB environment Tessera runs on, inside `dataDir` (created if missing). */
export async function openLmdb(dataDir: string): Promise<LmdbDatabase> {
  await mkdir(dataDir, { recursive: true });
  return open<StorageValue, StorageKey>({
    path: join(dataDir, LMDB_FILE),
    // Keys arrive pre-encoded in byte order (keys.ts); values are JSON text stored as UTF-8.
    keyEncoding: 'binary',
    encoding: 'string',
    // 8 KiB pages raise LMDB's key limit from 1978 to 4026 bytes, which a table prefix plus a
    // 2048-byte partition key and a 1024-byte sort key needs.
    pageSize: 8192,
    mapSize: MAP_SIZE,
    // Commit and fsync are one step, so a commit that has returned is durable. With overlapping
    // sync (the Linux default) LMDB acknowledges before the fsync, and readers could see — and
    // clients act on — writes that a power cut would take back. Group commit recovers the
    // throughput.
    overlappingSync: false,
    // Never trade durability: both stay at their safe defaults, stated so nobody flips them.
    noSync: false,
    noMetaSync: false,
    // The sequencer already overlays uncommitted writes; an object cache would duplicate it.
    cache: false,
    // Each concurrent read() may pin a distinct snapshot (one per commit it spans); the default
    // of 126 reader slots is too few for a busy server.
    maxReaders: 1024,
  });
}
