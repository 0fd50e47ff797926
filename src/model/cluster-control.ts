import type { Uniform } from '../engine/rng.js';
import type { NodeSpec } from './spec.js';

/**
 * What a failure model may do to a cluster. Failures overlap (a node can crash while its zone is also down, or be
 * slowed twice): each operation is counted, and a node comes back only when every cause has ended.
 */
export interface ClusterControl {
  readonly nodes: readonly NodeSpec[];
  now(): number;
  /** Runs `action` at simulated time `time`. */
  schedule(time: number, action: () => void): void;
  /** A random stream of the failure model's own, derived from the root seed and `name`. */
  stream(name: string): Uniform;
  /** Indices of the nodes a selector names (a group, a node name, `zone:<zone>`, or `*`). */
  select(selector: string): number[];
  crash(node: number, cause: string): void;
  restore(node: number): void;
  cut(node: number, cause: string): void;
  heal(node: number): void;
  slow(node: number, factor: number, cause: string): void;
  unslow(node: number, factor: number): void;
  /** Queues a repair of `node` for the shared crews; `done` runs when it is repaired. */
  repair(node: number, duration: () => number, done: () => void): void;
}
