/** Count, sum, min and max of a stream in constant memory, and the merge that pools replications. */
import { describe, expect, it } from 'vitest';
import { RunningStatistics } from '../../../src/metrics/running-statistics.js';

describe('RunningStatistics', () => {
  it('keeps the count, sum, minimum and maximum of what it recorded', () => {
    const stats = new RunningStatistics();
    for (const v of [0.9, 0.8, 1.0, 0.85]) stats.record(v);
    expect(stats.toData()).toEqual({ count: 4, sum: 0.9 + 0.8 + 1.0 + 0.85, min: 0.8, max: 1.0 });
    expect(stats.mean).toBe((0.9 + 0.8 + 1.0 + 0.85) / 4);
  });

  it('is empty with no mean (NaN, never 0), and an empty merge changes nothing', () => {
    const empty = new RunningStatistics();
    expect(empty.count).toBe(0);
    expect(empty.mean).toBeNaN();
    const stats = new RunningStatistics();
    stats.record(2);
    stats.merge(empty.toData());
    expect(stats.toData()).toEqual({ count: 1, sum: 2, min: 2, max: 2 });
  });

  it('pools two streams: counts and sums add, the range spans both', () => {
    const a = new RunningStatistics();
    const b = new RunningStatistics();
    for (const v of [3, 5]) a.record(v);
    for (const v of [1, 4, 9]) b.record(v);
    a.merge(b.toData());
    expect(a.toData()).toEqual({ count: 5, sum: 8 + 14, min: 1, max: 9 });
  });
});
