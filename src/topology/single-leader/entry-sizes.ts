/**
 * The sizes in bytes of the entries a log still holds (those above its snapshot), oldest first: a queue that drops
 * from the front when the log is compacted and from the back when a conflicting suffix is deleted. The buffer is
 * reused, so its memory follows the entries held, not the entries ever appended.
 */
export class EntrySizes {
  private buffer = new Float64Array(64);
  private head = 0;
  private tail = 0;

  get length(): number {
    return this.tail - this.head;
  }

  /** The size of the `k`-th held entry (0 = the oldest). */
  at(k: number): number {
    return this.buffer[this.head + k];
  }

  push(size: number): void {
    if (this.tail === this.buffer.length) this.makeRoom();
    this.buffer[this.tail++] = size;
  }

  /** Drops the `count` oldest sizes and returns their sum. */
  dropFront(count: number): number {
    const end = this.head + Math.min(count, this.length);
    let sum = 0;
    for (let k = this.head; k < end; k++) sum += this.buffer[k];
    this.head = end;
    if (this.head === this.tail) this.head = this.tail = 0;
    return sum;
  }

  /** Keeps the `length` oldest sizes only. */
  truncate(length: number): void {
    if (length < this.length) this.tail = this.head + (length > 0 ? length : 0);
  }

  clear(): void {
    this.head = this.tail = 0;
  }

  /** Sum of the sizes from the `k`-th held entry to the newest. */
  sumFrom(k: number): number {
    let sum = 0;
    for (let i = this.head + (k > 0 ? k : 0); i < this.tail; i++) sum += this.buffer[i];
    return sum;
  }

  /** A copy of the sizes from the `k`-th held entry to the newest. */
  copyFrom(k: number): number[] {
    return Array.from(this.buffer.subarray(this.head + (k > 0 ? k : 0), this.tail));
  }

  /** Full at the end: slide the held sizes to the front if that frees half the buffer, else double it. */
  private makeRoom(): void {
    const held = this.length;
    if (this.head >= this.buffer.length / 2) {
      this.buffer.copyWithin(0, this.head, this.tail);
    } else {
      const grown = new Float64Array(this.buffer.length * 2);
      grown.set(this.buffer.subarray(this.head, this.tail));
      this.buffer = grown;
    }
    this.head = 0;
    this.tail = held;
  }
}
