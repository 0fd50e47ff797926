import { HashRing, hashKey } from '../../policies/hash-ring.js';

/**
 * Replicas per region (NetworkTopologyStrategy): `quotas[r]` copies in region r; `regionOf(node)` is a node's region
 * index, -1 for a region that holds none.
 */
export interface RegionQuotas {
  quotas: readonly number[];
  regionOf(node: number): number;
}

/** One replica slot of one key whose owner changes: `from` holds its data now, `to` takes it (rebalance.ts). */
export interface RingMove {
  key: number;
  slot: number;
  from: number;
  to: number;
}

/**
 * Where each key lives: the policies' consistent-hash ring (Karger et al., STOC 1997) over the nodes, each with
 * `virtualNodes` tokens; a key's N replicas are the owners of the first N distinct nodes met clockwise from its hash
 * (its preference list, DeCandia et al., "Dynamo", SOSP 2007, section 4.3). Lists are computed on first use and kept,
 * N integers per key: memory is bounded by the key count, never by the run.
 *
 * The ring holds `members` (node ids; all nodes by default): a stateless coordinator tier's nodes hold no replicas.
 * Each member has an owner label (its tokens are hashed from it, HashRing): the first members are 0 .. m - 1, a node
 * that joins later takes the next unused label, so a membership change moves no other member's tokens.
 *
 * Membership changes (`reshape`): every slot keeps its node while that node stays among the key's N replicas; the
 * slots of the nodes that left the key's replica set go to the nodes that entered it. A slot's serving node (`replica`)
 * changes only when its data has arrived (`settle`); until then `targetOf` says where it is going.
 */
export class ReplicaRing {
  private currentRing: HashRing;
  private readonly lists: Int32Array;
  /** Per key and slot, the node the ring assigns once every move has landed; null until the first change. */
  private targets: Int32Array | null = null;
  /** Owner label to node id; the labels on the ring now. */
  private readonly nodeOfLabel: number[];
  private labels: number[];
  private nodes: number;
  /** The walk's scratch: replicas each region still lacks. */
  private missing: number[] = [];

  constructor(
    nodeCount: number,
    private readonly virtualNodes: number,
    readonly replicas: number,
    private readonly keyCount: number,
    members: readonly number[] = Array.from({ length: nodeCount }, (_, node) => node),
    private readonly regions: RegionQuotas | null = null,
  ) {
    if (replicas > members.length) throw new Error(`leaderless: ${replicas} replicas need as many nodes, got ${members.length}`);
    if (regions !== null && regions.quotas.reduce((sum, quota) => sum + quota, 0) !== replicas) {
      throw new Error(`leaderless: the regions' replicas do not sum to ${replicas}`);
    }
    this.nodes = nodeCount;
    this.nodeOfLabel = [...members];
    this.labels = members.map((_, label) => label);
    this.currentRing = new HashRing(members.length, virtualNodes);
    this.lists = new Int32Array(keyCount * replicas).fill(-1);
  }

  /** The ring of the current members (its owners are labels: `nodeOf` maps them to nodes). */
  get ring(): HashRing {
    return this.currentRing;
  }

  /** Node ids seen so far (members or not): per-node arrays have this length. */
  get nodeCount(): number {
    return this.nodes;
  }

  /** The node of owner label `label`. */
  nodeOf(label: number): number {
    return this.nodeOfLabel[label];
  }

  /** Node ids on the ring now. */
  members(): number[] {
    return this.labels.map((label) => this.nodeOfLabel[label]);
  }

  /** Node of `key`'s replica number `slot` (0: the first owner clockwise when the list was made). */
  replica(key: number, slot: number): number {
    const at = key * this.replicas;
    if (this.lists[at] < 0) this.fill(key);
    return this.lists[at + slot];
  }

  /** Where `key`'s slot is going: its replica, unless a move of it has not landed yet. */
  targetOf(key: number, slot: number): number {
    return this.targets === null ? this.replica(key, slot) : this.targets[key * this.replicas + slot];
  }

  private fill(key: number): void {
    const at = key * this.replicas;
    this.walk(this.currentRing, key, this.lists, at);
  }

  /**
   * The first N distinct nodes clockwise from `key`'s hash on `ring`, into `out` from `at`. With region quotas
   * (NetworkTopologyStrategy), a node counts only while its region still lacks replicas: per region, its first distinct
   * nodes clockwise, other regions' nodes skipped (Cassandra's NetworkTopologyStrategy.calculateNaturalReplicas, which
   * walks the ring once and fills each datacenter's quota; "Data replication", DataStax docs,
   * https://docs.datastax.com/en/dse/5.1/architecture/database-architecture/replicate-data.html: the replication factor
   * is set per datacenter and the keyspace's is their sum). Racks within a region are not modelled.
   */
  private walk(ring: HashRing, key: number, out: Int32Array, at: number): void {
    let index = ring.locate(hashKey(key));
    const quotas = this.regions;
    const missing = quotas === null ? null : this.missing.length === 0 ? (this.missing = [...quotas.quotas]) : this.missing;
    if (missing !== null) for (let r = 0; r < missing.length; r++) missing[r] = quotas!.quotas[r];
    let found = 0;
    for (let walked = 0; found < this.replicas; walked++) {
      if (walked === ring.length) throw new Error(`leaderless: a region has fewer ring nodes than its replicas`);
      const node = this.nodeOfLabel[ring.ownerAt(index)];
      index = index + 1 === ring.length ? 0 : index + 1;
      const region = quotas === null ? -1 : quotas.regionOf(node);
      if (missing !== null && (region < 0 || missing[region] === 0)) continue;
      let seen = false;
      for (let i = 0; i < found; i++) if (out[at + i] === node) seen = true;
      if (seen) continue;
      out[at + found++] = node;
      if (missing !== null) missing[region]--;
    }
  }

  /**
   * The ring becomes `members` (node ids; a new one takes the next label): returns the slots whose target changes.
   * A move's `from` is the node holding the slot's data now; `to === from` cancels a move not landed yet (the slot
   * stays where it is). O(keys x N) plus the ring's build.
   */
  reshape(members: readonly number[]): RingMove[] {
    if (members.length < this.replicas) throw new Error(`leaderless: ${this.replicas} replicas need as many nodes, got ${members.length}`);
    const replicas = this.replicas;
    for (let key = 0; key < this.keyCount; key++) if (this.lists[key * replicas] < 0) this.fill(key);
    const targets = (this.targets ??= Int32Array.from(this.lists));
    for (const node of members) {
      if (!this.nodeOfLabel.includes(node)) this.nodeOfLabel.push(node);
      this.nodes = Math.max(this.nodes, node + 1);
    }
    this.labels = members.map((node) => this.nodeOfLabel.indexOf(node)).sort((a, b) => a - b);
    this.currentRing = new HashRing(this.labels, this.virtualNodes);
    const fresh = new Int32Array(replicas);
    const moves: RingMove[] = [];
    for (let key = 0; key < this.keyCount; key++) {
      const at = key * replicas;
      this.walk(this.currentRing, key, fresh, 0);
      // Newcomers in clockwise order take the leavers' slots in slot order.
      let next = 0;
      for (let slot = 0; slot < replicas; slot++) {
        if (fresh.includes(targets[at + slot])) continue;
        while (targets.subarray(at, at + replicas).includes(fresh[next])) next++;
        targets[at + slot] = fresh[next++];
        moves.push({ key, slot, from: this.lists[at + slot], to: targets[at + slot] });
      }
    }
    return moves;
  }

  /** The data of `key`'s slot has reached `node`: it serves the slot from now on. */
  settle(key: number, slot: number, node: number): void {
    this.lists[key * this.replicas + slot] = node;
  }

  /**
   * A stand-in for one of `key`'s replicas (sloppy quorum): the first node clockwise from the key's hash, beyond its
   * N replicas, that `accept`s; -1 when none does.
   */
  standIn(key: number, accept: (node: number) => boolean): number {
    const ring = this.currentRing;
    const at = key * this.replicas;
    if (this.lists[at] < 0) this.fill(key);
    let index = ring.locate(hashKey(key));
    for (let walked = 0; walked < ring.length; walked++) {
      const node = this.nodeOfLabel[ring.ownerAt(index)];
      let replica = false;
      for (let i = 0; i < this.replicas; i++) if (this.lists[at + i] === node) replica = true;
      if (!replica && accept(node)) return node;
      index = index + 1 === ring.length ? 0 : index + 1;
    }
    return -1;
  }

  /** Each node's share of the hash circle (ringShares); 0 for a node off the ring. */
  ringShares(): number[] {
    const shares = new Array<number>(this.nodes).fill(0);
    ringShares(this.currentRing, this.nodeOfLabel.length).forEach((share, label) => {
      if (share > 0) shares[this.nodeOfLabel[label]] = share;
    });
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
