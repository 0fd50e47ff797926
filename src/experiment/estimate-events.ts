import { meanArrivalRate } from '../model/arrivals.js';
import type { ScenarioSpec } from '../model/spec.js';

/**
 * Events per request arrival, per topology, from the example scenarios (one replication each, the run's `events`
 * over rate x (warm-up + duration)): direct 2.0 without network latency, 4.0 to 5.0 with it, 12 with client retries
 * (retry-storm); single-leader replicated 4.3 (async-vs-quorum) and 10.4 (leader-failover, leader-partition);
 * scheduler 6.9 (scheduler-saturation). The figures below are the typical upper ones: heartbeats, elections and
 * failures are in them, and retries can double them.
 */
export const EVENTS_PER_REQUEST = { direct: 5, replicated: 10, scheduler: 7 } as const;

export type EstimatedTopology = keyof typeof EVENTS_PER_REQUEST;

/** A run's size before it runs, to warn about runs that would take hours. Rough: within a factor of about 2. */
export interface EventEstimate {
  topology: EstimatedTopology;
  /** Mean arrivals per second over every class. */
  arrivalRate: number;
  /** Simulated seconds per replication: warm-up plus the window (a request count is turned into seconds at the rate). */
  simulatedSeconds: number;
  eventsPerRequest: number;
  replications: number;
  /** Per replication, at most `run.maxEvents`. */
  eventsPerReplication: number;
  /** Over every replication. */
  events: number;
}

export function estimateEvents(spec: ScenarioSpec): EventEstimate {
  const topology: EstimatedTopology = spec.topology?.mode ?? 'direct';
  const arrivalRate = spec.workload.reduce((sum, c) => sum + meanArrivalRate(c.arrivals), 0);
  const run = spec.run;
  const warmup = run.warmup + (run.warmupRequests ?? 0) / arrivalRate;
  const window = run.duration ?? (run.requests ?? 0) / arrivalRate;
  const simulatedSeconds = warmup + window;
  const eventsPerRequest = EVENTS_PER_REQUEST[topology];
  const unbounded = arrivalRate * simulatedSeconds * eventsPerRequest;
  const eventsPerReplication = Math.min(Number.isFinite(unbounded) ? unbounded : 0, run.maxEvents ?? Infinity);
  return {
    topology,
    arrivalRate,
    simulatedSeconds,
    eventsPerRequest,
    replications: run.replications,
    eventsPerReplication,
    events: eventsPerReplication * run.replications,
  };
}
