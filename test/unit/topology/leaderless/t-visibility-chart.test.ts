import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../../../src/report/index.js';
import type { Estimate } from '../../../../src/experiment/result.js';
import { tVisibilityChart } from '../../../../src/topology/leaderless/report/t-visibility.js';
import type { TVisibilityBucket } from '../../../../src/topology/leaderless/sections/leaderless-figures.js';
import { xmlProblems } from '../../../fixtures/report/xml-check.js';

describe('t-visibility chart', () => {
  // Hand-made buckets: three with reads, the last open; a bucket without a read is left out.
  const estimate = (value: number | null): Estimate =>
    value === null ? { value: null, ci95: null } : { value, ci95: [value - 0.02, Math.min(1, value + 0.02)] };
  const buckets: TVisibilityBucket[] = [
    { from: 0, to: 0.0005, reads: 100, probability: estimate(0.81) },
    { from: 0.0005, to: 0.001, reads: 80, probability: estimate(0.9) },
    { from: 0.001, to: 0.002, reads: 0, probability: estimate(null) },
    { from: 0.002, to: null, reads: 50, probability: estimate(1) },
  ];

  it('labels the buckets level, in ms, the open one with ≥', async () => {
    const chart = tVisibilityChart(buckets);
    const layers = (chart?.spec as unknown as { layer: { encoding: { x: { axis?: { labelAngle?: number } } } }[] }).layer;
    for (const layer of layers) expect(layer.encoding.x.axis?.labelAngle).toBe(0);
    const svg = await renderSvg(chart!.spec);
    expect(xmlProblems(svg)).toEqual([]);
    for (const label of ['0-0.5 ms', '0.5-1 ms', '≥ 2 ms']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).not.toContain('1-2 ms');
  });
});
