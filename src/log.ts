/**
 * Minimal logging to stderr. The server logs only start-up, shutdown and internal errors, so a
 * logging library would cost start-up time for nothing; swap in pino here if that changes.
 */
export const log = {
  info(message: string): void {
    process.stderr.write(`${message}\n`);
  },
  error(message: string, err?: unknown): void {
    const detail = err instanceof Error ? (err.stack ?? err.message) : err === undefined ? '' : String(err);
    process.stderr.write(`ERROR ${message}${detail ? `: ${detail}` : ''}\n`);
  },
};
