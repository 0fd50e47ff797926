import { LatencySketch } from '../../metrics/latency-sketch.js';
import type { HistogramRow } from '../result.js';

/** latency-histogram.csv: every replication's response sketch merged into one, then read bucket by bucket. */
export class HistogramRows {
  private readonly all = new LatencySketch();

  /** Folds one replication's pooled response sketch. */
  add(response: LatencySketch): void {
    this.all.merge(response);
  }

  rows(): HistogramRow[] {
    const total = this.all.count;
    let cumulative = 0;
    return this.all.buckets().map((b) => {
      cumulative += b.count;
      return { lower: b.lower, upper: b.upper, count: b.count, cumulative: cumulative / total };
    });
  }
}
