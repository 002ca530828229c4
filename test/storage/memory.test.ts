import { MemoryEngine } from '../../src/storage/memory.js';
import { storageConformance } from './conformance.js';

storageConformance('memory', async () => new MemoryEngine());
