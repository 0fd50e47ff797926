import { commonCauseCount, failureCauseNames } from '../../metrics/failure-causes.js';
import type { ScenarioSpec } from '../../model/spec.js';
import { topologyOf } from '../../topology/registry.js';
import type { ReplicationOutcome } from '../replication.js';
import type { Summary } from '../result.js';

/**
 * The request counts of the summary summed over replications, the mean measured time, and why a run covers less
 * than it was asked to (a bound, the wall clock, an overload): running sums, one replication at a time.
 */
export class RequestCounts {
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

  constructor(private readonly spec: ScenarioSpec) {}

  add(o: ReplicationOutcome): void {
    const m = o.measurement;
    this.replications++;
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

  requests(): Summary['requests'] {
    const failedByCause: Record<string, number> = {};
    const ownCauses = topologyOf(this.spec).failureCauses ?? [];
    failureCauseNames.forEach((name, i) => {
      const count = this.failedByCause[i];
      // A cause only some topologies produce is listed (even at 0) by the topologies that declare it.
      if (i < commonCauseCount || ownCauses.includes(name) || count > 0) failedByCause[name] = count;
    });
    return {
      arrived: this.arrived,
      completed: this.completed,
      failed: this.failed,
      inFlight: this.inFlight,
      failedByCause,
    };
  }

  /** Measured simulated seconds per replication, averaged. */
  measuredTime(): number {
    return this.replications > 0 ? this.measuredTimeSum / this.replications : 0;
  }

  /** Why figures cover less than asked, or null. */
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
