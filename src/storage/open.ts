/**
 * Chooses and opens the storage engine for a server.
 */
import type { StorageEngine, StorageOptions } from './engine.js';
import { LmdbEngine } from './lmdb.js';
import { openLmdb } from './lmdb-env.js';
import { LmdbWriter } from './lmdb-writer.js';
import { MemoryEngine } from './memory.js';

export async function openStorage(options: StorageOptions): Promise<StorageEngine> {
  if (options.inMemory) return new MemoryEngine();
  if (!options.dataDir) throw new Error('a data directory is required unless running in memory');
  const db = await openLmdb(options.dataDir);
  return new LmdbEngine(db, new LmdbWriter(options.dataDir));
}
