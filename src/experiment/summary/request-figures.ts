import { fraction, nonNegative } from '../../metrics/confidence.js';
import { FailureCause } from '../../metrics/failure-causes.js';
import { LatencySketch } from '../../metrics/latency-sketch.js';
import { ReplicationColumn } from '../../metrics/replication-column.js';
import type { ScenarioSpec } from '../../model/spec.js';
import { coreSeconds } from './node-seconds.js';
import type { ReplicationOutcome } from '../replication.js';
import type { Summary } from '../result.js';
import { missingSampleWarnings, type MissingSamples } from './missing-samples.js';
import { share } from '../../metrics/share.js';
import { TimeFigureColumns } from './time-figures.js';

/** Pools a replication's per-class sketches into one, in class order. */
export function pooled(outcome: ReplicationOutcome, pick: 'response' | 'wait'): LatencySketch {
  const sketch = new LatencySketch();
  for (const c of outcome.measurement.classes) sketch.merge(c[pick]);
  return sketch;
}

/** Nines of an availability: -log10(1 - a), capped at 9 (a run cannot show more); null without an availability. */
export function nines(availability: number | null): number | null {
  if (availability === null) return null;
  if (availability >= 1 - 1e-9) return 9;
  return Math.round(-Math.log10(1 - availability) * 100) / 100;
}

const NO_ARRIVAL = 'no request arrived in the measurement window';

/**
 * The request-level figures of the summary (response and wait times, throughput, utilisation, blocking,
 * availability, per class), one number per replication each. A replication has no value of a figure whose
 * denominator it did not sample: no response time without a completed request, no blocking probability without an
 * arrival, no request availability without a finished request, no rate or time fraction of an empty window. Those
 * replications are left out of the figure (never read as 0), and `warnings` says how many and why.
 */
export class RequestFigures {
  readonly responseTime = new TimeFigureColumns();
  readonly waitTime = new TimeFigureColumns();
  readonly probWait = new ReplicationColumn();
  readonly throughput = new ReplicationColumn();
  readonly utilization = new ReplicationColumn();
  readonly blockingProbability = new ReplicationColumn();
  readonly timeAvailability = new ReplicationColumn();
  readonly requestAvailability = new ReplicationColumn();
  private readonly classes: { responseTime: TimeFigureColumns; throughput: ReplicationColumn; uncompleted: number }[];
  private replications = 0;
  private withoutArrival = 0;
  private withoutCompletion = 0;
  private withoutFinished = 0;
  private withoutWindow = 0;

  constructor(private readonly spec: ScenarioSpec) {
    this.classes = spec.workload.map(() => ({
      responseTime: new TimeFigureColumns(),
      throughput: new ReplicationColumn(),
      uncompleted: 0,
    }));
  }

  /** Folds one replication; `response` is its pooled response sketch (shared with the histogram). */
  add(o: ReplicationOutcome, response: LatencySketch): void {
    const m = o.measurement;
    const window = o.measuredTime;
    this.replications++;
    if (m.arrived === 0) this.withoutArrival++;
    if (m.completed === 0) this.withoutCompletion++;
    if (m.completed + m.failed === 0) this.withoutFinished++;
    if (window <= 0) this.withoutWindow++;
    this.responseTime.add(response);
    this.waitTime.add(pooled(o, 'wait'));
    this.probWait.push(
      share(
        m.classes.reduce((acc, c) => acc + c.waited, 0),
        m.completed,
      ),
    );
    // With 0 completions in a window that lasted, throughput is a true 0; only an empty window has none.
    this.throughput.push(share(m.completed, window));
    // Busy core-seconds over the core-seconds of the nodes that existed (node-seconds.ts).
    this.utilization.push(share(o.nodes.busyArea.reduce((acc, busy) => acc + busy, 0), coreSeconds(o, this.spec)));
    this.blockingProbability.push(share(m.failedByCause[FailureCause.rejected], m.arrived));
    // Without failures every node is up for the whole window, so the service always had a node.
    this.timeAvailability.push(window > 0 ? (o.reliability?.timeAvailability ?? 1) : null);
    this.requestAvailability.push(share(m.completed, m.completed + m.failed));
    this.classes.forEach((c, ci) => {
      const completed = m.classes[ci].response.count;
      if (completed === 0) c.uncompleted++;
      c.responseTime.add(m.classes[ci].response);
      c.throughput.push(share(completed, window));
    });
  }

  /** The figures from responseTime to availability, in summary.json's order. */
  figures(): Pick<
    Summary,
    'responseTime' | 'waitTime' | 'probWait' | 'throughput' | 'utilization' | 'blockingProbability' | 'availability'
  > {
    const time = this.timeAvailability.estimate(fraction);
    const request = this.requestAvailability.estimate(fraction);
    return {
      responseTime: this.responseTime.estimates(),
      waitTime: this.waitTime.estimates(),
      probWait: this.probWait.estimate(fraction),
      throughput: this.throughput.estimate(nonNegative),
      utilization: this.utilization.estimate(fraction),
      blockingProbability: this.blockingProbability.estimate(fraction),
      availability: { time, request, timeNines: nines(time.value), requestNines: nines(request.value) },
    };
  }

  classFigures(): Summary['classes'] {
    const classes: Summary['classes'] = {};
    this.spec.workload.forEach((c, ci) => {
      classes[c.name] = {
        responseTime: this.classes[ci].responseTime.estimates(),
        throughput: this.classes[ci].throughput.estimate(nonNegative),
      };
    });
    return classes;
  }

  /** Which figures lack a value in some or all replications, and why. */
  warnings(): string[] {
    const completionReason =
      this.withoutCompletion === this.withoutArrival ? NO_ARRIVAL : 'no measured request completed in the measurement window';
    const finishedReason =
      this.withoutFinished === this.withoutArrival
        ? NO_ARRIVAL
        : 'no measured request finished (completed or failed) in the measurement window';
    const groups: MissingSamples[] = [
      {
        reason: completionReason,
        figures: ['response time', 'wait time', 'probability of waiting'],
        missing: this.withoutCompletion,
      },
      { reason: NO_ARRIVAL, figures: ['blocking probability'], missing: this.withoutArrival },
      { reason: finishedReason, figures: ['request availability'], missing: this.withoutFinished },
      {
        reason: 'the measurement window was empty (the run stopped before it began)',
        figures: ['throughput', 'utilisation', 'time availability'],
        missing: this.withoutWindow,
      },
    ];
    const hint = '; lengthen the window (duration or requests) or raise the arrival rate';
    const warnings = missingSampleWarnings(groups, this.replications, this.withoutArrival > 0 ? hint : '');
    // A class that completed nothing where the others did: said per class, beyond what the run as a whole lacked.
    this.spec.workload.forEach((c, ci) => {
      const missing = this.classes[ci].uncompleted;
      if (missing > this.withoutCompletion) {
        const reason = `no request of class '${c.name}' completed in the measurement window`;
        warnings.push(...missingSampleWarnings([{ reason, figures: ['its response time'], missing }], this.replications));
      }
    });
    return warnings;
  }
}
