import type { ScenarioResult } from '../../experiment/result.js';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, RULE_COLOR, VEGA_LITE_SCHEMA, type ChartSpec } from './chart-spec.js';
import { cdfPoints, observedDomain } from './response-time-cdf.js';
import { sloResponseRules } from './slo-rules.js';

/**
 * The complementary CDF, 1 - F(t), on log-log axes: the fraction of requests slower than t. The tail a planner
 * looks for (p99, p99.9) sits at 10^-2 and 10^-3, each a decade of its own instead of the top 1 % of a linear
 * axis; an exponential tail bends down, a heavy (power-law) tail stays a straight line. The usual way to show
 * latency tails (e.g. Dean and Barroso, "The Tail at Scale", CACM 56(2), 2013).
 */
export function tailPoints(result: ScenarioResult): { responseTime: number; slower: number }[] {
  return cdfPoints(result.histogram)
    .map((p) => ({ responseTime: p.responseTime, slower: 1 - p.fraction }))
    .filter((p) => p.slower > 0);
}

export function responseTimeTailChart(result: ScenarioResult): ChartSpec {
  const values = tailPoints(result);
  const slo = sloResponseRules(result).filter((r) => r.label.includes('p99'));
  const observed = observedDomain(cdfPoints(result.histogram));
  // Wide enough for the objective's rule too, so a target beyond the slowest request is still drawn.
  const domain: [number, number] | null =
    observed === null ? null : [observed[0], Math.max(observed[1], ...slo.map((r) => r.value))];
  const smallest = values.length === 0 ? 1e-3 : Math.min(...values.map((v) => v.slower));
  // Down to the decade below the smallest fraction seen, so p99.9 has room when the run measured it.
  const floor = 10 ** Math.floor(Math.log10(smallest));
  const x = {
    field: 'responseTime',
    type: 'quantitative' as const,
    scale: { type: 'log' as const, ...(domain === null ? {} : { domain, nice: false }) },
    title: 'Response time (s, log scale)',
  };
  return {
    name: 'response-time-tail',
    caption:
      'Fraction of measured requests slower than a given response time (1 - CDF), both axes logarithmic: p99 is ' +
      'where the curve crosses 0.01, p99.9 where it crosses 0.001. A curve that bends down is a light tail; one ' +
      'that runs straight is a heavy tail, where a few requests take far longer than the rest.' +
      (slo.length > 0 ? ' The dashed red line is the p99 objective: the curve must cross 0.01 left of it.' : ''),
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 'Response-time tail (complementary CDF)',
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      config: CHART_CONFIG,
      layer: [
        {
          data: { values },
          mark: { type: 'line', interpolate: 'linear', point: false },
          encoding: {
            x,
            y: {
              field: 'slower',
              type: 'quantitative',
              scale: { type: 'log', domain: [Math.min(floor, 1e-3), 1], nice: false },
              title: 'Fraction of requests slower (log scale)',
            },
          },
        },
        ...slo.map((rule) => ({
          data: { values: [rule] },
          mark: { type: 'rule' as const, color: RULE_COLOR, strokeDash: [6, 4] },
          encoding: { x: { field: 'value', type: 'quantitative' as const } },
        })),
      ],
    },
  };
}
