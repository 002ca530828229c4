/** Tessera's public API for programs and test suites. */
export { startServer, type StartOptions, type RunningServer } from './server/start.js';
export type { ServerConfig } from './config.js';
