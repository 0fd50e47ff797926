import { classArrivalRate } from '../model/arrivals.js';
import type { ScenarioSpec } from '../model/spec.js';
import { topologyOf } from '../topology/registry.js';

/** A run's size before it runs, to warn about runs that would take hours. Rough: within a factor of about 2. */
export interface EventEstimate {
  /** The topology's name for the estimate (e.g. `replicated`), from its definition. */
  topology: string;
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
  const { name: topology, eventsPerRequest } = topologyOf(spec).eventsPerRequest(spec.topology);
  const arrivalRate = spec.workload.reduce((sum, c) => sum + classArrivalRate(c), 0);
  const run = spec.run;
  const warmup = run.warmup + (run.warmupRequests ?? 0) / arrivalRate;
  const window = run.duration ?? (run.requests ?? 0) / arrivalRate;
  const simulatedSeconds = warmup + window;
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
