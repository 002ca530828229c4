/**
 * Table names, ARNs and look-ups shared by the control-plane operations.
 *
 * Table operations accept the table's name or its ARN in `TableName` (API reference: "You can
 * also provide the Amazon Resource Name (ARN) of the table in this parameter"). ARNs are built
 * from the caller's region and account (the credential scope), never stored, so one table seen
 * through -sharedDb by two callers shows each caller its own ARN, as DynamoDB Local does.
 */
import { tableNotFound } from '../../errors.js';
import type { TableMeta } from '../../catalog/types.js';
import type { RequestContext } from '../types.js';

const ARN = /^arn:(aws[a-z-]*):dynamodb:([^:]*):([^:]*):table\/([^/]+)$/;

export const tableArn = (ctx: RequestContext, name: string): string =>
  `arn:aws:dynamodb:${ctx.region}:${ctx.accountId}:table/${name}`;

export const indexArn = (ctx: RequestContext, table: string, index: string): string =>
  `${tableArn(ctx, table)}/index/${index}`;

export const streamArn = (ctx: RequestContext, table: string, label: string): string =>
  `${tableArn(ctx, table)}/stream/${label}`;

export interface ParsedTableArn {
  region: string;
  account: string;
  name: string;
}

/** The parts of a table ARN, or undefined when `s` is not one. */
export function parseTableArn(s: string): ParsedTableArn | undefined {
  const m = ARN.exec(s);
  return m ? { region: m[2]!, account: m[3]!, name: m[4]! } : undefined;
}

/**
 * The table name a `TableName` parameter designates. An ARN of another region or account names
 * a table this caller cannot see: it is reported as not found under the name it carries.
 */
export function resolveTableName(ctx: RequestContext, given: string): string {
  if (!given.startsWith('arn:')) return given;
  const arn = parseTableArn(given);
  if (!arn) throw tableNotFound(given);
  if (arn.region !== ctx.region || arn.account !== ctx.accountId) throw tableNotFound(arn.name);
  return arn.name;
}

/** The table named by `given` (a name or an ARN), or DynamoDB's ResourceNotFoundException. */
export function getTable(ctx: RequestContext, given: string): TableMeta {
  const name = resolveTableName(ctx, given);
  const meta = ctx.services.catalog.get(ctx.namespace, name);
  if (!meta) throw tableNotFound(name);
  return meta;
}
