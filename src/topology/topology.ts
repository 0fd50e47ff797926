import type { Station } from '../model/station.js';

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
   * Its report sections' plain data of this replication over the measured window [from, to), by section id (see
   * section.ts); absent when it has no section.
   */
  sectionData?(from: number, to: number): Record<string, unknown>;
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
  /**
   * Takes a node out of the cluster (node-set.ts): with `drain`, out of dispatch at once, removed once it holds
   * nothing; without, removed at once, losing what it holds. Only topologies whose definition says
   * `membershipChanges` have it (they follow additions through the node set's events).
   */
  removeNode?(node: number, drain: boolean): void;
  /** Whether `node` holds no request (at it, or on its way to it or back); topologies with `removeNode` have it. */
  holdsNothing?(node: number): boolean;
}

