import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import {
  buildCharts,
  compileChart,
  MAX_NODES_AS_BARS,
  renderSvg,
  type ChartSpec,
} from '../../../src/report/index.js';
import { cdfPoints } from '../../../src/report/charts/response-time-cdf.js';
import { makeScenarioResult } from '../../fixtures/report/scenario-result.js';
import { vegaLiteValidator } from '../../fixtures/report/vega-lite-schema.js';
import { xmlProblems } from '../../fixtures/report/xml-check.js';

const validate = vegaLiteValidator();

/** Lines and bars that carry data, as opposed to axes, grid and legend. */
function dataMarkCount(svg: string): number {
  return svg.match(/<path[^>]*aria-roledescription="(line mark|bar)"[^>]*\sd="M[^"]+"/g)?.length ?? 0;
}

function keysDeep(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysDeep);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysDeep(inner)]);
  }
  return [];
}

type Encoding = Record<string, { title?: unknown } | undefined>;

function chart(charts: ChartSpec[], name: string): ChartSpec {
  const found = charts.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no chart ${name}`);
  return found;
}

function dataValues(c: ChartSpec): Record<string, unknown>[] {
  return (c.spec as { data: { values: Record<string, unknown>[] } }).data.values;
}

describe('buildCharts', () => {
  const charts = buildCharts(makeScenarioResult());

  it('builds the four charts, each with a unique name and a caption', () => {
    expect(charts.map((c) => c.name)).toEqual([
      'response-time-cdf',
      'response-time-over-time',
      'throughput-over-time',
      'utilization-per-node',
    ]);
    for (const c of charts) expect(c.caption.length, c.name).toBeGreaterThan(40);
  });

  it.each(buildCharts(makeScenarioResult()))('$name is valid Vega-Lite that compiles without warnings', (c) => {
    // The .vl.json round trip is what a user opens in an editor.
    const spec = JSON.parse(JSON.stringify(c.spec)) as TopLevelSpec;
    expect(validate(spec), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const compiled = compileChart(spec);
    expect(compiled.warnings).toEqual([]);
    expect(compiled.vega.marks?.length).toBeGreaterThan(0);
  });

  it.each(buildCharts(makeScenarioResult()))('$name has inline data, a title, a fixed size and axis titles', (c) => {
    const spec = c.spec as unknown as Record<string, unknown> & { encoding: Encoding };
    expect(keysDeep(spec)).not.toContain('url');
    expect(Array.isArray((spec.data as { values?: unknown }).values)).toBe(true);
    expect(typeof spec.title).toBe('string');
    expect(typeof spec.width).toBe('number');
    expect(typeof spec.height).toBe('number');
    for (const channel of ['x', 'y']) expect(spec.encoding[channel]?.title, `${c.name} ${channel}`).toBeTruthy();
  });

  it('draws the CDF on a log time axis, from 0 up to 1, never decreasing', () => {
    const cdf = chart(charts, 'response-time-cdf');
    const x = (cdf.spec as { encoding: { x: { scale: { type: string }; title: string } } }).encoding.x;
    expect(x.scale.type).toBe('log');
    expect(x.title).toMatch(/\(s\b/);
    const fractions = dataValues(cdf).map((p) => p.fraction as number);
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
  });

  it('trims empty buckets at both ends of the CDF but keeps them in between', () => {
    const rows = [
      { lower: 0, upper: 0.001, count: 0, cumulative: 0 },
      { lower: 0.001, upper: 0.002, count: 5, cumulative: 0.5 },
      { lower: 0.002, upper: 0.004, count: 0, cumulative: 0.5 },
      { lower: 0.004, upper: 0.008, count: 5, cumulative: 1 },
      { lower: 0.008, upper: 0.016, count: 0, cumulative: 1 },
    ];
    expect(cdfPoints(rows)).toEqual([
      { responseTime: 0.001, fraction: 0 },
      { responseTime: 0.002, fraction: 0.5 },
      { responseTime: 0.004, fraction: 0.5 },
      { responseTime: 0.008, fraction: 1 },
    ]);
    expect(cdfPoints([])).toEqual([]);
  });

  it('plots p50 and p99 for every interval', () => {
    const values = dataValues(chart(charts, 'response-time-over-time'));
    expect(values).toHaveLength(2 * 20);
    expect(new Set(values.map((v) => v.series))).toEqual(new Set(['p50', 'p99']));
  });

  it('leaves intervals without a response time out (a gap), so the .vl.json holds no null', () => {
    const result = makeScenarioResult();
    result.timeseries[3] = { ...result.timeseries[3], p50Response: NaN, p99Response: NaN, throughput: 0 };
    const values = dataValues(chart(buildCharts(result), 'response-time-over-time'));
    expect(values).toHaveLength(2 * 19);
    expect(JSON.stringify(values)).not.toContain('null');
  });

  it('shows one bar per node, busiest first, up to the bar limit', () => {
    const result = makeScenarioResult({ nodeCount: MAX_NODES_AS_BARS });
    const values = dataValues(chart(buildCharts(result), 'utilization-per-node'));
    expect(values).toHaveLength(MAX_NODES_AS_BARS);
    const utilizations = values.map((v) => v.utilization as number);
    expect(utilizations).toEqual([...utilizations].sort((a, b) => b - a));
  });

  it('switches to a histogram of utilisation above the bar limit', () => {
    const result = makeScenarioResult({ nodeCount: 120 });
    const c = chart(buildCharts(result), 'utilization-per-node');
    const encoding = (c.spec as { encoding: { x: { bin?: unknown }; y: { aggregate?: string } } }).encoding;
    expect(encoding.x.bin).toBeTruthy();
    expect(encoding.y.aggregate).toBe('count');
    expect(c.spec.title).toContain('120 nodes');
  });
});

describe('renderSvg', () => {
  const charts = buildCharts(makeScenarioResult());

  it.each(charts)('renders $name as well-formed SVG with data marks', async (c) => {
    const svg = await renderSvg(c.spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(xmlProblems(svg)).toEqual([]);
    expect(dataMarkCount(svg)).toBeGreaterThan(0);
    expect(svg).toContain(String(c.spec.title));
  });

  it('renders the same bytes every time', async () => {
    const [first, second] = await Promise.all([renderSvg(charts[0].spec), renderSvg(charts[0].spec)]);
    expect(second).toBe(first);
  });

  it('renders a chart without data (no completed request) instead of failing', async () => {
    const result = makeScenarioResult();
    result.histogram = [];
    result.timeseries = [];
    for (const c of buildCharts(result)) expect(xmlProblems(await renderSvg(c.spec)), c.name).toEqual([]);
  });

  it('escapes user text drawn into the chart', async () => {
    const result = makeScenarioResult();
    result.nodes[0] = { ...result.nodes[0], node: '<script>alert(1)</script>', group: 'a&b' };
    const svg = await renderSvg(chart(buildCharts(result), 'utilization-per-node').spec);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(xmlProblems(svg)).toEqual([]);
  });
});
