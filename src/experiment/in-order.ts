/**
 * Hands over items numbered 0, 1, 2, ... in that order, whatever order they arrive in: an item ahead of the next
 * one to hand over waits here until those before it have come.
 */
export class InOrder<T> {
  private readonly held = new Map<number, T>();
  private nextIndex = 0;

  constructor(private readonly handOver: (item: T) => void) {}

  /** The index of the next item to hand over: every item before it has been handed over. */
  get next(): number {
    return this.nextIndex;
  }

  /** Items that arrived ahead of their turn and wait. */
  get waiting(): number {
    return this.held.size;
  }

  /** Item `index` arrived: it and every held item that now follows in turn are handed over. */
  put(index: number, item: T): void {
    if (index < this.nextIndex || this.held.has(index)) throw new Error(`in order: item ${index} arrived twice`);
    this.held.set(index, item);
    for (let ready = this.held.get(this.nextIndex); ready !== undefined; ready = this.held.get(this.nextIndex)) {
      this.held.delete(this.nextIndex);
      this.nextIndex++;
      this.handOver(ready);
    }
  }
}
