import type { SingleLeaderTopologySpec } from '../../model/spec.js';
import type { TopologyDefinition } from '../definition.js';
import type { ClusterRuntime } from '../runtime/cluster-runtime.js';
import type { Topology } from '../topology.js';
import { ReplicatedStore } from './replicated-store.js';
import { SchedulerCluster } from './scheduler.js';
import { checkSingleLeaderFit, resolveSingleLeader } from './scenario/resolve.js';
import { SingleLeaderSchema } from './scenario/schema.js';
import { warnLeaderOverload } from './scenario/warnings.js';
import { schedulerSection } from './sections/scheduler-section.js';
import { singleLeaderSection } from './sections/single-leader-section.js';
import { recoverySection } from './recovery/recovery-section.js';
import { regionsSection } from './placement/regions-section.js';

type Mode = SingleLeaderTopologySpec['mode'];

interface ModeDefinition {
  create(runtime: ClusterRuntime, topology: SingleLeaderTopologySpec): Topology;
  balancer: { policy: boolean; info: boolean };
  eventsPerRequest: number;
}

/** What each mode builds, which balancer settings it reads, and its events per arrival (measured). */
const modes: Record<Mode, ModeDefinition> = {
  // Writes go to the leader, reads to the leader or a random live node: no dispatch policy. Measured: 4.3
  // (async-vs-quorum), 10.4 (leader-failover, leader-partition).
  replicated: {
    create: (runtime, topology) => new ReplicatedStore(runtime, topology),
    balancer: { policy: false, info: false },
    eventsPerRequest: 10,
  },
  // The leader assigns each task with balancer.policy, on the queue lengths in the workers' heartbeats. Measured: 6.9
  // (scheduler-saturation).
  scheduler: {
    create: (runtime, topology) => new SchedulerCluster(runtime, topology),
    balancer: { policy: true, info: false },
    eventsPerRequest: 7,
  },
};

/**
 * Single-leader clusters: every node is a Raft server and the elected leader either serves a replicated store's
 * writes (`mode: replicated`) or assigns every task to a worker (`mode: scheduler`).
 */
export const singleLeaderTopology: TopologyDefinition<SingleLeaderTopologySpec> = {
  kind: 'single-leader',
  description: 'one elected Raft leader: a replicated store, or a scheduler over workers',
  schema: SingleLeaderSchema,
  resolve: (raw, findings) => {
    const topology = resolveSingleLeader(raw, findings);
    return topology === undefined ? undefined : { topology };
  },
  checkFit: checkSingleLeaderFit,
  sections: [singleLeaderSection, schedulerSection, recoverySection, regionsSection],
  failureCauses: ['no-leader'],
  warnings: (spec, topology, findings) => {
    if (topology !== undefined) warnLeaderOverload(spec, topology, findings);
  },
  // The standby region (topology.standby) holds no node: the log reaches it over the cross-region path.
  // replicated mode: writes reach the leader and reads (reads: any) the nodes of the clients' region from there.
  clientRegions: (topology) => topology?.mode === 'replicated',
  regionsBeyondNodes: (topology) => (topology?.standby === undefined ? [] : [topology.standby.region]),
  balancerUse: (topology) => (topology === undefined ? { policy: false, info: false } : modes[topology.mode].balancer),
  eventsPerRequest: (topology) => ({
    name: topology?.mode ?? 'single-leader',
    eventsPerRequest: modes[topology?.mode ?? 'replicated'].eventsPerRequest,
  }),
  create: (runtime, topology) => {
    if (topology === undefined) throw new Error('single-leader: the scenario has no topology settings');
    return modes[topology.mode].create(runtime, topology);
  },
};
