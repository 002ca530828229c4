/**
 * The tree of document paths an update (or projection) touches, as DynamoDB builds it. It decides
 * three observable things, so it is reproduced rather than approximated:
 *
 * 1. Overlapping and conflicting paths. DynamoDB rejects touching one path twice, or a path and a
 *    path inside it ("overlap"), or a path both as a map (`a.b`) and as a list (`a[0]`)
 *    ("conflict"). The paths are added from the last written to the first; the fault is found
 *    while adding some path P, and the message names P and the path found by walking down from
 *    the table where the fault was found, always taking the table's first entry.
 * 2. Which runtime fault of an update is reported first: the actions run in the tree's order,
 *    depth first, each table in its iteration order.
 *
 * Each node keeps the path that created it and its children in a hash table that iterates like
 * java.util.HashMap: 16 buckets doubling past a load of 0.75, buckets in ascending order, entries
 * of a bucket oldest first. A key's bucket is that of (String.hashCode + ELEMENT_HASH_OFFSET)
 * through HashMap's bit spreader (an index's key hashes as the index). The offset was measured on
 * the oracle (several hundred recorded cases agree); it behaves like an identity hash mixed into
 * the element's hash, so another process of the service may well order differently.
 */
import type { ExpressionKind, PathNode } from './ast.js';
import type { DocPath } from './compiled.js';
import { grownCapacity, javaBucket, javaStringHash } from './java-order.js';
import { pathsConflict, pathsOverlap } from './messages.js';
import type { Placeholders } from './placeholders.js';

const ELEMENT_HASH_OFFSET = 0xfdf81;

type Key = string | number;

class TreeNode {
  readonly children = new Map<Key, TreeNode>();
  /** Children in insertion order, with their hashes, for the iteration-order emulation. */
  private readonly entries: { key: Key; hash: number }[] = [];
  /** The action ending here (index in written order), or -1. */
  action = -1;

  constructor(readonly creator: DocPath) {}

  add(key: Key, node: TreeNode): void {
    this.children.set(key, node);
    const h = typeof key === 'number' ? key | 0 : javaStringHash(key);
    this.entries.push({ key, hash: (h + ELEMENT_HASH_OFFSET) | 0 });
  }

  hasChildOfOtherKind(key: Key): boolean {
    for (const k of this.children.keys()) return typeof k !== typeof key;
    return false;
  }

  /** Children in the table's iteration order. */
  ordered(): TreeNode[] {
    const cap = grownCapacity(this.entries.length);
    return this.entries
      .map((e, i) => ({ key: e.key, i, b: javaBucket(e.hash, cap) }))
      .sort((x, y) => x.b - y.b || x.i - y.i)
      .map((e) => this.children.get(e.key)!);
  }
}

function descend(table: TreeNode): DocPath {
  let n = table.ordered()[0]!;
  while (n.children.size > 0) n = n.ordered()[0]!;
  return n.creator;
}

const display = (p: DocPath): string => '[' + p.map((e) => (typeof e === 'number' ? `[${e}]` : e)).join(', ') + ']';

export interface PathTree {
  /** The resolved paths, in written order. */
  readonly paths: DocPath[];
  /** Indexes of the paths in the order the service visits them. */
  readonly order: number[];
}

/**
 * Resolves the placeholders of every path (last written first, as the service does), rejects
 * overlaps and conflicts, and returns the resolved paths and their visiting order.
 */
export function buildPathTree(kind: ExpressionKind, paths: readonly PathNode[], ph: Placeholders): PathTree {
  const resolved: DocPath[] = new Array(paths.length);
  const root = new TreeNode([]);
  for (let i = paths.length - 1; i >= 0; i--) {
    const p: DocPath = paths[i]!.elements.map((e) => (e.type === 'index' ? e.index : e.ref ? ph.name(kind, e.name) : e.name));
    resolved[i] = p;
    let cur = root;
    for (let d = 0; d < p.length; d++) {
      const key = p[d]!;
      let next = cur.children.get(key);
      if (next === undefined) {
        if (cur.hasChildOfOtherKind(key)) throw pathsConflict(kind, display(p), display(descend(cur)));
        next = new TreeNode(p);
        cur.add(key, next);
      } else if ((next.action >= 0 && d < p.length - 1) || d === p.length - 1) {
        throw pathsOverlap(kind, display(p), display(descend(cur)));
      }
      cur = next;
    }
    cur.action = i;
  }
  const order: number[] = [];
  const visit = (n: TreeNode): void => {
    for (const c of n.ordered()) {
      if (c.action >= 0) order.push(c.action);
      visit(c);
    }
  };
  visit(root);
  return { paths: resolved, order };
}
