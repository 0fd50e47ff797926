import type { Estimate } from '../metrics/confidence.js';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, isPlottable, VEGA_LITE_SCHEMA, type ChartSpec } from '../report/charts/chart-spec.js';
import type { ElasticitySummary } from './elasticity-section.js';

/** What the chart reads of a variant's summary.json. */
interface VariantSummary {
  responseTime?: { p99?: Estimate };
  scaling?: ElasticitySummary;
}

interface Point {
  variant: string;
  p99: number;
  p99Low: number;
  p99High: number;
  cost: number;
  costLow: number;
  costHigh: number;
}

/**
 * `clustersim compare` over controller settings: each variant's cost (node-hours when no node has a price) against
 * its p99 response time, with both 95 % CIs as error bars, one labelled point per variant: the trade-off of a target,
 * a stabilization window or a provisioning time in one chart. None when no variant scales.
 */
export function costAgainstP99Chart(variants: readonly { name: string; summary: unknown }[]): ChartSpec[] {
  const scaled = variants.flatMap((v) => {
    const summary = v.summary as VariantSummary;
    return summary.scaling !== undefined && summary.responseTime?.p99 !== undefined ? [{ name: v.name, scaling: summary.scaling, p99: summary.responseTime.p99 }] : [];
  });
  if (scaled.length === 0) return [];
  const priced = scaled.every((v) => v.scaling.cost.value !== null);
  const points: Point[] = scaled.flatMap(({ name, scaling, p99 }) => {
    const cost = priced ? scaling.cost : scaling.nodeHours;
    if (p99.value === null || cost.value === null) return [];
    const [p99Low, p99High] = p99.ci95 ?? [p99.value, p99.value];
    const [costLow, costHigh] = cost.ci95 ?? [cost.value, cost.value];
    const point = { variant: name, p99: p99.value, p99Low, p99High, cost: cost.value, costLow, costHigh };
    return isPlottable(p99.value, p99Low, p99High, cost.value, costLow, costHigh) ? [point] : [];
  });
  const names = points.map((p) => p.variant);
  const y = { field: 'cost', type: 'quantitative', title: priced ? 'Cost per replication (the nodes\' cost unit)' : 'Node-hours per replication', scale: { zero: false } };
  const x = { field: 'p99', type: 'quantitative', title: 'p99 response time (s)', scale: { zero: false } };
  const color = { field: 'variant', type: 'nominal', title: 'Variant', scale: { domain: names }, sort: names };
  return [
    {
      name: 'cost-vs-p99',
      caption:
        `Each variant's ${priced ? 'cost' : 'node-hours (no node has a price)'} per replication against its p99 response ` +
        'time, with the 95 % confidence intervals of both as error bars. Down and to the left is cheaper and faster; ' +
        'a variant up and to the right of another is worse on both counts. Point positions are the means over the ' +
        'replications; overlapping bars mean the difference is not resolved at this run length.',
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        title: `${priced ? 'Cost' : 'Node-hours'} against p99 response time, per variant`,
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
        config: CHART_CONFIG,
        data: { values: points },
        layer: [
          { mark: { type: 'rule' }, encoding: { x: { ...x, field: 'p99Low' }, x2: { field: 'p99High' }, y, color: { ...color, legend: null } } },
          { mark: { type: 'rule' }, encoding: { y: { ...y, field: 'costLow' }, y2: { field: 'costHigh' }, x, color: { ...color, legend: null } } },
          { mark: { type: 'point', filled: true, size: 80 }, encoding: { x, y, color } },
          { mark: { type: 'text', align: 'left', dx: 7, dy: -7 }, encoding: { x, y, text: { field: 'variant' } } },
        ],
      } as ChartSpec['spec'],
    },
  ];
}
