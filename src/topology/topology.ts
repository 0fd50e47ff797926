import type { Station } from '../model/station.js';
import type { SingleLeaderOutcome } from './single-leader/replicated-store.js';
import type { SchedulerOutcome } from './single-leader/scheduler.js';

/**
 * What a replication needs from a topology: requests in, stations for utilisation, the failure operations the
 * failure models act through, per-node storage and NIC counters, and its own figures for the report. The outcome
 * book, the detector and the window's lifecycle are the runtime's (runtime/cluster-runtime.ts).
 */
export interface Topology {
  readonly stations: readonly Station[];
  readonly storageUsed: Float64Array;
  readonly bytesMoved: Float64Array;
  /**
   * What the report needs of this replication beyond the common figures, over the measured window [from, to);
   * absent when there is nothing more.
   */
  topologyOutcome?(from: number, to: number): TopologyOutcome;
  /** A new request has been filled in the request table at its arrival time. */
  arrive(request: number): void;
  crash(node: number, cause: string): void;
  restore(node: number): void;
  cut(node: number, cause: string): void;
  heal(node: number): void;
  slow(node: number, factor: number): void;
  unslow(node: number, factor: number): void;
}

/** A topology's own figures of one replication, keyed by the report section that reads them. */
export interface TopologyOutcome {
  singleLeader?: SingleLeaderOutcome;
  scheduler?: SchedulerOutcome;
}
