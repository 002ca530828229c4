/**
 * Parallel scan: Segment/TotalSegments cut the partition-key hash space into contiguous shares;
 * the segments are disjoint and together hold every item, whatever the page size; a start key
 * must lie in its segment. Also for index scans.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { N, S, createTable, keyOf, putAll, rejects, startHarness, tableDef, walkScan, type Harness, type Item } from './helpers.js';

let h: Harness;
const T = 'qs_parallel';
const items: Item[] = [];

before(async () => {
  h = await startHarness();
  await createTable(
    h.db,
    tableDef(T, ['pk', 'S'], ['sk', 'N'], {
      attributes: [['g', 'N']],
      GlobalSecondaryIndexes: [{ IndexName: 'by_g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    }),
  );
  for (let p = 0; p < 120; p++) for (let s = 0; s < (p % 4) + 1; s++) items.push({ pk: S(`p${p}`), sk: N(s), g: N(p % 37) });
  await putAll(h.db, T, items);
});
after(() => h.close());

const key = (i: Item) => keyOf(i, ['pk', 'sk']);

describe('parallel scan', () => {
  for (const total of [1, 2, 3, 7, 16, 1000]) {
    test(`TotalSegments ${total}: segments are disjoint and their union is the full scan`, async () => {
      const full = await walkScan(h.db, { TableName: T });
      const seen = new Map<string, number>();
      const concatenated: Item[] = [];
      for (let segment = 0; segment < total; segment++) {
        const w = await walkScan(h.db, { TableName: T, Segment: segment, TotalSegments: total, Limit: 5 });
        for (const i of w.items) {
          assert.equal(seen.has(key(i)), false, `item ${key(i)} in segments ${seen.get(key(i))} and ${segment}`);
          seen.set(key(i), segment);
          concatenated.push(i);
        }
      }
      assert.equal(seen.size, items.length);
      // Segments are consecutive slices of the hash order: concatenated, they are the full scan.
      assert.deepEqual(concatenated, full.items);
    });
  }

  test('an index scan in segments', async () => {
    const full = await walkScan(h.db, { TableName: T, IndexName: 'by_g' });
    assert.equal(full.items.length, items.length);
    const parts: Item[] = [];
    for (let segment = 0; segment < 5; segment++) parts.push(...(await walkScan(h.db, { TableName: T, IndexName: 'by_g', Segment: segment, TotalSegments: 5, Limit: 7 })).items);
    assert.deepEqual(parts, full.items);
  });

  test("a start key must lie in its segment (the real service's words)", async () => {
    const first = await h.db.send(new ScanCommand({ TableName: T, Segment: 0, TotalSegments: 4, Limit: 1 }));
    const lek = first.LastEvaluatedKey!;
    const again = await h.db.send(new ScanCommand({ TableName: T, Segment: 0, TotalSegments: 4, ExclusiveStartKey: lek }));
    assert.ok(again.Items!.length > 0);
    await rejects(
      () => h.db.send(new ScanCommand({ TableName: T, Segment: 3, TotalSegments: 4, ExclusiveStartKey: lek })),
      'ValidationException',
      'The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: 4 Segment: 3',
    );
  });

  // DynamoDB Local's wording (src/validate/index.ts scanSegments; no public quote of the service's).
  test('Segment/TotalSegments pairing', async () => {
    const s = (extra: Record<string, number>) => () => h.db.send(new ScanCommand({ TableName: T, ...extra }));
    await rejects(s({ Segment: 0 }), 'ValidationException', 'If segment is specified, total segment must also be specified');
    await rejects(s({ TotalSegments: 2 }), 'ValidationException', 'If total segments is specified, a particular segment must also be specified for this request');
    await rejects(
      s({ Segment: 2, TotalSegments: 2 }),
      'ValidationException',
      "1 validation error detected: Value '2' at 'segment' failed to satisfy constraint: Member must have value less than or equal to 1",
    );
    await rejects(
      s({ Segment: 0, TotalSegments: 1000001 }),
      'ValidationException',
      "1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000",
    );
  });
});
