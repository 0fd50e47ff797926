import type { PolicyDefinition } from './policy.js';
import { RankedHeap } from './ranked-heap.js';

/**
 * Smooth weighted round-robin by capacity (cores x speed): node i receives the share w_i / W of the requests, and
 * its turns are interleaved with the others' rather than taken in a burst, the property of nginx's smooth
 * weighted round-robin (nginx 1.x, ngx_http_upstream_round_robin.c, after Maxim Dounin's 2012 change).
 *
 * nginx scans every node per pick (O(n)); this implementation schedules the same shares with WF2Q, the worst-case
 * fair weighted fair queueing of Bennett and Zhang ("WF2Q: Worst-case Fair Weighted Fair Queueing", INFOCOM 1996),
 * each node being a flow that always has a request to take: the system's virtual time advances by 1 / W per pick;
 * node i's next turn has start tag S_i = c_i / w_i and finish tag F_i = (c_i + 1) / w_i after c_i turns; a pick
 * takes, among the nodes whose turn has started (S_i <= V), the one whose turn finishes first. WF2Q keeps each
 * node within one request of its exact share t w_i / W at every prefix of t picks (nginx's loop stays within
 * about the same bound), and for integer weights every W consecutive picks from the start hold exactly w_i turns
 * of node i. With equal weights it is plain round-robin in a fixed cyclic order.
 *
 * Ties (equal finish tags) go by a fixed random order of the nodes, drawn once from the policy's stream: random
 * per pick would break the cyclic order, so that a node could be picked twice in a row and see burstier arrivals.
 *
 * Unavailable nodes are left out and the shares are among the available ones; a node that comes back starts at
 * the current virtual time (no burst to catch up), as a flow that becomes backlogged does in WF2Q. Returns -1 when
 * no node is available.
 *
 * Complexity: O(log n) per decision (two indexed binary heaps: nodes waiting for their start tag, by start tag;
 * eligible nodes, by finish tag; each pick moves O(1) nodes between them, amortised); O(log n) per availability
 * change; O(n) memory.
 */
export const weightedRoundRobinPolicy: PolicyDefinition = {
  name: 'weighted-round-robin',
  description:
    'Requests go to the nodes in turn in proportion to their capacity (cores x speed), interleaved (smooth ' +
    'weighted round-robin, scheduled as WF2Q); equal capacities give plain round-robin. O(log n) per decision.',
  params: [],
  create({ view, rng }) {
    const n = view.nodeCount;
    const weight = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      weight[i] = view.capacity(i);
      if (!(weight[i] > 0) || !Number.isFinite(weight[i])) {
        throw new Error(`weighted-round-robin: node ${i} has capacity ${weight[i]}; capacities must be positive`);
      }
    }
    const rank = new Int32Array(n);
    for (let i = 0; i < n; i++) rank[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = (rng() * (i + 1)) | 0;
      const swap = rank[i];
      rank[i] = rank[j];
      rank[j] = swap;
    }
    /** Node i's tags are base_i + turns_i / w_i (start) and base_i + (turns_i + 1) / w_i (finish). */
    const base = new Float64Array(n);
    const turns = new Float64Array(n);
    const start = new Float64Array(n);
    const finish = new Float64Array(n);
    const waiting = new RankedHeap(n, rank);
    const eligible = new RankedHeap(n, rank);
    const available = new Uint8Array(n);
    let totalWeight = 0;
    let availableCount = 0;
    /** Virtual time = virtualBase + picks / totalWeight; rebased when the total weight changes. */
    let virtualBase = 0;
    let picks = 0;

    const virtualNow = () => (totalWeight > 0 ? virtualBase + picks / totalWeight : virtualBase);
    const rebase = () => {
      virtualBase = virtualNow();
      picks = 0;
    };
    const setTags = (node: number) => {
      start[node] = base[node] + turns[node] / weight[node];
      finish[node] = base[node] + (turns[node] + 1) / weight[node];
    };

    for (let i = 0; i < n; i++) {
      setTags(i);
      if (!view.isAvailable(i)) continue;
      available[i] = 1;
      availableCount++;
      totalWeight += weight[i];
      eligible.push(i, finish[i]);
    }

    return {
      choose() {
        if (eligible.size === 0 && waiting.size === 0) return -1;
        // Tags and virtual time are each one division from exact values: a relative slack of 1e-12 absorbs the
        // rounding so that mathematically equal times compare equal.
        let now = virtualNow();
        let limit = now + now * 1e-12;
        while (waiting.size > 0 && waiting.topKey() <= limit) {
          const ready = waiting.pop();
          eligible.push(ready, finish[ready]);
        }
        if (eligible.size === 0) {
          const ready = waiting.pop();
          eligible.push(ready, finish[ready]);
        }
        const node = eligible.top();
        turns[node]++;
        setTags(node);
        picks++;
        // Move the chosen node to where its next turn belongs, in as few sifts as possible: it stays eligible, or
        // it trades places with the first waiting node that is due by the next pick, or it goes to wait.
        now = virtualNow();
        limit = now + now * 1e-12;
        if (start[node] <= limit) {
          eligible.replaceTop(node, finish[node]);
        } else if (waiting.size > 0 && waiting.topKey() <= limit) {
          const ready = waiting.replaceTop(node, start[node]);
          eligible.replaceTop(ready, finish[ready]);
        } else {
          eligible.pop();
          waiting.push(node, start[node]);
        }
        return node;
      },
      onAvailabilityChange(node, isAvailable) {
        if (isAvailable === (available[node] === 1)) return;
        rebase();
        if (isAvailable) {
          available[node] = 1;
          availableCount++;
          // A returning node starts its next turn now (or later, if it was ahead): no burst of catch-up turns.
          const now = virtualBase;
          base[node] = start[node] > now ? start[node] : now;
          turns[node] = 0;
          setTags(node);
          totalWeight += weight[node];
          waiting.push(node, start[node]);
        } else {
          available[node] = 0;
          waiting.remove(node);
          eligible.remove(node);
          // Recomputed rather than decremented when the last node leaves, so that rounding leaves no residue.
          totalWeight = --availableCount === 0 ? 0 : totalWeight - weight[node];
        }
      },
    };
  },
};
