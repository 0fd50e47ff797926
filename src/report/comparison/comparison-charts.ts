/**
 * The comparison's charts as Vega-Lite specs with inline data: response-time CDFs overlaid, mean and p99 per
 * variant with their 95 % CIs as error bars, with a sweep of one axis, mean and p99 against the swept value per
 * variant with CI bands, and with a grid of two axes, p99 and mean as heatmaps, one panel per variant. Variants keep the order given on the command line, in the legend and on the axes.
 */
import type { FigureDefinition } from '../../experiment/compare-figures.js';
import { comparedSummaries } from './compared-summaries.js';
import { allSectionDefinitions } from '../../experiment/feature-sections.js';
import type { Comparison, ComparisonPoint } from '../../experiment/compare.js';
import {
  CHART_CONFIG,
  CHART_HEIGHT,
  CHART_WIDTH,
  VEGA_LITE_SCHEMA,
  isPlottable,
  type ChartSpec,
} from '../charts/chart-spec.js';
import { cdfPoints } from '../charts/response-time-cdf.js';
import { formatTrimmed } from '../format.js';
import { chartPoint, FIGURES, pointTitle, variantEstimate } from './comparison-figures.js';
import { heatmapChart } from './comparison-heatmap.js';

function figure(path: string): FigureDefinition {
  const found = FIGURES.find((f) => f.path === path);
  if (found === undefined) throw new Error(`comparison chart: no figure '${path}'`);
  return found;
}

/** One colour per variant in the given order, shared by every chart. */
function colorOf(names: readonly string[], title = 'Variant') {
  return { field: 'variant', type: 'nominal' as const, title, scale: { domain: [...names] }, sort: [...names] };
}

/** ` at load 0.95`: which point a per-point chart shows, when there is a sweep. */
function atPoint(comparison: Comparison, point: ComparisonPoint): string {
  const title = pointTitle(comparison, point);
  return title === '' ? '' : ` at ${title}`;
}

function atPointCaption(comparison: Comparison, point: ComparisonPoint): string {
  const title = pointTitle(comparison, point);
  return title === '' ? '' : ` Shown at ${title}, the last point of the sweep; comparison.md has every point.`;
}

/** Below this fraction of requests the CDF is left out: it would only stretch the log axis over a few requests. */
const CDF_FROM_FRACTION = 0.001;
/** Points closer than this ratio on the time axis are thinned out (about a pixel at the chart's width). */
const CDF_MIN_STEP = 1.02;

/**
 * A variant's CDF for the overlay: from the 0.1 % quantile on, and thinned to points at least 2 % apart in time
 * (the histogram has buckets 0.4 % apart, thousands per variant), always keeping the last point, where it reaches 1.
 */
export function overlayCdfPoints(rows: Parameters<typeof cdfPoints>[0]): ReturnType<typeof cdfPoints> {
  const points = cdfPoints(rows);
  const start = points.findIndex((p) => p.fraction >= CDF_FROM_FRACTION);
  if (start < 0) return [];
  const kept = [points[start]];
  for (let i = start + 1; i < points.length; i++) {
    const last = i === points.length - 1;
    if (last || points[i].responseTime >= kept[kept.length - 1].responseTime * CDF_MIN_STEP) kept.push(points[i]);
  }
  return kept;
}

export function cdfOverlayChart(comparison: Comparison, point: ComparisonPoint): ChartSpec {
  const names = point.variants.map((v) => v.name);
  const values = point.variants.flatMap((v) => overlayCdfPoints(v.histogram).map((p) => ({ variant: v.name, ...p })));
  return {
    name: 'response-time-cdf',
    caption:
      'Fraction of measured requests that completed within a given response time, one curve per variant (all ' +
      'replications pooled). A curve further left is faster; where curves cross, one variant is faster for most ' +
      'requests and slower in the tail. Read a percentile by going across from the fraction (0.99 for p99). The ' +
      `time axis is logarithmic and starts at the fastest 0.1 % of requests.${atPointCaption(comparison, point)}`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: `Response-time distribution per variant (CDF)${atPoint(comparison, point)}`,
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      config: CHART_CONFIG,
      data: { values },
      mark: { type: 'line', interpolate: 'linear', point: false },
      encoding: {
        x: { field: 'responseTime', type: 'quantitative', scale: { type: 'log' }, title: 'Response time (s, log scale)' },
        y: { field: 'fraction', type: 'quantitative', scale: { domain: [0, 1] }, title: 'Cumulative fraction of requests' },
        color: colorOf(names),
      },
    },
  };
}

/** A figure per variant: a bar for the value, a rule from the low to the high end of its 95 % CI. */
export function perVariantChart(comparison: Comparison, point: ComparisonPoint, path: string, name: string, what: string): ChartSpec {
  const definition = figure(path);
  const names = point.variants.map((v) => v.name);
  const rows = point.variants
    .map((v) => {
      const estimate = variantEstimate(v, definition);
      return { variant: v.name, value: estimate.value, low: estimate.ci95?.[0], high: estimate.ci95?.[1] };
    })
    .flatMap((r) => (r.value !== null && isPlottable(r.value) ? [{ ...r, value: r.value }] : []));
  const bars = rows.map(({ variant, value }) => ({ variant, value }));
  const intervals = rows
    .filter((r) => r.low !== undefined && r.high !== undefined && isPlottable(r.low, r.high))
    .map(({ variant, low, high }) => ({ variant, low: low as number, high: high as number }));
  const x = { field: 'variant', type: 'nominal' as const, sort: names, title: 'Variant', axis: { labelAngle: 0 } };
  const noIntervals =
    intervals.length === 0 ? ' No error bars: confidence intervals need at least 2 replications.' : '';
  return {
    name,
    caption:
      `${what} of each variant (mean over replications); the black bars span its 95 % confidence interval. ` +
      'Overlapping intervals do not mean "no difference": with common random numbers the paired differences in ' +
      `the tables are usually far tighter than these intervals.${noIntervals}${atPointCaption(comparison, point)}`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: `${what} per variant${atPoint(comparison, point)}`,
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      config: CHART_CONFIG,
      layer: [
        {
          data: { values: bars },
          mark: { type: 'bar', opacity: 0.85 },
          encoding: {
            x,
            y: { field: 'value', type: 'quantitative', title: `${what} (s)` },
            color: { ...colorOf(names), legend: null },
          },
        },
        {
          data: { values: intervals },
          mark: { type: 'rule', color: 'black', strokeWidth: 2 },
          encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } },
        },
        {
          data: { values: intervals.flatMap(({ variant, low, high }) => [{ variant, end: low }, { variant, end: high }]) },
          mark: { type: 'tick', color: 'black', thickness: 2, size: 14 },
          encoding: { x, y: { field: 'end', type: 'quantitative' } },
        },
      ],
    },
  };
}

/** A figure against the swept value: one line per variant, its 95 % CI as a band around it. */
export function againstSweepChart(comparison: Comparison, path: string, name: string, what: string): ChartSpec {
  if (comparison.sweeps.length !== 1) throw new Error('comparison chart: a line against the sweep needs one axis');
  const sweep = comparison.sweeps[0];
  const definition = figure(path);
  const names = comparison.points[0].variants.map((v) => v.name);
  const lines: { x: number; variant: string; value: number }[] = [];
  const bands: { x: number; variant: string; low: number; high: number }[] = [];
  for (const point of comparison.points) {
    for (const variant of point.variants) {
      const estimate = variantEstimate(variant, definition);
      const x = point.values[0];
      if (estimate.value === null || !isPlottable(x, estimate.value)) continue;
      lines.push({ x, variant: variant.name, value: estimate.value });
      const ci = estimate.ci95;
      if (ci !== null && isPlottable(ci[0], ci[1])) bands.push({ x, variant: variant.name, low: ci[0], high: ci[1] });
    }
  }
  const axisTitle = sweep.kind === 'load' ? 'Offered load (fraction of capacity)' : sweep.parameter;
  // Ticks on the swept values themselves (0.50, 0.55, ... rather than vega's 0.50, 0.54, 0.58), the axis spanning them.
  const swept = sweep.values.filter((v) => Number.isFinite(v));
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    title: axisTitle,
    scale: swept.length > 1 ? { domain: [Math.min(...swept), Math.max(...swept)], nice: false } : { zero: false },
    axis: { values: swept, format: '~g' },
  };
  // Decided by the lines: a CI band from few replications can reach 0 or below, which says nothing about the range.
  const yScale = sweepYScale(lines.map((l) => l.value));
  if (yScale.type === 'log') {
    // A log axis has no 0: a band reaching 0 or below is cut at the bottom of the axis (the tables have its ends).
    const bottom = Math.min(...lines.map((l) => l.value), ...bands.map((b) => b.low).filter((v) => v > 0));
    for (const band of bands) band.low = Math.max(band.low, bottom);
  }
  const values = sweep.values.map((v) => formatTrimmed(v, 6)).join(', ');
  return {
    name,
    caption:
      `${what} of each variant at each ${sweep.kind === 'load' ? 'offered load' : `value of ${sweep.parameter}`} ` +
      `(${values}), mean over replications; the shaded band is its 95 % confidence interval. Lines that stay ` +
      'apart by more than their bands differ; for the exact paired differences see the tables. The ticks are the ' +
      `swept values${yScale.type === 'log' ? '; the response-time axis is logarithmic (the values span more than a factor of 10), so equal distances are equal ratios, and a band reaching 0 is cut at the bottom' : ''}.`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: `${what} against ${sweep.kind === 'load' ? 'offered load' : sweep.parameter}`,
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      config: CHART_CONFIG,
      resolve: { legend: { color: 'independent' } },
      layer: [
        {
          data: { values: bands },
          mark: { type: 'area', opacity: 0.2 },
          encoding: {
            x,
            y: { field: 'low', type: 'quantitative', title: `${what} (s${yScale.type === 'log' ? ', log scale' : ''})`, scale: yScale },
            y2: { field: 'high' },
            // The legend comes from the lines (independent legends, this one hidden): one entry per variant, as a line.
            color: { ...colorOf(names), legend: null },
          },
        },
        {
          data: { values: lines },
          mark: { type: 'line', point: true },
          encoding: {
            x,
            y: { field: 'value', type: 'quantitative', title: `${what} (s${yScale.type === 'log' ? ', log scale' : ''})`, scale: yScale },
            color: colorOf(names),
          },
        },
      ],
    },
  };
}

/** Above this ratio of the largest to the smallest value a linear axis flattens the low end: the axis goes log. */
export const LOG_Y_FROM_RATIO = 10;

/**
 * Response times across a load sweep span decades (near saturation they grow without bound): on a linear axis
 * the differences at low load vanish into the bottom pixels. A log axis shows every point's ratio alike.
 */
export function sweepYScale(values: readonly number[]): { type: 'log' | 'linear'; nice?: boolean; zero?: boolean } {
  const finite = values.filter((v) => Number.isFinite(v));
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  if (finite.length > 0 && low > 0 && high / low >= LOG_Y_FROM_RATIO) return { type: 'log' };
  return { type: 'linear', zero: true };
}

function fileStem(parameter: string): string {
  return parameter.replace(/[^A-Za-z0-9_-]+/g, '-');
}

/** Every chart of the comparison, in page order. */
export function buildComparisonCharts(comparison: Comparison): ChartSpec[] {
  const point = chartPoint(comparison);
  const charts: ChartSpec[] = [];
  if (comparison.sweeps.length === 1) {
    const stem = fileStem(comparison.sweeps[0].parameter);
    charts.push(againstSweepChart(comparison, 'responseTime.mean', `mean-response-time-vs-${stem}`, 'Mean response time'));
    charts.push(againstSweepChart(comparison, 'responseTime.p99', `p99-response-time-vs-${stem}`, 'p99 response time'));
  }
  if (comparison.sweeps.length === 2) {
    const [rows, columns] = comparison.sweeps.map((axis) => fileStem(axis.parameter));
    charts.push(heatmapChart(comparison, figure('responseTime.p99'), `p99-response-time-heatmap-${rows}-${columns}`));
    charts.push(heatmapChart(comparison, figure('responseTime.mean'), `mean-response-time-heatmap-${rows}-${columns}`));
  }
  charts.push(cdfOverlayChart(comparison, point));
  // With a sweep the lines above already show each figure at every point: bars of the last point alone would
  // repeat one of their points (one chart per figure).
  if (comparison.sweeps.length === 0) {
    charts.push(perVariantChart(comparison, point, 'responseTime.p99', 'p99-per-variant', 'p99 response time'));
    charts.push(perVariantChart(comparison, point, 'responseTime.mean', 'mean-per-variant', 'Mean response time'));
  }
  // The sections' own comparison charts (e.g. Elasticity's cost against p99), each from the variants' summaries.
  const variants = comparedSummaries(point);
  for (const section of allSectionDefinitions()) charts.push(...(section.comparisonCharts?.(variants) ?? []));
  return charts;
}
