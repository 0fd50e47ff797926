import type { PolicyDefinition } from './policy.js';
import { createRingPolicy, hashKey } from './hash-ring.js';

/**
 * Consistent hashing on the request key (Karger et al., STOC 1997): a ring with `virtualNodes` points per node;
 * a request goes to the owner of the first available point clockwise from its key's hash, so a key always goes to
 * the same node while that node is up, and a node that leaves hands over only its own keys (about 1/n of them).
 *
 * `boundedLoad` c (0, the default: off; otherwise at least 1, e.g. 1.25): consistent hashing with bounded loads
 * (Mirrokni, Thorup and Zadimoghaddam, SODA 2018): with m open requests over the n available nodes, a node may hold
 * at most ceil(c (m + 1) / n); the walk clockwise skips nodes at their bound, so no node ever exceeds it and keys
 * of hot spots spill to their ring neighbours.
 *
 * Requests whose class has no key space (`keys` absent, requestKey -1) start at a uniformly random point of the
 * ring instead (every node owns exactly v points): they spread evenly, like random dispatch, with no affinity.
 *
 * Complexity: O(1) expected per decision to find the key's point (a jump table over the sorted ring of n v points;
 * O(log(n v)) at worst), plus the points walked past unavailable or full nodes: O(1) expected while most nodes
 * are available, and for a fixed c > 1 (the paper bounds the expected search length by a function of c alone);
 * O(1) per dispatch, reply and availability change; building the ring O(n v log(n v)) once; 8.5 bytes per point.
 */
export const consistentHashPolicy: PolicyDefinition = {
  name: 'consistent-hash',
  description:
    'A hash ring with virtual nodes on the request key: a key sticks to its node, and a node leaving moves only its ' +
    'keys; boundedLoad c caps each node at ceil(c x (open + 1) / nodes) (Mirrokni et al. 2018). Requests without a ' +
    'key go to a random point of the ring. O(1) expected per decision.',
  params: [
    { name: 'virtualNodes', description: 'points on the ring per node', kind: 'integer', minimum: 1, default: 100 },
    {
      name: 'boundedLoad',
      description: 'capacity factor c >= 1 of consistent hashing with bounded loads; 0 for plain consistent hashing',
      kind: 'number',
      minimum: 0,
      default: 0,
    },
  ],
  readsOutstandingWork: false,
  create({ view, rng, params }) {
    const virtualNodes = Number(params.virtualNodes);
    const boundedLoad = Number(params.boundedLoad ?? 0);
    if (boundedLoad !== 0 && !(boundedLoad >= 1)) {
      throw new Error(`consistent-hash: boundedLoad must be 0 (off) or at least 1, got ${boundedLoad}`);
    }
    return createRingPolicy(view, virtualNodes, boundedLoad, (request) => {
      const key = view.requestKey(request);
      return key >= 0 ? hashKey(key) : -1;
    }, rng);
  },
};
