/**
 * The nodes running in the standby region over time, as steps, for the node-hours of a window: the price of a tier
 * in the unit cloud bills use. Memory: one step per change of the count (three at most per failover with a scripted
 * tier; an autoscaler's actions, at most one per sync period).
 */
export class NodeCount {
  private readonly times: number[] = [0];
  private readonly counts: number[];

  constructor(initial: number) {
    this.counts = [initial];
  }

  /** From `at` on, `count` nodes run. */
  set(at: number, count: number): void {
    if (count === this.counts[this.counts.length - 1]) return; // no step: the count goes on
    this.times.push(at);
    this.counts.push(count);
  }

  /** Node-hours over [from, to). */
  hours(from: number, to: number): number {
    let seconds = 0;
    for (let k = 0; k < this.times.length; k++) {
      const start = Math.max(from, this.times[k]);
      const end = Math.min(to, k + 1 < this.times.length ? this.times[k + 1] : Infinity);
      if (end > start) seconds += (end - start) * this.counts[k];
    }
    return seconds / 3600;
  }
}
