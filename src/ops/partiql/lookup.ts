/** Tables as PartiQL sees them: a table still being created or deleted does not exist yet / any more. */
import type { TableLookup } from '../../partiql/source.js';
import type { RequestContext } from '../types.js';

export function tableLookup(ctx: RequestContext): TableLookup {
  return (name) => {
    const table = ctx.services.catalog.get(ctx.namespace, name);
    return table && table.status !== 'CREATING' && table.status !== 'DELETING' ? table : undefined;
  };
}
