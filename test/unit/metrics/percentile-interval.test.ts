import { describe, expect, it } from 'vitest';
import { TimeFigureColumns } from '../../../src/experiment/summary/time-figures.js';
import { LatencySketch } from '../../../src/metrics/latency-sketch.js';

/** One replication's response times: `count` copies of `value`. */
function replication(value: number, count = 100): LatencySketch {
  const sketch = new LatencySketch();
  for (let i = 0; i < count; i++) sketch.record(value);
  return sketch;
}

describe('percentile intervals across replications (issue 16.1)', () => {
  it('two replications in one sketch bucket give an interval at least as wide as the sketch resolution', () => {
    // 1.0100 s and 1.0102 s differ by 0.02 %, inside one bucket of a 0.2 % sketch (buckets are ~0.4 % wide; 1 s is a
    // bucket boundary, so the pair sits clear of it).
    const a = replication(1.01);
    const b = replication(1.0102);
    expect(a.quantile(0.99)).toBe(b.quantile(0.99)); // the premise: both replications read the same bucket
    const columns = new TimeFigureColumns();
    columns.add(a);
    columns.add(b);
    const p99 = columns.estimates().p99;
    expect(p99.ci95).not.toBeNull();
    const [low, high] = p99.ci95!;
    // Both exact percentiles lie inside, and the width is at least 2 x 0.2 % of 1.01 s (the sketch's resolution).
    expect(low).toBeLessThanOrEqual(1.01);
    expect(high).toBeGreaterThanOrEqual(1.0102);
    expect(high - low).toBeGreaterThanOrEqual(2 * 0.002 * 1.01 * 0.999);
  });

  it('leaves the mean and the maximum (exact figures) without widening', () => {
    const columns = new TimeFigureColumns();
    columns.add(replication(2));
    columns.add(replication(2));
    const { mean, max } = columns.estimates();
    expect(mean.ci95).toEqual([2, 2]);
    expect(max.ci95).toEqual([2, 2]);
  });

  it('gives no interval with one replication', () => {
    const columns = new TimeFigureColumns();
    columns.add(replication(1));
    expect(columns.estimates().p99).toEqual({ value: expect.any(Number), ci95: null });
  });
});
