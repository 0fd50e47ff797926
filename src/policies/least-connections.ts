import { CountBuckets } from './count-buckets.js';
import type { PolicyDefinition } from './policy.js';

export const leastConnectionsPolicy: PolicyDefinition = {
  name: 'least-connections',
  description:
    'Each request goes to the node with the fewest open requests (sent, reply not yet delivered); ties at random. O(1) per decision.',
  params: [],
  readsOutstandingWork: false,
  create({ view, rng }) {
    const buckets = new CountBuckets(view.nodeCount);
    for (let i = 0; i < view.nodeCount; i++) if (!view.isAvailable(i)) buckets.setMember(i, false);
    return {
      choose: () => buckets.pickMin(rng),
      onDispatch: (node) => buckets.increment(node),
      onReply: (node) => buckets.decrement(node),
      onAvailabilityChange: (node, available) => buckets.setMember(node, available),
      onNodeAdded: (node) => buckets.addNode(node),
    };
  },
};
