import type { PolicyDefinition } from './policy.js';
import { createRingPolicy, hashClient } from './hash-ring.js';

/**
 * Client affinity ("sticky sessions", as nginx's ip_hash / hash $remote_addr consistent): every request of a
 * client goes to the same node, through the consistent-hash ring (Karger et al., STOC 1997) on the client id, so
 * that a node leaving moves only its own clients (about 1/n of them) and they come back when it returns. Requests
 * of a client whose node is unavailable go to the next available node clockwise.
 *
 * Requests whose class has no client population (`clients` absent, requestClient -1) start at a uniformly random
 * point of the ring instead (every node owns exactly v points): they spread evenly, like random dispatch, with no
 * affinity.
 *
 * Complexity: O(1) expected per decision to find the client's point (a jump table over the sorted ring; O(log(n v))
 * at worst), plus the points walked past unavailable nodes (O(1) expected while most are available); O(1) per
 * hook; the ring is built once in O(n v log(n v)); 8.5 bytes per point.
 */
export const clientHashPolicy: PolicyDefinition = {
  name: 'client-hash',
  description:
    'Sticky by client id: a hash ring with virtual nodes on the client id, so a node leaving moves only its ' +
    'clients. Requests without a client id go to a random point of the ring. O(1) expected per decision.',
  params: [{ name: 'virtualNodes', description: 'points on the ring per node', kind: 'integer', minimum: 1, default: 100 }],
  readsOutstandingWork: false,
  create({ view, rng, params }) {
    return createRingPolicy(view, Number(params.virtualNodes), 0, (request) => {
      const client = view.requestClient(request);
      return client >= 0 ? hashClient(client) : -1;
    }, rng);
  },
};
