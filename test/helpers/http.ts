/**
 * Raw-HTTP helpers for tests that talk to a server the way an SDK would, byte for byte.
 */
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';

export const FAKE_AUTH =
  'AWS4-HMAC-SHA256 Credential=fakeKey/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000';

/** An Authorization header for another access key and region (both end up in ARNs). */
export const authFor = (accessKeyId: string, region: string): string =>
  `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/${region}/dynamodb/aws4_request, SignedHeaders=host, Signature=0000`;

export interface RawResponse {
  status: number;
  headers: Headers;
  /** The body bytes exactly as received. */
  raw: Buffer;
  text: string;
  /** The parsed JSON body, or undefined when it is not JSON. */
  json: any;
}

export interface CallOptions {
  /** Full X-Amz-Target; `null` leaves the header out. Default `DynamoDB_20120810.<op>`. */
  target?: string | null;
  /** A JSON body (serialised) or raw bytes/string sent as they are. */
  body?: unknown;
  raw?: string | Buffer;
  gzip?: boolean;
  /** Header overrides; `null` removes one of the defaults. */
  headers?: Record<string, string | null>;
  method?: string;
}

export async function call(url: string, op: string, options: CallOptions = {}): Promise<RawResponse> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.0',
    authorization: FAKE_AUTH,
    'x-amz-date': '20260101T000000Z',
  };
  const target = options.target === undefined ? `DynamoDB_20120810.${op}` : options.target;
  if (target !== null) headers['x-amz-target'] = target;
  for (const [k, v] of Object.entries(options.headers ?? {})) {
    if (v === null) delete headers[k.toLowerCase()];
    else headers[k.toLowerCase()] = v;
  }
  let payload: Buffer | undefined = undefined;
  if (options.method !== 'GET' && options.method !== 'HEAD') {
    payload = Buffer.isBuffer(options.raw)
      ? options.raw
      : Buffer.from(options.raw !== undefined ? options.raw : JSON.stringify(options.body ?? {}), 'utf8');
    if (options.gzip) {
      payload = gzipSync(payload);
      headers['content-encoding'] = 'gzip';
    }
  }
  const res = await fetch(url, { method: options.method ?? 'POST', headers, body: payload });
  const raw = Buffer.from(await res.arrayBuffer());
  const text = raw.toString('utf8');
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, raw, text, json };
}

/**
 * Which processes answer new connections: the per-process prefixes of request ids
 * (server/request-id.ts) over `count` connections of their own (GET /, answered by whichever
 * process the server handed the connection to; it hands them out in turn).
 */
export async function answeringProcesses(url: string, count = 4): Promise<Set<string>> {
  const prefixes = new Set<string>();
  for (let i = 0; i < count; i++) {
    const id = await new Promise<string>((resolve, reject) =>
      request(url, { method: 'GET', agent: false }, (res) => {
        res.resume();
        resolve(String(res.headers['x-amzn-requestid']));
      })
        .on('error', reject)
        .end(),
    );
    prefixes.add(id.slice(0, 36));
  }
  return prefixes;
}

/**
 * Asks answeringProcesses every 50 ms until `done` holds of the answer or `timeoutMs` passes
 * (a helper takes connections only once it is ready); returns the last answer either way.
 */
export async function answeringProcessesOnce(url: string, done: (processes: Set<string>) => boolean, timeoutMs = 15_000): Promise<Set<string>> {
  const deadline = Date.now() + timeoutMs;
  let processes = await answeringProcesses(url);
  while (!done(processes) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    processes = await answeringProcesses(url);
  }
  return processes;
}
