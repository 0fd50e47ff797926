import { nonNegative, type Estimate } from '../../metrics/confidence.js';
import { ratioEstimate } from '../../metrics/ratio-estimate.js';
import type { LatencySketch } from '../../metrics/latency-sketch.js';
import { withSketchResolution } from '../../metrics/percentile-interval.js';
import { ReplicationColumn, replicationColumns } from '../../metrics/replication-column.js';
import { RunningStatistics } from '../../metrics/running-statistics.js';
import type { ReliabilitySpec } from '../../model/spec.js';
import type { ReplicationOutcome } from '../replication.js';
import type { IncidentRow, ReliabilitySummary } from '../result.js';
import { ObjectiveColumns } from './objectives.js';
import { missingSampleWarnings } from './missing-samples.js';
import { share } from '../../metrics/share.js';
import type { RequestFigures } from './request-figures.js';
import { nodeSeconds } from './node-seconds.js';

/** null for a figure without a value (no crash at all), as summary.json has it. */
function orNull(figure: Estimate): Estimate | null {
  return figure.value === null ? null : figure;
}

function sumOf(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Mean and p99 of the response times in one condition (healthy or degraded), over the replications that saw one. */
class ConditionColumns {
  private readonly mean = new ReplicationColumn();
  private readonly p99 = new ReplicationColumn();
  private count = 0;

  add(sketch: LatencySketch): void {
    this.count += sketch.count;
    if (sketch.count === 0) return;
    this.mean.push(sketch.mean);
    this.p99.push(sketch.quantile(0.99));
  }

  figures(): ReliabilitySummary['responseTime']['healthy'] {
    return { mean: this.mean.estimate(nonNegative), p99: withSketchResolution(this.p99.estimate(nonNegative)), count: this.count };
  }
}

/** Failures, detection and recovery over the replications, and every incident as a row; for runs with failures. */
export class ReliabilityFigures {
  private readonly crashes = new ReplicationColumn();
  /** Per replication: up node-seconds and crashes, down node-seconds and repairs (MTBF and MTTR are their ratios). */
  private readonly upTime: number[] = [];
  private readonly crashCounts: number[] = [];
  private readonly downTime: number[] = [];
  private readonly repairCounts: number[] = [];
  private readonly columns = replicationColumns('incidents', 'downtime', 'falseSuspicions', 'retries');
  private readonly healthy = new ConditionColumns();
  private readonly degraded = new ConditionColumns();
  private replications = 0;
  /** Pooled over replications: each replication's sum is added to the others', in replication order. */
  private readonly detection = new RunningStatistics();
  readonly incidentRows: IncidentRow[] = [];

  private readonly objectives: ObjectiveColumns;

  constructor(private readonly reliability: ReliabilitySpec) {
    this.objectives = new ObjectiveColumns(reliability.slo);
  }

  /** Folds one replication; `response` is its pooled response sketch. */
  add(o: ReplicationOutcome, response: LatencySketch): void {
    this.replications++;
    this.objectives.add(o, response);
    const r = o.reliability;
    if (r === null) {
      // The run stopped before its window began: nothing of the window to count.
      for (const column of [this.crashes, this.columns.incidents, this.columns.downtime, this.columns.falseSuspicions]) {
        column.push(null);
      }
      this.columns.retries.push(null);
      return;
    }
    const crashes = sumOf(r.crashes);
    const repairs = sumOf(r.repairs);
    const uptime = sumOf(r.nodeUptime);
    this.crashes.push(crashes);
    // MTBF and MTTR are ratios of totals over every replication (ratioEstimate), the node table's definition too.
    this.upTime.push(uptime);
    this.crashCounts.push(crashes);
    this.downTime.push(nodeSeconds(o) - uptime);
    this.repairCounts.push(repairs);
    this.columns.incidents.push(r.incidents.length);
    this.columns.downtime.push(sumOf(r.incidents.map((i) => i.end - i.start)));
    this.columns.falseSuspicions.push(r.falseSuspicions);
    this.columns.retries.push(o.measurement.retries);
    this.healthy.add(o.measurement.healthyResponse);
    this.degraded.add(o.measurement.degradedResponse);
    this.detection.merge(r.detectionLatency);
    for (const incident of r.incidents) {
      this.incidentRows.push({
        replication: o.index,
        start: incident.start,
        end: incident.end,
        duration: incident.end - incident.start,
        cause: incident.cause,
        requestsFailed: incident.requestsFailed,
      });
    }
  }

  /** The summary's `reliability`; the objectives are judged on confidence intervals (objectives.ts). */
  summary(requests: RequestFigures): ReliabilitySummary {
    return {
      minHealthy: this.reliability.slo.minHealthy,
      successRatio: this.reliability.slo.successRatio,
      minThroughput: this.reliability.slo.minThroughput ?? null,
      crashes: this.crashes.estimate(nonNegative),
      mtbf: orNull(ratioEstimate(this.upTime, this.crashCounts, nonNegative)),
      mttr: orNull(ratioEstimate(this.downTime, this.repairCounts, nonNegative)),
      incidents: this.columns.incidents.estimate(nonNegative),
      downtime: this.columns.downtime.estimate(nonNegative),
      detection: {
        latency:
          this.detection.count > 0
            ? { mean: this.detection.mean, min: this.detection.min, max: this.detection.max, count: this.detection.count }
            : null,
        falseSuspicions: this.columns.falseSuspicions.estimate(nonNegative),
      },
      retries: this.columns.retries.estimate(nonNegative),
      responseTime: { healthy: this.healthy.figures(), degraded: this.degraded.figures() },
      slo: this.objectives.checks(requests),
    };
  }
}
