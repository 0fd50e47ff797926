/** Count, sum, minimum and maximum of a stream of values, as plain data (it crosses worker threads). */
export interface RunningStatisticsData {
  count: number;
  sum: number;
  /** Infinity and -Infinity while empty. */
  min: number;
  max: number;
}

/**
 * The count, sum, minimum and maximum of a stream of values, in constant memory however many are recorded: for
 * per-event figures (detection latencies) whose mean and range are reported, not their percentiles.
 */
export class RunningStatistics implements RunningStatisticsData {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  record(value: number): void {
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  /** Adds what another stream recorded: its sum is added as one number, after this stream's. */
  merge(other: RunningStatisticsData): void {
    this.count += other.count;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  /** The mean; NaN when nothing was recorded. */
  get mean(): number {
    return this.count > 0 ? this.sum / this.count : NaN;
  }

  toData(): RunningStatisticsData {
    return { count: this.count, sum: this.sum, min: this.min, max: this.max };
  }
}
