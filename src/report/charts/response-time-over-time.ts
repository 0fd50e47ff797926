import type { ScenarioResult } from '../../experiment/result.js';
import { intervalResponse, isPlottable, overTimeLineSpec, type ChartSpec } from './chart-spec.js';
import { sloResponseRules } from './slo-rules.js';
import { measuredWindow } from './time-unit.js';
import { shadingCaption, timeShading } from './time-shading.js';

const SERIES = ['p50', 'p99'] as const;

export function responseTimeOverTimeChart(result: ScenarioResult): ChartSpec {
  const shading = timeShading(result);
  const values = result.timeseries.flatMap((row) =>
    SERIES.map((series) => ({
      start: row.start,
      series,
      responseTime: intervalResponse(row, series === 'p50' ? row.p50Response : row.p99Response),
    })).filter((point) => isPlottable(point.start, point.responseTime)),
  );
  return {
    name: 'response-time-over-time',
    caption:
      'Median (p50) and 99th-percentile (p99) response time per interval, by interval start after the warm-up. ' +
      'A rising line means a queue that keeps growing (overload); spikes line up with faults or bursts. A gap is ' +
      'an interval in which no request completed. A dashed red line is an SLO target of the scenario (p99 or mean ' +
      `response time): the p99 line above its target is an interval in which the objective was missed.${shadingCaption(shading)}`,
    spec: overTimeLineSpec({
      title: 'Response time over time (p50 and p99)',
      values,
      field: 'responseTime',
      axisTitle: 'Response time (s)',
      window: measuredWindow(result.summary.measuredTime, result.timeseries),
      rules: sloResponseRules(result),
      shading,
      color: {
        field: 'series',
        type: 'nominal',
        // A fixed domain keeps the colours stable even when one series has no points.
        scale: { domain: [...SERIES], range: ['#4c78a8', '#e45756'] },
        title: 'Percentile',
      },
    }),
  };
}
