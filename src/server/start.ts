/**
 * Starting and stopping one Tessera server: storage, catalog, HTTP listener and background
 * services, in that order up and the reverse order down.
 */
import { fileURLToPath } from 'node:url';
import { createServer as createListener, type AddressInfo, type Server as Listener } from 'node:net';
import { Catalog } from '../catalog/catalog.js';
import { defaultConfig, type ServerConfig } from '../config.js';
import { openStorage } from '../storage/open.js';
import type { Services } from '../ops/types.js';
import { createHttpServer } from './http.js';
import { startBackgroundServices } from '../background/index.js';
import { log } from '../log.js';
import { SHUTDOWN_GRACE_MS, startReadHelpers, trackConnections, type ReadHelperPool } from './read-helpers.js';

export interface StartOptions extends Partial<ServerConfig> {
  /** The CLI script read helpers are forked from (default: the compiled src/cli.js beside this module). */
  readHelperEntry?: string;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8000 */
  url: string;
  port: number;
  /**
   * Resolves once every read helper is answering its share of connections (at once without
   * helpers); until then the server answers them itself. Rejects if a helper failed to start.
   */
  readHelpersReady: Promise<void>;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const { readHelperEntry, ...settings } = options;
  const config: ServerConfig = { ...defaultConfig(), ...stripUndefined(settings) };
  if (config.readHelpers > 0 && config.inMemory) throw new Error('read helpers need a data directory: they share the store on disk');
  const storage = await openStorage({ dataDir: config.dataDir, inMemory: config.inMemory });
  const catalog = new Catalog(storage);
  const services: Services = { storage, catalog, config };
  const http = createHttpServer(services);
  // With read helpers, a plain TCP listener accepts connections and hands each one to a process.
  const listener: Listener | undefined = config.readHelpers > 0 ? createListener({ pauseOnConnect: true }) : undefined;
  try {
    await catalog.load();
    await listen(listener ?? http, config);
  } catch (err) {
    // e.g. EADDRINUSE: release the store (and its lock on the data directory) before failing.
    await storage.close();
    throw err;
  }
  // Helpers start once the server listens: a start that fails (a port in use) forks none, and
  // the server answers their share of connections itself until they are ready. (Cold start
  // measured the same either way: 129 vs 127 ms, median of 13.)
  const helpers: ReadHelperPool | undefined = listener
    ? startReadHelpers(config.readHelpers, readHelperEntry ?? fileURLToPath(new URL('../cli.js', import.meta.url)), services, http)
    : undefined;
  const readHelpersReady = helpers?.ready ?? Promise.resolve();
  readHelpersReady.catch((err: unknown) => log.error('a read helper did not start; the server answers its share itself', err));
  let stopHttp: () => Promise<void> = () => drain(http, SHUTDOWN_GRACE_MS);
  if (listener && helpers) {
    const connections = trackConnections(http);
    listener.on('connection', (socket) => helpers.handOff(socket));
    stopHttp = async () => {
      // Stop accepting; the port is free at once. Its callback is no use here: it waits for every
      // connection the listener accepted to end, idle keep-alive ones included (which only the
      // drains below bring about), and in Node 20 it never comes at all once every process a
      // socket was sent to has exited. The drains are what end the connections.
      listener.close();
      // Helpers first: until they are gone they may still forward requests or hand connections over.
      await helpers.close();
      await connections.drain(SHUTDOWN_GRACE_MS);
    };
  }
  const background = startBackgroundServices(services);
  const port = ((listener ?? http).address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    readHelpersReady,
    close() {
      closing ??= (async () => {
        await background.stop();
        await stopHttp();
        await storage.close();
      })();
      return closing;
    },
  };
}

function listen(server: Listener, config: ServerConfig): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

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
