/**
 * The HTTP/protocol layer: DynamoDB's JSON 1.0 protocol over node:http. It turns a request into
 * (service, operation, input, context), runs the handler, and shapes the answer — body, CRC32,
 * request id, error envelope. Nothing here knows what an operation does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { crc32, gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { DynamoError, internalError, serialization, unknownOperation } from '../errors.js';
import { dynamodbOperations, streamsOperations } from '../ops/index.js';
import { RawJson, type OperationMap, type Services } from '../ops/types.js';
import { validateRequest, isKnownOperation } from '../validate/index.js';
import { callerFromAuthorization } from './auth.js';
import { nextRequestId } from './request-id.js';
import { log } from '../log.js';

const gunzipAsync = promisify(gunzip);

/** Larger than any valid request (BatchWriteItem's 16 MB plus JSON overhead), small enough to refuse abuse. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const SERVICES: Record<string, { name: 'dynamodb' | 'streams'; operations: OperationMap }> = {
  DynamoDB_20120810: { name: 'dynamodb', operations: dynamodbOperations },
  DynamoDBStreams_20120810: { name: 'streams', operations: streamsOperations },
};

export function createHttpServer(services: Services): Server {
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    handle(services, req, res).catch((err) => {
      log.error('unhandled error while answering a request', err);
      if (!res.headersSent) sendError(res, nextRequestId(), internalError());
    });
  });
  return server;
}

async function handle(services: Services, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = nextRequestId();
  if (req.method !== 'POST') {
    // DynamoDB's endpoint answers a plain health line to anything but a POST.
    const body = `healthy: dynamodb.${services.config.region}.amazonaws.com `;
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body), 'x-amzn-RequestId': requestId });
    res.end(body);
    return;
  }
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (err) {
    sendError(res, requestId, err instanceof DynamoError ? err : serialization('Unable to read the request body.'));
    return;
  }
  try {
    const result = await dispatch(services, req, raw, requestId);
    sendJson(res, requestId, 200, result instanceof RawJson ? result.json : JSON.stringify(result));
  } catch (err) {
    if (err instanceof DynamoError) {
      sendError(res, requestId, err);
    } else {
      log.error(`internal error (request ${requestId})`, err);
      sendError(res, requestId, internalError());
    }
  }
}

async function dispatch(services: Services, req: IncomingMessage, raw: Buffer, requestId: string) {
  const target = req.headers['x-amz-target'];
  const dot = typeof target === 'string' ? target.indexOf('.') : -1;
  const service = dot > 0 ? SERVICES[(target as string).slice(0, dot)] : undefined;
  const operationName = dot > 0 ? (target as string).slice(dot + 1) : '';
  if (!service || !isKnownOperation(service.name, operationName)) throw unknownOperation();

  const caller = callerFromAuthorization(req.headers.authorization);
  const input = parseBody(raw);
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

function parseBody(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  let input: unknown;
  try {
    input = JSON.parse(raw.toString('utf8'));
  } catch {
    throw serialization('Start of structure or map found where not expected.');
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw serialization('Start of structure or map found where not expected.');
  }
  return input;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw serialization('Request body too large.');
    chunks.push(chunk);
  }
  const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  const encoding = req.headers['content-encoding'];
  if (encoding && encoding.toLowerCase().includes('gzip')) return gunzipAsync(body);
  return body;
}

function sendJson(res: ServerResponse, requestId: string, status: number, json: string): void {
  const body = Buffer.from(json, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': body.length,
    'x-amzn-RequestId': requestId,
    // The SDKs verify this checksum of the body and retry on a mismatch.
    'x-amz-crc32': String(crc32(body)),
  });
  res.end(body);
}

function sendError(res: ServerResponse, requestId: string, err: DynamoError): void {
  sendJson(res, requestId, err.statusCode, JSON.stringify(err.toBody()));
}
