import type { Uniform } from '../engine/rng.js';
import type { NodeSpec } from './spec.js';
import type { NodeTable } from './node-table.js';

/**
 * What a failure model may do to a cluster. Failures overlap (a node can crash while its zone is also down, or be
 * slowed twice): each operation is counted, and a node comes back only when every cause has ended.
 */
export interface ClusterControl {
  /** Every node ever in the cluster, by id (grows when nodes are added; removed nodes stay, see isRemoved). */
  readonly nodes: NodeTable;
  now(): number;
  /** Runs `action` at simulated time `time`. */
  schedule(time: number, action: () => void): void;
  /** A random stream of the failure model's own, derived from the root seed and `name`. */
  stream(name: string): Uniform;
  /**
   * Indices of the nodes a selector names (a group, a node name, `zone:<zone>`, `region:<region>`, or `*`), among
   * the nodes not removed.
   */
  select(selector: string): number[];
  /** Whether `selector` names node `node` (a node added later, say). */
  selects(selector: string, node: number): boolean;
  /** Runs `listener` for every node added from now on, once it is in the cluster. */
  onNodeAdded(listener: (node: number) => void): void;
  /** Whether `node` has been removed: nothing happens to it any more. */
  isRemoved(node: number): boolean;
  /** Adds `count` nodes to group `group`, copies of its nodes; returns their ids. */
  addNodes(group: string, count: number): number[];
  /** Removes the node named `name`: drained first, or at once. */
  removeNode(name: string, drain: boolean): void;
  crash(node: number, cause: string): void;
  restore(node: number): void;
  /**
   * Cuts `nodes` off as one group: they reach one another, but neither the clients nor the other nodes (with other
   * cuts in force, nodes reach each other when they are in exactly the same cuts). Returns the cut's id for `heal`.
   */
  cut(nodes: readonly number[], cause: string): number;
  /** Ends a cut made by `cut`. */
  heal(cut: number): void;
  slow(node: number, factor: number, cause: string): void;
  unslow(node: number, factor: number): void;
  /** Queues a repair of `node` for the shared crews; `done` runs when it is repaired. */
  repair(node: number, duration: () => number, done: () => void): void;
}
