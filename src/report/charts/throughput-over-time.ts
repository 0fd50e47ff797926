import type { ScenarioResult } from '../../experiment/result.js';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, VEGA_LITE_SCHEMA, isPlottable, type ChartSpec } from './chart-spec.js';

export function throughputOverTimeChart(result: ScenarioResult): ChartSpec {
  const values = result.timeseries
    .filter((row) => isPlottable(row.start, row.throughput))
    .map((row) => ({ start: row.start, throughput: row.throughput }));
  return {
    name: 'throughput-over-time',
    caption:
      'Completed requests per second in each interval, by interval start after the warm-up. In steady state it ' +
      'matches the arrival rate; a drop below it means requests are queueing up, failing or being rejected.',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: 'Throughput over time',
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      config: CHART_CONFIG,
      data: { values },
      mark: { type: 'line' },
      encoding: {
        x: { field: 'start', type: 'quantitative', title: 'Interval start, after warm-up (s)' },
        y: { field: 'throughput', type: 'quantitative', title: 'Throughput (requests/s)' },
      },
    },
  };
}
