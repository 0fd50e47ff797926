/**
 * A binary min-heap of node ids ordered by (key, rank): the key is given on insertion, the rank is a fixed tie
 * order (a permutation drawn once by the owner). Keys and ranks are stored in heap order beside the ids, so that a
 * sift compares adjacent typed-array entries without chasing node ids. Positions are indexed, so a node can leave
 * in O(log n). Used by weighted-round-robin's two schedules.
 */
export class RankedHeap {
  private readonly heapNode: Int32Array;
  private readonly heapKey: Float64Array;
  private readonly heapRank: Int32Array;
  private readonly position: Int32Array;
  private count = 0;

  constructor(
    nodeCount: number,
    private readonly rank: Int32Array,
  ) {
    this.heapNode = new Int32Array(nodeCount);
    this.heapKey = new Float64Array(nodeCount);
    this.heapRank = new Int32Array(nodeCount);
    this.position = new Int32Array(nodeCount).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  /** The node at the top and its key; the heap must not be empty. */
  top(): number {
    return this.heapNode[0];
  }

  topKey(): number {
    return this.heapKey[0];
  }

  has(node: number): boolean {
    return this.position[node] >= 0;
  }

  push(node: number, key: number): void {
    this.siftUp(this.count++, node, key, this.rank[node]);
  }

  /** Removes and returns the top node; the heap must not be empty. */
  pop(): number {
    const top = this.heapNode[0];
    this.removeAt(0);
    return top;
  }

  /** Replaces the top node by `node` with `key` (a pop and a push in one sift); the heap must not be empty. */
  replaceTop(node: number, key: number): number {
    const top = this.heapNode[0];
    this.position[top] = -1;
    this.siftDown(0, node, key, this.rank[node]);
    return top;
  }

  remove(node: number): void {
    const at = this.position[node];
    if (at >= 0) this.removeAt(at);
  }

  private removeAt(at: number): void {
    const removedKey = this.heapKey[at];
    const removedRank = this.heapRank[at];
    this.position[this.heapNode[at]] = -1;
    const lastAt = --this.count;
    if (at === lastAt) return;
    const node = this.heapNode[lastAt];
    const key = this.heapKey[lastAt];
    const rank = this.heapRank[lastAt];
    if (key < removedKey || (key === removedKey && rank < removedRank)) this.siftUp(at, node, key, rank);
    else this.siftDown(at, node, key, rank);
  }

  /** Places (node, key, rank) at or above the hole `start`. */
  private siftUp(start: number, node: number, key: number, rank: number): void {
    const heapNode = this.heapNode;
    const heapKey = this.heapKey;
    const heapRank = this.heapRank;
    const position = this.position;
    let at = start;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const parentKey = heapKey[parent];
      if (parentKey < key || (parentKey === key && heapRank[parent] < rank)) break;
      heapNode[at] = heapNode[parent];
      heapKey[at] = parentKey;
      heapRank[at] = heapRank[parent];
      position[heapNode[at]] = at;
      at = parent;
    }
    heapNode[at] = node;
    heapKey[at] = key;
    heapRank[at] = rank;
    position[node] = at;
  }

  /** Places (node, key, rank) at or below the hole `start`. */
  private siftDown(start: number, node: number, key: number, rank: number): void {
    const heapNode = this.heapNode;
    const heapKey = this.heapKey;
    const heapRank = this.heapRank;
    const position = this.position;
    const size = this.count;
    let at = start;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      let childKey = heapKey[child];
      const right = child + 1;
      if (right < size) {
        const rightKey = heapKey[right];
        if (rightKey < childKey || (rightKey === childKey && heapRank[right] < heapRank[child])) {
          child = right;
          childKey = rightKey;
        }
      }
      if (key < childKey || (key === childKey && rank < heapRank[child])) break;
      heapNode[at] = heapNode[child];
      heapKey[at] = childKey;
      heapRank[at] = heapRank[child];
      position[heapNode[at]] = at;
      at = child;
    }
    heapNode[at] = node;
    heapKey[at] = key;
    heapRank[at] = rank;
    position[node] = at;
  }
}
