import type { PolicyDefinition } from './policy.js';
import { randomAvailable } from './random-available.js';

/**
 * Join-idle-queue (Lu, Xie, Kliot, Geller, Larus and Greenberg, "Join-Idle-Queue: A novel load balancing
 * algorithm for dynamically scalable web services", Performance Evaluation 68(11), 2011): a node that becomes idle
 * reports to the dispatcher (onNodeIdle), which keeps the reports in an idle list, first come first served. A
 * request goes to the node at the head of the list if that node is still idle and available (a node that got a
 * request meanwhile, or went down, is dropped from the list); otherwise, with no idle node known, to a node drawn
 * at random among the available ones. Every node starts idle, listed in a random order; a node that comes back
 * idle after being unavailable is listed again. With several dispatchers each would keep its own list (the
 * paper's I-queues).
 *
 * Complexity: O(1) amortised per decision (each entry dropped from the list was put there by one report); O(1)
 * per report; O(n) memory (a ring buffer, a node listed at most once).
 */
export const joinIdleQueuePolicy: PolicyDefinition = {
  name: 'join-idle-queue',
  description:
    'Idle nodes report to the dispatcher; a request goes to a reported node that is still idle, else to a random ' +
    'node (Lu et al. 2011). O(1) per decision.',
  params: [],
  create({ view, rng }) {
    const n = view.nodeCount;
    const list = new Int32Array(Math.max(n, 1));
    const listed = new Uint8Array(n);
    let head = 0;
    let size = 0;
    const report = (node: number) => {
      if (listed[node] === 1) return;
      listed[node] = 1;
      let at = head + size;
      if (at >= n) at -= n;
      list[at] = node;
      size++;
    };
    const order = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = (rng() * (i + 1)) | 0;
      const swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    for (const node of order) if (view.isAvailable(node) && view.queueLength(node) === 0) report(node);
    return {
      choose() {
        while (size > 0) {
          const node = list[head];
          head = head + 1 === n ? 0 : head + 1;
          size--;
          listed[node] = 0;
          if (view.isAvailable(node) && view.queueLength(node) === 0) return node;
        }
        return randomAvailable(view, rng);
      },
      onNodeIdle: report,
      onAvailabilityChange(node, available) {
        if (available && view.queueLength(node) === 0) report(node);
      },
    };
  },
};
