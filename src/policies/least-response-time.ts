import type { PolicyDefinition } from './policy.js';
import { ValueHeap } from './value-heap.js';

/**
 * Least response time: each request goes to the node with the smallest ewma x (connections + 1), where ewma is an
 * exponentially weighted moving average of the node's recent response times (ewma <- ewma + alpha (sample - ewma),
 * the first sample taken as is) and connections its open requests; ties at random. NGINX Plus's `least_time`
 * ("the server with the lowest average response time and the lowest number of active connections", NGINX Plus
 * documentation, HTTP Load Balancing) combines the two figures; the product is the usual way to do so.
 *
 * A node with no sample yet ranks before every measured node, fewest connections first (key -1 / (connections +
 * 1)), so that every node is tried and a cold node is not flooded while its first reply is on its way. A failed
 * request (responseTime NaN: a loss, a rejection, a timeout) closes its connection but adds no sample. Unavailable
 * nodes leave the index and rejoin with their average.
 *
 * Parameter `alpha` (default 0.1): the weight of the newest sample, 0 < alpha <= 1; larger follows changes faster
 * and noisier.
 *
 * Complexity: O(1) per decision (the minimum of an indexed heap of distinct keys, ties by a tie group); O(log n)
 * per dispatch and per reply, which change the node's key; O(n) memory.
 */
export const leastResponseTimePolicy: PolicyDefinition = {
  name: 'least-response-time',
  description:
    'Each request goes to the node with the smallest (moving average of its response times) x (open requests + 1), ' +
    'as NGINX Plus least_time; untried nodes first; ties at random. O(log n) per request.',
  params: [
    {
      name: 'alpha',
      description: 'weight of the newest response time in the moving average, 0 < alpha <= 1',
      kind: 'number',
      minimum: 0,
      default: 0.1,
    },
  ],
  create({ view, rng, params }) {
    const alpha = Number(params.alpha);
    if (!(alpha > 0 && alpha <= 1)) throw new Error(`least-response-time: alpha must be in (0, 1], got ${String(params.alpha)}`);
    const n = view.nodeCount;
    const average = new Float64Array(n);
    const sampled = new Uint8Array(n);
    const open = new Int32Array(n);
    const ranking = new ValueHeap(n);
    const keyOf = (node: number) => (sampled[node] === 1 ? average[node] * (open[node] + 1) : -1 / (open[node] + 1));
    for (let i = 0; i < n; i++) {
      open[i] = view.connections(i);
      ranking.set(i, keyOf(i));
      if (!view.isAvailable(i)) ranking.setMember(i, false);
    }
    return {
      choose: () => ranking.pickMin(rng),
      onDispatch(node) {
        open[node]++;
        ranking.set(node, keyOf(node));
      },
      onReply(node, _request, responseTime) {
        if (open[node] > 0) open[node]--;
        if (responseTime === responseTime) {
          if (sampled[node] === 1) average[node] += alpha * (responseTime - average[node]);
          else {
            average[node] = responseTime;
            sampled[node] = 1;
          }
        }
        ranking.set(node, keyOf(node));
      },
      onAvailabilityChange: (node, available) => ranking.setMember(node, available),
    };
  },
};
