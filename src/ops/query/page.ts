/**
 * Reads one page of a Query or Scan from one storage snapshot: the engine under both operations.
 *
 * DynamoDB's page rules, as measured against DynamoDB Local (test/golden/query/):
 *  - `Limit` counts items evaluated, before the filter; reaching it ends the page with a
 *    LastEvaluatedKey even when no item follows.
 *  - The 1 MB limit counts the size (DynamoDB's item size) of the items evaluated, and is checked
 *    before evaluating the next item: a page stops once it has read at least 1 MB, so the item
 *    that crosses the limit is included (15 × 100 KB items → 11 per page), and a page whose last
 *    item ends exactly at the end of the data has no LastEvaluatedKey.
 *  - For an index, the size is that of the index entry (the projected item). When a local
 *    secondary index fetches items from the table, the page size is the entries' total rounded up
 *    to 4 KB plus each fetched item rounded up to 4 KB (developer guide, LSI read capacity).
 *  - Capacity: the evaluated entries' total, rounded up to 4 KB once (a Query "sums then rounds",
 *    a Scan charges what it evaluated); each fetched table item rounded up to 4 KB on its own;
 *    eventually consistent reads cost half.
 */
import type { Item } from '../../model/types.js';
import { itemSize } from '../../model/size.js';
import { forEachEntry, type RangeOptions, type StorageReader } from '../../storage/engine.js';
import { itemKey } from '../../storage/keys.js';
import type { ReadTarget } from './target.js';

export const PAGE_BYTES = 1024 * 1024;
const UNIT = 4 * 1024;

export interface PagePlan {
  target: ReadTarget;
  bounds: RangeOptions;
  limit?: number;
  /** Items the filter rejects are evaluated (and charged) but not returned. */
  filter?: (item: Item) => boolean;
  /** LSI only: the filter reads attributes the index does not hold (a Scan may ask for them). */
  filterNeedsFetch?: boolean;
  /** COUNT: count, return nothing. */
  countOnly: boolean;
  /** LSI only: return the table's item rather than the index entry. */
  fetch: boolean;
  /** Applied to what is returned (entry or fetched item). */
  project?: (item: Item) => Item;
  /** Whether the exact size read is needed afterwards (ConsumedCapacity was asked for). */
  measure?: boolean;
}

export interface Page {
  /** Returned items; when `raw` is set they are the stored JSON texts, untouched. */
  items: Item[];
  raw?: string[];
  count: number;
  scanned: number;
  /** The last item evaluated, when the page stopped early (Limit or 1 MB). */
  last?: Item;
  /** Total size of the evaluated entries (index entries for an index read). */
  entryBytes: number;
  /** 4 KB units of the table items fetched (each rounded on its own). */
  fetchedUnits: number;
}

export async function readPage(reader: StorageReader, plan: PagePlan): Promise<Page> {
  if (!plan.filter && !plan.fetch && !plan.project) return readOpaquePage(reader, plan);
  const { target, limit, filter, countOnly, fetch, project } = plan;
  // The stored text can go out as it is when nothing reshapes the item.
  const keepRaw = !countOnly && !fetch && !project;
  const page: Page = { items: [], count: 0, scanned: 0, entryBytes: 0, fetchedUnits: 0 };
  if (keepRaw) page.raw = [];
  let last: Item | undefined;
  let stopped = false;
  // Entry sizes are worked out only when they matter, as in readOpaquePage.
  const unmeasured: Item[] = [];
  let bound = 0;
  const measure = () => {
    for (const e of unmeasured) page.entryBytes += itemSize(e);
    unmeasured.length = 0;
    bound = 0;
  };

  for await (const [, value] of reader.range(plan.bounds)) {
    if (pageBytes(page) + bound >= PAGE_BYTES) {
      measure();
      if (pageBytes(page) >= PAGE_BYTES) {
        stopped = true;
        break;
      }
    }
    const entry = JSON.parse(value) as Item;
    page.scanned++;
    unmeasured.push(entry);
    bound += 3 * value.length;
    last = entry;

    let full: Item | undefined;
    const fetchItem = async (): Promise<Item | undefined> => {
      if (full) return full;
      const raw = await reader.get(itemKey(target.table.id, target.table.key, entry));
      if (raw === undefined) return undefined;
      full = JSON.parse(raw) as Item;
      page.fetchedUnits += Math.max(1, Math.ceil(itemSize(full) / UNIT));
      return full;
    };

    let keep = true;
    if (filter) {
      const subject = plan.filterNeedsFetch ? await fetchItem() : entry;
      keep = subject !== undefined && filter(subject);
    }
    if (keep) {
      page.count++;
      if (!countOnly) {
        const out = fetch ? await fetchItem() : entry;
        // An entry whose item vanished cannot happen inside one snapshot; skip it defensively.
        if (out) {
          if (keepRaw) page.raw!.push(value);
          else page.items.push(project ? project(out) : out);
        }
      }
    }
    if (limit !== undefined && page.scanned >= limit) {
      stopped = true;
      break;
    }
  }
  if (plan.measure !== false) measure();
  if (stopped && last) page.last = last;
  return page;
}

/**
 * The page when nothing needs to look inside the items (no filter, projection or fetch): the
 * stored texts go out as they are, and are parsed only where their exact size matters — near the
 * 1 MB limit, for ConsumedCapacity — and the last one for the LastEvaluatedKey. Near the limit is
 * judged with an upper bound: DynamoDB's size of an item never exceeds the UTF-8 length of its
 * JSON text, which is at most 3 bytes per UTF-16 unit of the string.
 */
async function readOpaquePage(reader: StorageReader, plan: PagePlan): Promise<Page> {
  const page: Page = { items: [], count: 0, scanned: 0, entryBytes: 0, fetchedUnits: 0 };
  const raw: string[] = [];
  let measured = 0; // raw[0, measured) are counted in page.entryBytes
  let bound = 0; // an upper bound of the bytes of raw[measured, …)
  const measure = () => {
    for (; measured < raw.length; measured++) page.entryBytes += itemSize(JSON.parse(raw[measured]!) as Item);
    bound = 0;
  };
  let stopped = false;
  await forEachEntry(reader.range(plan.bounds), (entry) => {
    if (page.entryBytes + bound >= PAGE_BYTES) {
      measure();
      if (page.entryBytes >= PAGE_BYTES) {
        stopped = true;
        return false;
      }
    }
    const value = entry[1];
    raw.push(value);
    bound += 3 * value.length;
    page.scanned++;
    stopped = plan.limit !== undefined && page.scanned >= plan.limit;
    return !stopped;
  });
  if (plan.measure !== false) measure();
  page.count = page.scanned;
  if (!plan.countOnly) page.raw = raw;
  if (stopped && raw.length > 0) page.last = JSON.parse(raw[raw.length - 1]!) as Item;
  return page;
}

/** Limit as coral reads it: a JSON number truncated to an integer (1.5 is 1; validated ≥ 1 before). */
export function pageLimit(raw: unknown): number | undefined {
  return typeof raw === 'number' ? Math.trunc(raw) : undefined;
}

/** The size a page has read so far, as DynamoDB measures it against the 1 MB limit. */
function pageBytes(page: Page): number {
  if (page.fetchedUnits === 0) return page.entryBytes;
  return Math.ceil(page.entryBytes / UNIT) * UNIT + page.fetchedUnits * UNIT;
}

/** Read units of a page: entries summed then rounded; fetched items already rounded one by one. */
export function pageUnits(page: Page, consistent: boolean): { entries: number; fetched: number } {
  const scale = consistent ? 1 : 0.5;
  return {
    entries: Math.ceil(page.entryBytes / UNIT) * scale,
    fetched: page.fetchedUnits * scale,
  };
}
