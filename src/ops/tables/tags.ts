/**
 * TagResource, UntagResource, ListTagsOfResource (and the resource ARN they take). Tags live in
 * the table's metadata, so they are written with it and go when the table goes. DynamoDB Local
 * does not support tagging at all; behaviour follows the API reference and the developer guide's
 * tagging restrictions (validate-tags.ts).
 */
import type { TableMeta } from '../../catalog/types.js';
import type { OperationHandler, RequestContext } from '../types.js';
import { M } from './messages.js';
import { parseTableArn } from './names.js';
import { checkTags, mergeTags, type TagInput } from './validate-tags.js';

/** The table a ResourceArn designates, or the error DynamoDB gives for it. */
function resourceTable(ctx: RequestContext, arn: string, operation: string): TableMeta {
  const parsed = parseTableArn(arn);
  if (!parsed) throw M.invalidArn(arn);
  if (parsed.account !== ctx.accountId) throw M.accessDenied(ctx.accountId, ctx.accessKeyId, operation, arn);
  const meta = parsed.region === ctx.region ? ctx.services.catalog.get(ctx.namespace, parsed.name) : undefined;
  if (!meta || meta.status === 'DELETING') throw M.resourceNotFound(arn);
  return meta;
}

/** Applies `change` to the stored tags of the table `arn` names, in one transaction. */
async function changeTags(ctx: RequestContext, arn: string, operation: string, change: (tags: TagInput[]) => TagInput[]): Promise<void> {
  const found = resourceTable(ctx, arn, operation);
  const { catalog, storage } = ctx.services;
  const next = await storage.transact(async (tx) => {
    const meta = await catalog.read(tx, ctx.namespace, found.name);
    if (!meta) throw M.resourceNotFound(arn);
    const out: TableMeta = { ...meta, tags: change(meta.tags) };
    catalog.write(tx, out);
    return out;
  });
  catalog.cache(next);
}

export const tagResource: OperationHandler = async (input, ctx) => {
  const tags = input.Tags as TagInput[];
  checkTags(tags);
  await changeTags(ctx, input.ResourceArn as string, 'TagResource', (existing) => mergeTags(existing, tags));
  return {};
};

export const untagResource: OperationHandler = async (input, ctx) => {
  const keys = new Set(input.TagKeys as string[]);
  await changeTags(ctx, input.ResourceArn as string, 'UntagResource', (existing) => existing.filter((t) => !keys.has(t.Key)));
  return {};
};

export const listTagsOfResource: OperationHandler = async (input, ctx) => {
  const meta = resourceTable(ctx, input.ResourceArn as string, 'ListTagsOfResource');
  // At most 50 tags: one page always holds them all, so there is never a NextToken.
  return { Tags: meta.tags.map((t) => ({ Key: t.Key, Value: t.Value })) };
};
