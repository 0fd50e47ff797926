/** The Regions section's fold across replications: shares, pooled write percentiles, and nothing made up. */
import { describe, expect, it } from 'vitest';
import { LatencySketch } from '../../../../../src/metrics/latency-sketch.js';
import { RegionsFigures } from '../../../../../src/topology/single-leader/placement/regions-figures.js';
import type { RegionsData } from '../../../../../src/topology/single-leader/placement/region-figures.js';
import { REGIONS_SECTION } from '../../../../../src/topology/single-leader/sections/ids.js';
import type { ReplicationView } from '../../../../../src/topology/section.js';

function view(index: number, data: RegionsData): ReplicationView {
  return { index, measuredTime: data.window, measurement: undefined as never, sections: { [REGIONS_SECTION]: data } };
}

function sketch(values: number[]) {
  const s = new LatencySketch();
  for (const v of values) s.record(v);
  return s.toData();
}

describe('RegionsFigures', () => {
  it('shares by region, transfers and the non-voter lag across replications; a region without writes has no row', () => {
    const figures = new RegionsFigures();
    figures.add(view(0, { regions: ['a', 'b'], ledSeconds: [75, 25], window: 100, transfers: 1, nonVoterLag: { mean: 2, max: 5 }, writes: { a: sketch([0.1, 0.1, 0.3]) } }));
    figures.add(view(1, { regions: ['a', 'b'], ledSeconds: [50, 40], window: 100, transfers: 0, nonVoterLag: null, writes: { a: sketch([0.1]) } }));
    const summary = figures.summary();
    expect(summary.leadership.a.value).toBeCloseTo(0.625, 12);
    expect(summary.leadership.b.value).toBeCloseTo(0.325, 12);
    expect(summary.transfers.value).toBe(0.5);
    // Only the first replication had a live non-voter to sample: its figures alone, no 0 for the other.
    expect(summary.nonVoterLag!.mean.value).toBe(2);
    expect(summary.nonVoterLag!.max).toBe(5);
    // Pooled: four writes, p50 0.1 s within the sketch's 0.2 %; the mean is per replication (0.1667 and 0.1).
    expect(summary.writeLatency.a.writes).toBe(4);
    expect(summary.writeLatency.a.p50).toBeCloseTo(0.1, 3);
    expect(summary.writeLatency.a.mean.value).toBeCloseTo((0.5 / 3 + 0.1) / 2, 3);
    expect(summary.writeLatency.b).toBeUndefined();
    expect(figures.rows(summary).map((r) => [r.region, r.writes])).toEqual([['a', 4], ['b', null]]);
  });

  it('no non-voter anywhere: nonVoterLag is null, never 0', () => {
    const figures = new RegionsFigures();
    figures.add(view(0, { regions: ['a'], ledSeconds: [10], window: 10, transfers: 0, nonVoterLag: null, writes: {} }));
    expect(figures.summary().nonVoterLag).toBeNull();
    expect(figures.summary().writeLatency).toEqual({});
  });
});
