import { HashRing, hashKey } from '../../policies/hash-ring.js';

/**
 * Where each key lives: the policies' consistent-hash ring (Karger et al., STOC 1997) over the nodes, each with
 * `virtualNodes` tokens; a key's N replicas are the owners of the first N distinct nodes met clockwise from its hash
 * (its preference list, DeCandia et al., "Dynamo", SOSP 2007, section 4.3). Lists are computed on first use and kept,
 * N integers per key: memory is bounded by the key count, never by the run.
 *
 * The ring holds `members` (node ids; all nodes by default): a stateless coordinator tier's nodes hold no replicas.
 */
export class ReplicaRing {
  readonly ring: HashRing;
  private readonly lists: Int32Array;
  /** Ring owner (0 .. members - 1) to node id. */
  private readonly members: Int32Array;

  constructor(
    readonly nodeCount: number,
    virtualNodes: number,
    readonly replicas: number,
    keyCount: number,
    members: readonly number[] = Array.from({ length: nodeCount }, (_, node) => node),
  ) {
    if (replicas > members.length) throw new Error(`leaderless: ${replicas} replicas need as many nodes, got ${members.length}`);
    this.members = Int32Array.from(members);
    this.ring = new HashRing(members.length, virtualNodes);
    this.lists = new Int32Array(keyCount * replicas).fill(-1);
  }

  /** Node of `key`'s replica number `slot` (0: the first owner clockwise). */
  replica(key: number, slot: number): number {
    const at = key * this.replicas;
    if (this.lists[at] < 0) this.fill(key);
    return this.lists[at + slot];
  }

  private fill(key: number): void {
    const ring = this.ring;
    const at = key * this.replicas;
    let index = ring.locate(hashKey(key));
    let found = 0;
    while (found < this.replicas) {
      const node = this.members[ring.ownerAt(index)];
      let seen = false;
      for (let i = 0; i < found; i++) if (this.lists[at + i] === node) seen = true;
      if (!seen) this.lists[at + found++] = node;
      index = index + 1 === ring.length ? 0 : index + 1;
    }
  }

  /**
   * A stand-in for one of `key`'s replicas (sloppy quorum): the first node clockwise from the key's hash, beyond its
   * N replicas, that `accept`s; -1 when none does.
   */
  standIn(key: number, accept: (node: number) => boolean): number {
    const ring = this.ring;
    const at = key * this.replicas;
    if (this.lists[at] < 0) this.fill(key);
    let index = ring.locate(hashKey(key));
    for (let walked = 0; walked < ring.length; walked++) {
      const node = this.members[ring.ownerAt(index)];
      let replica = false;
      for (let i = 0; i < this.replicas; i++) if (this.lists[at + i] === node) replica = true;
      if (!replica && accept(node)) return node;
      index = index + 1 === ring.length ? 0 : index + 1;
    }
    return -1;
  }

  /** Each node's share of the hash circle (ringShares). */
  ringShares(): number[] {
    const shares = new Array<number>(this.nodeCount).fill(0);
    ringShares(this.ring, this.members.length).forEach((share, owner) => (shares[this.members[owner]] = share));
    return shares;
  }
}

/**
 * Each owner's share of a ring's hash circle, by owner id (0 .. ids - 1): the arcs that end at its tokens (the keys
 * it holds first). The shares of the owners on the ring sum to 1.
 */
export function ringShares(ring: HashRing, ids: number): number[] {
  const shares = new Array<number>(ids).fill(0);
  const circle = 2 ** 32;
  for (let i = 0; i < ring.length; i++) {
    const previous = i === 0 ? ring.pointAt(ring.length - 1) - circle : ring.pointAt(i - 1);
    shares[ring.ownerAt(i)] += (ring.pointAt(i) - previous) / circle;
  }
  return shares;
}
