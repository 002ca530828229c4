/** ListStreams: the namespace's streams (optionally one table's), newest first, paged by ARN. */
import type { OperationHandler } from '../types.js';
import { S } from './errors.js';
import { visibleStreams } from './visible.js';

const MAX_LIMIT = 100;

export const listStreams: OperationHandler = async (input, ctx) => {
  const limit: number = input.Limit ?? MAX_LIMIT;
  if (limit > MAX_LIMIT) throw S.listStreamsLimit();
  const tableName: string | undefined = input.TableName;
  const streams = (await ctx.services.storage.read((reader) => visibleStreams(reader, ctx))).filter(
    (m) => tableName === undefined || m.tableName === tableName,
  );
  let start = 0;
  if (input.ExclusiveStartStreamArn !== undefined) {
    // An ARN not in the (filtered) list starts past its end, as DynamoDB Local answers.
    const at = streams.findIndex((m) => m.arn === input.ExclusiveStartStreamArn);
    start = at < 0 ? streams.length : at + 1;
  }
  const page = streams.slice(start, start + limit);
  const out: Record<string, unknown> = {
    Streams: page.map((m) => ({ StreamArn: m.arn, TableName: m.tableName, StreamLabel: m.label })),
  };
  if (start + limit < streams.length) out.LastEvaluatedStreamArn = page[page.length - 1]!.arn;
  return out;
};
