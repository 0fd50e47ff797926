import type { TopologyDefinition } from '../definition.js';
import { LeaderlessCluster } from './leaderless-cluster.js';
import { checkLeaderlessFit, resolveLeaderless } from './scenario/resolve.js';
import { LeaderlessSchema } from './scenario/schema.js';
import { leaderlessSection } from './sections/leaderless-section.js';
import type { LeaderlessTopologySpec } from './spec.js';

/**
 * Leaderless (Dynamo-style) stores: no node is special; each key has N replicas on a consistent-hash ring, writes
 * wait for W of them, reads for R (DeCandia et al., "Dynamo: Amazon's Highly Available Key-value Store", SOSP 2007).
 */
export const leaderlessTopology: TopologyDefinition<LeaderlessTopologySpec> = {
  kind: 'leaderless',
  description: 'no leader: N replicas per key on a hash ring, R/W quorums',
  schema: LeaderlessSchema,
  resolve: (raw, findings) => {
    const topology = resolveLeaderless(raw, findings);
    return topology === undefined ? undefined : { topology };
  },
  checkFit: checkLeaderlessFit,
  sections: [leaderlessSection],
  failureCauses: ['quorum-unavailable'],
  // The balancer's policy picks each request's coordinator (coordinator: any, or a node of the coordinator group); it
  // sees no queue lengths of its own.
  balancerUse: (topology) => ({ policy: topology?.coordinator === 'any' || typeof topology?.coordinator === 'object', info: false }),
  // Per request: the arrival, N replica messages, N services, N replies and the quorum's deadline; with a coordinator
  // node, the hops to and from it and its own replica's message. Measured (N = 3): 15.0 per arrival on
  // leaderless-store.yaml (coordinator any), 10.9 on leaderless-staleness.yaml (coordinator client).
  eventsPerRequest: (topology) => ({
    name: 'leaderless',
    eventsPerRequest: 3 * (topology?.replicas ?? 3) + (topology?.coordinator === 'client' ? 2 : 6),
  }),
  // A class's region is where its clients are: they reach their own region's coordinators (else another's) and
  // replicas at the region-aware client latency, and with coordinator: client it is the LOCAL levels' region.
  clientRegions: (topology) => topology !== undefined,
  // Nodes join and leave the ring at run time, their token ranges streamed to their new owners (rebalance.ts).
  membershipChanges: true,
  create: (runtime, topology) => {
    if (topology === undefined) throw new Error('leaderless: the scenario has no topology settings');
    return new LeaderlessCluster(runtime, topology);
  },
};
