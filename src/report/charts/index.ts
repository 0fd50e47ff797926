import type { ScenarioResult } from '../../experiment/result.js';
import type { ChartSpec } from './chart-spec.js';
import { responseTimeCdfChart } from './response-time-cdf.js';
import { responseTimeOverTimeChart } from './response-time-over-time.js';
import { throughputOverTimeChart } from './throughput-over-time.js';
import { timelineChart } from './timeline.js';
import { utilizationPerNodeChart } from './utilization-per-node.js';

export type { ChartSpec } from './chart-spec.js';
export { MAX_NODES_AS_BARS } from './utilization-per-node.js';
export { MAX_INCIDENTS_SHADED, TIMELINE_PANEL_HEIGHT } from './timeline.js';

/** Every chart of the report, in page order. */
export function buildCharts(result: ScenarioResult): ChartSpec[] {
  return [
    responseTimeCdfChart(result),
    responseTimeOverTimeChart(result),
    throughputOverTimeChart(result),
    timelineChart(result),
    utilizationPerNodeChart(result),
  ];
}
