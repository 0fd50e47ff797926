import { fraction, nonNegative } from '../../metrics/confidence.js';
import { commonCauseCount, FailureCause, failureCauseNames } from '../../metrics/failure-causes.js';
import { LatencySketch } from '../../metrics/latency-sketch.js';
import { ReplicationColumn } from '../../metrics/replication-column.js';
import type { ScenarioSpec } from '../../model/spec.js';
import type { ReplicationOutcome } from '../replication.js';
import type { Summary } from '../result.js';
import { ratio } from './ratio.js';
import { TimeFigureColumns } from './time-figures.js';

/** Pools a replication's per-class sketches into one, in class order. */
export function pooled(outcome: ReplicationOutcome, pick: 'response' | 'wait'): LatencySketch {
  const sketch = new LatencySketch();
  for (const c of outcome.measurement.classes) sketch.merge(c[pick]);
  return sketch;
}

/** Nines of an availability: -log10(1 - a), capped at 9 (a run cannot show more). */
export function nines(availability: number): number {
  if (availability >= 1 - 1e-9) return 9;
  return Math.round(-Math.log10(1 - availability) * 100) / 100;
}

/**
 * The request-level figures of the summary (response and wait times, throughput, utilisation, blocking,
 * availability, per class), the request counts, and the replications' stop reasons, folded one replication at a
 * time: per figure one number per replication, per count one running sum.
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
  private readonly classes: { responseTime: TimeFigureColumns; throughput: ReplicationColumn }[];
  private readonly totalCores: number;
  private arrived = 0;
  private completed = 0;
  private failed = 0;
  private inFlight = 0;
  private readonly failedByCause = new Float64Array(failureCauseNames.length);
  private measuredTimeSum = 0;
  private replications = 0;
  private atMaxEvents = 0;
  private interrupted = 0;
  private undrained = 0;
  private undrainedInFlight = 0;

  constructor(private readonly spec: ScenarioSpec) {
    this.totalCores = spec.nodes.reduce((sum, n) => sum + n.cores, 0);
    this.classes = spec.workload.map(() => ({ responseTime: new TimeFigureColumns(), throughput: new ReplicationColumn() }));
  }

  /** Folds one replication; `response` is its pooled response sketch (shared with the histogram). */
  add(o: ReplicationOutcome, response: LatencySketch): void {
    const m = o.measurement;
    this.replications++;
    this.responseTime.add(response);
    this.waitTime.add(pooled(o, 'wait'));
    this.probWait.push(
      ratio(
        m.classes.reduce((acc, c) => acc + c.waited, 0),
        m.completed,
      ),
    );
    this.throughput.push(ratio(m.completed, o.measuredTime));
    this.utilization.push(ratio(o.nodes.reduce((acc, n) => acc + n.busyArea, 0), this.totalCores * o.measuredTime));
    this.blockingProbability.push(ratio(m.failedByCause[FailureCause.rejected], m.arrived));
    // Without failures every node is up for the whole window, so the service always had a node.
    this.timeAvailability.push(o.reliability?.timeAvailability ?? 1);
    this.requestAvailability.push(ratio(m.completed, m.completed + m.failed));
    this.classes.forEach((c, ci) => {
      c.responseTime.add(m.classes[ci].response);
      c.throughput.push(ratio(m.classes[ci].response.count, o.measuredTime));
    });

    this.arrived += m.arrived;
    this.completed += m.completed;
    this.failed += m.failed;
    this.inFlight += o.inFlight;
    for (let i = 0; i < this.failedByCause.length; i++) this.failedByCause[i] += m.failedByCause[i];
    this.measuredTimeSum += o.measuredTime;
    if (o.stopReason === 'max-events') this.atMaxEvents++;
    if (o.stopReason === 'interrupted') this.interrupted++;
    if (o.stopReason === 'drain-limit') {
      this.undrained++;
      this.undrainedInFlight += o.inFlight;
    }
  }

  /** The summary's request counts. */
  requests(): Summary['requests'] {
    const failedByCause: Record<string, number> = {};
    const singleLeader = this.spec.topology?.kind === 'single-leader';
    failureCauseNames.forEach((name, i) => {
      const count = this.failedByCause[i];
      // Causes only the single-leader topology produces stay out of the direct topology's summaries.
      if (i < commonCauseCount || singleLeader || count > 0) failedByCause[name] = count;
    });
    return {
      arrived: this.arrived,
      completed: this.completed,
      failed: this.failed,
      inFlight: this.inFlight,
      failedByCause,
    };
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

  /** Measured simulated seconds per replication, averaged. */
  measuredTime(): number {
    return this.replications > 0 ? this.measuredTimeSum / this.replications : 0;
  }

  /** Why figures cover less than asked (a bound, the wall clock, an overload), or null. */
  stoppedEarly(): string | null {
    const { spec, replications } = this;
    const notes: string[] = [];
    if (this.atMaxEvents > 0) {
      notes.push(
        `${this.atMaxEvents} of ${replications} replications stopped at maxEvents (${spec.run.maxEvents}) before their stop condition`,
      );
    }
    if (this.interrupted > 0 || replications < spec.run.replications) {
      notes.push(
        `stopped at the wall-clock limit: ${replications} of ${spec.run.replications} replications ran, ` +
          `${this.interrupted} of them cut short; the figures cover what ran and are not reproducible`,
      );
    }
    if (this.undrained > 0) {
      notes.push(
        `${this.undrained} of ${replications} replications could not finish their measured requests within as long ` +
          `again as the window (${this.undrainedInFlight} still in flight): the system is overloaded, and response ` +
          'times leave those out',
      );
    }
    return notes.length > 0 ? notes.join('; ') : null;
  }
}
