import { grownFloat64, grownInt32, grownUint8 } from '../engine/growable.js';
import type { PolicyDefinition } from './policy.js';
import { RankedHeap } from './ranked-heap.js';
import { shuffledOrder } from './shuffled-order.js';

/**
 * Smooth weighted round-robin by capacity (cores x speed): node i receives the share w_i / W of the requests, and
 * its turns are interleaved with the others' rather than taken in a burst, the property of nginx's smooth
 * weighted round-robin (nginx 1.x, ngx_http_upstream_round_robin.c, after Maxim Dounin's 2012 change).
 *
 * nginx scans every node per pick (O(n)); this implementation schedules the same shares with WF2Q, the worst-case
 * fair weighted fair queueing of Bennett and Zhang ("WF2Q: Worst-case Fair Weighted Fair Queueing", INFOCOM 1996),
 * each node being a flow that always has a request to take: the system's virtual time V advances by 1 / W per
 * pick; node i's next turn has start tag S_i = c_i / w_i and finish tag F_i = (c_i + 1) / w_i after c_i turns; a
 * pick takes, among the nodes whose turn has started (S_i <= V), the one whose turn finishes first. WF2Q keeps each
 * node within one request of its exact share t w_i / W at every prefix of t picks, and for integer weights every W
 * consecutive picks from the start hold exactly w_i turns of node i. With equal weights it is plain round-robin in
 * a fixed cyclic order.
 *
 * Nodes of equal capacity have equal tags turn after turn, so they are scheduled as one class: the class has the
 * tags of its current round, and its members take their turns of the round one after the other in a fixed cyclic
 * order (each member's tags are the class's until it has had its turn, after which no member of the class that has
 * not can lose to it). The heaps hold classes, not nodes, and a class moves in them only when its round is over.
 *
 * Ties: between classes with equal finish tags, by a fixed random order of the classes; within a class, by the
 * fixed random cyclic order of its members; both drawn once from the policy's stream. Random per pick would break
 * the cyclic order, so that a node could be picked twice in a row and see burstier arrivals.
 *
 * Unavailable nodes leave their class's rotation and the shares are among the available ones. A node that comes
 * back becomes the next of its class to take a turn (no burst to catch up); a class that comes back from empty
 * starts at the current virtual time, as a flow that becomes backlogged does in WF2Q. Returns -1 when no node is
 * available.
 *
 * Complexity per decision: O(1) while the chosen class's round goes on, O(log g) when it ends (g classes: distinct
 * capacities among the nodes), so O(1) amortised for a few groups of nodes and O(log n) at worst (every capacity
 * different); O(1) + O(log g) per availability change; O(n) memory.
 */
export const weightedRoundRobinPolicy: PolicyDefinition = {
  name: 'weighted-round-robin',
  description:
    'Requests go to the nodes in turn in proportion to their capacity (cores x speed), interleaved (smooth ' +
    'weighted round-robin, scheduled as WF2Q); equal capacities give plain round-robin. O(log n) per decision at ' +
    'worst, O(1) amortised for a few node sizes.',
  params: [],
  readsOutstandingWork: false,
  create({ view, rng }) {
    const n = view.nodeCount;
    const shuffled = (count: number) => shuffledOrder(count, rng);

    // Classes of equal capacity, in order of first appearance.
    let classOf = new Int32Array(n);
    const weights: number[] = [];
    const byWeight = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const w = view.capacity(i);
      if (!(w > 0) || !Number.isFinite(w)) {
        throw new Error(`weighted-round-robin: node ${i} has capacity ${w}; capacities must be positive`);
      }
      let c = byWeight.get(w);
      if (c === undefined) {
        c = weights.length;
        byWeight.set(w, c);
        weights.push(w);
      }
      classOf[i] = c;
    }
    const g = weights.length;
    const weight = Float64Array.from(weights);
    const classRank = shuffled(g);

    // Per class: a circular doubly linked list of its available members (next / previous per node), the member
    // whose turn is next, how many members have yet to take their turn in this round, and the round's tags
    // base + round / w (start) and base + (round + 1) / w (finish).
    let next = new Int32Array(n).fill(-1);
    let previous = new Int32Array(n).fill(-1);
    let servedRound = new Float64Array(n).fill(-1);
    let available = new Uint8Array(n);
    const cursor = new Int32Array(g).fill(-1);
    const size = new Int32Array(g);
    const remaining = new Int32Array(g);
    const base = new Float64Array(g);
    const round = new Float64Array(g);
    const start = new Float64Array(g);
    const finish = new Float64Array(g);
    const waiting = new RankedHeap(g, classRank);
    const eligible = new RankedHeap(g, classRank);
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
    // Tags and virtual time are each one division from exact values: a relative slack of 1e-12 absorbs the
    // rounding so that mathematically equal times compare equal.
    const due = (tag: number, now: number) => tag <= now + now * 1e-12;
    const setTags = (c: number) => {
      start[c] = base[c] + round[c] / weight[c];
      finish[c] = base[c] + (round[c] + 1) / weight[c];
    };
    /** Puts class c, out of both heaps, into the one its tags belong to now. */
    const place = (c: number) => {
      if (due(start[c], virtualNow())) eligible.push(c, finish[c]);
      else waiting.push(c, start[c]);
    };
    const unplace = (c: number) => {
      waiting.remove(c);
      eligible.remove(c);
    };
    /** Adds node i to its class as the next to take a turn (the class is out of the heaps if it was empty). */
    const join = (i: number) => {
      const c = classOf[i];
      const at = cursor[c];
      if (at < 0) {
        next[i] = i;
        previous[i] = i;
      } else {
        const before = previous[at];
        next[before] = i;
        previous[i] = before;
        next[i] = at;
        previous[at] = i;
      }
      cursor[c] = i;
      size[c]++;
      remaining[c]++;
      servedRound[i] = round[c] - 1;
      available[i] = 1;
      availableCount++;
      totalWeight += weight[c];
    };

    for (const i of shuffled(n)) {
      if (!view.isAvailable(i)) continue;
      join(i);
    }
    for (let c = 0; c < g; c++) {
      setTags(c);
      if (size[c] > 0) eligible.push(c, finish[c]);
    }

    return {
      choose() {
        if (availableCount === 0) return -1;
        const now = virtualNow();
        while (waiting.size > 0 && due(waiting.topKey(), now)) {
          const ready = waiting.pop();
          eligible.push(ready, finish[ready]);
        }
        if (eligible.size === 0) {
          const ready = waiting.pop();
          eligible.push(ready, finish[ready]);
        }
        const c = eligible.top();
        const node = cursor[c];
        cursor[c] = next[node];
        servedRound[node] = round[c];
        picks++;
        if (--remaining[c] > 0) return node;
        // The class's round is over: its next round's tags, and the class moves to where they belong, in as few
        // sifts as possible (it stays eligible, or trades places with the first waiting class that is due by the
        // next pick, or goes to wait).
        round[c]++;
        remaining[c] = size[c];
        setTags(c);
        const later = virtualNow();
        if (due(start[c], later)) {
          eligible.replaceTop(c, finish[c]);
        } else if (waiting.size > 0 && due(waiting.topKey(), later)) {
          const ready = waiting.replaceTop(c, start[c]);
          eligible.replaceTop(ready, finish[ready]);
        } else {
          eligible.pop();
          waiting.push(c, start[c]);
        }
        return node;
      },
      // A new node copies a group of the scenario, so its capacity is one of the classes': it joins that class's
      // rotation when it becomes available, as a node coming back does.
      onNodeAdded(node) {
        const c = byWeight.get(view.capacity(node));
        if (c === undefined) throw new Error(`weighted-round-robin: added node ${node} has a capacity no class has`);
        const size = node + 1;
        classOf = grownInt32(classOf, size);
        next = grownInt32(next, size, -1);
        previous = grownInt32(previous, size, -1);
        servedRound = grownFloat64(servedRound, size, -1);
        available = grownUint8(available, size);
        classOf[node] = c;
      },
      onAvailabilityChange(node, isAvailable) {
        if (isAvailable === (available[node] === 1)) return;
        const c = classOf[node];
        rebase();
        if (isAvailable) {
          if (size[c] === 0) {
            // The class comes back from empty: its round starts now (or later, if it was ahead).
            const now = virtualBase;
            base[c] = start[c] > now ? start[c] : now;
            round[c] = 0;
            setTags(c);
            join(node);
            place(c);
          } else {
            join(node);
          }
          return;
        }
        available[node] = 0;
        availableCount--;
        // Recomputed rather than decremented when the last node leaves, so that rounding leaves no residue.
        totalWeight = availableCount === 0 ? 0 : totalWeight - weight[c];
        const unserved = servedRound[node] < round[c];
        if (--size[c] === 0) {
          cursor[c] = -1;
          remaining[c] = 0;
          unplace(c);
          return;
        }
        const before = previous[node];
        const after = next[node];
        next[before] = after;
        previous[after] = before;
        if (cursor[c] === node) cursor[c] = after;
        if (unserved && --remaining[c] === 0) {
          // It was the last of its class yet to take a turn this round: the round is over.
          round[c]++;
          remaining[c] = size[c];
          setTags(c);
          unplace(c);
          place(c);
        }
      },
    };
  },
};
