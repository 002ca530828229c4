/**
 * Server-side encryption settings as DescribeTable reports them. Tessera does not encrypt with
 * KMS; it records what was asked for so clients see the service's answer:
 *  - no SSESpecification, or Enabled false: the AWS-owned key, SSEDescription absent;
 *  - Enabled true: a KMS key (the AWS-managed one unless KMSMasterKeyId names another), shown as
 *    { Status: ENABLED, SSEType: KMS, KMSMasterKeyArn } (AWS CLI reference, create-table, example
 *    "To create a table with server-side encryption": the answer's SSEDescription).
 */
import { randomUUID } from 'node:crypto';
import type { TableMeta } from '../../catalog/types.js';
import type { RequestContext } from '../types.js';

export interface SseInput {
  Enabled?: boolean;
  SSEType?: string;
  KMSMasterKeyId?: string;
}

export function sseDescription(ctx: RequestContext, spec: SseInput | undefined): TableMeta['sse'] {
  if (!spec?.Enabled) return undefined;
  const key = spec.KMSMasterKeyId;
  const arn = key?.startsWith('arn:') ? key : `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${key ?? randomUUID()}`;
  return { Status: 'ENABLED', SSEType: spec.SSEType ?? 'KMS', KMSMasterKeyArn: arn };
}
