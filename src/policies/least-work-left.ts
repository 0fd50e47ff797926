import { grownFloat64, grownInt32 } from '../engine/growable.js';
import type { PolicyDefinition } from './policy.js';
import { ValueHeap } from './value-heap.js';

/**
 * Least work left: each request goes to the node with the shortest expected backlog, the work (seconds on a
 * speed-1 core) of the requests sent to it whose outcome has not come back, divided by its capacity (cores x
 * speed); ties (idle nodes above all, backlog 0) at random. With single-core FIFO nodes and the exact remaining
 * work this would be the central-queue M/G/c (Harchol-Balter, "Performance Modeling and Design of Computer
 * Systems", 2013, ch. 24); the dispatcher knows only the full work of each open request, not how much of the one in
 * service is done, so it is the usual approximation of it.
 *
 * The policy keeps its own tally per node from onDispatch / onReply (count and summed work, reset to exactly 0
 * when the count reaches 0 so that rounding leaves no residue), the same figures the view's outstandingWork
 * reports. Unavailable nodes leave the index and rejoin with their tally.
 *
 * Complexity: O(1) per decision (the minimum of a heap of distinct backlogs, a member of its tie group at
 * random); O(log n) per dispatch and per reply (the node's key changes in an indexed binary heap); O(n) memory.
 */
export const leastWorkLeftPolicy: PolicyDefinition = {
  name: 'least-work-left',
  description:
    'Each request goes to the node with the smallest outstanding work / capacity (the shortest expected backlog); ' +
    'ties at random. O(log n) per request.',
  params: [],
  readsOutstandingWork: true,
  create({ view, rng }) {
    const n = view.nodeCount;
    let capacity = new Float64Array(n);
    let open = new Int32Array(n);
    let work = new Float64Array(n);
    const backlog = new ValueHeap(n);
    for (let i = 0; i < n; i++) {
      capacity[i] = view.capacity(i);
      open[i] = view.connections(i);
      work[i] = open[i] > 0 ? view.outstandingWork(i) : 0;
      backlog.set(i, work[i] / capacity[i]);
      if (!view.isAvailable(i)) backlog.setMember(i, false);
    }
    return {
      choose: () => backlog.pickMin(rng),
      onDispatch(node, request) {
        open[node]++;
        work[node] += view.requestWork(request);
        backlog.set(node, work[node] / capacity[node]);
      },
      onReply(node, request) {
        if (--open[node] <= 0) {
          open[node] = 0;
          work[node] = 0;
        } else {
          work[node] -= view.requestWork(request);
        }
        backlog.set(node, work[node] / capacity[node]);
      },
      onAvailabilityChange: (node, available) => backlog.setMember(node, available),
      onNodeAdded(node) {
        capacity = grownFloat64(capacity, node + 1);
        open = grownInt32(open, node + 1);
        work = grownFloat64(work, node + 1);
        capacity[node] = view.capacity(node);
        backlog.addNode(node);
      },
    };
  },
};
