import type { Station } from '../model/station.js';
import type { HeartbeatDetector } from './heartbeat-detector.js';
import type { SingleLeaderOutcome } from './single-leader/replicated-store.js';
import type { SchedulerOutcome } from './single-leader/scheduler.js';
import type { RequestOutcomes } from './request-outcomes.js';

/**
 * What a replication needs from a topology: requests in, stations for utilisation, the failure operations the
 * failure models act through, the hooks of the measurement window, and per-node storage and NIC counters.
 */
export interface Topology {
  readonly stations: readonly Station[];
  readonly storageUsed: Float64Array;
  readonly bytesMoved: Float64Array;
  /** Arrivals and final outcomes: the in-system integral, measured replies and failures, the runner's hooks. */
  readonly outcomes: RequestOutcomes;
  /** The dispatcher's heartbeat failure detector; null without failures. */
  readonly detector: HeartbeatDetector | null;
  /**
   * What the report needs of this replication beyond the common figures, over the measured window [from, to);
   * absent when there is nothing more.
   */
  topologyOutcome?(from: number, to: number): TopologyOutcome;
  /** A new request has been filled in the request table at its arrival time. */
  arrive(request: number): void;
  crash(node: number, cause: string): void;
  restore(node: number): void;
  /**
   * A cut has begun (the runtime's `network.partitions` already holds it): `nodes` are cut off from the clients, and
   * from the nodes outside their group.
   */
  cut(nodes: readonly number[], cause: string): void;
  /** A cut has ended (`network.partitions` no longer holds it): `nodes` are the nodes it held. */
  heal(nodes: readonly number[]): void;
  slow(node: number, factor: number): void;
  unslow(node: number, factor: number): void;
}

/** A topology's own figures of one replication, keyed by the report section that reads them. */
export interface TopologyOutcome {
  singleLeader?: SingleLeaderOutcome;
  scheduler?: SchedulerOutcome;
}
