import type { ScenarioResult } from '../../experiment/result.js';
import { isPlottable, overTimeLineSpec, type ChartSpec } from './chart-spec.js';

export function throughputOverTimeChart(result: ScenarioResult): ChartSpec {
  const values = result.timeseries
    .filter((row) => isPlottable(row.start, row.throughput))
    .map((row) => ({ start: row.start, throughput: row.throughput }));
  return {
    name: 'throughput-over-time',
    caption:
      'Completed requests per second in each interval, by interval start after the warm-up. In steady state it ' +
      'matches the arrival rate; a drop below it means requests are queueing up, failing or being rejected.',
    spec: overTimeLineSpec({ title: 'Throughput over time', values, field: 'throughput', axisTitle: 'Throughput (requests/s)' }),
  };
}
