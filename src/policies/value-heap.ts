import { grownFloat64, grownInt32, grownUint8 } from '../engine/growable.js';
import type { Uniform } from '../engine/rng.js';

/**
 * Nodes keyed by a real number (expected backlog, weighted response time), for "a node with the smallest key, ties
 * uniformly at random". Nodes with exactly equal keys share a group; the groups sit in a 4-ary min-heap by key
 * (each group's key is distinct), and a map finds the group of a key. Hence:
 *
 * - pickMin: O(1): the top group, one of its members uniformly (one rng draw only when there is a tie);
 * - set (a node's key changes), setMember (a node leaves or rejoins): O(log g) for g distinct keys, g <= n, plus
 *   O(1) expected for the map.
 *
 * Exact ties are common (every idle node has backlog 0; constant work makes backlogs multiples of one work), so
 * ties are handled exactly rather than by a random secondary key, which would favour whichever node joined the
 * tie last. Group member lists are pooled and the key-to-group index is an open-addressing table over typed
 * arrays (a Map keyed by doubles would box every key), so a steady state allocates nothing.
 */
export class ValueHeap {
  private value: Float64Array;
  private groupOf: Int32Array;
  private slot: Int32Array;
  private member: Uint8Array;
  private readonly members: number[][] = [];
  private groupValue: Float64Array;
  /** Heap of group ids, with each group's key copied alongside for locality. */
  private heapGroup: Int32Array;
  private heapValue: Float64Array;
  private heapPosition: Int32Array;
  private heapSize = 0;
  private freeGroups: Int32Array;
  private freeCount = 0;
  private readonly groupByValue: ValueIndex;

  /** Every node with key 0, a member unless `members` is false. */
  constructor(nodeCount: number, members = true) {
    this.value = new Float64Array(nodeCount);
    this.groupOf = new Int32Array(nodeCount).fill(-1);
    this.slot = new Int32Array(nodeCount);
    this.member = new Uint8Array(nodeCount);
    this.groupValue = new Float64Array(nodeCount);
    this.heapGroup = new Int32Array(nodeCount);
    this.heapValue = new Float64Array(nodeCount);
    this.heapPosition = new Int32Array(nodeCount);
    this.freeGroups = new Int32Array(nodeCount);
    this.groupByValue = new ValueIndex(nodeCount);
    for (let g = nodeCount - 1; g >= 0; g--) this.freeGroups[this.freeCount++] = g;
    if (!members) return;
    for (let i = 0; i < nodeCount; i++) {
      this.member[i] = 1;
      this.attach(i, 0);
    }
  }

  /** Room for node `node` (the next id): key 0, not a member. */
  addNode(node: number): void {
    const n = node + 1;
    this.value = grownFloat64(this.value, n);
    this.groupOf = grownInt32(this.groupOf, n, -1);
    this.slot = grownInt32(this.slot, n);
    this.member = grownUint8(this.member, n);
    this.groupValue = grownFloat64(this.groupValue, n);
    this.heapGroup = grownInt32(this.heapGroup, n);
    this.heapValue = grownFloat64(this.heapValue, n);
    this.heapPosition = grownInt32(this.heapPosition, n);
    this.freeGroups = grownInt32(this.freeGroups, n);
    // One more node, one more possible group: its id joins the free ones, at the bottom of the stack.
    this.freeGroups.copyWithin(1, 0, this.freeCount);
    this.freeGroups[0] = node;
    this.freeCount++;
    this.groupByValue.reserve(n);
  }

  valueOf(node: number): number {
    return this.value[node];
  }

  /** The smallest key among members; Infinity when there is none. */
  minValue(): number {
    return this.heapSize === 0 ? Infinity : this.heapValue[0];
  }

  /** How many members share the smallest key (0 when there is none). */
  minCount(): number {
    return this.heapSize === 0 ? 0 : this.members[this.heapGroup[0]].length;
  }

  /** A member with the smallest key, uniformly among ties; -1 when there is none. */
  pickMin(rng: Uniform): number {
    if (this.heapSize === 0) return -1;
    const members = this.members[this.heapGroup[0]];
    return members.length === 1 ? members[0] : members[(rng() * members.length) | 0];
  }

  /** Sets a node's key (kept while the node is not a member, and used when it rejoins). Keys must not be NaN. */
  set(node: number, value: number): void {
    const old = this.value[node];
    if (value === old) return;
    this.value[node] = value;
    if (this.member[node] === 0) return;
    const group = this.groupOf[node];
    if (this.members[group].length === 1) {
      const target = this.groupByValue.get(value);
      if (target < 0) {
        // The common case with continuous keys: a group of one changes its key in place.
        this.groupByValue.delete(old);
        this.groupByValue.set(value, group);
        this.groupValue[group] = value;
        const at = this.heapPosition[group];
        this.heapValue[at] = value;
        if (value < old) this.siftUp(at);
        else this.siftDown(at);
        return;
      }
    }
    this.detach(node);
    this.attach(node, value);
  }

  setMember(node: number, isMember: boolean): void {
    if (isMember === (this.member[node] === 1)) return;
    if (isMember) {
      this.member[node] = 1;
      this.attach(node, this.value[node]);
    } else {
      this.detach(node);
      this.member[node] = 0;
    }
  }

  isMember(node: number): boolean {
    return this.member[node] === 1;
  }

  private attach(node: number, value: number): void {
    let group = this.groupByValue.get(value);
    if (group < 0) {
      group = this.freeGroups[--this.freeCount];
      this.groupByValue.set(value, group);
      this.groupValue[group] = value;
      if (this.members[group] === undefined) this.members[group] = [];
      const at = this.heapSize++;
      this.heapGroup[at] = group;
      this.heapValue[at] = value;
      this.heapPosition[group] = at;
      this.siftUp(at);
    }
    const list = this.members[group];
    this.groupOf[node] = group;
    this.slot[node] = list.length;
    list.push(node);
  }

  private detach(node: number): void {
    const group = this.groupOf[node];
    const list = this.members[group];
    const at = this.slot[node];
    const last = list.pop()!;
    if (last !== node) {
      list[at] = last;
      this.slot[last] = at;
    }
    this.groupOf[node] = -1;
    if (list.length > 0) return;
    this.groupByValue.delete(this.groupValue[group]);
    this.removeFromHeap(this.heapPosition[group]);
    this.freeGroups[this.freeCount++] = group;
  }

  private removeFromHeap(at: number): void {
    const lastAt = --this.heapSize;
    if (at === lastAt) return;
    const moved = this.heapGroup[lastAt];
    const movedValue = this.heapValue[lastAt];
    const removedValue = this.heapValue[at];
    this.heapGroup[at] = moved;
    this.heapValue[at] = movedValue;
    this.heapPosition[moved] = at;
    if (movedValue < removedValue) this.siftUp(at);
    else this.siftDown(at);
  }

  private siftUp(start: number): void {
    const heapGroup = this.heapGroup;
    const heapValue = this.heapValue;
    const position = this.heapPosition;
    const group = heapGroup[start];
    const value = heapValue[start];
    let at = start;
    while (at > 0) {
      const parent = (at - 1) >> 2;
      if (heapValue[parent] <= value) break;
      heapGroup[at] = heapGroup[parent];
      heapValue[at] = heapValue[parent];
      position[heapGroup[at]] = at;
      at = parent;
    }
    heapGroup[at] = group;
    heapValue[at] = value;
    position[group] = at;
  }

  private siftDown(start: number): void {
    const heapGroup = this.heapGroup;
    const heapValue = this.heapValue;
    const position = this.heapPosition;
    const size = this.heapSize;
    const group = heapGroup[start];
    const value = heapValue[start];
    let at = start;
    for (;;) {
      const first = 4 * at + 1;
      if (first >= size) break;
      let child = first;
      let childValue = heapValue[first];
      const end = first + 4 < size ? first + 4 : size;
      for (let c = first + 1; c < end; c++) {
        if (heapValue[c] < childValue) {
          child = c;
          childValue = heapValue[c];
        }
      }
      if (childValue >= value) break;
      heapGroup[at] = heapGroup[child];
      heapValue[at] = childValue;
      position[heapGroup[at]] = at;
      at = child;
    }
    heapGroup[at] = group;
    heapValue[at] = value;
    position[group] = at;
  }
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/**
 * Distinct keys to group ids: open addressing with linear probing over typed arrays, at most half full, deletion
 * by backward shift (Knuth, TAOCP vol. 3, 6.4, algorithm R) so that no tombstones build up. O(1) expected per
 * operation. 0 and -0 are one key (the caller never stores -0 apart: +0 is added to every key).
 */
class ValueIndex {
  private keys: Float64Array;
  private groups: Int32Array;
  private mask: number;

  constructor(capacity: number) {
    let size = 16;
    while (size < 2 * capacity) size *= 2;
    this.keys = new Float64Array(size);
    this.groups = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  /** Room for `capacity` keys, at most half full: a larger table with every entry inserted again. */
  reserve(capacity: number): void {
    if (this.keys.length >= 2 * capacity) return;
    const { keys, groups } = this;
    let size = keys.length;
    while (size < 2 * capacity) size *= 2;
    this.keys = new Float64Array(size);
    this.groups = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let at = 0; at < keys.length; at++) if (groups[at] >= 0) this.set(keys[at], groups[at]);
  }

  private slotOf(key: number): number {
    bits[0] = key + 0;
    let h = (words[0] ^ Math.imul(words[1], 0x9e3779b1)) | 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    return h & this.mask;
  }

  /** The group of `key`, or -1. */
  get(key: number): number {
    const keys = this.keys;
    const groups = this.groups;
    let at = this.slotOf(key);
    for (;;) {
      const group = groups[at];
      if (group < 0 || keys[at] === key) return group;
      at = (at + 1) & this.mask;
    }
  }

  /** Adds `key` (absent) with its group. */
  set(key: number, group: number): void {
    let at = this.slotOf(key);
    while (this.groups[at] >= 0) at = (at + 1) & this.mask;
    this.keys[at] = key;
    this.groups[at] = group;
  }

  /** Removes `key` (present). */
  delete(key: number): void {
    const keys = this.keys;
    const groups = this.groups;
    const mask = this.mask;
    let hole = this.slotOf(key);
    while (keys[hole] !== key || groups[hole] < 0) hole = (hole + 1) & mask;
    let at = hole;
    for (;;) {
      at = (at + 1) & mask;
      if (groups[at] < 0) break;
      const home = this.slotOf(keys[at]);
      // Move the entry at `at` back into the hole unless its home lies cyclically in (hole, at].
      const stays = hole <= at ? hole < home && home <= at : hole < home || home <= at;
      if (stays) continue;
      keys[hole] = keys[at];
      groups[hole] = groups[at];
      hole = at;
    }
    groups[hole] = -1;
  }
}
