/**
 * The time-average of a piecewise-constant count per interval of the measured window ([start + k width, start +
 * (k + 1) width)), integrated as the count changes: no event of its own, memory one number per interval.
 */
export class IntervalAreas {
  private readonly areas: number[] = [];
  private since: number;

  constructor(
    private readonly start: number,
    private readonly width: number,
    private value: number,
  ) {
    this.since = start;
  }

  /** The count becomes `value` at `now` (>= the window's start). */
  set(now: number, value: number): void {
    this.advance(now);
    this.value = value;
  }

  /** The averages of the intervals up to `end` (the last one may be partial: averaged over its part). */
  averages(end: number): number[] {
    this.advance(end);
    return this.areas.map((area, k) => {
      const from = this.start + k * this.width;
      const span = Math.min(this.width, end - from);
      return span > 0 ? area / span : 0;
    });
  }

  private advance(now: number): void {
    while (this.since < now) {
      let k = Math.floor((this.since - this.start) / this.width);
      // At a boundary, rounding can put `since` at the end of interval k rather than the start of k + 1.
      if (this.start + (k + 1) * this.width <= this.since) k++;
      const until = Math.min(now, this.start + (k + 1) * this.width);
      while (this.areas.length <= k) this.areas.push(0);
      this.areas[k] += this.value * (until - this.since);
      this.since = until;
    }
  }
}
