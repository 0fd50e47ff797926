import type { Uniform } from '../../engine/rng.js';
import type { NodeSpec } from '../../model/spec.js';
import type { NodeTable } from '../../model/node-table.js';

/**
 * `coordinator: elected`: for each request the live nodes elect its coordinator, node j with probability
 * priority_j x speed_j over the live nodes' sum (the seed's event-driven dynamic election: a faster or favoured node
 * wins more often; a dead node takes no part). One draw of its own random stream per election, so the other
 * streams' draws are unchanged. O(nodes) per election: it is meant for clusters of tens of nodes.
 */
export class CoordinatorElection {
  private weights: Float64Array;

  constructor(
    nodes: NodeTable,
    /** Whether a node takes part now (up, and reachable). */
    private readonly live: (node: number) => boolean,
    private readonly uniform: Uniform,
  ) {
    this.weights = Float64Array.from(nodes, (node) => (node.priority ?? 1) * node.speed);
  }

  /** A node added at run time (it takes part once `live` says so). */
  addNode(spec: NodeSpec): void {
    const weights = new Float64Array(this.weights.length + 1);
    weights.set(this.weights);
    weights[this.weights.length] = (spec.priority ?? 1) * spec.speed;
    this.weights = weights;
  }

  /** The elected node, or -1 when no node is live. */
  elect(): number {
    const weights = this.weights;
    let total = 0;
    for (let node = 0; node < weights.length; node++) if (this.live(node)) total += weights[node];
    if (total === 0) return -1;
    let left = this.uniform() * total;
    let last = -1;
    for (let node = 0; node < weights.length; node++) {
      if (!this.live(node)) continue;
      left -= weights[node];
      last = node;
      if (left < 0) return node;
    }
    // Rounding left a sliver above the last live node's share: it is the last one's.
    return last;
  }
}
