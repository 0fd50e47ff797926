import type { Simulator } from '../../engine/simulator.js';
import type { RequestTable } from '../../model/request-table.js';
import type { NodeSpec } from '../../model/spec.js';
import type { NodeConditions } from '../node-conditions.js';
import type { RequestOutcomes } from '../request-outcomes.js';
import type { ClusterRuntime } from '../runtime/cluster-runtime.js';
import type { Network } from '../runtime/network.js';
import { applyPartitions } from './cut-partition.js';
import type { SingleLeaderTopologySpec } from '../../model/spec.js';
import { defaultStreamPrefix, type RaftConfig } from './config.js';
import type { RaftCluster } from './raft-cluster.js';
import type { NodeTable } from '../../model/node-table.js';

/**
 * What the two single-leader clusters (the replicated store and the scheduler) have alike: what they take from the
 * runtime, per-node storage and NIC counters, and what they do when failure models cut, heal or slow their nodes
 * (the node conditions count the episodes, and Raft's links follow the partitions in force). Crashes and repairs
 * differ (what a crashed leader or worker held) and stay with each cluster.
 */
export abstract class RaftBackedCluster {
  protected abstract readonly conditions: NodeConditions;
  abstract readonly raft: RaftCluster;
  protected readonly sim: Simulator;
  protected readonly requests: RequestTable;
  readonly nodes: NodeTable;
  readonly outcomes: RequestOutcomes;
  protected readonly network: Network;
  readonly storageUsed: Float64Array;
  readonly bytesMoved: Float64Array;

  constructor(runtime: ClusterRuntime) {
    this.sim = runtime.sim;
    this.requests = runtime.requests;
    this.nodes = runtime.nodes;
    this.outcomes = runtime.outcomes;
    this.network = runtime.network;
    this.storageUsed = new Float64Array(runtime.nodes.length);
    this.bytesMoved = new Float64Array(runtime.nodes.length);
  }

  /**
   * The Raft settings both clusters share: every node a server, the topology's timers, message delays by the servers'
   * pair class (or topology.delay for every pair) from each sender's own streams, FIFO links, and no recording of
   * votes, history or safety checks (those are for the protocol's own tests).
   */
  protected raftSettings(topology: SingleLeaderTopologySpec): RaftConfig {
    return {
      servers: this.nodes.length,
      heartbeat: topology.heartbeat,
      electionTimeout: topology.electionTimeout,
      delay: this.network.perSenderDelays(`${defaultStreamPrefix}-delay`, topology.delay),
      recordVotes: false,
      recordHistory: false,
      checkSafety: false,
      fifoLinks: true,
    };
  }

  /**
   * An event kind for the end of a request's NIC transfer: `through` takes it on, unless its node crashed while the
   * bytes were moving (the crash epoch moved on), when `crashed` ends it.
   */
  protected nicDoneKind(through: (request: number) => void, crashed: (request: number) => void): number {
    const requests = this.requests;
    return this.sim.register((request) => {
      if (requests.epoch[request] !== this.conditions.epoch[requests.node[request]]) crashed(request);
      else through(request);
    });
  }

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
