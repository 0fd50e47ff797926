import { estimate, fraction, nonNegative, type Estimate } from '../metrics/confidence.js';
import { FailureCause, failureCauseNames } from '../metrics/failure-causes.js';
import { LatencySketch } from '../metrics/latency-sketch.js';
import type { ScenarioSpec, SingleLeaderTopologySpec } from '../model/spec.js';
import type { ReplicationOutcome } from './replication.js';
import type { ReadStaleness, ReplicationLagRow, WriteUnavailability } from './result.js';

/** Divides, reading 0/0 as 0. */
function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

/** The replicated store's outcomes: every replication of a `replicated` run has one. */
function replicatedOf(outcomes: readonly ReplicationOutcome[]) {
  return outcomes.flatMap((o) => (o.singleLeader?.replicated ? [{ o, r: o.singleLeader.replicated }] : []));
}

/**
 * Write unavailability, time-based (the window without a leader) and request-based (measured writes that failed,
 * of those that finished: completed writes are the write classes' completions), with the measured requests that
 * failed during a failover. Undefined unless the run is a replicated store.
 */
export function writeUnavailability(spec: ScenarioSpec, outcomes: readonly ReplicationOutcome[]): WriteUnavailability | undefined {
  const runs = replicatedOf(outcomes);
  if (runs.length === 0) return undefined;
  const writeClasses = spec.workload.flatMap((c, i) => (c.op === 'write' ? [i] : []));
  const failedWrites = (byCause: readonly number[]) => byCause.reduce((a, b) => a + b, 0);
  const failedByCause: Record<string, number> = {};
  failureCauseNames.forEach((name, i) => {
    failedByCause[name] = runs.reduce((sum, { r }) => sum + r.failures.writesFailedByCause[i], 0);
  });
  // Per replication: the fraction of its finished measured writes that failed for `cause` (any cause: -1).
  const failedShare = (cause: number) =>
    estimate(
      runs.map(({ o, r }) => {
        const byCause = r.failures.writesFailedByCause;
        const failed = failedWrites(byCause);
        const completed = writeClasses.reduce((sum, ci) => sum + o.measurement.classes[ci].response.count, 0);
        return ratio(cause < 0 ? failed : byCause[cause], failed + completed);
      }),
      fraction,
    );
  return {
    unavailableTime: estimate(runs.map(({ r }) => r.timeWithoutLeader), nonNegative),
    unavailableFraction: estimate(runs.map(({ o, r }) => ratio(r.timeWithoutLeader, o.measuredTime)), fraction),
    failedFraction: failedShare(-1),
    noLeaderFraction: failedShare(FailureCause.noLeader),
    failedByCause,
    failedDuringFailover: estimate(runs.map(({ r }) => r.failures.failedDuringFailover), nonNegative),
  };
}

/**
 * Read staleness of a replicated store with `reads: any`: per replication, the mean, percentiles and maximum of its
 * follower reads' writes behind and time behind (from its sketches), the stale fraction of follower reads, and the
 * fraction of reads served by followers; replications without a follower read are left out of the staleness
 * figures (a replication without any read, of the last one). Undefined for other runs.
 */
export function readStaleness(spec: ScenarioSpec, outcomes: readonly ReplicationOutcome[]): ReadStaleness | undefined {
  const topology = spec.topology as SingleLeaderTopologySpec | undefined;
  if (topology?.kind !== 'single-leader' || topology.mode !== 'replicated' || topology.reads !== 'any') return undefined;
  const runs = replicatedOf(outcomes);
  const withFollowerReads = runs.filter(({ r }) => r.staleness.followerReads > 0);
  const writes = withFollowerReads.map(({ r }) => LatencySketch.fromData(r.staleness.writesBehind));
  const times = withFollowerReads.map(({ r }) => LatencySketch.fromData(r.staleness.timeBehind));
  const over = (sketches: LatencySketch[], f: (s: LatencySketch) => number): Estimate => estimate(sketches.map(f), nonNegative);
  return {
    writesBehind: {
      mean: over(writes, (s) => s.mean),
      p99: over(writes, (s) => s.quantile(0.99)),
      max: over(writes, (s) => s.max),
    },
    timeBehind: {
      mean: over(times, (s) => s.mean),
      p50: over(times, (s) => s.quantile(0.5)),
      p99: over(times, (s) => s.quantile(0.99)),
      max: over(times, (s) => s.max),
    },
    staleFraction: estimate(
      withFollowerReads.map(({ r }) => r.staleness.stale / r.staleness.followerReads),
      fraction,
    ),
    servedByFollowers: estimate(
      runs.filter(({ r }) => r.staleness.reads > 0).map(({ r }) => r.staleness.followerReads / r.staleness.reads),
      fraction,
    ),
  };
}

/**
 * Replication lag per interval of the window, averaged over the replications that sampled a leader in it (an
 * interval where none did is NaN: an empty cell, a gap in the chart). Undefined unless the run is a replicated store.
 */
export function replicationLagRows(outcomes: readonly ReplicationOutcome[]): ReplicationLagRow[] | undefined {
  const runs = replicatedOf(outcomes);
  if (runs.length === 0) return undefined;
  const length = Math.max(0, ...runs.map(({ r }) => r.replicationLag.mean.length));
  const width = runs[0].r.replicationLag.width;
  const rows: ReplicationLagRow[] = [];
  for (let k = 0; k < length; k++) {
    const average = (pick: (lag: { mean: number[]; max: number[] }) => number[]) => {
      const values = runs.map(({ r }) => pick(r.replicationLag)[k]).filter((v) => v !== undefined && !Number.isNaN(v));
      return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
    };
    rows.push({ start: k * width, end: (k + 1) * width, meanLag: average((l) => l.mean), maxLag: average((l) => l.max) });
  }
  return rows;
}
