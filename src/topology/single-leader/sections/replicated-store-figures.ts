import { fraction, nonNegative } from '../../../metrics/confidence.js';
import { FailureCause } from '../../../metrics/failure-causes.js';
import { singleLeaderCauseNames } from '../write-availability.js';
import { LatencySketch } from '../../../metrics/latency-sketch.js';
import { ReplicationColumn, replicationColumns } from '../../../metrics/replication-column.js';
import type { ScenarioSpec, SingleLeaderTopologySpec } from '../../../model/spec.js';
import type { ReplicatedStoreOutcome } from '../replicated-store.js';
import type { ReplicationView } from '../../section.js';
import type { SingleLeaderOutcome } from '../replicated-store.js';
import { SINGLE_LEADER_SECTION } from './ids.js';
import type { ReadStaleness, ReplicationLagRow, WriteUnavailability } from '../../../experiment/result.js';
import { share } from '../../../metrics/share.js';

/** Per replication: the mean, percentiles and maximum of one staleness sketch, for those with a follower read. */
class StalenessColumns {
  readonly mean = new ReplicationColumn();
  readonly p50 = new ReplicationColumn();
  readonly p99 = new ReplicationColumn();
  readonly max = new ReplicationColumn();

  add(sketch: LatencySketch): void {
    this.mean.push(sketch.mean);
    this.p50.push(sketch.quantile(0.5));
    this.p99.push(sketch.quantile(0.99));
    this.max.push(sketch.max);
  }
}

/** Replication lag of one interval, summed over the replications that sampled a leader in it. */
interface LagSums {
  mean: number;
  meanCount: number;
  max: number;
  maxCount: number;
}

/**
 * What only the replicated store measures, over the replications: write unavailability (time- and request-based),
 * read staleness with `reads: any`, and replication lag per interval. Replications without a follower read are
 * left out of the staleness figures, intervals where no replication sampled a leader have no lag (NaN: an empty
 * cell, a gap in the chart).
 */
export class ReplicatedStoreFigures {
  private runs = 0;
  private readonly writeClasses: number[];
  private readonly failedByCause = new Float64Array(singleLeaderCauseNames.length);
  private readonly columns = replicationColumns('unavailableTime', 'unavailableFraction', 'failedFraction', 'noLeaderFraction', 'failedDuringFailover');
  private readonly writesBehind = new StalenessColumns();
  private readonly timeBehind = new StalenessColumns();
  private readonly staleFraction = new ReplicationColumn();
  private readonly servedByFollowers = new ReplicationColumn();
  private readonly lag: LagSums[] = [];
  private lagWidth = NaN;

  constructor(private readonly spec: ScenarioSpec) {
    this.writeClasses = spec.workload.flatMap((c, i) => (c.op === 'write' ? [i] : []));
  }

  add(o: ReplicationView): void {
    const r = (o.sections[SINGLE_LEADER_SECTION] as SingleLeaderOutcome | undefined)?.replicated;
    if (r === undefined) return;
    this.runs++;
    this.addWrites(o, r);
    this.addStaleness(r);
    this.addLag(r);
  }

  /** Measured writes that failed, of those that finished (completed writes are the write classes' completions). */
  private addWrites(o: ReplicationView, r: ReplicatedStoreOutcome): void {
    const byCause = r.failures.writesFailedByCause;
    for (let i = 0; i < this.failedByCause.length; i++) this.failedByCause[i] += byCause[i];
    const failed = byCause.reduce((a, b) => a + b, 0);
    const completed = this.writeClasses.reduce((sum, ci) => sum + o.measurement.classes[ci].response.count, 0);
    this.columns.unavailableTime.push(r.timeWithoutLeader);
    this.columns.unavailableFraction.push(share(r.timeWithoutLeader, o.measuredTime));
    // A replication in which no measured write finished has no failed fraction of writes.
    this.columns.failedFraction.push(share(failed, failed + completed));
    this.columns.noLeaderFraction.push(share(byCause[FailureCause.noLeader], failed + completed));
    this.columns.failedDuringFailover.push(r.failures.failedDuringFailover);
  }

  private addStaleness(r: ReplicatedStoreOutcome): void {
    const s = r.staleness;
    if (s.followerReads > 0) {
      this.writesBehind.add(LatencySketch.fromData(s.writesBehind));
      this.timeBehind.add(LatencySketch.fromData(s.timeBehind));
      this.staleFraction.push(s.stale / s.followerReads);
    }
    if (s.reads > 0) this.servedByFollowers.push(s.followerReads / s.reads);
  }

  private addLag(r: ReplicatedStoreOutcome): void {
    const lag = r.replicationLag;
    if (Number.isNaN(this.lagWidth)) this.lagWidth = lag.width;
    for (let k = 0; k < lag.mean.length; k++) {
      if (k === this.lag.length) this.lag.push({ mean: 0, meanCount: 0, max: 0, maxCount: 0 });
      const sums = this.lag[k];
      if (!Number.isNaN(lag.mean[k])) {
        sums.mean += lag.mean[k];
        sums.meanCount++;
      }
      if (lag.max[k] !== undefined && !Number.isNaN(lag.max[k])) {
        sums.max += lag.max[k];
        sums.maxCount++;
      }
    }
  }

  /**
   * Write unavailability, time-based (the window without a leader) and request-based, with the measured requests
   * that failed during a failover. Undefined unless the run is a replicated store.
   */
  writeUnavailability(): WriteUnavailability | undefined {
    if (this.runs === 0) return undefined;
    const failedByCause: Record<string, number> = {};
    singleLeaderCauseNames.forEach((name, i) => {
      failedByCause[name] = this.failedByCause[i];
    });
    return {
      unavailableTime: this.columns.unavailableTime.estimate(nonNegative),
      unavailableFraction: this.columns.unavailableFraction.estimate(fraction),
      failedFraction: this.columns.failedFraction.estimate(fraction),
      noLeaderFraction: this.columns.noLeaderFraction.estimate(fraction),
      failedByCause,
      failedDuringFailover: this.columns.failedDuringFailover.estimate(nonNegative),
    };
  }

  /** Read staleness of a replicated store with `reads: any`; undefined for other runs. */
  readStaleness(): ReadStaleness | undefined {
    const topology = this.spec.topology as SingleLeaderTopologySpec | undefined;
    if (topology?.kind !== 'single-leader' || topology.mode !== 'replicated' || topology.reads !== 'any') return undefined;
    const { writesBehind: writes, timeBehind: times } = this;
    return {
      writesBehind: {
        mean: writes.mean.estimate(nonNegative),
        p99: writes.p99.estimate(nonNegative),
        max: writes.max.estimate(nonNegative),
      },
      timeBehind: {
        mean: times.mean.estimate(nonNegative),
        p50: times.p50.estimate(nonNegative),
        p99: times.p99.estimate(nonNegative),
        max: times.max.estimate(nonNegative),
      },
      staleFraction: this.staleFraction.estimate(fraction),
      servedByFollowers: this.servedByFollowers.estimate(fraction),
    };
  }

  /** Replication lag per interval, averaged over the replications that sampled a leader in it. */
  lagRows(): ReplicationLagRow[] | undefined {
    if (this.runs === 0) return undefined;
    const width = this.lagWidth;
    return this.lag.map((sums, k) => ({
      start: k * width,
      end: (k + 1) * width,
      meanLag: sums.meanCount > 0 ? sums.mean / sums.meanCount : NaN,
      maxLag: sums.maxCount > 0 ? sums.max / sums.maxCount : NaN,
    }));
  }
}
