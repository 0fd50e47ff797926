import { PooledSketches } from '../../metrics/pooled-sketches.js';
import type { ReplicationOutcome } from '../replication.js';
import type { TimeseriesRow } from '../result.js';

/** One interval of the time series, summed over the replications that reached it. */
interface IntervalSums {
  replications: number;
  responses: PooledSketches;
  completions: number;
  arrivals: number;
  responseSum: number;
  inFlight: number;
  nodesUp: number;
  utilization: number;
}

/**
 * timeseries.csv: per interval of the window, the replications' completions and response sketches pooled, and their
 * time averages averaged. Memory grows with the number of intervals, not with the replications.
 */
export class TimeseriesRows {
  private readonly intervals: IntervalSums[] = [];
  private width = NaN;

  add(o: ReplicationOutcome): void {
    const s = o.measurement.series;
    // Every replication's intervals have the same width.
    if (s.length > 0 && Number.isNaN(this.width)) this.width = s.width;
    for (let k = 0; k < s.length; k++) {
      if (k === this.intervals.length) {
        this.intervals.push({
          replications: 0,
          responses: new PooledSketches(),
          completions: 0,
          arrivals: 0,
          responseSum: 0,
          inFlight: 0,
          nodesUp: 0,
          utilization: 0,
        });
      }
      const sums = this.intervals[k];
      sums.replications++;
      s.poolResponsesInto(k, sums.responses);
      sums.completions += s.completions[k];
      sums.arrivals += s.arrivals[k];
      sums.responseSum += s.responseSum[k];
      sums.inFlight += s.inFlight[k];
      sums.nodesUp += s.nodesUp[k];
      sums.utilization += s.utilization[k];
    }
  }

  rows(): TimeseriesRow[] {
    const width = this.width;
    return this.intervals.map((sums, k) => {
      const { completions, replications } = sums;
      return {
        start: k * width,
        end: (k + 1) * width,
        offered: sums.arrivals / replications / width,
        throughput: completions / replications / width,
        // No completion in the interval: no response time to show (an empty cell in the CSV, a gap in the charts).
        meanResponse: completions > 0 ? sums.responseSum / completions : NaN,
        p50Response: completions > 0 ? sums.responses.quantile(0.5) : NaN,
        p99Response: completions > 0 ? sums.responses.quantile(0.99) : NaN,
        inFlight: sums.inFlight / replications,
        nodesUp: sums.nodesUp / replications,
        utilization: sums.utilization / replications,
      };
    });
  }
}
