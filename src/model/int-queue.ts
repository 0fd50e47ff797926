/** A FIFO of integers in a growable ring buffer: no allocation per push once grown. */
export class IntQueue {
  private items: Int32Array;
  private head = 0;
  private count = 0;

  constructor(initialCapacity = 16) {
    this.items = new Int32Array(initialCapacity);
  }

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.items.length) this.grow();
    const mask = this.items.length - 1;
    this.items[(this.head + this.count) & mask] = value;
    this.count++;
  }

  shift(): number {
    const value = this.items[this.head];
    this.head = (this.head + 1) & (this.items.length - 1);
    this.count--;
    return value;
  }

  private grow(): void {
    const items = new Int32Array(this.items.length * 2);
    for (let i = 0; i < this.count; i++) items[i] = this.items[(this.head + i) & (this.items.length - 1)];
    this.items = items;
    this.head = 0;
  }
}
