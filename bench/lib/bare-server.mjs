#!/usr/bin/env node
/**
 * The ceiling: the least a Node server that speaks DynamoDB's JSON protocol must do per request.
 * It reads the whole body, parses it as JSON, and answers one fixed GetItem response with the
 * headers a real server sends (content type, length, request id, CRC32 of the body). It stores
 * nothing and looks nothing up, so no Node server doing real work on this machine can be faster.
 *
 *   node bench/lib/bare-server.mjs --port 8400
 *
 * Non-POST requests get DynamoDB's health line, like Tessera. Every POST — whatever its
 * X-Amz-Target — gets the same GetItem answer; a body that is not JSON gets a 400.
 */
import { createServer } from 'node:http';
import { crc32 } from 'node:zlib';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } } });
const port = Number(values.port ?? 8400);
const host = values.host ?? '127.0.0.1';

// A GetItem answer for an item shaped like the benchmark's (bench/lib/data.mjs).
const ITEM_RESPONSE = JSON.stringify({
  Item: {
    pk: { S: 'p0001234' },
    sk: { N: '1700000007000' },
    title: { S: 'user 1234-7' },
    email: { S: 'user1234.7@example.com' },
    views: { N: '0' },
    active: { BOOL: true },
    profile: { M: { city: { S: 'Lisbon' }, zip: { N: '11234' } } },
    payload: { S: '0123456789abcdefghijklmnopqrstuvwxyz'.repeat(4).slice(0, 140) },
  },
});
const BAD_REQUEST = JSON.stringify({
  __type: 'com.amazon.coral.service#SerializationException',
  Message: 'Start of structure or map found where not expected.',
});

// A per-process prefix and a counter, as a real server makes its 52-character request ids.
const PREFIX = 'BARE'.padEnd(42, 'X');
let counter = 0;

function send(res, status, json) {
  const body = Buffer.from(json, 'utf8');
  counter = (counter + 1) % 1e10;
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': body.length,
    'x-amzn-RequestId': PREFIX + String(counter).padStart(10, '0'),
    'x-amz-crc32': String(crc32(body)),
  });
  res.end(body);
}

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  if (req.method !== 'POST') {
    const body = 'healthy: dynamodb.us-east-1.amazonaws.com ';
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    let input;
    try {
      input = JSON.parse(raw.toString('utf8'));
    } catch {
      send(res, 400, BAD_REQUEST);
      return;
    }
    if (input === null || typeof input !== 'object') {
      send(res, 400, BAD_REQUEST);
      return;
    }
    send(res, 200, ITEM_RESPONSE);
  });
});

server.listen(port, host);
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
