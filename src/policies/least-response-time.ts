import { grownFloat64, grownInt32, grownUint8 } from '../engine/growable.js';
import type { PolicyDefinition } from './policy.js';
import { ValueHeap } from './value-heap.js';

/** Samples over which the running average of all responses (the prior of untried nodes) is a plain mean. */
const OVERALL_WINDOW = 1000;

/**
 * Least response time: each request goes to the node with the smallest ewma x (connections + 1), where ewma is an
 * exponentially weighted moving average of the node's recent response times (ewma <- ewma + alpha (sample - ewma))
 * and connections its open requests; ties at random. NGINX Plus's `least_time` ("the server with the lowest average
 * response time and the lowest number of active connections", NGINX Plus documentation, HTTP Load Balancing)
 * combines the two figures; the product is the usual way to do so.
 *
 * A node with no sample yet is ranked as if its average were the running average of every response this
 * dispatcher has seen (the plain mean of the first 1 000, then an average over the last thousand or so), and its
 * own average starts from that prior when its first reply comes. Without a prior, a node's first sample would set
 * its average alone: one lucky 10 ms reply and it would draw requests until a queue of a hundred built up; and an
 * "untried first" rule floods the last untried nodes while their first, slow, replies are on their way. Before any
 * reply at all, the node with the fewest open requests wins. A failed request (responseTime NaN: a loss, a
 * rejection, a timeout) closes its connection but adds no sample. Unavailable nodes leave the index and rejoin
 * with their average.
 *
 * Parameter `alpha` (default 0.1): the weight of the newest sample, 0 < alpha <= 1; larger follows changes faster
 * and noisier.
 *
 * Complexity: O(1) per decision (the minima of two indexed heaps of distinct keys, measured nodes by ewma x
 * (connections + 1), untried ones by connections, ties within a group of equal keys); O(log n) per dispatch and per
 * reply, which change the node's key; O(n) memory.
 */
export const leastResponseTimePolicy: PolicyDefinition = {
  name: 'least-response-time',
  description:
    'Each request goes to the node with the smallest (moving average of its response times) x (open requests + 1), ' +
    'as NGINX Plus least_time; untried nodes count at the average of all; ties at random. O(log n) per request.',
  params: [
    {
      name: 'alpha',
      description: 'weight of the newest response time in the moving average, 0 < alpha <= 1',
      kind: 'number',
      minimum: 0,
      default: 0.1,
    },
  ],
  readsOutstandingWork: false,
  create({ view, rng, params }) {
    const alpha = Number(params.alpha);
    if (!(alpha > 0 && alpha <= 1)) throw new Error(`least-response-time: alpha must be in (0, 1], got ${String(params.alpha)}`);
    const n = view.nodeCount;
    let average = new Float64Array(n);
    let sampled = new Uint8Array(n);
    let available = new Uint8Array(n);
    let open = new Int32Array(n);
    /** Measured nodes by average x (open + 1); untried nodes by open requests. Members: available nodes only. */
    const measured = new ValueHeap(n, false);
    const untried = new ValueHeap(n);
    let samples = 0;
    let overall = 0;
    for (let i = 0; i < n; i++) {
      open[i] = view.connections(i);
      untried.set(i, open[i]);
      available[i] = view.isAvailable(i) ? 1 : 0;
      if (available[i] === 0) untried.setMember(i, false);
    }
    const update = (node: number) => {
      if (sampled[node] === 1) measured.set(node, average[node] * (open[node] + 1));
      else untried.set(node, open[node]);
    };
    return {
      choose() {
        const untriedMin = untried.minValue();
        if (untriedMin === Infinity) return measured.pickMin(rng);
        const measuredKey = measured.minValue();
        if (measuredKey === Infinity) return untried.pickMin(rng);
        const untriedKey = overall * (untriedMin + 1);
        if (untriedKey < measuredKey) return untried.pickMin(rng);
        if (measuredKey < untriedKey) return measured.pickMin(rng);
        // An exact tie across the two groups: uniform over all tied nodes.
        const a = untried.minCount();
        const b = measured.minCount();
        return rng() * (a + b) < a ? untried.pickMin(rng) : measured.pickMin(rng);
      },
      onDispatch(node) {
        open[node]++;
        update(node);
      },
      onReply(node, _request, responseTime) {
        if (open[node] > 0) open[node]--;
        if (responseTime === responseTime) {
          if (sampled[node] === 0) {
            average[node] = samples > 0 ? overall : responseTime;
            sampled[node] = 1;
            untried.setMember(node, false);
            measured.set(node, average[node] * (open[node] + 1));
            measured.setMember(node, available[node] === 1);
          }
          samples++;
          overall += (responseTime - overall) / (samples < OVERALL_WINDOW ? samples : OVERALL_WINDOW);
          average[node] += alpha * (responseTime - average[node]);
        }
        update(node);
      },
      // A new node is untried (ranked at the prior of all responses) and unavailable until it is up.
      onNodeAdded(node) {
        average = grownFloat64(average, node + 1);
        sampled = grownUint8(sampled, node + 1);
        available = grownUint8(available, node + 1);
        open = grownInt32(open, node + 1);
        measured.addNode(node);
        untried.addNode(node);
      },
      onAvailabilityChange(node, isAvailable) {
        available[node] = isAvailable ? 1 : 0;
        if (sampled[node] === 1) measured.setMember(node, isAvailable);
        else untried.setMember(node, isAvailable);
      },
    };
  },
};
