import type { NodeConditions } from '../node-conditions.js';
import type { Network } from '../runtime/network.js';
import { applyPartitions } from './cut-partition.js';
import type { RaftCluster } from './raft-cluster.js';

/**
 * What the two single-leader clusters (the replicated store and the scheduler) do alike when failure models cut,
 * heal or slow their nodes: the node conditions count the episodes, and Raft's links follow the partitions in force.
 * Crashes and repairs differ (what a crashed leader or worker held) and stay with each cluster.
 */
export abstract class RaftBackedCluster {
  protected abstract readonly conditions: NodeConditions;
  protected abstract readonly network: Network;
  abstract readonly raft: RaftCluster;

  /** The nodes are cut off from the clients and, for Raft messages, from the servers outside their group. */
  cut(nodes: readonly number[], cause: string): void {
    for (const node of nodes) this.conditions.cut(node, cause);
    applyPartitions(this.raft, this.network.partitions);
  }

  heal(nodes: readonly number[]): void {
    for (const node of nodes) this.conditions.heal(node);
    applyPartitions(this.raft, this.network.partitions);
  }

  slow(node: number, factor: number): void {
    this.conditions.slow(node, factor);
  }

  unslow(node: number, factor: number): void {
    this.conditions.unslow(node, factor);
  }
}
