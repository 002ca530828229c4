/**
 * Starting and stopping one Tessera server: storage, catalog, HTTP listener and background
 * services, in that order up and the reverse order down.
 */
import type { AddressInfo } from 'node:net';
import { Catalog } from '../catalog/catalog.js';
import { defaultConfig, type ServerConfig } from '../config.js';
import { openStorage } from '../storage/open.js';
import type { Services } from '../ops/types.js';
import { createHttpServer } from './http.js';
import { startBackgroundServices } from '../background/index.js';

export interface StartOptions extends Partial<ServerConfig> {}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8000 */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config: ServerConfig = { ...defaultConfig(), ...stripUndefined(options) };
  const storage = await openStorage({ dataDir: config.dataDir, inMemory: config.inMemory });
  const catalog = new Catalog(storage);
  const services: Services = { storage, catalog, config };
  const http = createHttpServer(services);
  try {
    await catalog.load();
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    // e.g. EADDRINUSE: release the store (and its lock on the data directory) before failing.
    await storage.close();
    throw err;
  }
  const background = startBackgroundServices(services);
  const port = (http.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        await background.stop();
        await drain(http, SHUTDOWN_GRACE_MS);
        await storage.close();
      })();
      return closing;
    },
  };
}

/** How long requests in flight get to finish when the server closes. */
const SHUTDOWN_GRACE_MS = 5_000;

/**
 * Stops accepting connections and lets requests in flight finish (their writes are acknowledged
 * to the client only once durable), closing keep-alive connections as they fall idle; whatever is
 * still open after `graceMs` is cut.
 */
function drain(http: import('node:http').Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const idle = setInterval(() => http.closeIdleConnections(), 25);
    const force = setTimeout(() => http.closeAllConnections(), graceMs);
    http.close(() => {
      clearInterval(idle);
      clearTimeout(force);
      resolve();
    });
    http.closeIdleConnections();
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
