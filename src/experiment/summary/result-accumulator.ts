import { LatencySketch } from '../../metrics/latency-sketch.js';
import type { ScenarioSpec } from '../../model/spec.js';
import type { ReplicationOutcome } from '../replication.js';
import type { ScenarioResult, Summary } from '../result.js';
import { ElectionFigures } from './elections.js';
import { FingerprintHash } from './fingerprint.js';
import { HistogramRows } from './histogram-rows.js';
import { NodeRows } from './node-rows.js';
import { ReliabilityFigures } from './reliability.js';
import { ReplicatedStoreFigures } from './replicated-store.js';
import { RequestCounts } from './request-counts.js';
import { pooled, RequestFigures } from './request-figures.js';
import { SchedulerFigures } from './scheduler.js';
import { TimeseriesRows } from './timeseries-rows.js';

/**
 * Everything a report shows, folded from the replications' outcomes one at a time, in replication order, so that
 * no outcome is kept once folded: memory grows with one number per figure per replication (what the confidence
 * intervals need) and with the rows of the incident and election tables, never with whole outcomes. The figures
 * are the same, bit for bit, as if every outcome had been kept and summarised at the end.
 */
export class ResultAccumulator {
  private readonly fingerprint = new FingerprintHash();
  private readonly counts: RequestCounts;
  readonly requests: RequestFigures;
  private readonly reliability: ReliabilityFigures | null;
  /** Single-leader topology only; the other two by its mode. */
  private readonly elections: ElectionFigures | null;
  private readonly replicated: ReplicatedStoreFigures | null;
  private readonly scheduler: SchedulerFigures | null;
  private readonly nodes: NodeRows;
  private readonly timeseries = new TimeseriesRows();
  readonly histogram = new HistogramRows();
  private folded = 0;
  private summaryMade: Summary | null = null;

  constructor(private readonly spec: ScenarioSpec) {
    this.counts = new RequestCounts(spec);
    this.requests = new RequestFigures(spec);
    this.reliability = spec.reliability ? new ReliabilityFigures(spec.reliability, spec.nodes.length) : null;
    const leaderMode = spec.topology?.kind === 'single-leader' ? spec.topology.mode : null;
    this.elections = leaderMode !== null ? new ElectionFigures() : null;
    this.replicated = leaderMode === 'replicated' ? new ReplicatedStoreFigures(spec) : null;
    this.scheduler = leaderMode === 'scheduler' ? new SchedulerFigures(spec) : null;
    this.nodes = new NodeRows(spec);
  }

  /** Replications folded so far. */
  get replications(): number {
    return this.folded;
  }

  /** Folds the next replication; outcomes must come in replication order (the fingerprint depends on it). */
  add(outcome: ReplicationOutcome): void {
    if (this.summaryMade !== null) throw new Error('summary: a replication folded after the summary was made');
    const response = pooled(outcome, 'response');
    this.fingerprint.add(outcome);
    this.counts.add(outcome);
    this.requests.add(outcome, response);
    this.reliability?.add(outcome);
    this.elections?.add(outcome);
    this.replicated?.add(outcome);
    this.scheduler?.add(outcome);
    this.nodes.add(outcome);
    this.timeseries.add(outcome);
    this.histogram.add(response);
    this.folded++;
  }

  /** The summary.json contract; made once, after the last replication. */
  summary(): Summary {
    this.summaryMade ??= this.makeSummary();
    return this.summaryMade;
  }

  private makeSummary(): Summary {
    const { spec, requests, counts } = this;
    const summary: Summary = {
      scenario: spec.name,
      seed: spec.seed,
      replications: this.folded,
      fingerprint: this.fingerprint.digest(),
      percentileRelativeError: LatencySketch.relativeAccuracy,
      requests: counts.requests(),
      ...requests.figures(),
      reliability: this.reliability?.summary(requests) ?? null,
      classes: requests.classFigures(),
      measuredTime: counts.measuredTime(),
      stoppedEarly: counts.stoppedEarly(),
    };
    if (this.elections === null) return summary;
    Object.assign(summary, this.elections.summary());
    // The replicated store's write unavailability and (reads: any) read staleness; nothing for other runs.
    const unavailability = this.replicated?.writeUnavailability();
    if (unavailability !== undefined && summary.writes !== undefined) Object.assign(summary.writes, unavailability);
    const staleness = this.replicated?.readStaleness();
    if (staleness !== undefined) summary.reads = { staleness };
    if (this.scheduler !== null) {
      // A scheduler acknowledges no writes: it has elections but no lost writes, and its own figures.
      delete summary.writes;
      summary.scheduler = this.scheduler.summary();
    }
    return summary;
  }

  /** What the reader should know about the figures: a run stopped early, figures without (all) their samples. */
  warnings(): string[] {
    const stoppedEarly = this.summary().stoppedEarly;
    return [...(stoppedEarly ? [stoppedEarly] : []), ...this.requests.warnings(), ...(this.reliability?.warnings() ?? [])];
  }

  /** Everything a report needs; made once, after the last replication. */
  result(source?: { path: string; text: string }): ScenarioResult {
    const summary = this.summary();
    const warnings = this.warnings();
    const elections = this.elections?.rows();
    const replicationLag = this.replicated?.lagRows();
    return {
      spec: this.spec,
      ...(source ? { source } : {}),
      summary,
      nodes: this.nodes.rows(),
      timeseries: this.timeseries.rows(),
      histogram: this.histogram.rows(),
      incidents: this.reliability?.incidentRows ?? [],
      ...(elections !== undefined ? { elections } : {}),
      ...(replicationLag !== undefined ? { replicationLag } : {}),
      warnings,
    };
  }
}
