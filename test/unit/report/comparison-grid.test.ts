/**
 * A comparison over a grid of two sweep axes (issue 15, item 4): comparison.json lists the axes and each point's
 * values, comparison.csv and sweep.csv carry one column per axis, the heatmaps draw one cell per point and variant,
 * and comparison.md and comparison.html open with one summary table and fold every point.
 */
import type { TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridPoints, parseSweeps, scaleToLoad, withPolicy } from '../../../src/experiment/compare-spec.js';
import { runComparison, type Comparison } from '../../../src/experiment/compare.js';
import type { ScenarioSpec } from '../../../src/model/spec.js';
import {
  buildComparisonCharts,
  buildComparisonCsv,
  buildComparisonHtml,
  buildComparisonJson,
  buildComparisonMarkdown,
  buildSweepCsv,
  renderSvg,
} from '../../../src/report/index.js';
import { vegaLiteValidator } from '../../fixtures/report/vega-lite-schema.js';
import { xmlProblems } from '../../fixtures/report/xml-check.js';
import { cluster, exponential, runLength } from '../../helpers/scenarios.js';

function spec(nodes: number): ScenarioSpec {
  return cluster({ name: 'grid', seed: 'grid', run: runLength(2, 1000), nodes, policy: 'random', rate: 1, work: exponential(1) });
}

const axes = parseSweeps(['nodes.0.count=2,4', 'load=0.5,0.8']);
if (!axes.ok) throw new Error(axes.error);

let grid: Comparison;
beforeAll(async () => {
  grid = await runComparison({
    scenario: 'grid',
    baseline: 'random',
    sweeps: axes.value,
    points: gridPoints(axes.value).map(([nodes, load]) => {
      const base = scaleToLoad(spec(nodes), load);
      return {
        values: [nodes, load],
        variants: [
          { name: 'random', spec: base, file: null },
          { name: 'join-shortest-queue', spec: withPolicy(base, { name: 'join-shortest-queue', params: {} }), file: null },
        ],
      };
    }),
  });
});

describe('a grid comparison', () => {
  it('comparison.json lists both axes and names each point’s values', () => {
    const json = JSON.parse(buildComparisonJson(grid));
    expect(json.sweep).toEqual([
      { parameter: 'nodes.0.count', kind: 'path', values: [2, 4] },
      { parameter: 'load', kind: 'load', values: [0.5, 0.8] },
    ]);
    expect(json.points.map((p: { values: unknown }) => p.values)).toEqual([
      { 'nodes.0.count': 2, load: 0.5 },
      { 'nodes.0.count': 2, load: 0.8 },
      { 'nodes.0.count': 4, load: 0.5 },
      { 'nodes.0.count': 4, load: 0.8 },
    ]);
  });

  it('sweep.csv has one row per point, variant and figure, each axis a column, the values as in each summary', () => {
    // No cell of this grid holds a comma or a quote (variant names and figure paths), so a split reads the file.
    const [header, ...lines] = buildSweepCsv(grid).trimEnd().split('\n').map((line) => line.split(','));
    const rows = lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
    expect(Object.keys(rows[0]).slice(0, 5)).toEqual(['nodes.0.count', 'load', 'variant', 'figure', 'unit']);
    const perVariant = new Set(rows.map((r) => r.figure)).size;
    expect(perVariant).toBeGreaterThan(10);
    expect(rows).toHaveLength(4 * 2 * perVariant);
    // Point by point, then variant by variant, then figure by figure.
    expect(rows.slice(0, perVariant).every((r) => r['nodes.0.count'] === '2' && r.load === '0.5' && r.variant === 'random')).toBe(true);
    expect(rows[perVariant].variant).toBe('join-shortest-queue');
    const last = grid.points[3].variants[1].summary.responseTime.p99;
    const row = rows.find((r) => r['nodes.0.count'] === '4' && r.load === '0.8' && r.variant === 'join-shortest-queue' && r.figure === 'responseTime.p99')!;
    expect([Number(row.value), Number(row.ci95_low), Number(row.ci95_high)]).toEqual([last.value, last.ci95![0], last.ci95![1]]);
    expect(row.replications).toBe('2');
  });

  it('comparison.csv leads with one column per axis', () => {
    expect(buildComparisonCsv(grid).split('\n')[0]).toMatch(/^nodes\.0\.count,load,figure,unit,variant,/);
  });

  it('charts: two heatmaps (p99 and mean) with a cell per point and variant, valid Vega-Lite rendered to SVG', async () => {
    const charts = buildComparisonCharts(grid);
    expect(charts.map((c) => c.name)).toEqual([
      'p99-response-time-heatmap-nodes-0-count-load',
      'mean-response-time-heatmap-nodes-0-count-load',
      'response-time-cdf',
    ]);
    const validate = vegaLiteValidator();
    for (const chart of charts.slice(0, 2)) {
      expect(validate(chart.spec), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      const cells = (chart.spec as { data: { values: { variant: string; row: string; column: string }[] } }).data.values;
      expect(cells.map((c) => `${c.variant} ${c.row} ${c.column}`).sort()).toEqual(
        ['random', 'join-shortest-queue'].flatMap((v) => ['2 0.5', '2 0.8', '4 0.5', '4 0.8'].map((p) => `${v} ${p}`)).sort(),
      );
      const svg = await renderSvg(chart.spec as TopLevelSpec);
      expect(xmlProblems(svg), chart.name).toEqual([]);
    }
  });

  it('heatmaps colour by the logarithm when the values span a factor of 10 or more, by the value otherwise', () => {
    type Cell = { value: number; log10: number; text: string };
    type Heatmap = { data: { values: Cell[] }; spec: { layer: { encoding: { color: { field?: string; title?: string } } }[] } };
    const withP99 = (p99: (i: number) => number): Heatmap => {
      const copy = structuredClone(grid);
      copy.points.forEach((point, i) => point.variants.forEach((v) => (v.summary.responseTime.p99.value = p99(i))));
      return buildComparisonCharts(copy)[0].spec as unknown as Heatmap;
    };
    // 0.4 s to 40 s, a factor of 100 (hand-picked): log10 -0.398 to 1.602.
    const wide = withP99((i) => [0.4, 4, 0.4, 40][i]);
    expect(wide.spec.layer[0].encoding.color.field).toBe('log10');
    expect(wide.spec.layer[0].encoding.color.title).toBe('seconds (log)');
    expect(wide.data.values.map((c) => c.log10.toFixed(3))).toContain('1.602');
    expect(wide.data.values.map((c) => c.text)).toContain('400.0 ms');
    // 1 s to 2 s: a linear scale reads.
    const narrow = withP99((i) => [1, 1.5, 2, 1.2][i]);
    expect(narrow.spec.layer[0].encoding.color.field).toBe('value');
  });

  it('comparison.md and comparison.html open with one summary table and fold all four points', () => {
    const md = buildComparisonMarkdown(grid);
    expect(md).toContain('- Sweep: a grid of 4 points, every combination of the scenario field nodes.0.count: 2, 4; offered load');
    expect(md).toContain('| nodes.0.count | load | random (baseline) p99 | join-shortest-queue p99 | lowest p99 |');
    expect(md.match(/^<details><summary>nodes\.0\.count \d, load 0\.[58]<\/summary>$/gm)).toHaveLength(4);
    expect(md.indexOf('## Summary')).toBeLessThan(md.indexOf('<details>'));
    const html = buildComparisonHtml(grid, []);
    expect(html.match(/<details class="point"/g)).toHaveLength(4);
    expect(html.match(/<table class="comparison sweep-summary" data-axes="2">/g)).toHaveLength(1);
    expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('<details'));
  });
});
