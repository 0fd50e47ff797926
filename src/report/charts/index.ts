import type { ScenarioResult } from '../../experiment/result.js';
import type { ChartSpec } from './chart-spec.js';
import { responseTimeCdfChart } from './response-time-cdf.js';
import { responseTimeOverTimeChart } from './response-time-over-time.js';
import { replicationLagChart } from './replication-lag.js';
import { throughputOverTimeChart } from './throughput-over-time.js';
import { timeWithoutLeaderChart } from './time-without-leader.js';
import { timelineChart } from './timeline.js';
import { utilizationPerNodeChart } from './utilization-per-node.js';

export type { ChartSpec } from './chart-spec.js';
export { MAX_NODES_AS_BARS } from './utilization-per-node.js';
export { MAX_INCIDENTS_SHADED, TIMELINE_PANEL_HEIGHT } from './timeline.js';

/**
 * Every chart of the report, in page order; `time-without-leader` only for a single-leader run with elections,
 * `replication-lag` only for a single-leader replicated store.
 */
export function buildCharts(result: ScenarioResult): ChartSpec[] {
  const charts = [
    responseTimeCdfChart(result),
    responseTimeOverTimeChart(result),
    throughputOverTimeChart(result),
    timelineChart(result),
    utilizationPerNodeChart(result),
  ];
  const withoutLeader = timeWithoutLeaderChart(result);
  if (withoutLeader !== null) charts.push(withoutLeader);
  const lag = replicationLagChart(result);
  if (lag !== null) charts.push(lag);
  return charts;
}
