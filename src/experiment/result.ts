import type { ScenarioSpec } from '../model/spec.js';

import type { Estimate } from '../metrics/confidence.js';
import type { Verdict } from '../metrics/verdict.js';
import type { NodeRowTable } from './node-row-table.js';

/**
 * A figure across replications: its mean and a 95 % Student-t confidence interval (null with one replication);
 * both null when no replication had a sample of it. A replication without a sample of a figure (no request
 * completed, an empty window, no crash) is left out of it, and the result's warnings say how many and why.
 */
export type { Estimate };

export interface TimeFigures {
  mean: Estimate;
  p50: Estimate;
  p90: Estimate;
  p99: Estimate;
  p999: Estimate;
  max: Estimate;
}

/** Each time figure with the label reports give it, in the order they show them. */
export const TIME_FIGURE_LABELS: readonly (readonly [keyof TimeFigures, string])[] = [
  ['mean', 'mean'],
  ['p50', 'p50'],
  ['p90', 'p90'],
  ['p99', 'p99'],
  ['p999', 'p99.9'],
  ['max', 'max'],
];

/** The contract of summary.json. Times in seconds, rates per second. No wall-clock value. */
export interface Summary {
  scenario: string;
  seed: string;
  replications: number;
  fingerprint: string;
  /** Relative error bound of every percentile (the streaming histogram's accuracy). */
  percentileRelativeError: number;
  /** Summed over replications, measured window only. */
  requests: { arrived: number; completed: number; failed: number; inFlight: number; failedByCause: Record<string, number> };
  responseTime: TimeFigures;
  waitTime: TimeFigures;
  probWait: Estimate;
  throughput: Estimate;
  utilization: Estimate;
  /** Fraction of arrivals rejected for a full waiting room. */
  blockingProbability: Estimate;
  /**
   * time: fraction of the measured time the service was up: at least slo.minHealthy nodes up and reachable, and, in
   * runs with failures or objectives, not degraded (a time-series interval where fewer than slo.successRatio of the
   * finished requests succeeded, or fewer than slo.minThroughput completed per second);
   * request: fraction of finished requests that succeeded (within the client timeout, after retries). The nines are
   * null when the availability is.
   */
  availability: { time: Estimate; request: Estimate; timeNines: number | null; requestNines: number | null };
  /** Failures, detection and recovery; null when the scenario declares no failures. */
  reliability: ReliabilitySummary | null;
  classes: Record<string, { responseTime: TimeFigures; throughput: Estimate }>;
  /** Measured simulated seconds per replication. */
  measuredTime: number;
  /** Set when a replication stopped on a bound (max events) rather than on its stop condition. */
  stoppedEarly: string | null;
  /** Only with `run --precision`: the figures' targets, what was reached, and how many replications it took. */
  precision?: PrecisionSummary;
  /** Only with `warmup: auto`: the warm-up MSER-5 chose on the pilot run, and how (experiment/auto-warmup.ts). */
  warmup?: WarmupSummary;
  /**
   * Single-leader topology only: leader losses in the measured window per replication, the time from losing the leader
   * to having one again (per-replication mean, p50, p99, max over its failovers; replications without one left out),
   * the candidacy rounds per failover, and the false elections per replication (those that deposed a leader still
   * alive and reachable by a majority: heartbeats late for a too-short timeout, not a crash or a partition).
   * An election still open when the run stopped (no leader back: split votes forever, a quorum never regained)
   * counts in the time without a leader up to the window's end (censored: a lower bound); `open` is how many
   * there were per replication.
   */
  elections?: {
    count: Estimate;
    timeWithoutLeader: { mean: Estimate; p50: Estimate; p99: Estimate; max: Estimate };
    rounds: { mean: Estimate };
    falseElections: Estimate;
    open: Estimate;
  };
  /**
   * Single-leader topology only: acknowledged measured writes missing from a later leader's log, per replication.
   * The replicated mode adds write unavailability (see `WriteUnavailability`).
   */
  writes?: { acknowledgedLost: Estimate } & Partial<WriteUnavailability>;
  /** Single-leader replicated store with `reads: any` only: how stale the reads served by followers were. */
  reads?: { staleness: ReadStaleness };
  /**
   * Single-leader topology in scheduler mode only, per replication over the measured window: measured tasks
   * reassigned after their worker was declared dead, the duplicates among them (reassigned while their worker was
   * still running them: slow or cut off), and the leader's utilisation by scheduling decisions; with a finite
   * bandwidth on some node, the leader's NIC utilisation by task bodies (in from the clients, out to the workers).
   */
  scheduler?: { reassigned: Estimate; duplicates: Estimate; leaderUtilization: Estimate; leaderNicUtilization?: Estimate };
}

/** Write unavailability of the replicated store, time-based and request-based, per replication over the window. */
export interface WriteUnavailability {
  /** Seconds of the window without a leader (every failover overlapping the window, clipped to it). */
  unavailableTime: Estimate;
  /** The same as a fraction of the window. */
  unavailableFraction: Estimate;
  /** Fraction of the measured writes that failed (of those that finished), any cause. */
  failedFraction: Estimate;
  /** Fraction of the measured writes that failed for want of a leader (cause no-leader). */
  noLeaderFraction: Estimate;
  /** Measured writes failed, per cause, summed over replications (every cause the topology can produce). */
  failedByCause: Record<string, number>;
  /** Measured requests (reads and writes) that failed during a failover (no leader, or lost with the leader). */
  failedDuringFailover: Estimate;
}

/**
 * Staleness of the measured reads served by followers, per replication (replications without a follower read left
 * out): writes behind (committed writes the follower had not applied), time behind (since the oldest of them was
 * committed; 0 when none), the fraction of follower reads with at least one write behind, and the fraction of
 * all measured reads that a follower served.
 */
export interface ReadStaleness {
  writesBehind: { mean: Estimate; p99: Estimate; max: Estimate };
  timeBehind: { mean: Estimate; p50: Estimate; p99: Estimate; max: Estimate };
  staleFraction: Estimate;
  servedByFollowers: Estimate;
}

export interface ReliabilitySummary {
  /** The rules of time-based availability: slo.minHealthy, slo.successRatio, slo.minThroughput (null: none). */
  minHealthy: number;
  successRatio: number;
  minThroughput: number | null;
  /** Node crashes per replication (domain outages count each node). */
  crashes: Estimate;
  /**
   * Observed per node: total up time / crashes, and total down time / repairs (seconds), over the replications that
   * saw a crash (a repair); null when none did.
   */
  mtbf: Estimate | null;
  mttr: Estimate | null;
  /** Service-down incidents per replication, and their total duration per replication (seconds). */
  incidents: Estimate;
  downtime: Estimate;
  detection: {
    /** From a crash to the dispatcher's suspicion, pooled over replications; null when nothing was detected. */
    latency: { mean: number; min: number; max: number; count: number } | null;
    /** Suspicions of nodes that were running (partitioned or slow) per replication. */
    falseSuspicions: Estimate;
  };
  /** Retry attempts per replication (each costs load). */
  retries: Estimate;
  /** Response time of requests that arrived while every node was healthy, and while some were not. */
  responseTime: {
    healthy: { mean: Estimate; p99: Estimate; count: number };
    degraded: { mean: Estimate; p99: Estimate; count: number };
  };
  slo: SloCheck[];
}

export interface SloCheck {
  objective: 'p99' | 'mean' | 'availability.time' | 'availability.request';
  target: number;
  /**
   * The figure across replications and its 95 % CI; null when it has no sample. For p99: the p99 of every finished
   * request (failures beyond every target), null as well when some replication had more than 1 % failed.
   */
  actual: number | null;
  ci95: [number, number] | null;
  /** Judged on the CI (metrics/verdict.ts); null: not judged, no sample. */
  verdict: Verdict | null;
  /** p99 only: share of finished requests slower than the target or failed, the figure the verdict is judged on (<= 1 %). */
  beyondTarget?: Estimate;
  /** p99 only: replications where more than 1 % of finished requests failed, so their p99 is beyond every target. */
  replicationsBeyondEveryTarget?: number;
}

export interface IncidentRow {
  replication: number;
  /** Seconds since the end of the warm-up. */
  start: number;
  end: number;
  duration: number;
  cause: string;
  requestsFailed: number;
}

/** One election of a single-leader cluster (a loss of the leader in the measured window and its recovery). */
export interface ElectionRow {
  replication: number;
  /** Seconds since the end of the warm-up: when the leader was lost, and when a leader was back (NaN if never). */
  start: number;
  end: number;
  /** Time without a leader, end - start (NaN if no leader came back before the run ended). */
  duration: number;
  /** The term of the new leader (NaN if none). */
  term: number;
  /** Distinct terms tried by candidates (0 when the old leader came back without an election). */
  rounds: number;
  /** Why the leader was lost: start, leader-crash, partition, quorum-lost, step-down or timeout. */
  cause: string;
}

export interface NodeRow {
  node: string;
  group: string;
  zone: string;
  /**
   * Means across the replications that have a value (every one, but for an empty window, and for MTBF and MTTR);
   * NaN, an empty cell in nodes.csv, when none has.
   */
  completed: number;
  utilization: number;
  meanQueueLength: number;
  storageUsed: number;
  bytesMoved: number;
  /** Fraction of the measured time the NIC was transferring; 0 with unbounded bandwidth. */
  nicUtilization: number;
  /**
   * Fraction of the measured time the node was up; crashes per replication; observed MTBF and MTTR (s) over the
   * replications in which the node crashed (was repaired): NaN when it never did.
   */
  uptime: number;
  crashes: number;
  mtbf: number;
  mttr: number;
}

/** Replication lag in one interval of the time series, averaged over replications (single-leader replicated). */
export interface ReplicationLagRow {
  /** Interval start and end, seconds since the end of the warm-up. */
  start: number;
  end: number;
  /** Entries of the leader's log a live follower lacks: mean over followers and samples, and the largest sampled. */
  meanLag: number;
  maxLag: number;
}

export interface TimeseriesRow {
  /** Interval start and end, seconds since the end of the warm-up. */
  start: number;
  end: number;
  /** Measured arrivals per second in the interval: the offered rate, against which throughput is read. */
  offered: number;
  throughput: number;
  /** NaN when no request completed in the interval. */
  meanResponse: number;
  p50Response: number;
  p99Response: number;
  /** Time-average number of requests in the system during the interval. */
  inFlight: number;
  nodesUp: number;
  utilization: number;
}

export interface HistogramRow {
  /** Bucket bounds in seconds; count of measured responses in it; cumulative fraction up to `upper`. */
  lower: number;
  upper: number;
  count: number;
  cumulative: number;
}

/** Everything a report needs about one scenario run. */
export interface ScenarioResult {
  spec: ScenarioSpec;
  /** The scenario file's text as run (after overrides), for the report; absent when built from code. */
  source?: { path: string; text: string };
  summary: Summary;
  /** nodes.csv's rows: one per node, as columns (NodeRowTable; `at(i)` gives row i). */
  nodes: NodeRowTable;
  timeseries: TimeseriesRow[];
  histogram: HistogramRow[];
  /** Service-down periods of every replication; empty without failures. */
  incidents: IncidentRow[];
  /**
   * The report sections present (src/topology/section.ts), by id, in report order: each section's own plain data
   * (its table rows and chart points), rendered by its definition. A single-leader run has `singleLeader` (every
   * election, and the replication lag per interval of a replicated store).
   */
  sections: Record<string, unknown>;
  warnings: string[];
}

export interface WarmupSummary {
  /** How the warm-up was chosen, in words. */
  rule: string;
  /** The chosen warm-up, seconds from the start of every replication. */
  seconds: number;
  /** The pilot runs (from empty, no warm-up): how many, how long each, the interval width, and the intervals cut. */
  pilotReplications: number;
  pilotSeconds: number;
  intervalWidth: number;
  intervalsCut: number;
  intervals: number;
  batchSize: number;
}

export interface PrecisionSummary {
  /** The stopping rule, in words (experiment/precision.ts). */
  rule: string;
  minimumReplications: number;
  maxReplications: number;
  /** Replications of the result reported. */
  replications: number;
  /** Whether every target was reached (false: stopped at maxReplications). */
  met: boolean;
  targets: {
    figure: string;
    /** As typed: `2%` (relative) or `0.005` (absolute, the figure's unit). */
    target: string;
    halfWidth: number | null;
    allowedHalfWidth: number | null;
    met: boolean;
  }[];
}
