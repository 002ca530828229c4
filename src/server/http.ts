/**
 * The HTTP/protocol layer: DynamoDB's JSON 1.0 protocol over node:http. It turns a request into
 * (service, operation, input, context), runs the handler, and shapes the answer — body, CRC32,
 * request id, error envelope. Nothing here knows what an operation does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import * as zlib from 'node:zlib';
import { promisify } from 'node:util';
import { CORAL_SERVICE, DynamoError, internalError, serialization } from '../errors.js';
import { dynamodbOperations, streamsOperations } from '../ops/index.js';
import { RawJson, type OperationMap, type Services } from '../ops/types.js';
import { validateRequest, isKnownOperation } from '../validate/index.js';
import { callerFromAuthorization } from './auth.js';
import { nextRequestId } from './request-id.js';
import { log } from '../log.js';

const gunzipAsync = promisify(zlib.gunzip);

/**
 * Coral (the service framework in front of DynamoDB) answers requests it cannot map to an operation
 * or cannot parse with no message at all: `{"__type":"com.amazon.coral.service#UnknownOperationException"}`
 * (the Java SDK then shows its generated text "Unknown operation exception", aws-toolkit-jetbrains#2956)
 * and `{"__type":"com.amazon.coral.service#SerializationException"}` for a body that is not JSON
 * (aws-sdk-unity#54). An empty message is left out of the body (see sendError).
 */
const unknownOperation = () => new DynamoError('UnknownOperationException', '', CORAL_SERVICE);
const unparseable = () => new DynamoError('SerializationException', '', CORAL_SERVICE);

/** Larger than any valid request (BatchWriteItem's 16 MB plus JSON overhead), small enough to refuse abuse. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const SERVICES: Record<string, { name: 'dynamodb' | 'streams'; operations: OperationMap }> = {
  DynamoDB_20120810: { name: 'dynamodb', operations: dynamodbOperations },
  DynamoDBStreams_20120810: { name: 'streams', operations: streamsOperations },
};

/** A request as the protocol layer needs it, whichever process received it. */
export interface ApiRequest {
  /** The X-Amz-Target header. */
  target: string | undefined;
  authorization: string | undefined;
  /** The body, already gunzipped. */
  body: Buffer;
  requestId: string;
}

/** A response: the status and the JSON body (an error envelope unless 200). */
export interface ApiAnswer {
  status: number;
  json: string;
}

/** What a delegate answers when it has handed the request's whole connection to another process. */
export const MOVED = Symbol('the connection moved to another process');

/**
 * Lets a server hand requests to another process (server/read-helpers.ts): resolves to that
 * process's answer, to MOVED once that process has taken the connection (and answers there), or
 * to undefined once the request may be answered here.
 */
export type Delegate = (request: ApiRequest, from: IncomingMessage) => Promise<ApiAnswer | typeof MOVED | undefined>;

export function createHttpServer(services: Services, delegate?: Delegate): Server {
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    handle(services, req, res, delegate).catch((err) => {
      log.error('unhandled error while answering a request', err);
      if (!res.headersSent) sendError(res, nextRequestId(), internalError());
    });
  });
  return server;
}

async function handle(services: Services, req: IncomingMessage, res: ServerResponse, delegate: Delegate | undefined): Promise<void> {
  const requestId = nextRequestId();
  if (req.method !== 'POST') {
    // DynamoDB's endpoint answers a plain health line to anything but a POST (a load balancer's
    // health check; `curl https://dynamodb.us-east-1.amazonaws.com/` shows it).
    const body = `healthy: dynamodb.${services.config.region}.amazonaws.com `;
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body), 'x-amzn-RequestId': requestId });
    res.end(req.method === 'HEAD' ? undefined : body);
    req.resume();
    return;
  }
  const contentType = responseContentType(req.headers['content-type']);
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (err) {
    sendError(res, requestId, err instanceof DynamoError ? err : unparseable(), contentType);
    return;
  }
  const request: ApiRequest = {
    target: headerText(req.headers['x-amz-target']),
    authorization: req.headers.authorization,
    body: raw,
    requestId,
  };
  const delegated = delegate && (await delegate(request, req));
  if (delegated === MOVED) return;
  const { status, json } = delegated || (await answer(services, request));
  sendJson(res, requestId, status, json, contentType);
}

const headerText = (value: string | string[] | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

/** Runs a request in this process: the operation's result, or the error envelope it ended in. */
export async function answer(services: Services, request: ApiRequest): Promise<ApiAnswer> {
  try {
    const result = await dispatch(services, request);
    return { status: 200, json: result instanceof RawJson ? result.json : JSON.stringify(result) };
  } catch (err) {
    if (err instanceof DynamoError) return errorAnswer(err);
    log.error(`internal error (request ${request.requestId})`, err);
    return errorAnswer(internalError());
  }
}

/**
 * Not `async`: it returns the handler's own promise, where an async function would wrap it in a
 * second one and cost the request extra microtask turns. A synchronous throw (unknown operation,
 * validation) reaches the caller's try/catch all the same.
 */
function dispatch(services: Services, { target, authorization, body, requestId }: ApiRequest): Promise<unknown> {
  const dot = target === undefined ? -1 : target.indexOf('.');
  const service = dot > 0 ? SERVICES[target!.slice(0, dot)] : undefined;
  const operationName = dot > 0 ? target!.slice(dot + 1) : '';
  if (!service || !isKnownOperation(service.name, operationName)) throw unknownOperation();

  const caller = callerFromAuthorization(authorization);
  const input = parseBody(body);
  validateRequest(service.name, operationName, input);

  const handler = service.operations[operationName];
  if (!handler) {
    throw new DynamoError(
      'UnknownOperationException',
      `Tessera does not support ${operationName} yet.`,
      'com.amazon.coral.service',
    );
  }
  return handler(input as Record<string, any>, {
    services,
    region: caller.region,
    accountId: caller.accountId,
    accessKeyId: caller.accessKeyId,
    namespace: services.config.sharedDb ? 'shared' : `${caller.accountId}:${caller.region}`,
    requestId,
  });
}

/**
 * The body as a JSON object. Coral's wording for a top-level value of the wrong JSON type follows
 * the validator's (src/validate): a list where a structure is expected is "Start of list found where
 * not expected" (rusoto#658 quotes the service); a scalar is "Unexpected field type". A JSON `null`
 * or an empty body is an empty request, as a null member is an absent one.
 */
function parseBody(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  let input: unknown;
  try {
    input = JSON.parse(raw.toString('utf8'));
  } catch {
    throw unparseable();
  }
  if (input === null) return {};
  if (Array.isArray(input)) throw serialization('Start of list found where not expected');
  if (typeof input !== 'object') throw serialization('Unexpected field type');
  return input as Record<string, unknown>;
}

/**
 * DynamoDB speaks JSON 1.0 and answers `application/x-amz-json-1.0`. Requests labelled 1.1 or
 * without a content type are accepted as DynamoDB Local accepts them; a request sent as
 * `application/json` (browsers, hand-written clients) is answered as `application/json`.
 */
function responseContentType(requestType: string | undefined): string {
  if (requestType && /^\s*application\/json\s*(;|$)/i.test(requestType)) return 'application/json';
  return 'application/x-amz-json-1.0';
}

/**
 * The whole request body. Plain 'data'/'end' listeners rather than `for await`: the async iterator
 * costs an iterator object, end-of-stream bookkeeping and a promise per chunk on every request.
 */
function collectBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let first: Buffer | undefined;
    let chunks: Buffer[] | undefined;
    let size = 0;
    let failed = false;
    const onData = (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(serialization('Request body too large.'));
        // As leaving a `for await` loop did: stop reading, and let the connection go.
        req.destroy();
        return;
      }
      if (first === undefined) first = chunk;
      else (chunks ??= [first]).push(chunk);
    };
    const onEnd = () => {
      if (failed) return;
      resolve(chunks ? Buffer.concat(chunks, size) : (first ?? Buffer.alloc(0)));
    };
    const onError = (err: Error) => {
      if (failed) return;
      failed = true;
      reject(err);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', () => onError(new Error('request aborted')));
  });
}

/** The request body, gunzipped if the client compressed it. Plain bodies skip the extra promise. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  const encoding = req.headers['content-encoding'];
  if (encoding && encoding.toLowerCase().includes('gzip')) return collectBody(req).then(gunzip);
  return collectBody(req);
}

async function gunzip(body: Buffer): Promise<Buffer> {
  try {
    return await gunzipAsync(body, { maxOutputLength: MAX_BODY_BYTES });
  } catch {
    throw unparseable();
  }
}

function sendJson(
  res: ServerResponse,
  requestId: string,
  status: number,
  json: string,
  contentType = 'application/x-amz-json-1.0',
): void {
  const body = Buffer.from(json, 'utf8');
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': body.length,
    'x-amzn-RequestId': requestId,
    // The SDKs verify this checksum of the body and retry on a mismatch.
    'x-amz-crc32': String(crc32(body)),
  });
  pendingResponses.push(res);
  pendingBodies.push(body);
  if (pendingResponses.length === 1) setImmediate(endPendingResponses);
}

/*
 * Responses are ended together right after the poll phase in which they were answered
 * (setImmediate), not one by one as each handler finishes. A write to a socket whose reader is
 * asleep pays, inside our writev, for the kernel waking that reader; a run of back-to-back writes
 * mostly finds the client already awake. Under wrk (GetItem, 32 connections) this took 3–5 CPU µs
 * off each request (bench/NOTES.md). Clients see the same bytes; a response waits at most for the
 * rest of its poll phase's requests.
 */
const pendingResponses: ServerResponse[] = [];
const pendingBodies: Buffer[] = [];

function endPendingResponses(): void {
  for (let i = 0; i < pendingResponses.length; i++) {
    try {
      pendingResponses[i]!.end(pendingBodies[i]);
    } catch (err) {
      log.error('could not send a response', err);
    }
  }
  pendingResponses.length = 0;
  pendingBodies.length = 0;
}

function errorAnswer(err: DynamoError): ApiAnswer {
  const body = err.toBody();
  if (body.message === '') delete body.message;
  return { status: err.statusCode, json: JSON.stringify(body) };
}

function sendError(res: ServerResponse, requestId: string, err: DynamoError, contentType?: string): void {
  const { status, json } = errorAnswer(err);
  sendJson(res, requestId, status, json, contentType);
}

/** zlib.crc32 is native from Node 20.15; older Node 20 releases get the table-driven version. */
const crc32: (data: Buffer) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (zlib as unknown as { crc32: (data: Buffer) => number }).crc32
    : (() => {
        const table = new Int32Array(256);
        for (let n = 0; n < 256; n++) {
          let c = n;
          for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
          table[n] = c;
        }
        return (data: Buffer) => {
          let c = -1;
          for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
          return (c ^ -1) >>> 0;
        };
      })();
