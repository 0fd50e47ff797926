import { describe, expect, it } from 'vitest';
import { degradedIncidents } from '../../../src/metrics/degraded-periods.js';
import { FailureCause } from '../../../src/metrics/failure-causes.js';
import { IntervalSeries } from '../../../src/metrics/interval-series.js';

/** A series of 10 s intervals with these completions and failures (all timeouts) per interval. */
function series(rows: [completed: number, failedByTimeout: number][]): IntervalSeries {
  const s = new IntervalSeries(10);
  for (const [completed, failed] of rows) {
    s.completions.push(completed);
    s.failed.push(failed);
    s.failedCause.push(failed > 0 ? FailureCause.timeout : -1);
  }
  return s;
}

describe('degraded incidents: the service down although its nodes are up (issue 16.4)', () => {
  it('joins consecutive intervals below the success ratio into one incident, with the dominant failure cause', () => {
    // Success ratios 100 %, 99.5 %, 50 %, 0 %, 100 %: intervals 2 and 3 are below 99 %.
    const s = series([[1000, 0], [995, 5], [500, 500], [0, 800], [1000, 0]]);
    expect(degradedIncidents(s, 50, { successRatio: 0.99 }, [])).toEqual([
      { start: 20, end: 40, cause: 'degraded (timeout)', requestsFailed: 1300 },
    ]);
  });

  it('leaves out what a node incident already covers, so that downtimes add up', () => {
    const s = series([[1000, 0], [0, 100], [0, 100], [0, 100], [1000, 0]]);
    const node = [{ start: 15, end: 25 }];
    // Interval [10, 20) overlaps the first piece most (5 s against 0), [20, 30) and [30, 40) the second.
    expect(degradedIncidents(s, 50, { successRatio: 0.99 }, node)).toEqual([
      { start: 10, end: 15, cause: 'degraded (timeout)', requestsFailed: 100 },
      { start: 25, end: 40, cause: 'degraded (timeout)', requestsFailed: 200 },
    ]);
  });

  it('applies the throughput rule only when set, and an interval where nothing finished has no success ratio', () => {
    const s = series([[1000, 0], [0, 0], [50, 0]]);
    expect(degradedIncidents(s, 30, { successRatio: 0.99 }, [])).toEqual([]);
    // 20 req/s minimum: interval 1 (0/s) and interval 2 (5/s) are down; no failure, so the cause is plain degraded.
    expect(degradedIncidents(s, 30, { successRatio: 0.99, minThroughput: 20 }, [])).toEqual([
      { start: 10, end: 30, cause: 'degraded', requestsFailed: 0 },
    ]);
  });

  it('clips the last interval to the window', () => {
    const s = series([[1000, 0], [0, 10]]);
    expect(degradedIncidents(s, 14, { successRatio: 0.99 }, [])).toEqual([
      { start: 10, end: 14, cause: 'degraded (timeout)', requestsFailed: 10 },
    ]);
  });
});
