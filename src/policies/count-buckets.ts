import { grownInt32, grownUint8 } from '../engine/growable.js';
import type { Uniform } from '../engine/rng.js';

/**
 * Nodes grouped by an integer count (open connections, queue length) so that "a node with the smallest count,
 * ties at random" costs O(1), and so do +1 / -1 updates: each bucket is an array with swap-removal, and the
 * minimum moves by at most one step per update. Nodes can leave (unavailable) and rejoin.
 */
export class CountBuckets {
  private count: Int32Array;
  private position: Int32Array;
  private member: Uint8Array;
  private readonly buckets: number[][] = [[]];
  private min = 0;
  private members = 0;

  constructor(nodeCount: number) {
    this.count = new Int32Array(nodeCount);
    this.position = new Int32Array(nodeCount);
    this.member = new Uint8Array(nodeCount);
    for (let i = 0; i < nodeCount; i++) this.insert(i);
  }

  /** Room for node `node` (the next id): count 0, not a member until setMember. */
  addNode(node: number): void {
    this.count = grownInt32(this.count, node + 1);
    this.position = grownInt32(this.position, node + 1);
    this.member = grownUint8(this.member, node + 1);
  }

  countOf(node: number): number {
    return this.count[node];
  }

  /** A member with the smallest count, uniformly among ties; -1 when there is none. */
  pickMin(rng: Uniform): number {
    if (this.members === 0) return -1;
    const bucket = this.buckets[this.min];
    return bucket.length === 1 ? bucket[0] : bucket[(rng() * bucket.length) | 0];
  }

  increment(node: number): void {
    if (!this.member[node]) {
      this.count[node]++;
      return;
    }
    const from = this.count[node];
    this.detach(node);
    this.count[node] = from + 1;
    this.attach(node);
    if (from === this.min && this.buckets[from].length === 0) this.min = from + 1;
  }

  decrement(node: number): void {
    if (!this.member[node]) {
      this.count[node]--;
      return;
    }
    this.detach(node);
    const to = --this.count[node];
    this.attach(node);
    if (to < this.min) this.min = to;
  }

  setMember(node: number, isMember: boolean): void {
    if (isMember === (this.member[node] === 1)) return;
    if (isMember) this.insert(node);
    else this.remove(node);
  }

  private insert(node: number): void {
    this.member[node] = 1;
    this.members++;
    this.attach(node);
    if (this.members === 1 || this.count[node] < this.min) this.min = this.count[node];
  }

  private remove(node: number): void {
    this.detach(node);
    this.member[node] = 0;
    this.members--;
    if (this.members === 0) return;
    while (this.buckets[this.min].length === 0) this.min++;
  }

  private attach(node: number): void {
    const k = this.count[node];
    while (this.buckets.length <= k) this.buckets.push([]);
    const bucket = this.buckets[k];
    this.position[node] = bucket.length;
    bucket.push(node);
  }

  private detach(node: number): void {
    const bucket = this.buckets[this.count[node]];
    const at = this.position[node];
    const last = bucket.pop()!;
    if (last !== node) {
      bucket[at] = last;
      this.position[last] = at;
    }
  }
}
