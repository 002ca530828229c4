/**
 * Read helpers: extra processes that answer reads, so that a server uses more than one core.
 *
 * The server process (the "owner") keeps everything that must be single: the sequencer and
 * every write, the background services, the authoritative catalog. It accepts each connection
 * and hands it, round-robin, to itself or to a helper. A helper opens the same LMDB environment
 * (LMDB allows many reader processes) and answers GetItem, BatchGetItem, Query and Scan itself.
 * A connection that writes items moves to the owner for good, its request with it (moveToOwner):
 * forwarding every write over IPC cost ~25 µs each, a fifth of PutItem's throughput. Any other
 * request (tables, TTL, tags…) the helper forwards to the owner over the IPC channel and relays
 * the answer.
 *
 * What keeps a helper's answers the owner's answers:
 * - the owner acknowledges a write only once it is committed, and a helper renews its LMDB
 *   snapshot before every request, so a read that follows an acknowledged write sees it;
 * - every catalog change rewrites the catalog's generation key in the same transaction, and a
 *   helper reloads its catalog whenever that key changed (Catalog.follow) before answering.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Catalog } from '../catalog/catalog.js';
import { defaultConfig, type ServerConfig } from '../config.js';
import { log } from '../log.js';
import type { Services } from '../ops/types.js';
import { LmdbEngine } from '../storage/lmdb.js';
import { openLmdb } from '../storage/lmdb-env.js';
import { answer, createHttpServer, MOVED, type ApiAnswer, type ApiRequest } from './http.js';

/** The environment variable that makes the CLI start as a helper; its value is the helper's settings. */
export const READ_HELPER_ENV = 'TESSERA_READ_HELPER';

/** Targets a helper answers itself: reads of items that need nothing but a snapshot and the catalog. */
const LOCAL_TARGETS = new Set(
  ['GetItem', 'BatchGetItem', 'Query', 'Scan'].map((operation) => `DynamoDB_20120810.${operation}`),
);

/**
 * Targets that write items (or may: PartiQL). A connection that sends one moves to the owner,
 * where writes run, and stays there: clients that write get no forwarding hop, and connections
 * that only read stay with the helper.
 */
const WRITE_TARGETS = new Set(
  [
    'PutItem',
    'UpdateItem',
    'DeleteItem',
    'BatchWriteItem',
    'TransactWriteItems',
    'ExecuteStatement',
    'BatchExecuteStatement',
    'ExecuteTransaction',
  ].map((operation) => `DynamoDB_20120810.${operation}`),
);

/** The settings a helper needs; everything else is the owner's business. */
type HelperSettings = Pick<ServerConfig, 'dataDir' | 'sharedDb' | 'region'>;

type ForwardedAnswer = { id: number; status: number; json: string };
// The body travels as text: the server decodes it as UTF-8 anyway (a body that is not JSON text
// fails the same way either side), and JSON messages are cheaper than structured clone here.
type ForwardedRequest = { id: number; body: string } & Omit<ApiRequest, 'body'>;

// Requests and answers travel in batches, one message per turn of the event loop each way (see
// batched). A connection handed over is a message of its own: it carries the socket. One a helper
// hands back to the owner carries the request it came with, as bytes (latin1) to replay.
type ToHelper = { type: 'connection'; id: number } | { type: 'answers'; answers: ForwardedAnswer[] } | { type: 'close' };
type ToOwner =
  | { type: 'ready' }
  | { type: 'took'; id: number }
  | { type: 'requests'; requests: ForwardedRequest[] }
  | { type: 'adopt'; request: string };

/**
 * Collects what is sent during one turn of the event loop and sends it as one message after the
 * poll phase. Node's IPC channel costs ~12 µs of CPU a message on each side whatever its size
 * (bench/NOTES.md), and forwarded writes come in bursts: the requests read in one poll phase, the
 * answers of one group commit.
 */
function batched<T>(sendAll: (items: T[]) => void): (item: T) => void {
  let pending: T[] = [];
  return (item) => {
    if (pending.push(item) > 1) return;
    setImmediate(() => {
      const items = pending;
      pending = [];
      sendAll(items);
    });
  };
}

// ---- the owner's side ---------------------------------------------------------------------------

export interface ReadHelperPool {
  /** Resolves once every helper takes connections; rejects if one exits before that. */
  readonly ready: Promise<void>;
  /** Gives a new connection to the next process in turn (the owner's own `http` included). */
  handOff(socket: Socket): void;
  /** Lets the helpers finish their requests in flight, then waits for them to exit. */
  close(): Promise<void>;
}

/** A helper that keeps dying is not forked forever: at most this many replacements a minute. */
const MAX_REPLACEMENTS_PER_MINUTE = 3;

/**
 * Forks `count` helpers running `entry` (the CLI, which starts as a helper when READ_HELPER_ENV
 * is set). A helper gets connections only once it reports ready. One that exits while serving is
 * replaced; its connections are lost (their clients reconnect, as after any dropped connection).
 */
export function startReadHelpers(count: number, entry: string, services: Services, http: HttpServer): ReadHelperPool {
  const settings: HelperSettings = {
    dataDir: services.config.dataDir,
    sharedDb: services.config.sharedDb,
    region: services.config.region,
  };
  const ready: ChildProcess[] = [];
  let turn = 0;
  let closing = false;
  let replacedAt: number[] = [];
  /**
   * Every helper process that has not exited, with the connections handed to it that it has not
   * confirmed yet, by id. They are sent with `keepOpen`, so this process keeps its own copy until
   * the helper says it took the socket: should the helper die first, Node neither delivers nor
   * closes a socket still in transit, and its client would wait forever. Such a connection is
   * served here instead.
   */
  const handing = new Map<ChildProcess, Map<number, Socket>>();
  let nextConnectionId = 0;
  const serveHere = (socket: Socket): void => {
    if (!socket.destroyed) serve(http, socket);
  };

  /** Forks one helper; resolves once it takes connections, rejects if it exits before. */
  const spawnHelper = (): Promise<void> => {
    const child = fork(entry, [], {
      env: { ...process.env, [READ_HELPER_ENV]: JSON.stringify(settings) },
      // Node's default JSON messages: measured faster than 'advanced' for these small messages
      // (79k vs 62k round trips/s at 16 in flight, bench/NOTES.md).
      serialization: 'json',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const unconfirmed = new Map<number, Socket>();
    handing.set(child, unconfirmed);
    const sendAnswer = batched<ForwardedAnswer>((answers) => {
      if (child.connected) child.send({ type: 'answers', answers } satisfies ToHelper);
    });
    child.on('exit', (code, signal) => {
      for (const socket of unconfirmed.values()) serveHere(socket);
      handing.delete(child);
      const at = ready.indexOf(child);
      // One that never became ready had no connections; its promise rejects and the caller says so.
      if (at < 0) return;
      ready.splice(at, 1);
      if (closing) return;
      log.error(`read helper ${child.pid} exited (${signal ?? `code ${code}`}); its connections were dropped`);
      const now = Date.now();
      replacedAt = replacedAt.filter((t) => now - t < 60_000);
      if (replacedAt.length >= MAX_REPLACEMENTS_PER_MINUTE) {
        log.error(`read helpers exited ${replacedAt.length + 1} times within a minute; this one is not replaced`);
        return;
      }
      replacedAt.push(now);
      spawnHelper().catch((err: unknown) => log.error('the replacement read helper did not start', err));
    });
    return new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`read helper exited before it was ready (code ${code})`)));
      child.on('message', (message: ToOwner, handle?: Socket) => {
        if (message.type === 'requests') {
          for (const request of message.requests) void answerForHelper(services, request, sendAnswer);
        } else if (message.type === 'took') {
          // The helper has its copy. Closing ours leaves the connection open: TCP sends no FIN
          // while another process holds the socket.
          unconfirmed.get(message.id)?.destroy();
          unconfirmed.delete(message.id);
        } else if (message.type === 'adopt') {
          if (handle) adopt(http, handle, message.request);
        } else if (message.type === 'ready') {
          if (!closing) ready.push(child);
          resolve();
        }
      });
    });
  };
  const started = Array.from({ length: count }, spawnHelper);

  return {
    ready: Promise.all(started).then(() => undefined),
    handOff(socket) {
      const slot = turn++ % (ready.length + 1);
      const helper = slot === 0 ? undefined : ready[slot - 1];
      if (!helper) return serveHere(socket);
      const unconfirmed = handing.get(helper)!;
      const id = nextConnectionId++;
      unconfirmed.set(id, socket);
      helper.send({ type: 'connection', id } satisfies ToHelper, socket, { keepOpen: true }, (err) => {
        if (!err) return;
        unconfirmed.delete(id);
        serveHere(socket);
      });
    },
    async close() {
      closing = true;
      const serving = new Set(ready);
      ready.length = 0;
      await Promise.all(
        [...handing.keys()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              // A helper that is not ready yet has no connections, and may not be listening for
              // messages yet either (it ignores SIGTERM, which belongs to the server).
              if (serving.has(child) && child.connected) child.send({ type: 'close' } satisfies ToHelper);
              else child.kill('SIGKILL');
            }),
        ),
      );
    },
  };
}

/**
 * Takes over a connection a helper moved here (moveToOwner): its request goes back in front of
 * whatever the socket reads next, so this server's HTTP layer parses and answers it like any other.
 */
function adopt(http: HttpServer, socket: Socket, request: string): void {
  socket.unshift(Buffer.from(request, 'latin1'));
  serve(http, socket);
}

/** Makes `http` serve a connection it did not accept itself: handed over, or paused on accept. */
function serve(http: HttpServer, socket: Socket): void {
  http.emit('connection', socket);
  socket.resume();
}

async function answerForHelper(services: Services, forwarded: ForwardedRequest, send: (answer: ForwardedAnswer) => void): Promise<void> {
  const { id, target, authorization, body, requestId } = forwarded;
  const { status, json } = await answer(services, { target, authorization, body: Buffer.from(body, 'utf8'), requestId });
  send({ id, status, json });
}

// ---- the helper's side --------------------------------------------------------------------------

/** Runs this process as a read helper of the owner that forked it. */
export async function runReadHelper(settingsJson: string): Promise<void> {
  const settings = JSON.parse(settingsJson) as HelperSettings;
  const engine = new LmdbEngine(await openLmdb(settings.dataDir));
  const catalog = new Catalog(engine);
  await catalog.load();
  // No writer: the engine refuses every transaction, so nothing here can bypass the owner's sequencer.
  const services: Services = { storage: engine, catalog, config: { ...defaultConfig(), ...settings } };

  const waiting = new Map<number, (answer: ApiAnswer) => void>();
  let nextId = 0;
  const send = (message: ToOwner) => process.send!(message);
  const forward = batched<ForwardedRequest>((requests) => send({ type: 'requests', requests }));

  const http = createHttpServer(services, async (request, from) => {
    if (request.target !== undefined && LOCAL_TARGETS.has(request.target)) {
      engine.refresh();
      await catalog.follow();
      return undefined;
    }
    if (request.target !== undefined && WRITE_TARGETS.has(request.target) && canMove(from, connections.inFlightOn(from.socket))) {
      moveToOwner(from, request.body);
      return MOVED;
    }
    const id = ++nextId;
    return new Promise<ApiAnswer>((resolve) => {
      waiting.set(id, resolve);
      forward({ id, ...request, body: request.body.toString('utf8') });
    });
  });
  const connections = trackConnections(http);

  process.on('message', (message: ToHelper, handle?: Socket) => {
    if (message.type === 'connection' && handle) {
      serve(http, handle);
      send({ type: 'took', id: message.id });
    } else if (message.type === 'answers') {
      for (const { id, status, json } of message.answers) {
        const resolve = waiting.get(id);
        waiting.delete(id);
        resolve?.({ status, json });
      }
    } else if (message.type === 'close') {
      // Forwarded requests still in flight are answered: the owner waits for us before it stops.
      void connections.drain(SHUTDOWN_GRACE_MS).then(async () => {
        await engine.close();
        process.exit(0);
      });
    }
  });
  // The owner is gone (crashed or killed): nothing can be forwarded any more.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

/** The Node internals moveToOwner relies on: what the HTTP server sets on a socket it serves. */
type ServedSocket = Socket & {
  _handle?: { readStop(): number } | null;
  parser?: { _consumed?: boolean; unconsume(): void } | null;
};

/**
 * Whether `req` and its connection can move to the owner: nothing else in flight on it (answers
 * on a connection go out in order), and the request replays byte for byte — the body here is the
 * decoded one, so no content coding or chunking, and no `Expect` (it was answered here already).
 */
function canMove(req: IncomingMessage, inFlightOnConnection: number): boolean {
  const { headers } = req;
  return (
    inFlightOnConnection === 1 &&
    req.httpVersion === '1.1' &&
    (req.socket as ServedSocket)._handle != null &&
    headers['content-encoding'] === undefined &&
    headers['transfer-encoding'] === undefined &&
    headers.expect === undefined
  );
}

/**
 * Hands the connection `req` came on, and `req` itself, to the owner (adopt). The socket stops
 * reading first and leaves this process's HTTP parser (as Node's own HTTP server does before an
 * upgrade), so that every byte after `req` is read by the owner; then the socket object here is
 * destroyed, which only tidies this server's bookkeeping once the handle is gone.
 */
function moveToOwner(req: IncomingMessage, body: Buffer): void {
  const socket = req.socket as ServedSocket;
  socket._handle!.readStop();
  const parser = socket.parser;
  if (parser?._consumed) {
    parser.unconsume();
    parser._consumed = false;
  }
  let head = `${req.method} ${req.url} HTTP/1.1\r\n`;
  // Node's HTTP parser gives header text as latin1, so this is the bytes the client sent.
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) head += `${raw[i]}: ${raw[i + 1]}\r\n`;
  const request = `${head}\r\n${body.toString('latin1')}`;
  // Should the send fail, the socket still holds its handle and destroying it drops the
  // connection: the client sees a reset for a request that did not run.
  process.send!({ type: 'adopt', request } satisfies ToOwner, socket, () => socket.destroy());
}

/** How long requests in flight get to finish when a server closes. */
export const SHUTDOWN_GRACE_MS = 5_000;

/**
 * For an HTTP server that is handed its connections instead of listening (Node tracks a
 * server's connections only once it listens): `drain` waits for the requests in flight, up to
 * `graceMs`, then closes every connection.
 */
export function trackConnections(http: HttpServer): { inFlightOn(socket: Socket): number; drain(graceMs: number): Promise<void> } {
  /** Each connection, with its requests in flight. */
  const sockets = new Map<Socket, number>();
  let inFlight = 0;
  http.on('connection', (socket: Socket) => {
    sockets.set(socket, 0);
    socket.once('close', () => sockets.delete(socket));
  });
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const { socket } = req;
    inFlight++;
    sockets.set(socket, (sockets.get(socket) ?? 0) + 1);
    res.once('close', () => {
      inFlight--;
      const left = sockets.get(socket);
      if (left !== undefined) sockets.set(socket, left - 1);
    });
  });
  return {
    inFlightOn: (socket) => sockets.get(socket) ?? 0,
    async drain(graceMs) {
      const deadline = Date.now() + graceMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      for (const socket of sockets.keys()) socket.destroy();
    },
  };
}
