import type { TopLevelSpec } from 'vega-lite';
import type { SizingOutcome } from '../../experiment/sizing.js';
import { CHART_CONFIG, CHART_WIDTH, isPlottable, VEGA_LITE_SCHEMA, type ChartSpec } from '../charts/chart-spec.js';
import type { SizingPlan } from './sizing-json.js';

const PANEL_HEIGHT = 160;

const AXIS_TITLES: Record<string, string> = {
  p99: 'p99 of finished requests (s)',
  mean: 'mean response time (s)',
  'availability.time': 'availability (time)',
  'availability.request': 'availability (requests)',
};

/**
 * One panel per objective: its figure at every point run, with the 95 % CI as an error bar and the verdict as the
 * colour, the target as a horizontal line and the answer as a vertical one. A p99 beyond every target (more than
 * 1 % failed) has no finite value and is left out of its panel; sizing.md lists it.
 */
export function sizingChart(plan: SizingPlan, outcome: SizingOutcome): ChartSpec {
  // With further --vary fields, the chart shows the search of the cheapest combination (sizing.md lists all).
  const series = outcome.best ?? outcome.series[0];
  const result = series.result;
  const objectives = [...new Set(result.points.flatMap((p) => p.objectives.map((o) => o.objective)))];
  const panels = objectives.map((objective) => {
    const values = result.points.flatMap((point) => {
      const check = point.objectives.find((o) => o.objective === objective);
      if (check === undefined || check.actual === null || !isPlottable(check.actual)) return [];
      const [low, high] = check.ci95 ?? [check.actual, check.actual];
      return [{ value: point.value, actual: check.actual, low, high, verdict: check.verdict ?? 'no sample' }];
    });
    const target = result.points[0].objectives.find((o) => o.objective === objective)?.target ?? 0;
    const x = { field: 'value', type: 'quantitative', title: plan.path, scale: { zero: false } };
    // An undersized point's response time is orders of magnitude past the target: a symmetric-log axis, linear
    // within about the target, keeps the points near the boundary readable next to it.
    const timeScale = objective === 'p99' || objective === 'mean' ? { type: 'symlog', constant: target } : { zero: false };
    return {
      title: objective,
      width: CHART_WIDTH,
      height: PANEL_HEIGHT,
      layer: [
        {
          data: { values },
          mark: { type: 'errorbar', ticks: true },
          encoding: { x, y: { field: 'low', type: 'quantitative', title: AXIS_TITLES[objective] ?? objective, scale: timeScale }, y2: { field: 'high' } },
        },
        {
          data: { values },
          mark: { type: 'point', filled: true, size: 60 },
          encoding: {
            x,
            y: { field: 'actual', type: 'quantitative' },
            color: {
              field: 'verdict',
              type: 'nominal',
              scale: { domain: ['pass', 'fail', 'inconclusive', 'no sample'], range: ['#1a7f37', '#cf222e', '#9a6700', '#888888'] },
              title: 'verdict',
            },
          },
        },
        { data: { values: [{ target }] }, mark: { type: 'rule', strokeDash: [6, 4], color: '#444c56' }, encoding: { y: { field: 'target', type: 'quantitative' } } },
        ...(result.answer === null
          ? []
          : [{ data: { values: [{ answer: result.answer }] }, mark: { type: 'rule', color: '#0969da' }, encoding: { x: { field: 'answer', type: 'quantitative' } } }]),
      ],
    };
  });
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: `Sizing ${plan.scenario}: objectives against ${plan.path}`,
    config: CHART_CONFIG,
    vconcat: panels,
  } as unknown as TopLevelSpec;
  const answer = result.answer === null ? 'no value passed' : `the answer (${plan.path} = ${result.answer}) is the vertical line`;
  const fixed = Object.entries(series.fixed).map(([path, value]) => `${path} = ${value}`);
  const at = fixed.length === 0 ? '' : ` At ${fixed.join(', ')}, the cheapest combination.`;
  return {
    name: 'sizing',
    caption: `Each objective's figure with its 95 % CI at every value run, coloured by verdict; the dashed line is the target, ${answer}.${at}`,
    spec,
  };
}
