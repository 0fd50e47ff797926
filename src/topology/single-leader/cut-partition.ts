import type { Partitions } from '../runtime/partitions.js';
import type { RaftCluster } from './raft-cluster.js';

/**
 * How the network's partitions reach the Raft servers: the servers take the groups of the cuts in force (see
 * `Partitions` for the rule; the clients' group is the one of servers in no cut), or heal when none is. Called after
 * every cut and heal, once the topology has counted them per node.
 */
export function applyPartitions(raft: RaftCluster, partitions: Partitions): void {
  if (partitions.active) raft.partition(partitions.groups());
  else raft.heal();
}
