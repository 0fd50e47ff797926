import { describe, expect, it } from 'vitest';
import { buildCharts, renderSvg, type ChartSpec } from '../../../src/report/index.js';
import type { TimeShading } from '../../../src/report/charts/time-shading.js';
import { replicationLagChart } from '../../../src/topology/single-leader/report/replication-lag-chart.js';
import { FAILURE_INCIDENTS, makeFailureScenarioResult } from '../../fixtures/report/failure-scenario-result.js';
import { makeScenarioResult } from '../../fixtures/report/scenario-result.js';
import { xmlProblems } from '../../fixtures/report/xml-check.js';

type Layer = { data: { values?: { start: number; end: number }[] }; mark: { type: string }; encoding: Record<string, unknown> };
type Layered = { layer: Layer[] };
type Concat = { datasets: Record<string, { start: number; end: number }[]> };

function chart(charts: ChartSpec[], name: string): ChartSpec {
  const found = charts.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no chart ${name}`);
  return found;
}

describe('incidents and outages shaded on every time chart, not only the timeline', () => {
  const charts = buildCharts(makeFailureScenarioResult());
  const overTime = chart(charts, 'response-time-over-time');
  const layers = (overTime.spec as unknown as Layered).layer;
  const timeline = chart(charts, 'timeline').spec as unknown as Concat;

  it('draws the timeline\u2019s bands behind the response time over time, in the axis unit', () => {
    expect(layers.map((l) => l.mark.type).slice(0, 3)).toEqual(['rect', 'rect', 'line']);
    // The fixture's window is 20 min, so the bands are in minutes: the incidents' seconds / 60, worked by hand.
    expect(layers[1].data.values).toEqual(FAILURE_INCIDENTS.map(({ start, end }) => ({ start: start / 60, end: end / 60 })));
    expect(layers[0].data.values).toEqual(timeline.datasets.outages);
    for (const band of layers.slice(0, 2)) expect(Object.keys(band.encoding).sort()).toEqual(['x', 'x2']);
    expect(overTime.caption).toContain('Red bands are the incidents (service down) of all 5 replications');
  });

  it('renders one band per incident and outage, without a clip path', async () => {
    const svg = await renderSvg(overTime.spec);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.match(/aria-roledescription="rect mark"/g)).toHaveLength(FAILURE_INCIDENTS.length + timeline.datasets.outages.length);
    expect(svg).not.toContain('clipPath');
  });

  it('draws no band, and says nothing of bands, when nothing happened', () => {
    const quiet = chart(buildCharts(makeScenarioResult()), 'response-time-over-time');
    expect((quiet.spec as unknown as Layered).layer.map((l) => l.mark.type)).not.toContain('rect');
    expect(quiet.caption).not.toContain('bands');
  });

  it('shades no outage when a scaling controller sets the node count (fewer nodes is then no outage)', () => {
    const scaled = makeFailureScenarioResult();
    const before = chart(buildCharts(scaled), 'response-time-over-time');
    expect((before.spec as unknown as Layered).layer[0].data.values?.length).toBeGreaterThan(0);
    scaled.spec = { ...scaled.spec, scaling: [{} as NonNullable<typeof scaled.spec.scaling>[number]] };
    const charts = buildCharts(scaled);
    expect((chart(charts, 'timeline').spec as unknown as Concat).datasets.outages).toEqual([]);
    const layers = (chart(charts, 'response-time-over-time').spec as unknown as Layered).layer;
    expect(layers[0].data.values).toEqual([]);
    expect(layers[1].data.values).toHaveLength(FAILURE_INCIDENTS.length);
  });

  it('shades a section\u2019s time chart (replication lag) with the bands it is given', () => {
    const shading: TimeShading = {
      incidents: [{ start: 10, end: 20 }],
      incidentOpacity: 0.25,
      outages: [{ start: 30, end: 45 }],
      incidentText: 'Red bands are the incidents (service down).',
      outageText: 'Grey bands are outages.',
    };
    const rows = [0, 10, 20, 30, 40].map((start) => ({ start, end: start + 10, meanLag: 1, maxLag: 2 }));
    const lag = replicationLagChart(rows, shading);
    const lagLayers = (lag?.spec as unknown as Layered).layer;
    // A 50 s window reads in seconds: the bands keep their values.
    expect(lagLayers[0].data.values).toEqual([{ start: 30, end: 45 }]);
    expect(lagLayers[1].data.values).toEqual([{ start: 10, end: 20 }]);
    expect(lag?.caption).toContain('Red bands are the incidents (service down). Grey bands are outages.');
    expect((replicationLagChart(rows)?.spec as unknown as Layered).layer[0].mark.type).toBe('line');
  });
});
