import type { RaftCluster } from './raft-cluster.js';

/**
 * How the failure models' cuts reach the Raft servers. A `partition` failure (or a timeline `partition` step) cuts
 * nodes off; the topology counts, per node, the episodes that currently cut it off (overlapping episodes nest). The
 * rule: the network is split in two, the clients' side and the far side. Every node with a cut count above zero is
 * on the far side, whichever episode cut it, so the nodes of two overlapping episodes can talk to each other (the
 * failure models cut nodes off from the clients, not from one another); every other node is on the clients' side.
 * The groups are derived again from the counts each time a node crosses the far side's border, so overlapping
 * episodes need no bookkeeping of their own: the split holds while any episode holds, and heals with the last one.
 */
export function applyCuts(raft: RaftCluster, cutCount: Int32Array): void {
  const farSide: number[] = [];
  for (let node = 0; node < cutCount.length; node++) if (cutCount[node] > 0) farSide.push(node);
  if (farSide.length === 0) raft.heal();
  else raft.partition([farSide]);
}
