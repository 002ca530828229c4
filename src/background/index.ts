/**
 * Background services (TTL sweeper, stream trimming, index backfill, dropped-table cleanup).
 * Each is started here and stopped before storage closes; none may block foreground requests.
 */
import type { Services } from '../ops/types.js';
import { startStreamMaintenance } from '../streams/maintenance.js';
import { startTtlSweeper } from '../ttl/sweeper.js';

export interface BackgroundService {
  stop(): Promise<void>;
}

type Starter = (services: Services) => BackgroundService;

/** Families register their background work here. */
export const backgroundStarters: Starter[] = [startTtlSweeper, startStreamMaintenance];

export function startBackgroundServices(services: Services): BackgroundService {
  const running = backgroundStarters.map((start) => start(services));
  return {
    async stop() {
      await Promise.all(running.map((s) => s.stop()));
    },
  };
}
