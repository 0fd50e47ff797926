import type { HistogramRow, ScenarioResult } from '../../experiment/result.js';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, isPlottable, type ChartSpec } from './chart-spec.js';

export interface CdfPoint {
  responseTime: number;
  fraction: number;
}

/**
 * The CDF at each bucket's upper bound, joined linearly. Empty buckets before the first and after the last response
 * are trimmed (they only stretch the log axis); empty buckets in between are kept so the curve stays flat over them.
 */
export function cdfPoints(rows: readonly HistogramRow[]): CdfPoint[] {
  const usable = rows.filter((r) => isPlottable(r.lower, r.upper, r.cumulative) && r.upper > 0);
  const first = usable.findIndex((r) => r.count > 0);
  if (first < 0) return [];
  let last = usable.length - 1;
  while (usable[last].count === 0) last -= 1;
  const kept = usable.slice(first, last + 1);
  const points = kept.map((r) => ({ responseTime: r.upper, fraction: r.cumulative }));
  // Anchors the curve at 0 where the first non-empty bucket starts (a log axis cannot show 0 itself).
  if (kept[0].lower > 0) points.unshift({ responseTime: kept[0].lower, fraction: 0 });
  return points;
}

/** The time axis fitted to the data: from the smallest observed response time to the largest, no decade padding. */
export function observedDomain(points: readonly CdfPoint[]): [number, number] | null {
  if (points.length === 0) return null;
  return [points[0].responseTime, points[points.length - 1].responseTime];
}

export function responseTimeCdfChart(result: ScenarioResult): ChartSpec {
  const points = cdfPoints(result.histogram);
  const domain = observedDomain(points);
  return {
    name: 'response-time-cdf',
    caption:
      'Fraction of measured requests that completed within a given response time, from the fastest request to the ' +
      'slowest. Read a percentile by going across from the fraction (0.5 for the median) to the curve and down to ' +
      'the time. The time axis is logarithmic, so equal distances are equal ratios. The tail (p99 and beyond) is ' +
      'squeezed against the top here: the next chart spreads it out.',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 'Response-time distribution (CDF)',
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      config: CHART_CONFIG,
      data: { values: points },
      mark: { type: 'line', interpolate: 'linear', point: false },
      encoding: {
        x: {
          field: 'responseTime',
          type: 'quantitative',
          scale: { type: 'log', ...(domain === null ? {} : { domain, nice: false }) },
          title: 'Response time (s, log scale)',
        },
        y: {
          field: 'fraction',
          type: 'quantitative',
          scale: { domain: [0, 1] },
          title: 'Cumulative fraction of requests',
        },
      },
    },
  };
}
