import { nonNegative } from '../../metrics/confidence.js';
import type { LatencySketch } from '../../metrics/latency-sketch.js';
import { withSketchResolution } from '../../metrics/percentile-interval.js';
import { ReplicationColumn } from '../../metrics/replication-column.js';
import type { TimeFigures } from '../result.js';

/** Each key of TimeFigures and how one replication's sketch gives it. */
const TIME_FIGURES: readonly [keyof TimeFigures, (sketch: LatencySketch) => number][] = [
  ['mean', (s) => s.mean],
  ['p50', (s) => s.quantile(0.5)],
  ['p90', (s) => s.quantile(0.9)],
  ['p99', (s) => s.quantile(0.99)],
  ['p999', (s) => s.quantile(0.999)],
  ['max', (s) => s.max],
];

/**
 * Mean, percentiles and maximum of one sketch per replication (a response or a wait time), then across them. A
 * replication whose sketch is empty (no request completed) has none of them: it is left out, never read as 0.
 */
export class TimeFigureColumns {
  readonly columns: Record<keyof TimeFigures, ReplicationColumn> = {
    mean: new ReplicationColumn(),
    p50: new ReplicationColumn(),
    p90: new ReplicationColumn(),
    p99: new ReplicationColumn(),
    p999: new ReplicationColumn(),
    max: new ReplicationColumn(),
  };

  add(sketch: LatencySketch): void {
    const empty = sketch.count === 0;
    for (const [key, read] of TIME_FIGURES) this.columns[key].push(empty ? null : read(sketch));
  }

  /** Percentile intervals are at least as wide as the sketch's resolution (withSketchResolution). */
  estimates(): TimeFigures {
    const c = this.columns;
    return {
      mean: c.mean.estimate(nonNegative),
      p50: withSketchResolution(c.p50.estimate(nonNegative)),
      p90: withSketchResolution(c.p90.estimate(nonNegative)),
      p99: withSketchResolution(c.p99.estimate(nonNegative)),
      p999: withSketchResolution(c.p999.estimate(nonNegative)),
      max: c.max.estimate(nonNegative),
    };
  }
}
