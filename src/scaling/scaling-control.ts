import type { Uniform } from '../engine/rng.js';

/** A node's station areas so far in the current statistics period (they restart when the measurement window begins). */
export interface StationAreas {
  /** Busy core-seconds. */
  busy: number;
  /** Request-seconds waiting (not in service). */
  waiting: number;
  cores: number;
}

/**
 * What a scaling controller may see of the cluster and do to it: the experiment layer builds it over the runtime's
 * node set (experiment/install-scaling.ts), as it builds `ClusterControl` for the failure models.
 */
export interface ScalingControl {
  now(): number;
  /** Runs `action` at simulated time `time`. */
  schedule(time: number, action: () => void): void;
  /** A random stream of the controller's own, derived from the root seed and `name`. */
  stream(name: string): Uniform;
  /**
   * The group's nodes that count towards its size, in id order: `ready` (up, serving) and `unready` (provisioning,
   * or crashed or cut off). Draining and removed nodes are no longer part of it.
   */
  members(group: string): { ready: number[]; unready: number[] };
  /** Whether `node` is serving now (up). */
  isReady(node: number): boolean;
  areas(node: number): StationAreas;
  /** Runs `listener` when the measurement window begins, after the stations' statistics restarted. */
  onStatisticsReset(listener: () => void): void;
  /** Requests a node for `group`: it exists (and costs) from now, serves after `provisioning` seconds. */
  addNode(group: string, provisioning: number): number;
  /** Removes `node`: out of dispatch now, removed when it holds nothing or after `drain` seconds, losing the rest. */
  removeNode(node: number, drain: number): void;
  /** A decision that changed the group's size (for the Elasticity section's count of actions). */
  recordAction(direction: 'up' | 'down'): void;
  /** A node started for requests that wait for one (for the Elasticity section's count of cold starts). */
  recordColdStart(): void;
  /**
   * Runs `listener` each time a request finds no node to take it and starts to wait (only when some group may have
   * no node: `min` 0).
   */
  onRequestWaiting(listener: () => void): void;
  /** Runs `listener` each time a node of `group` that is up comes to hold nothing. */
  onNodeIdle(group: string, listener: (node: number) => void): void;
  /** Whether `node` holds no request now. */
  holdsNothing(node: number): boolean;
  /** Requests that have arrived at the cluster so far (all of them, measured or not). */
  arrivals(): number;
  /** Runs `listener` with the response time of every reply delivered from now on, until the returned function is called. */
  onReply(listener: (response: number) => void): () => void;
}
