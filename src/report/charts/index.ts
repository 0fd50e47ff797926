import type { ScenarioResult } from '../../experiment/result.js';
import { sectionsOf } from '../sections.js';
import type { ChartSpec } from './chart-spec.js';
import { responseTimeCdfChart } from './response-time-cdf.js';
import { responseTimeOverTimeChart } from './response-time-over-time.js';
import { responseTimeTailChart } from './response-time-tail.js';
import { timelineChart } from './timeline.js';
import { timeShading } from './time-shading.js';
import { utilizationPerNodeChart } from './utilization-per-node.js';

export type { ChartSpec } from './chart-spec.js';
export { MAX_NODES_AS_BARS } from './utilization-per-node.js';
export { MAX_INCIDENTS_SHADED, TIMELINE_PANEL_HEIGHT } from './timeline.js';

/**
 * Every chart of the report, in page order: the common ones, then each section's (a topology's own charts).
 * Throughput has no chart of its own: the timeline draws it, on the time axis of the nodes up and the incidents.
 */
export function buildCharts(result: ScenarioResult): ChartSpec[] {
  const charts = [
    responseTimeCdfChart(result),
    responseTimeTailChart(result),
    responseTimeOverTimeChart(result),
    timelineChart(result),
    utilizationPerNodeChart(result),
  ];
  const context = { shading: timeShading(result) };
  for (const { definition, result: data } of sectionsOf(result)) {
    charts.push(...(definition.charts?.(data, result.summary, context) ?? []));
  }
  return charts;
}
