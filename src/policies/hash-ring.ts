import type { Uniform } from '../engine/rng.js';
import type { DispatchPolicy, DispatchView } from './policy.js';
import { hashPair } from './hash.js';
import { grownInt32, grownUint8 } from '../engine/growable.js';

/** Salts that keep the ring points, the key hashes and the client hashes apart. */
const POINT_SALT = 0x5bd1e995;
const KEY_SALT = 0x27d4eb2f;
const CLIENT_SALT = 0x165667b1;

/**
 * A consistent-hashing ring (Karger, Lehman, Leighton, Panigrahy, Levine and Lewin, "Consistent hashing and random
 * trees", STOC 1997): each node owns `virtualNodes` points on a 32-bit circle, at fmix32 hashes of (node, replica);
 * an id hashes to a point and belongs to the first node point clockwise from it. Removing a node hands its arcs to
 * the next points clockwise, so only the ids it held move (about 1/n of them); with v virtual nodes per node each
 * node's share has a relative spread of about 1/sqrt(v).
 *
 * The ring is one sorted typed array of (point, owner) pairs, built once in O(n v log(n v)). A lookup would be a
 * binary search, O(log(n v)); a jump table over the top bits of the hash (2^b >= n v / 8 buckets, b <= 24, each
 * holding the index of its first point) makes it O(1) expected: the bucket's first point, then a scan of the
 * bucket's points, 8 on average (one 64-byte line of pairs) up to 2^27 points, O(log(n v)) at worst with high
 * probability. A table of one entry per point measured no faster (65-100 ns per lookup at 10 000 nodes x 100,
 * either way, on a shared machine) and takes 8 times the memory. Memory: 8.5 bytes per point (8.5 MB for 10 000
 * nodes x 100 virtual nodes), and 8 more while the ring is built.
 */
export class HashRing {
  /** Point i and its owner side by side (entries[2 i], entries[2 i + 1]): one cache line serves both. */
  readonly entries: Uint32Array;
  readonly length: number;
  private readonly jump: Int32Array;
  private readonly shift: number;

  /**
   * `nodes`: the node count n (nodes 0 .. n - 1), or the ids of the nodes on the ring (a node set that changed: a
   * node's points depend on its id alone, so adding or removing one moves no other node's points).
   */
  constructor(nodes: number | readonly number[], virtualNodes: number) {
    const ids = typeof nodes === 'number' ? null : nodes;
    const memberCount = ids === null ? (nodes as number) : ids.length;
    // Ids below `span` (n for 0 .. n - 1): point x span + owner is exact in a double (< 2^53).
    const span = ids === null ? memberCount : ids.reduce((top, id) => Math.max(top, id + 1), 1);
    const length = (this.length = memberCount * virtualNodes);
    if (span > 2 ** 21) throw new Error(`hash ring: at most ${2 ** 21} nodes, got ${span}`);
    // One numeric sort orders by point, then by owner.
    const packed = new Float64Array(length);
    let k = 0;
    for (let m = 0; m < memberCount; m++) {
      const node = ids === null ? m : ids[m];
      const nodeHash = hashPair(node, POINT_SALT);
      for (let replica = 0; replica < virtualNodes; replica++) packed[k++] = hashPair(nodeHash, replica) * span + node;
    }
    packed.sort();
    const entries = (this.entries = new Uint32Array(2 * length));
    for (let i = 0; i < length; i++) {
      const owner = packed[i] % span;
      entries[2 * i] = (packed[i] - owner) / span;
      entries[2 * i + 1] = owner;
    }
    let bits = 1;
    while (bits < 24 && 2 ** bits < length / 8) bits++;
    this.shift = 32 - bits;
    this.jump = new Int32Array(2 ** bits);
    let at = 0;
    for (let bucket = 0; bucket < this.jump.length; bucket++) {
      const bucketStart = bucket * 2 ** this.shift;
      while (at < length && entries[2 * at] < bucketStart) at++;
      this.jump[bucket] = at;
    }
  }

  pointAt(index: number): number {
    return this.entries[2 * index];
  }

  ownerAt(index: number): number {
    return this.entries[2 * index + 1];
  }

  /** The index of the first point at or clockwise after `hash` (wrapping past the top to 0). */
  locate(hash: number): number {
    const entries = this.entries;
    const length = this.length;
    let at = this.jump[hash >>> this.shift];
    while (at < length && entries[2 * at] < hash) at++;
    return at === length ? 0 : at;
  }

  /** The node owning `hash` when every node is present. */
  owner(hash: number): number {
    return this.entries[2 * this.locate(hash) + 1];
  }
}

export const hashKey = (key: number): number => hashPair(key, KEY_SALT);
export const hashClient = (client: number): number => hashPair(client, CLIENT_SALT);

/**
 * A dispatch policy on a hash ring: the request's id (key or client, by `hashOf`: -1 when it has none) is hashed to the
 * ring and the request goes to the owner of the first point clockwise that is available (and, with a bounded load
 * c > 0, whose open requests are below ceil(c (m + 1) / n), m the open requests of the n available nodes:
 * Mirrokni, Thorup and Zadimoghaddam, "Consistent Hashing with Bounded Loads", SODA 2018). A request without an
 * id (`hashOf` returns -1) starts at a uniformly random index of the ring instead: every node owns exactly v of
 * the n v points, so such requests spread evenly, like random dispatch, with no affinity.
 *
 * Per decision: the lookup (O(1) expected), plus the points walked past: none while every node is available and
 * below its bound; about 1/(available fraction) otherwise; for bounded loads O(1) expected for a fixed c > 1 (the paper's
 * bound on the search length). -1 at once when no node is available.
 */
export function createRingPolicy(
  view: DispatchView,
  virtualNodes: number,
  boundedLoad: number,
  hashOf: (request: number) => number,
  rng: Uniform,
): DispatchPolicy {
  const n = view.nodeCount;
  let ring = new HashRing(n, virtualNodes);
  let points = ring.length;
  let entries = ring.entries;
  let available = new Uint8Array(n);
  let open = new Int32Array(n);
  /** The nodes on the ring: every node but the removed ones. */
  const members = Array.from({ length: n }, (_, i) => i);
  /** A node joins or leaves: the ring is built again over the members, O(n v log(n v)); no other node's points move. */
  const rebuild = () => {
    ring = new HashRing(members, virtualNodes);
    points = ring.length;
    entries = ring.entries;
  };
  let availableCount = 0;
  /** Open requests at available nodes (the m of the bounded-load rule). */
  let openAtAvailable = 0;
  for (let i = 0; i < n; i++) {
    open[i] = view.connections(i);
    if (!view.isAvailable(i)) continue;
    available[i] = 1;
    availableCount++;
    openAtAvailable += open[i];
  }

  const choose = (request: number): number => {
    if (availableCount === 0) return -1;
    const hash = hashOf(request);
    let at = hash >= 0 ? ring.locate(hash) : (rng() * points) | 0;
    if (boundedLoad <= 0) {
      for (let walked = 0; walked < points; walked++) {
        const node = entries[2 * at + 1];
        if (available[node] === 1) return node;
        at = at + 1 === points ? 0 : at + 1;
      }
      return -1;
    }
    const bound = Math.ceil((boundedLoad * (openAtAvailable + 1)) / availableCount);
    for (let walked = 0; walked < points; walked++) {
      const node = entries[2 * at + 1];
      if (available[node] === 1 && open[node] < bound) return node;
      at = at + 1 === points ? 0 : at + 1;
    }
    return -1;
  };

  return {
    choose,
    onDispatch(node) {
      open[node]++;
      if (available[node] === 1) openAtAvailable++;
    },
    onReply(node) {
      if (open[node] === 0) return;
      open[node]--;
      if (available[node] === 1) openAtAvailable--;
    },
    // A new node's points join the ring at once; it draws requests when it becomes available.
    onNodeAdded(node) {
      available = grownUint8(available, node + 1);
      open = grownInt32(open, node + 1);
      members.push(node);
      rebuild();
    },
    // A removed node was made unavailable first: only its points leave.
    onNodeRemoved(node) {
      const at = members.indexOf(node);
      if (at < 0) return;
      members.splice(at, 1);
      rebuild();
    },
    onAvailabilityChange(node, isAvailable) {
      if (isAvailable === (available[node] === 1)) return;
      available[node] = isAvailable ? 1 : 0;
      availableCount += isAvailable ? 1 : -1;
      openAtAvailable += isAvailable ? open[node] : -open[node];
    },
  };
}
