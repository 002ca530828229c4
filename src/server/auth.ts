/**
 * Reads who is calling from the SigV4 Authorization header. Signatures are not verified yet (a
 * later issue adds that); the credential scope still decides the region and the account, which
 * appear in every ARN and choose the table namespace.
 */
import { incompleteSignature, missingAuthenticationToken } from '../errors.js';

export interface Caller {
  accessKeyId: string;
  region: string;
  accountId: string;
}

const DEFAULT_ACCOUNT = '000000000000';
const cache = new Map<string, Caller>();

export function callerFromAuthorization(header: string | undefined): Caller {
  if (header === undefined || header === '') throw missingAuthenticationToken();
  // Clients sign every request with the same credential scope, so the parsed result is cached
  // by the scope text rather than re-parsed per request.
  const credStart = header.indexOf('Credential=');
  if (credStart < 0 || !header.includes('Signature=') || !header.includes('SignedHeaders=')) {
    // AWS names each missing SigV4 component, then echoes the header.
    const missing = (['Credential', 'Signature', 'SignedHeaders'] as const)
      .filter((p) => !header.includes(`${p}=`))
      .map((p) => `Authorization header requires '${p}' parameter. `)
      .join('');
    throw incompleteSignature(`${missing}Authorization=${header}`);
  }
  let credEnd = header.indexOf(',', credStart);
  if (credEnd < 0) credEnd = header.length;
  const credential = header.slice(credStart + 11, credEnd).trim();
  const known = cache.get(credential);
  if (known) return known;
  const parts = credential.split('/');
  // Credential=<key>/<date>/<region>/<service>/aws4_request
  if (parts.length !== 5 || parts[0] === '') {
    throw incompleteSignature(
      `Credential should be scoped to a valid region. ` ,
    );
  }
  const accessKeyId = parts[0]!;
  const caller: Caller = {
    accessKeyId,
    region: parts[2] || 'us-east-1',
    // A 12-digit access key names its account directly (handy for multi-account tests); any
    // other key belongs to the default account, as DynamoDB Local's fixed account does.
    accountId: /^\d{12}$/.test(accessKeyId) ? accessKeyId : DEFAULT_ACCOUNT,
  };
  if (cache.size > 1000) cache.clear();
  cache.set(credential, caller);
  return caller;
}
