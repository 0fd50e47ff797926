import { LatencySketch } from '../../metrics/latency-sketch.js';
import type { ScenarioSpec } from '../../model/spec.js';
import { sectionsFor } from '../feature-sections.js';
import type { AnySectionDefinition, SectionAccumulator } from '../../topology/section.js';
import type { ReplicationOutcome } from '../replication.js';
import type { ScenarioResult, Summary } from '../result.js';
import { FingerprintHash } from './fingerprint.js';
import { HistogramRows } from './histogram-rows.js';
import { NodeRows } from './node-rows.js';
import { ReliabilityFigures } from './reliability.js';
import { RequestCounts } from './request-counts.js';
import { pooled, RequestFigures } from './request-figures.js';
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
  /** The report sections of the topology and of the features used, each with its accumulator, in report order. */
  private readonly sections: { definition: AnySectionDefinition; accumulator: SectionAccumulator }[];
  private readonly nodes: NodeRows;
  private readonly timeseries = new TimeseriesRows();
  readonly histogram = new HistogramRows();
  private folded = 0;
  private summaryMade: Summary | null = null;

  constructor(private readonly spec: ScenarioSpec) {
    this.counts = new RequestCounts(spec);
    this.requests = new RequestFigures(spec);
    this.reliability = spec.reliability ? new ReliabilityFigures(spec.reliability) : null;
    this.sections = sectionsFor(spec).map((definition) => ({ definition, accumulator: definition.accumulate(spec) }));
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
    this.reliability?.add(outcome, response);
    for (const section of this.sections) section.accumulator.add(outcome);
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
    // Each section's keys, after the common figures, in section order.
    for (const section of this.sections) Object.assign(summary, section.accumulator.summary());
    return summary;
  }

  /** What the reader should know about the figures: a run stopped early, figures without (all) their samples. */
  warnings(): string[] {
    const stoppedEarly = this.summary().stoppedEarly;
    return [...(stoppedEarly ? [stoppedEarly] : []), ...this.requests.warnings()];
  }

  /** Each section's data for its renderers, by section id (the sections that saw their data). */
  sectionResults(): Record<string, unknown> {
    const sections: Record<string, unknown> = {};
    for (const { definition, accumulator } of this.sections) {
      const data = accumulator.result();
      if (data !== undefined) sections[definition.id] = data;
    }
    return sections;
  }

  /** Everything a report needs; made once, after the last replication. */
  result(source?: { path: string; text: string }): ScenarioResult {
    const summary = this.summary();
    const warnings = this.warnings();
    const sections = this.sectionResults();
    return {
      spec: this.spec,
      ...(source ? { source } : {}),
      summary,
      nodes: this.nodes.rows(),
      timeseries: this.timeseries.rows(),
      histogram: this.histogram.rows(),
      incidents: this.reliability?.incidentRows ?? [],
      sections,
      warnings,
    };
  }
}
