/**
 * Records in flight (messages, mostly), addressed by an integer slot so that a delivery is an event with the slot as
 * its target. Records are reused: `reset` clears what a released record must not keep alive (the fields a user does
 * not set keep stale values; readers read only their own).
 */
export class SlotPool<T> {
  private readonly slots: T[] = [];
  private readonly free: number[] = [];

  constructor(
    private readonly create: () => T,
    private readonly reset: (record: T) => void = () => {},
  ) {}

  acquire(): number {
    if (this.free.length > 0) return this.free.pop()!;
    this.slots.push(this.create());
    return this.slots.length - 1;
  }

  get(slot: number): T {
    return this.slots[slot];
  }

  release(slot: number): void {
    this.reset(this.slots[slot]);
    this.free.push(slot);
  }

  /** Records in flight. */
  get inFlight(): number {
    return this.slots.length - this.free.length;
  }
}
