import type { ScenarioSpec } from '../model/spec.js';

import type { Estimate } from '../metrics/confidence.js';

/** A figure across replications: its mean and a 95 % Student-t confidence interval (null with one replication). */
export type { Estimate };

export interface TimeFigures {
  mean: Estimate;
  p50: Estimate;
  p90: Estimate;
  p99: Estimate;
  p999: Estimate;
  max: Estimate;
}

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
  availability: { time: Estimate; request: Estimate };
  classes: Record<string, { responseTime: TimeFigures; throughput: Estimate }>;
  /** Measured simulated seconds per replication. */
  measuredTime: number;
  /** Set when a replication stopped on a bound (max events) rather than on its stop condition. */
  stoppedEarly: string | null;
}

export interface NodeRow {
  node: string;
  group: string;
  zone: string;
  /** Means across replications. */
  completed: number;
  utilization: number;
  meanQueueLength: number;
  storageUsed: number;
  bytesMoved: number;
  /** Fraction of the measured time the NIC was transferring; 0 with unbounded bandwidth. */
  nicUtilization: number;
}

export interface TimeseriesRow {
  /** Interval start and end, seconds since the end of the warm-up. */
  start: number;
  end: number;
  throughput: number;
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
  nodes: NodeRow[];
  timeseries: TimeseriesRow[];
  histogram: HistogramRow[];
  warnings: string[];
}
