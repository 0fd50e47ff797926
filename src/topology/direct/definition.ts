import { Type } from '@sinclair/typebox';
import { Closed } from '../../scenario/schema-parts.js';
import type { TopologyDefinition } from '../definition.js';
import { DirectCluster } from './direct-cluster.js';

/**
 * The direct topology, the default (no `topology` key): a dispatcher, or several, in front of stateless nodes; the
 * balancer's policy sends each request to one node. It has no settings of its own and needs no resolved spec.
 */
export const directTopology: TopologyDefinition = {
  kind: 'direct',
  description: 'a dispatcher in front of stateless nodes, the default',
  schema: Closed(
    {
      kind: Type.Literal('direct', { description: 'A dispatcher in front of stateless nodes (the default).' }),
    },
    { description: 'The direct topology: the balancer dispatches every request to a node (the same as no topology key).' },
  ),
  resolve: () => ({}),
  balancerUse: () => ({ policy: true, info: true }),
  sections: [],
  // Measured: 2.0 without network latency (web-tier, bursty), 4.0 to 5.0 with it, 12 with client retries (retry-storm).
  eventsPerRequest: () => ({ name: 'direct', eventsPerRequest: 5 }),
  membershipChanges: true,
  create: (runtime) => new DirectCluster(runtime),
};
