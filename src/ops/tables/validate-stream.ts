/**
 * StreamSpecification: enabled with a view type, disabled without one. (StreamEnabled itself is
 * required by the API model, so the shape validator has already insisted on it.)
 */
import { M } from './messages.js';

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

const VIEW_TYPES = new Set(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']);

export interface StreamInput {
  StreamEnabled?: boolean;
  StreamViewType?: string;
}

export function checkStreamSpecification(spec: StreamInput): void {
  const view = spec.StreamViewType;
  if (spec.StreamEnabled) {
    if (view === undefined || view === '') throw M.streamNeedsViewType();
    if (!VIEW_TYPES.has(view)) throw M.badStreamViewType(view);
  } else if (view !== undefined) {
    throw M.streamViewTypeWhenDisabled();
  }
}

/**
 * A stream's label: its creation time as an ISO-8601 string without the zone, to the
 * millisecond, as DynamoDB prints it (`2026-11-23T11:25:33.674`).
 */
export const streamLabel = (ms: number): string => new Date(ms).toISOString().replace('Z', '');
