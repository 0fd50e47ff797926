import { grownInt32, grownUint8 } from '../engine/growable.js';
import type { PolicyDefinition } from './policy.js';
import { randomAvailable } from './random-available.js';
import { shuffledOrder } from './shuffled-order.js';

/**
 * Join-idle-queue (Lu, Xie, Kliot, Geller, Larus and Greenberg, "Join-Idle-Queue: A novel load balancing
 * algorithm for dynamically scalable web services", Performance Evaluation 68(11), 2011): a node that becomes idle
 * reports to a dispatcher (onNodeIdle; with several dispatchers, to one of them), which keeps the reports in an
 * idle list, first come first served. A request goes to the node at the head of the list; with no idle node known,
 * to a node drawn at random among the available ones.
 *
 * The list holds the nodes this dispatcher still believes idle and available: a node leaves it when it is chosen,
 * when this dispatcher sends it a request anyway (a random pick), when the view reports it busy (a queue length
 * above 0 arriving after its idle report: exactly at once with exact information, at the next report under a stale
 * view), and while it is unavailable; it comes back when it reports idle again, or when it becomes available with
 * an empty queue as far as the view knows (or while still believed idle). Every node starts idle, listed in a
 * random order.
 *
 * Complexity: O(1) per decision (the head of an intrusive doubly linked list over the nodes; the random fallback is
 * O(1) expected) and O(1) per hook; O(n) memory.
 */
export const joinIdleQueuePolicy: PolicyDefinition = {
  name: 'join-idle-queue',
  description:
    'Idle nodes report to the dispatcher; a request goes to the node that reported first and is still believed ' +
    'idle, else to a random node (Lu et al. 2011). O(1) per decision.',
  params: [],
  readsOutstandingWork: false,
  create({ view, rng }) {
    const n = view.nodeCount;
    /** Believed idle: reported idle, and neither sent a request since nor reported busy. */
    let idle: Uint8Array = new Uint8Array(n);
    let listed: Uint8Array = new Uint8Array(n);
    let next: Int32Array = new Int32Array(n).fill(-1);
    let previous: Int32Array = new Int32Array(n).fill(-1);
    let head = -1;
    let tail = -1;

    const link = (node: number) => {
      if (listed[node] === 1) return;
      listed[node] = 1;
      previous[node] = tail;
      next[node] = -1;
      if (tail >= 0) next[tail] = node;
      else head = node;
      tail = node;
    };
    const unlink = (node: number) => {
      if (listed[node] === 0) return;
      listed[node] = 0;
      const before = previous[node];
      const after = next[node];
      if (before >= 0) next[before] = after;
      else head = after;
      if (after >= 0) previous[after] = before;
      else tail = before;
    };
    const busy = (node: number) => {
      idle[node] = 0;
      unlink(node);
    };

    for (const node of shuffledOrder(n, rng)) {
      if (view.queueLength(node) !== 0) continue;
      idle[node] = 1;
      if (view.isAvailable(node)) link(node);
    }

    return {
      choose() {
        while (head >= 0) {
          const node = head;
          if (view.isAvailable(node)) {
            busy(node);
            return node;
          }
          unlink(node); // availability changed without the hook: keep the belief, leave the list
        }
        return randomAvailable(view, rng);
      },
      onDispatch: busy,
      onQueueLength(node, length) {
        if (length > 0) busy(node);
      },
      onNodeIdle(node) {
        idle[node] = 1;
        if (view.isAvailable(node)) link(node);
      },
      // A new node starts idle; it is listed when it becomes available (below), as its queue is empty.
      onNodeAdded(node) {
        idle = grownUint8(idle, node + 1, 1);
        listed = grownUint8(listed, node + 1);
        next = grownInt32(next, node + 1, -1);
        previous = grownInt32(previous, node + 1, -1);
      },
      onAvailabilityChange(node, available) {
        if (!available) {
          unlink(node);
          return;
        }
        if (idle[node] === 1 || view.queueLength(node) === 0) {
          idle[node] = 1;
          link(node);
        }
      },
    };
  },
};
