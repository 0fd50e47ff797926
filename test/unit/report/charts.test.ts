import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import {
  buildCharts,
  compileChart,
  MAX_INCIDENTS_SHADED,
  MAX_NODES_AS_BARS,
  renderSvg,
  type ChartSpec,
} from '../../../src/report/index.js';
import { cdfPoints } from '../../../src/report/charts/response-time-cdf.js';
import { outagePeriods, stepPoints } from '../../../src/report/charts/timeline.js';
import { timeUnitFor } from '../../../src/report/charts/time-unit.js';
import { FAILURE_INCIDENTS, FAILURE_MIN_HEALTHY, GAP_INTERVAL, makeFailureScenarioResult } from '../../fixtures/report/failure-scenario-result.js';
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

/**
 * The chart's data-carrying part: the spec itself, or the first layer of a layered chart that is not a shaded band
 * (bands come first, rules follow it).
 */
function mainView(c: ChartSpec): Record<string, unknown> & { data: { values: Record<string, unknown>[] }; encoding: Encoding } {
  const spec = c.spec as unknown as Record<string, unknown> & { layer?: { mark: { type?: string } }[] };
  return (spec.layer === undefined ? spec : spec.layer.find((l) => l.mark.type !== 'rect')) as ReturnType<typeof mainView>;
}

function dataValues(c: ChartSpec): Record<string, unknown>[] {
  return mainView(c).data.values;
}

/** Every chart of both fixtures, named so a failure says which fixture it came from. */
const ALL_CHARTS = [
  ...buildCharts(makeScenarioResult()).map((c) => ({ ...c, fixture: 'no failures' })),
  ...buildCharts(makeFailureScenarioResult()).map((c) => ({ ...c, fixture: 'failures' })),
];

type Panel = { width?: unknown; height?: unknown; layer: ({ data: Record<string, unknown>; mark: { type: string }; encoding: Encoding })[] };
type ConcatSpec = Record<string, unknown> & { datasets: Record<string, Record<string, unknown>[]>; vconcat: Panel[] };

describe('buildCharts', () => {
  const charts = buildCharts(makeScenarioResult());

  it('builds the five charts, each with a unique name and a caption (throughput only in the timeline)', () => {
    expect(charts.map((c) => c.name)).toEqual([
      'response-time-cdf',
      'response-time-tail',
      'response-time-over-time',
      'timeline',
      'utilization-per-node',
    ]);
    for (const c of charts) expect(c.caption.length, c.name).toBeGreaterThan(40);
    // The same files with and without failures, so a pipeline finds every chart in every report.
    expect(buildCharts(makeFailureScenarioResult()).map((c) => c.name)).toEqual(charts.map((c) => c.name));
  });

  it.each(ALL_CHARTS)('$name ($fixture) is valid Vega-Lite that compiles without warnings', async (c) => {
    // The .vl.json round trip is what a user opens in an editor.
    const spec = JSON.parse(JSON.stringify(c.spec)) as TopLevelSpec;
    expect(validate(spec), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const compiled = await compileChart(spec);
    expect(compiled.warnings).toEqual([]);
    expect(compiled.vega.marks?.length).toBeGreaterThan(0);
  });

  it.each(ALL_CHARTS.filter((c) => c.name !== 'timeline'))('$name ($fixture) has inline data, a title, a fixed size and axis titles', (c) => {
    const spec = c.spec as unknown as Record<string, unknown>;
    const view = mainView(c);
    expect(keysDeep(spec)).not.toContain('url');
    expect(Array.isArray(view.data.values)).toBe(true);
    expect(typeof spec.title).toBe('string');
    expect(typeof spec.width).toBe('number');
    expect(typeof spec.height).toBe('number');
    for (const channel of ['x', 'y']) expect(view.encoding[channel]?.title, `${c.name} ${channel}`).toBeTruthy();
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

  it('treats the response time of an interval without a completed request as missing, even when written as 0', () => {
    const result = makeScenarioResult();
    result.timeseries[5] = { ...result.timeseries[5], throughput: 0, meanResponse: 0, p50Response: 0, p99Response: 0 };
    const charts = buildCharts(result);
    expect(dataValues(chart(charts, 'response-time-over-time'))).toHaveLength(2 * 19);
    const p99 = (chart(charts, 'timeline').spec as unknown as ConcatSpec).datasets['p99-response'];
    expect(p99.some((p) => p.value === 0)).toBe(false);
    expect(new Set(p99.map((p) => p.segment))).toEqual(new Set([0, 1]));
  });

  it('shows one bar per node, busiest first, up to the bar limit', () => {
    const result = makeScenarioResult({ nodeCount: MAX_NODES_AS_BARS });
    const values = dataValues(chart(buildCharts(result), 'utilization-per-node'));
    expect(values).toHaveLength(MAX_NODES_AS_BARS);
    const utilizations = values.map((v) => v.utilization as number);
    expect(utilizations).toEqual([...utilizations].sort((a, b) => b - a));
  });

  it('switches to a histogram of utilisation above the bar limit, counted in 5 % bands', () => {
    const result = makeScenarioResult({ nodeCount: 120 });
    const c = chart(buildCharts(result), 'utilization-per-node');
    const encoding = (c.spec as { encoding: { x: { bin?: { binned?: boolean } }; x2?: { field: string } } }).encoding;
    expect(encoding.x.bin?.binned).toBe(true);
    expect(encoding.x2?.field).toBe('to');
    expect(c.spec.title).toContain('120 nodes');
    const bands = dataValues(c) as { from: number; to: number; nodes: number }[];
    expect(bands).toHaveLength(20);
    // Each band's count, counted here from the nodes' utilisations: [from, to), the last band closed at 1.
    for (const [i, band] of bands.entries()) {
      const inBand = result.nodes.filter((n) => n.utilization >= i * 0.05 - 1e-12 && (i === 19 ? n.utilization <= 1 : n.utilization < (i + 1) * 0.05 - 1e-12));
      expect(band.nodes, `band ${i}`).toBe(inBand.length);
    }
    expect(bands.reduce((sum, b) => sum + b.nodes, 0)).toBe(120);
  });

  it('keeps the histogram to 20 rows of data however many nodes there are', () => {
    const result = makeScenarioResult({ nodeCount: 10_000 });
    expect(dataValues(chart(buildCharts(result), 'utilization-per-node'))).toHaveLength(20);
  });
});

describe('timeline chart', () => {
  const result = makeFailureScenarioResult();
  const timeline = chart(buildCharts(result), 'timeline');
  const spec = timeline.spec as unknown as ConcatSpec;

  it('has inline named data, a title, and three panels of fixed size with axis titles', () => {
    expect(keysDeep(spec)).not.toContain('url');
    expect(typeof spec.title).toBe('string');
    expect(Object.keys(spec.datasets).sort()).toEqual(['incidents', 'nodes-up', 'outages', 'p99-response', 'throughput']);
    expect(spec.vconcat).toHaveLength(3);
    const yTitles = spec.vconcat.map((panel) => {
      expect(typeof panel.width).toBe('number');
      expect(typeof panel.height).toBe('number');
      return panel.layer.find((l) => l.mark.type === 'line')?.encoding.y?.title;
    });
    expect(yTitles).toEqual(['Nodes up', 'Throughput (req/s)', 'p99 response time (s)']);
    // One shared time axis, titled once under the bottom panel.
    expect(spec.resolve).toEqual({ scale: { x: 'shared' } });
    const xTitles = spec.vconcat.map((panel) => panel.layer[0].encoding.x?.title);
    // The fixture's window is 20 min: the axis reads in minutes.
    expect(xTitles).toEqual([null, null, 'Time after warm-up (min)']);
  });

  it('shades every incident behind the line of every panel', () => {
    // In minutes, the axis unit of a 20-minute window.
    expect(spec.datasets.incidents).toEqual(FAILURE_INCIDENTS.map(({ start, end }) => ({ start: start / 60, end: end / 60 })));
    for (const panel of spec.vconcat) {
      expect(panel.layer[0].data).toEqual({ name: 'outages' });
      expect(panel.layer[1].data).toEqual({ name: 'incidents' });
      expect(panel.layer[1].mark.type).toBe('rect');
      expect(Object.keys(panel.layer[1].encoding).sort()).toEqual(['x', 'x2']);
      expect(panel.layer[2].mark.type).toBe('line');
    }
    expect(timeline.caption).toContain('all 5 replications');
  });

  it('draws the minimum of healthy nodes only when the scenario has failures', () => {
    const nodesPanel = spec.vconcat[0];
    expect(nodesPanel.layer.map((l) => l.mark.type)).toEqual(['rect', 'rect', 'line', 'rule']);
    expect(nodesPanel.layer[3].data).toEqual({ values: [{ minHealthy: FAILURE_MIN_HEALTHY }] });
    expect(timeline.caption).toContain(`(${FAILURE_MIN_HEALTHY})`);

    const quiet = chart(buildCharts(makeScenarioResult()), 'timeline');
    const quietSpec = quiet.spec as unknown as ConcatSpec;
    expect(quietSpec.vconcat[0].layer.map((l) => l.mark.type)).toEqual(['rect', 'rect', 'line']);
    expect(quietSpec.datasets.incidents).toEqual([]);
    expect(quiet.caption).toContain('No incident happened, so nothing is shaded.');
  });

  it('breaks the p99 line at an interval without a completed request', () => {
    const p99 = spec.datasets['p99-response'];
    const gap = result.timeseries[GAP_INTERVAL];
    expect(p99.some((p) => (p.time as number) > gap.start && (p.time as number) < gap.end)).toBe(false);
    expect(new Set(p99.map((p) => p.segment))).toEqual(new Set([0, 1]));
    expect(JSON.stringify(spec.datasets)).not.toContain('null');
    // Nodes up and throughput have a value in that interval: one unbroken line each.
    expect(new Set(spec.datasets['nodes-up'].map((p) => p.segment))).toEqual(new Set([0]));
  });

  it('shades only the first incidents when there are too many, and says so', () => {
    const crowded = makeFailureScenarioResult();
    crowded.incidents = Array.from({ length: MAX_INCIDENTS_SHADED + 5 }, (_, i) => ({
      replication: 0,
      start: i * 0.5,
      end: i * 0.5 + 0.25,
      duration: 0.25,
      cause: 'crash web-0',
      requestsFailed: 1,
    }));
    const c = chart(buildCharts(crowded), 'timeline');
    expect((c.spec as unknown as ConcatSpec).datasets.incidents).toHaveLength(MAX_INCIDENTS_SHADED);
    expect(c.caption).toContain(`Only the first 1 000 of 1 005 incidents are shaded`);
  });

  it('renders one incident band per incident and panel, and a line per unbroken segment', async () => {
    const svg = await renderSvg(timeline.spec);
    expect(xmlProblems(svg)).toEqual([]);
    const outages = outagePeriods(result.timeseries, Math.max(result.nodes.length, ...result.timeseries.map((r) => r.nodesUp)));
    expect(svg.match(/aria-roledescription="rect mark"/g)).toHaveLength(3 * (FAILURE_INCIDENTS.length + outages.length));
    // nodes up and throughput: one line each; p99: two, on either side of the gap.
    expect(svg.match(/aria-roledescription="line mark"/g)).toHaveLength(4);
    // No clip path: vega numbers them from a process-wide counter, which would break byte-identical output.
    expect(svg).not.toContain('clipPath');
  });
});

describe('stepPoints', () => {
  const row = (start: number, end: number, value: number) => ({
    start,
    end,
    offered: value,
    throughput: value,
    meanResponse: value,
    p50Response: value,
    p99Response: value,
    inFlight: 0,
    nodesUp: value,
    utilization: 0,
  });

  it('holds each value over its interval and closes the line at the last end', () => {
    expect(stepPoints([row(0, 10, 3), row(10, 20, 2)], (r) => r.nodesUp)).toEqual([
      { time: 0, value: 3, segment: 0 },
      { time: 10, value: 2, segment: 0 },
      { time: 20, value: 2, segment: 0 },
    ]);
    expect(stepPoints([], (r) => r.nodesUp)).toEqual([]);
  });

  it('starts a new segment after an interval without a value or a hole in time', () => {
    const rows = [row(0, 10, 1), row(10, 20, NaN), row(20, 30, 2), row(40, 50, 4)];
    expect(stepPoints(rows, (r) => r.p99Response)).toEqual([
      { time: 0, value: 1, segment: 0 },
      { time: 10, value: 1, segment: 0 },
      { time: 20, value: 2, segment: 1 },
      { time: 30, value: 2, segment: 1 },
      { time: 40, value: 4, segment: 2 },
      { time: 50, value: 4, segment: 2 },
    ]);
  });
});

describe('renderSvg', () => {
  const charts = buildCharts(makeScenarioResult());

  it.each(ALL_CHARTS)('renders $name ($fixture) as well-formed SVG with data marks', async (c) => {
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
    // The timeline after other charts were rendered in this process: nothing counts across renders.
    const timeline = chart(buildCharts(makeFailureScenarioResult()), 'timeline');
    const before = await renderSvg(timeline.spec);
    for (const c of charts) await renderSvg(c.spec);
    expect(await renderSvg(timeline.spec)).toBe(before);
  });

  it('groups axis thousands with a space, as the tables do, never with a comma', async () => {
    // A timeline of a 10 000 s window whose step is 2 000 s: tick labels 2 000 ... 10 000 (hand-picked, not from
    // the code), drawn as text with the locale of CHART_CONFIG.
    const spec: TopLevelSpec = {
      ...chart(charts, 'timeline').spec,
      data: { values: [{ x: 0, y: 0 }, { x: 10_000, y: 12_000 }] },
      mark: 'line',
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
    } as TopLevelSpec;
    const labels = [...(await renderSvg(spec)).matchAll(/>([\d ,.]+)<\/text>/g)].map((m) => m[1]);
    expect(labels).toContain('10 000');
    expect(labels).toContain('12 000');
    expect(labels.filter((l) => l.includes(','))).toEqual([]);
  });

  it('renders a chart without data (no completed request) instead of failing', async () => {
    for (const result of [makeScenarioResult(), makeFailureScenarioResult()]) {
      result.histogram = [];
      result.timeseries = [];
      result.summary.measuredTime = 0;
      for (const c of buildCharts(result)) expect(xmlProblems(await renderSvg(c.spec)), c.name).toEqual([]);
    }
  });

  it('escapes user text drawn into the chart', async () => {
    const result = makeScenarioResult();
    result.nodes = result.nodes.with(0, { ...result.nodes.at(0), node: '<script>alert(1)</script>', group: 'a&b' });
    const svg = await renderSvg(chart(buildCharts(result), 'utilization-per-node').spec);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(xmlProblems(svg)).toEqual([]);
  });
});

describe('outagePeriods', () => {
  const row = (start: number, end: number, nodesUp: number) => ({
    start, end, nodesUp, offered: 1, throughput: 1, meanResponse: 1, p50Response: 1, p99Response: 1, inFlight: 0, utilization: 0,
  });

  it('merges adjacent intervals with at least half a node missing, whatever the cause', () => {
    const rows = [row(0, 10, 8), row(10, 20, 4), row(20, 30, 4), row(30, 40, 7.6), row(40, 50, 7.4), row(50, 60, 8)];
    expect(outagePeriods(rows, 8)).toEqual([{ start: 10, end: 30 }, { start: 40, end: 50 }]);
    expect(outagePeriods([row(0, 10, 8)], 8)).toEqual([]);
  });
});

describe('timeUnitFor', () => {
  it('seconds below 10 min, minutes below 3 h, hours beyond', () => {
    expect([599, 600, 10_799, 10_800, 0, NaN].map((w) => timeUnitFor(w).name)).toEqual(['s', 'min', 'min', 'h', 's', 's']);
  });
});

describe('the CDF fitted to the data, and its tail view', () => {
  it('starts the CDF time axis at the smallest observed response and ends it at the largest, no decade padding', () => {
    const cdf = chart(buildCharts(makeScenarioResult()), 'response-time-cdf');
    const scale = (cdf.spec as { encoding: { x: { scale: { domain: number[]; nice: boolean } } } }).encoding.x.scale;
    const times = dataValues(cdf).map((p) => p.responseTime as number);
    expect(scale).toMatchObject({ domain: [times[0], times.at(-1)], nice: false });
  });

  it('draws 1 - CDF on log-log axes, only where some requests are slower', () => {
    const rows = [
      { lower: 0.001, upper: 0.002, count: 90, cumulative: 0.9 },
      { lower: 0.002, upper: 0.004, count: 9, cumulative: 0.99 },
      { lower: 0.004, upper: 0.008, count: 1, cumulative: 1 },
    ];
    const result = { ...makeScenarioResult(), histogram: rows };
    const tail = chart(buildCharts(result), 'response-time-tail');
    // 1 - 0 at the anchor, 1 - 0.9 and 1 - 0.99 (floating point), and nothing at 1 - 1 = 0, which a log axis cannot show.
    const values = dataValues(tail);
    expect(values.map((v) => v.responseTime)).toEqual([0.001, 0.002, 0.004]);
    expect(values.map((v) => v.slower as number)).toEqual([1, 1 - 0.9, 1 - 0.99]);
    const y = (mainView(tail).encoding.y as unknown as { scale: { type: string; domain: number[] } }).scale;
    expect(y.type).toBe('log');
    expect(y.domain).toEqual([0.001, 1]);
  });
});
