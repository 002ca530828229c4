/**
 * A small DynamoDB JSON client for the harness's own calls (readiness, table set-up, loading).
 * It sends the same static SigV4-looking headers as the wrk script; no server checks signatures.
 * The measured load never goes through here — that is wrk's job.
 */
import http from 'node:http';
import { CREATE_TABLE, TABLE, itemJson, keyOf } from './data.mjs';

export const AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=benchkey/20261123/us-east-1/dynamodb/aws4_request, ' +
  'SignedHeaders=content-type;host;x-amz-date;x-amz-target, ' +
  'Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

export class DynamoError extends Error {
  constructor(status, type, message) {
    super(`${status} ${type}: ${message}`);
    this.status = status;
    this.type = type;
  }
}

export function createClient(port, { connections = 8 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

  /** Sends one request; resolves with { status, body } whatever the status. */
  function raw(op, body, { timeoutMs = 30_000, agent: useAgent = agent } = {}) {
    const data = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/',
          agent: useAgent,
          headers: {
            'Content-Type': 'application/x-amz-json-1.0',
            'X-Amz-Target': `DynamoDB_20120810.${op}`,
            'X-Amz-Date': '20261123T120000Z',
            Authorization: AUTHORIZATION,
            'Content-Length': data.length,
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${op} timed out after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(data);
    });
  }

  /** Sends one request and parses the answer; throws DynamoError on a non-2xx status. */
  async function call(op, body, opts) {
    const { status, body: text } = await raw(op, body, opts);
    let parsed;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new DynamoError(status, 'NotJson', text.slice(0, 200));
    }
    if (status < 200 || status > 299) {
      const type = String(parsed.__type ?? 'Unknown').split('#').pop();
      throw new DynamoError(status, type, parsed.message ?? parsed.Message ?? text.slice(0, 200));
    }
    return parsed;
  }

  return { raw, call, close: () => agent.destroy() };
}

/**
 * Polls ListTables every `intervalMs` until the server sends any HTTP answer (an error status
 * counts: it proves the server is up and handling requests). Returns the milliseconds from
 * `startedAt` (a performance.now() value) to that answer.
 */
export async function waitForFirstAnswer(port, startedAt, { intervalMs = 5, timeoutMs = 60_000, isAlive = () => true } = {}) {
  const client = createClient(port, { connections: 1 });
  const noKeepAlive = new http.Agent({ keepAlive: false });
  try {
    for (;;) {
      try {
        await client.raw('ListTables', '{}', { timeoutMs: 5_000, agent: noKeepAlive });
        return performance.now() - startedAt;
      } catch {
        if (!isAlive()) throw new Error('the server exited before it answered');
        if (performance.now() - startedAt > timeoutMs) throw new Error(`no answer within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, intervalMs));
      }
    }
  } finally {
    client.close();
    noKeepAlive.destroy();
  }
}

/** Creates the bench table (deleting nothing) and waits until it is ACTIVE. */
export async function createTable(client) {
  try {
    await client.call('CreateTable', CREATE_TABLE);
  } catch (err) {
    if (!(err instanceof DynamoError && err.type === 'ResourceInUseException')) throw err;
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    const d = await client.call('DescribeTable', { TableName: TABLE });
    if (d.Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`table still ${d.Table?.TableStatus} after 30 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Loads items [from, to) with BatchWriteItem, 25 per request, `concurrency` requests in flight,
 * retrying UnprocessedItems. Calls onProgress(done) now and then. Returns items/s.
 */
export async function loadItems(client, from, to, { concurrency = 8, onProgress } = {}) {
  const started = performance.now();
  let next = from;
  let done = 0;
  let lastReport = performance.now();
  async function worker() {
    for (;;) {
      const first = next;
      if (first >= to) return;
      const last = Math.min(first + 25, to);
      next = last;
      const puts = [];
      for (let i = first; i < last; i++) puts.push(`{"PutRequest":{"Item":${itemJson(i)}}}`);
      let body = `{"RequestItems":{"${TABLE}":[${puts.join(',')}]}}`;
      for (let attempt = 0; ; attempt++) {
        const res = await client.call('BatchWriteItem', body);
        const left = res.UnprocessedItems?.[TABLE];
        if (!left || left.length === 0) break;
        if (attempt > 50) throw new Error('BatchWriteItem kept returning UnprocessedItems');
        body = JSON.stringify({ RequestItems: { [TABLE]: left } });
        await new Promise((r) => setTimeout(r, Math.min(5 * 2 ** attempt, 500)));
      }
      done += last - first;
      if (onProgress && performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        onProgress(done);
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { items: to - from, seconds, itemsPerSecond: (to - from) / seconds };
}

/**
 * Checks that the loaded items are where the wrk script will look for them: GetItem of the first
 * and last item finds them, and the Query of the first partition returns its 10 newest. A GetItem
 * for a missing key is a fast 200 `{}`, so a mismatch would otherwise look like good numbers.
 */
export async function verifyData(client, items) {
  for (const i of [0, items - 1]) {
    const { pk, sk } = keyOf(i);
    const r = await client.call('GetItem', { TableName: TABLE, Key: { pk: { S: pk }, sk: { N: String(sk) } } });
    if (!r.Item || r.Item.pk?.S !== pk) throw new Error(`data check: GetItem of item ${i} found ${JSON.stringify(r).slice(0, 200)}`);
  }
  const { pk } = keyOf(0);
  const q = await client.call('Query', {
    TableName: TABLE,
    KeyConditionExpression: 'pk = :p',
    ExpressionAttributeValues: { ':p': { S: pk } },
    ScanIndexForward: false,
    Limit: 10,
  });
  const expected = Math.min(10, items);
  if (q.Count !== expected || q.Items?.[0]?.sk?.N !== String(keyOf(Math.min(items, 20) - 1).sk)) {
    throw new Error(`data check: Query of ${pk} returned Count ${q.Count}, first sk ${q.Items?.[0]?.sk?.N}`);
  }
}
