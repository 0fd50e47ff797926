/**
 * The comparison report: comparison.json, .md, .csv, the charts and comparison.html, from comparisons run by the
 * library on small scenarios (a second or so in all).
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPARED_FIGURES, type FigureDefinition, type PairedDifference } from '../../../src/experiment/compare-figures.js';
import { parseSweep, scaleToLoad, withPolicy } from '../../../src/experiment/compare-spec.js';
import { runComparison, type Comparison, type ComparedVariant } from '../../../src/experiment/compare.js';
import type { ScenarioSpec } from '../../../src/model/spec.js';
import {
  buildComparisonCharts,
  buildComparisonCsv,
  buildComparisonHtml,
  buildComparisonJson,
  buildComparisonMarkdown,
  renderSvg,
  verdictOf,
  writeComparison,
  VERDICT_NOT_SIGNIFICANT,
} from '../../../src/report/index.js';
import { sweepYScale } from '../../../src/report/comparison/comparison-charts.js';
import { vegaLiteValidator } from '../../fixtures/report/vega-lite-schema.js';
import { xmlProblems } from '../../fixtures/report/xml-check.js';
import { cluster, exponential, runLength } from '../../helpers/scenarios.js';

function spec(replications = 3, name = 'small'): ScenarioSpec {
  return cluster({
    name,
    seed: 'comparison-report',
    run: runLength(replications, 2000),
    nodes: 4,
    policy: 'random',
    rate: 3.2,
    work: exponential(1),
  });
}

/** random (baseline), itself again (no difference at all) and join-shortest-queue. */
function variants(base: ScenarioSpec) {
  return [
    { name: 'random', spec: base, file: null },
    { name: 'random|again', spec: base, file: null },
    { name: 'join-shortest-queue', spec: withPolicy(base, { name: 'join-shortest-queue', params: {} }), file: null },
  ];
}

function compare(base: ScenarioSpec): Promise<Comparison> {
  return runComparison({ scenario: base.name, baseline: 'random', sweeps: [], points: [{ values: [], variants: variants(base) }] });
}

function compareLoads(base: ScenarioSpec): Promise<Comparison> {
  const sweep = parseSweep('load=0.5:0.9:0.2');
  if (!sweep.ok) throw new Error(sweep.error);
  return runComparison({
    scenario: base.name,
    baseline: 'random',
    sweeps: [sweep.value],
    points: sweep.value.values.map((load) => ({
      values: [load],
      variants: variants(base).map((v) => ({ ...v, spec: scaleToLoad(v.spec, load) })),
    })),
  });
}

let plain: Comparison;
let swept: Comparison;
let single: Comparison;
beforeAll(async () => {
  [plain, swept, single] = await Promise.all([compare(spec()), compareLoads(spec(2)), compare(spec(1))]);
});

const figure = (path: string) => COMPARED_FIGURES.find((f) => f.path === path)!;

describe('comparison.json', () => {
  it('holds per variant its name, policy or file, the summary as summary.json has it, and the paired differences', () => {
    const json = JSON.parse(buildComparisonJson(plain));
    expect(Object.keys(json)).toEqual([
      'scenario',
      'seed',
      'replications',
      'baseline',
      'commonRandomNumbers',
      'percentileRelativeError',
      'sweep',
      'variants',
      'warnings',
    ]);
    expect(json).toMatchObject({ scenario: 'small', seed: 'comparison-report', replications: 3, baseline: 'random', sweep: null });
    expect(json.variants.map((v: { name: string }) => v.name)).toEqual(['random', 'random|again', 'join-shortest-queue']);
    plain.points[0].variants.forEach((variant, i) => {
      const written = json.variants[i];
      expect(Object.keys(written)).toEqual(['name', 'baseline', 'policy', 'file', 'offeredLoad', 'summary', 'differences']);
      // The summary exactly as `clustersim run` writes summary.json: same keys, same order, same numbers.
      expect(JSON.stringify(written.summary, null, 2)).toBe(JSON.stringify(variant.summary, null, 2));
      expect(written.differences).toEqual(JSON.parse(JSON.stringify(variant.differences)));
      expect(written.offeredLoad).toBeCloseTo(0.8, 12);
    });
    expect(json.variants[2].policy).toEqual({ name: 'join-shortest-queue', params: {} });
    expect(json.variants[0].differences.responseTime.p99).toEqual({ mean: 0, ci95: [0, 0], significant: false, relative: 0 });
    expect(Object.keys(json.variants[0].differences)).toEqual(Object.keys(json.variants[0].summary).filter((k) =>
      ['responseTime', 'waitTime', 'probWait', 'throughput', 'utilization', 'blockingProbability', 'availability'].includes(k),
    ));
  });

  it('with a load sweep, holds the variants per point: points: [{ load, variants }]', () => {
    const json = JSON.parse(buildComparisonJson(swept));
    expect(json.variants).toBeUndefined();
    expect(json.sweep).toEqual({ parameter: 'load', kind: 'load', values: [0.5, 0.7, 0.9] });
    expect(json.points.map((p: { load: number }) => p.load)).toEqual([0.5, 0.7, 0.9]);
    for (const point of json.points) {
      expect(Object.keys(point)).toEqual(['load', 'variants']);
      for (const v of point.variants) expect(v.offeredLoad).toBeCloseTo(point.load, 12);
    }
  });

  it('gives ci95 and significant null with one replication', () => {
    const json = JSON.parse(buildComparisonJson(single));
    const jsq = json.variants[2];
    expect(jsq.summary.responseTime.mean.ci95).toBeNull();
    expect(jsq.differences.responseTime.mean).toMatchObject({ ci95: null, significant: null });
  });

  it('is the same text for the same comparison', async () => {
    expect(buildComparisonJson(await compare(spec()))).toBe(buildComparisonJson(plain));
  });
});

describe('verdicts', () => {
  const variant = (baseline: boolean) => ({ baseline }) as ComparedVariant;
  const difference = (mean: number, ci95: [number, number] | null): PairedDifference => ({
    mean,
    ci95,
    significant: ci95 === null ? null : ci95[0] > 0 || ci95[1] < 0,
    relative: null,
  });
  const cases: [string, boolean, PairedDifference, FigureDefinition, string][] = [
    ['baseline', true, difference(0, [0, 0]), figure('responseTime.mean'), 'baseline'],
    ['one replication', false, difference(1, null), figure('responseTime.mean'), 'no CI (one replication)'],
    ['CI contains 0', false, difference(0.2, [-0.1, 0.5]), figure('responseTime.mean'), VERDICT_NOT_SIGNIFICANT],
    ['equal everywhere', false, difference(0, [0, 0]), figure('responseTime.mean'), `${VERDICT_NOT_SIGNIFICANT} (equal in every replication)`],
    ['faster', false, difference(-1, [-2, -0.5]), figure('responseTime.p99'), 'significantly lower (better)'],
    ['slower', false, difference(1, [0.5, 2]), figure('responseTime.p99'), 'significantly higher (worse)'],
    ['more throughput', false, difference(1, [0.5, 2]), figure('throughput'), 'significantly higher (better)'],
    ['less available', false, difference(-0.01, [-0.02, -0.005]), figure('availability.request'), 'significantly lower (worse)'],
  ];
  it.each(cases)('%s', (_, baseline, d, f, text) => {
    expect(verdictOf(variant(baseline), d, f).text).toBe(text);
  });
});

describe('comparison.csv', () => {
  const rows = (text: string) => text.trimEnd().split('\n');

  it('has a row per figure and variant, raw numbers, and the verdict in words', () => {
    const lines = rows(buildComparisonCsv(plain));
    expect(lines[0]).toBe(
      'figure,unit,variant,baseline,value,ci95_low,ci95_high,difference,difference_ci95_low,difference_ci95_high,' +
        'relative_difference,significant,verdict',
    );
    expect(lines).toHaveLength(1 + COMPARED_FIGURES.length * 3);
    const mean = plain.points[0].variants[2].summary.responseTime.mean;
    const jsqMean = lines.find((l) => l.startsWith('responseTime.mean,s,join-shortest-queue,false,'))!;
    expect(jsqMean.split(',').slice(4, 7)).toEqual([String(mean.value), String(mean.ci95![0]), String(mean.ci95![1])]);
    // csv-stringify quotes the name with a separator-like character only when needed; '|' is not one.
    expect(lines.find((l) => l.startsWith('responseTime.mean,s,random|again,false,'))).toMatch(
      /,0,0,0,0,false,no significant difference \(equal in every replication\)$/,
    );
  });

  it('leads with the swept parameter when there is a sweep', () => {
    const lines = rows(buildComparisonCsv(swept));
    expect(lines[0].startsWith('load,figure,unit,')).toBe(true);
    expect(lines).toHaveLength(1 + 3 * COMPARED_FIGURES.length * 3);
    expect(lines[1].startsWith('0.5,responseTime.mean,s,random,true,')).toBe(true);
  });

  it('leaves CI cells and significance empty with one replication', () => {
    const line = rows(buildComparisonCsv(single)).find((l) => l.startsWith('responseTime.p99,s,join-shortest-queue,'))!;
    const cells = line.split(',');
    expect([cells[5], cells[6], cells[8], cells[9], cells[11]]).toEqual(['', '', '', '', '']);
    expect(cells[12]).toBe('no CI (one replication)');
  });
});

describe('comparison.md', () => {
  it('has a table per figure, the baseline marked, differences with their CI, and the verdicts', () => {
    const md = buildComparisonMarkdown(plain);
    expect(md.startsWith('# small: comparison\n')).toBe(true);
    for (const f of COMPARED_FIGURES) expect(md).toContain(`\n### ${f.label}\n`);
    expect(md).toContain(
      '| variant | value | 95 % CI | difference vs random | 95 % CI of the difference | relative | verdict |',
    );
    expect(md).toMatch(/\n\| random \(baseline\) \| [^|]+ s \| [^|]+ s \| – \| – \| – \| baseline \|\n/);
    // The name's '|' is escaped, so the table keeps its columns.
    expect(md).toContain('| random\\|again | ');
    expect(md).toContain('no significant difference (equal in every replication)');
    expect(md).toMatch(/\| join-shortest-queue \| [^|]+ \| [^|]+ \| -[^|]+ s \| -[^|]+ – -[^|]+ s \| -[\d.]+ % \| significantly lower \(better\) \|/);
  });

  it('opens a sweep with one summary table, then folds each point into its own <details>', () => {
    const md = buildComparisonMarkdown(swept);
    expect(md.match(/^<details><summary>load [\d.]+<\/summary>$/gm)).toEqual([
      '<details><summary>load 0.5</summary>',
      '<details><summary>load 0.7</summary>',
      '<details><summary>load 0.9</summary>',
    ]);
    expect(md.match(/^<\/details>$/gm)).toHaveLength(3);
    expect(md).toContain('- Sweep: offered load (every class’s arrival rate scaled alike): 0.5, 0.7, 0.9');
    // The summary comes before every folded point: a header, an alignment row and one row per point.
    const summary = md.slice(md.indexOf('## Summary'), md.indexOf('<details>'));
    expect(summary).toContain('| load | random (baseline) p99 | random\\|again p99 | join-shortest-queue p99 | lowest p99 |');
    expect(summary.match(/^\| 0\.[579] \| /gm)).toHaveLength(3);
    // Itself again differs in no replication: not significant.
    expect(summary).toMatch(/^\| 0\.5 \| [^|]+ \| [^|]+ \(n\.s\.\) \|/m);
  });

  it('details each point by the figures in which a variant differs, naming the others once', () => {
    const md = buildComparisonMarkdown(swept);
    const points = md.split('<details>').slice(1).map((p) => p.slice(0, p.indexOf('</details>')));
    expect(points).toHaveLength(3);
    for (const point of points) {
      const rows = point.match(/^\| [A-Z][^|]+ \| /gm)?.map((r) => r.slice(2, -3)) ?? [];
      const named = /No significant difference from random in: (.+)\.$/m.exec(point)?.[1].split(', ') ?? [];
      // Every figure exactly once: a row of its own, or named among those without a difference.
      expect([...rows, ...named].sort()).toEqual(COMPARED_FIGURES.map((f) => f.label).sort());
      expect(point).not.toContain('### Response time');
      // A row is there because some variant differs: random|again never does (it is the baseline again).
      for (const row of point.match(/^\| [A-Z].*\|$/gm) ?? []) {
        expect(row.split(' | ')[2]).toMatch(/\(n\.s\.\)$/);
        expect(row).toMatch(/\([-+][\d.]+ %\) \|$/);
      }
    }
    // Not vacuous: join-shortest-queue differs somewhere (its wait is far shorter than random's at load 0.9).
    expect(points.join('').match(/^\| [A-Z].*\|$/gm)?.length).toBeGreaterThan(0);
  });
});

describe('comparison charts', () => {
  const validate = vegaLiteValidator();

  it('are the CDF overlay, p99 and mean per variant, and with a sweep mean and p99 against load instead of bars', () => {
    expect(buildComparisonCharts(plain).map((c) => c.name)).toEqual(['response-time-cdf', 'p99-per-variant', 'mean-per-variant']);
    // One chart per figure over the whole sweep: no bars of the last point alone.
    expect(buildComparisonCharts(swept).map((c) => c.name)).toEqual([
      'mean-response-time-vs-load',
      'p99-response-time-vs-load',
      'response-time-cdf',
    ]);
  });

  it('put the x ticks on the swept loads (0.5, 0.7, 0.9) and span exactly them', () => {
    const [mean] = buildComparisonCharts(swept);
    const x = (mean.spec as { layer: { encoding: { x: { scale: unknown; axis: { values: number[] } } } }[] }).layer[1].encoding.x;
    expect(x.axis.values).toEqual([0.5, 0.7, 0.9]);
    expect(x.scale).toEqual({ domain: [0.5, 0.9], nice: false });
  });

  it('go log on y when the values span a factor of 10 or more, linear from 0 otherwise', () => {
    expect(sweepYScale([0.1, 0.5, 1.2])).toEqual({ type: 'log' });
    expect(sweepYScale([0.1, 0.5, 0.99])).toEqual({ type: 'linear', zero: true });
    expect(sweepYScale([0, 0.5, 2])).toEqual({ type: 'linear', zero: true });
    expect(sweepYScale([])).toEqual({ type: 'linear', zero: true });
  });

  it('are valid Vega-Lite with inline data, and render to well-formed SVG, also without CIs', async () => {
    for (const comparison of [plain, swept, single]) {
      for (const chart of buildComparisonCharts(comparison)) {
        expect(validate(chart.spec), `${chart.name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
        expect(JSON.stringify(chart.spec)).not.toMatch(/"url"/);
        const svg = await renderSvg(chart.spec as TopLevelSpec);
        expect(xmlProblems(svg), chart.name).toEqual([]);
        expect(svg).toContain('<svg');
      }
    }
  });

  it('draw one CDF per variant and one error bar per variant with a CI', () => {
    const [cdf, p99] = buildComparisonCharts(plain);
    const cdfValues = (cdf.spec as { data: { values: { variant: string; fraction: number }[] } }).data.values;
    expect([...new Set(cdfValues.map((v) => v.variant))]).toEqual(['random', 'random|again', 'join-shortest-queue']);
    for (const name of ['random', 'join-shortest-queue']) {
      const fractions = cdfValues.filter((v) => v.variant === name).map((v) => v.fraction);
      expect(fractions[fractions.length - 1]).toBe(1);
      expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    }
    const layers = (p99.spec as { layer: { data: { values: unknown[] } }[] }).layer;
    expect(layers[1].data.values).toHaveLength(3);
    const singleLayers = (buildComparisonCharts(single)[1].spec as { layer: { data: { values: unknown[] } }[] }).layer;
    expect(singleLayers[1].data.values).toEqual([]);
  });
});

describe('comparison.html', () => {
  it('is self-contained: the report\u2019s CSP, no script, nothing loaded', () => {
    const html = buildComparisonHtml(plain, []);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html).not.toMatch(/<script|<link rel="stylesheet"|\bsrc=|https?:\/\//);
    expect(html).toContain('<link rel="icon" href="data:,">');
  });

  it('has a table per figure with the verdicts marked, and escapes every name', () => {
    const html = buildComparisonHtml(plain, []);
    expect(html.match(/<table class="comparison"/g)).toHaveLength(COMPARED_FIGURES.length);
    expect(html).toContain('<td class="verdict-better">significantly lower (better)</td>');
    expect(html).toContain('<td class="verdict-not-significant">no significant difference (equal in every replication)</td>');
    const hostile = { ...plain, scenario: '<b>x</b>', baseline: 'a"b' };
    const escaped = buildComparisonHtml(hostile, []);
    expect(escaped).toContain('<h1>&lt;b&gt;x&lt;/b&gt;: comparison</h1>');
    expect(escaped).not.toContain('<b>x</b>');
  });
});

describe('writeComparison', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'clustersim-comparison-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('writes every file into <out>/<scenario>-compare/, leaves nothing else, and the same bytes twice', async () => {
    const dir = await writeComparison(swept, join(out, 'a'));
    expect(dir).toBe(join(out, 'a', 'small-compare'));
    expect(await readdir(join(out, 'a'))).toEqual(['small-compare']);
    const charts = buildComparisonCharts(swept).flatMap((c) => [`${c.name}.svg`, `${c.name}.vl.json`]);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['comparison.csv', 'comparison.html', 'comparison.json', 'comparison.md', 'sweep.csv', ...charts].sort());
    const again = await writeComparison(await compareLoads(spec(2)), join(out, 'b'));
    for (const file of files) {
      expect(await readFile(join(again, file), 'utf8'), file).toBe(await readFile(join(dir, file), 'utf8'));
    }
    const html = await readFile(join(dir, 'comparison.html'), 'utf8');
    expect(html.match(/<figure class="chart"/g)).toHaveLength(3);
  });

  it('refuses a scenario name that is not one folder name, writing nothing', async () => {
    await expect(writeComparison({ ...plain, scenario: '../x' }, join(out, 'c'))).rejects.toThrow(/cannot be a folder name/);
  });
});
