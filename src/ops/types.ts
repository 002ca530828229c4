/**
 * What every operation handler receives and returns. Handlers are plain async functions of
 * (input, context) → response object; the protocol layer does JSON, headers and errors.
 */
import type { StorageEngine } from '../storage/engine.js';
import type { ServerConfig } from '../config.js';
import type { Catalog } from '../catalog/catalog.js';

/** The per-server services an operation may use. One instance per running server. */
export interface Services {
  storage: StorageEngine;
  catalog: Catalog;
  config: ServerConfig;
}

export interface RequestContext {
  services: Services;
  /** Region from the request's credential scope (default us-east-1). */
  region: string;
  /** Account id used in ARNs, derived from the access key. */
  accountId: string;
  accessKeyId: string;
  /** Tables are looked up in this namespace (account + region, or one shared namespace). */
  namespace: string;
  requestId: string;
}

/** A response body already serialised to JSON text, sent as it is (the fast path for stored items). */
export class RawJson {
  constructor(readonly json: string) {}
}

export type OperationResult = Record<string, unknown> | RawJson;
export type OperationHandler = (input: Record<string, any>, ctx: RequestContext) => Promise<OperationResult>;
export type OperationMap = Record<string, OperationHandler>;
