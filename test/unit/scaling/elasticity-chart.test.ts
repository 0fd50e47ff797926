import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../../src/report/index.js';
import { elasticityChart } from '../../../src/scaling/elasticity-chart.js';
import type { ElasticityResult } from '../../../src/scaling/elasticity-section.js';

// Ten intervals of 60 s; the summary is not drawn by the chart.
const result = {
  summary: {},
  p99Objective: null,
  overTime: Array.from({ length: 10 }, (_, i) => ({ start: 60 * i, requested: 3, ready: 3, serving: 3, offeredNodes: 2, p99: 0.5 })),
} as unknown as ElasticityResult;

const layers = (spec: unknown) => (spec as { layer: { mark?: { type: string; color?: string } }[] }).layer;

describe('the elasticity chart shades incidents as the other time charts do', () => {
  it('draws no band without an incident, and says nothing of bands', () => {
    const chart = elasticityChart(result, { incidents: [], incidentOpacity: 0.25, outages: [], incidentText: 'none', outageText: '' });
    expect(layers(chart.spec).some((l) => l.mark?.type === 'rect')).toBe(false);
    expect(chart.caption).not.toContain('Red bands');
  });

  it('draws an incident from 120 s to 240 s as a band in minutes behind the lines, and renders', async () => {
    const chart = elasticityChart(result, {
      incidents: [{ start: 120, end: 240 }],
      incidentOpacity: 0.25,
      outages: [],
      incidentText: 'Red bands are the incidents (service down).',
      outageText: '',
    });
    const rects = layers(chart.spec).filter((l) => l.mark?.type === 'rect') as unknown as { data: { values: { start: number; end: number }[] } }[];
    // Outages (none) then incidents, both before the lines: the window of 600 s is drawn in minutes.
    expect(rects.map((r) => r.data.values)).toEqual([[], [{ start: 2, end: 4 }]]);
    expect(layers(chart.spec).findIndex((l) => l.mark?.type === 'rect')).toBe(0);
    expect(chart.caption).toContain('Red bands are the incidents (service down).');
    expect(await renderSvg(chart.spec)).toContain('<svg');
  });
});
