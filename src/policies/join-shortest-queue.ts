import { CountBuckets } from './count-buckets.js';
import type { PolicyDefinition } from './policy.js';

/**
 * Join the shortest queue: each request goes to the node with the fewest requests (waiting or in service) as the
 * view reports them, ties at random (Winston, "Optimality of the shortest line discipline", J. Appl. Prob. 14,
 * 1977: optimal for identical exponential servers; Haight 1958 for two queues). Unlike least-connections, which
 * counts the dispatcher's own open requests, it follows the nodes' reported queue lengths (onQueueLength): exact
 * by default, stale under a periodic view, where it herds (Mitzenmacher, "How useful is old information?", IEEE
 * TPDS 11(1), 2000). With no network latency the two coincide.
 *
 * Complexity: O(1) per decision (buckets by queue length, the minimum kept by CountBuckets); O(1) per queue-length
 * change of one request (O(|change|) for a jump, e.g. a crash emptying a queue or a periodic report); O(n) memory.
 * Unavailable nodes leave the buckets and rejoin with their last reported length.
 */
export const joinShortestQueuePolicy: PolicyDefinition = {
  name: 'join-shortest-queue',
  description:
    'Each request goes to the node with the fewest requests waiting or in service, as the nodes report them; ties ' +
    'at random. O(1) per decision.',
  params: [],
  readsOutstandingWork: false,
  create({ view, rng }) {
    const n = view.nodeCount;
    const buckets = new CountBuckets(n);
    const follow = (node: number, length: number) => {
      while (buckets.countOf(node) < length) buckets.increment(node);
      while (buckets.countOf(node) > length) buckets.decrement(node);
    };
    for (let i = 0; i < n; i++) {
      follow(i, view.queueLength(i));
      if (!view.isAvailable(i)) buckets.setMember(i, false);
    }
    return {
      choose: () => buckets.pickMin(rng),
      onQueueLength: follow,
      onAvailabilityChange: (node, available) => buckets.setMember(node, available),
      onNodeAdded: (node) => buckets.addNode(node),
    };
  },
};
