/**
 * A background job that runs every `intervalMs` (measured from the end of one run to the start of
 * the next, so a slow run never overlaps the next one). `stop()` lets the current run finish —
 * runs check `stopped()` between their small transactions — and cancels the next.
 */
import { log } from '../log.js';
import type { BackgroundService } from './index.js';

export function periodic(
  name: string,
  intervalMs: number,
  run: (stopped: () => boolean) => Promise<void>,
): BackgroundService {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      current = run(() => stopped)
        .catch((err: unknown) => {
          if (!stopped) log.error(`${name} failed`, err);
        })
        .finally(() => {
          current = undefined;
          if (!stopped) schedule();
        });
    }, intervalMs);
    // Background work alone never keeps the process alive.
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}

/** Lets foreground work (requests, their transactions) run between two pieces of background work. */
export const yieldToForeground = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
