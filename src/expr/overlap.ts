/**
 * Overlapping and conflicting document paths in an update or projection expression.
 *
 * DynamoDB rejects an update that touches one path twice (or a projection naming one twice), or a path and a path inside it
 * ("overlap"), or a path both as a map (`a.b`) and as a list (`a[0]`) ("conflict"). Which two
 * paths the message names follows from how the service finds the fault, reproduced here (and
 * checked against several hundred recorded cases): the paths are added, from the last written to
 * the first, to a tree with one node per path element; each node keeps the path that created it
 * and its children in a hash table. The fault is found while adding some path P; the message names
 * P, and the path reached by walking down from the table where the fault was found, always taking
 * the table's last entry in iteration order.
 *
 * That order was measured, not derived: tables grow like java.util.HashMap (16 buckets, doubling
 * past a load of 0.75), the bucket of a key is that of (String.hashCode + ELEMENT_HASH_OFFSET)
 * through HashMap's bit spreader, buckets are visited from the highest to the lowest, and within
 * a bucket the oldest entry comes last. The offset is a constant of the oracle's process (it
 * behaves like an identity hash mixed into the key's hash), pinned to within a family of values
 * that agree on every recorded case; another process of the service may order differently.
 */
import type { ExpressionKind, PathNode } from './ast.js';
import type { DocPath } from './compiled.js';
import { grownCapacity, javaBucket, javaStringHash } from './java-order.js';

/** See the header: measured on the oracle. */
const ELEMENT_HASH_OFFSET = 0xfdf81;
import { pathsConflict, pathsOverlap } from './messages.js';
import type { Placeholders } from './placeholders.js';

type Key = string | number;

class TrieNode {
  readonly children = new Map<Key, TrieNode>();
  /** Children in insertion order, for the iteration-order emulation. */
  private readonly order: { key: Key; hash: number }[] = [];
  terminal = false;

  constructor(readonly creator: DocPath) {}

  add(key: Key, node: TrieNode): void {
    this.children.set(key, node);
    const h = typeof key === 'number' ? key | 0 : javaStringHash(key);
    this.order.push({ key, hash: (h + ELEMENT_HASH_OFFSET) | 0 });
  }

  hasChildOfOtherKind(key: Key): boolean {
    for (const k of this.children.keys()) return typeof k !== typeof key;
    return false;
  }

  /** The entry the table's iteration visits last: lowest bucket, oldest entry. */
  lastChild(): TrieNode {
    const cap = grownCapacity(this.order.length);
    let best = 0;
    let bestBucket = Infinity;
    this.order.forEach((e, i) => {
      const b = javaBucket(e.hash, cap);
      if (b < bestBucket) {
        best = i;
        bestBucket = b;
      }
    });
    return this.children.get(this.order[best]!.key)!;
  }
}

function descend(table: TrieNode): DocPath {
  let n = table.lastChild();
  while (n.children.size > 0) n = n.lastChild();
  return n.creator;
}

const display = (p: DocPath): string => '[' + p.map((e) => (typeof e === 'number' ? `[${e}]` : e)).join(', ') + ']';

/**
 * Resolves the placeholders of every updated path (last written first, as the service does) and
 * rejects overlaps and conflicts. Returns the resolved paths in written order.
 */
export function checkPathOverlaps(kind: ExpressionKind, paths: readonly PathNode[], ph: Placeholders): DocPath[] {
  const resolved: DocPath[] = new Array(paths.length);
  const root = new TrieNode([]);
  for (let i = paths.length - 1; i >= 0; i--) {
    const p: DocPath = paths[i]!.elements.map((e) => (e.type === 'index' ? e.index : e.ref ? ph.name(kind, e.name) : e.name));
    resolved[i] = p;
    let cur = root;
    for (let d = 0; d < p.length; d++) {
      const key = p[d]!;
      let next = cur.children.get(key);
      if (next === undefined) {
        if (cur.hasChildOfOtherKind(key)) throw pathsConflict(kind, display(p), display(descend(cur)));
        next = new TrieNode(p);
        cur.add(key, next);
      } else if ((next.terminal && d < p.length - 1) || d === p.length - 1) {
        throw pathsOverlap(kind, display(p), display(descend(cur)));
      }
      cur = next;
    }
    cur.terminal = true;
  }
  return resolved;
}

export { display as displayDocPath };
