import { describe, expect, it } from 'vitest';
import { ValueHeap } from '../../../src/policies/value-heap.js';
import { FakeCluster, countChoices, expectSpread, rngOf, uniform } from './fake-view.js';

const NAME = 'least-work-left';

const backlog = (cluster: FakeCluster, i: number) => cluster.work[i] / cluster.capacity[i];

/**
 * Random dispatches and replies; every choice must be a node of minimal outstanding work / capacity among the
 * available ones (computed here from the fake view's own tally, by brute force).
 */
function exercise(cluster: FakeCluster, steps: number, work: () => number, stream: string, churn = 0): void {
  const rng = rngOf(stream);
  for (let k = 0; k < steps; k++) {
    const open = cluster.open();
    if (rng() < churn) {
      const node = (rng() * cluster.nodeCount) | 0;
      const up = cluster.available.reduce((a, b) => a + b, 0);
      if (cluster.available[node] === 0) cluster.setAvailable(node, true);
      else if (up > 1) cluster.setAvailable(node, false);
    } else if (rng() < 0.55 || open.length === 0) {
      const before = Array.from({ length: cluster.nodeCount }, (_, i) => backlog(cluster, i));
      let min = Infinity;
      for (let i = 0; i < cluster.nodeCount; i++) if (cluster.available[i]) min = Math.min(min, before[i]);
      const node = cluster.nodeOf[cluster.dispatch({ work: work() })];
      expect(node, `step ${k}`).toBeGreaterThanOrEqual(0);
      // The fake's sums and the policy's differ by rounding only (the policy resets an empty node to exactly 0).
      expect(before[node], `step ${k}: node ${node} had backlog ${before[node]}, the minimum was ${min}`).toBeLessThanOrEqual(min + 1e-9);
    } else {
      cluster.complete(open[(rng() * open.length) | 0]);
    }
  }
}

describe('least-work-left', () => {
  it('sends each request to the node with the smallest outstanding work / capacity (heterogeneous capacities)', () => {
    const cluster = new FakeCluster(9, (i) => [1, 2, 4][i % 3]);
    cluster.use(NAME);
    const rng = rngOf('lwl-work');
    exercise(cluster, 20_000, () => -Math.log(1 - rng()), 'lwl-ops', 0.02);
  });

  it('constant work (many exact ties at positive backlogs) still picks a minimum', () => {
    const cluster = new FakeCluster(6);
    cluster.use(NAME);
    exercise(cluster, 10_000, () => 1, 'lwl-const', 0.02);
  });

  it('ties at random: idle nodes are chosen uniformly', () => {
    const n = 8;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    expectSpread(countChoices(cluster, 8000), uniform(n), 'idle ties');
  });

  it('ties at random among equal positive backlogs, the larger ones never', () => {
    const n = 6;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    // One request of work 2 on each node, then one more of work 1 on nodes 0 and 1: nodes 2..5 tie at 2.
    for (let i = 0; i < n; i++) cluster.dispatch({ work: 2 });
    cluster.dispatch({ work: 1 });
    cluster.dispatch({ work: 1 });
    const loaded = [0, 1, 2, 3, 4, 5].filter((i) => cluster.work[i] === 3);
    expect(loaded).toHaveLength(2);
    expectSpread(countChoices(cluster, 4000), uniform(n, loaded), 'ties at 2');
  });

  it('skips unavailable nodes, takes them back with their backlog, and returns -1 when none is available', () => {
    const cluster = new FakeCluster(3);
    cluster.use(NAME);
    cluster.setAvailable(0, false);
    cluster.setAvailable(1, false);
    for (let k = 0; k < 5; k++) expect(cluster.nodeOf[cluster.dispatch()]).toBe(2);
    cluster.setAvailable(2, false);
    expect(cluster.choose()).toBe(-1);
    cluster.setAvailable(2, true);
    cluster.setAvailable(0, true);
    // Node 2 holds 5 units of work, node 0 none.
    expect(cluster.choose()).toBe(0);
  });

  it('a failed request (NaN response) releases its work like a reply', () => {
    const cluster = new FakeCluster(2);
    cluster.use(NAME);
    const a = cluster.dispatch({ work: 5 });
    const b = cluster.dispatch({ work: 1 });
    expect(cluster.nodeOf[a]).not.toBe(cluster.nodeOf[b]);
    const big = cluster.nodeOf[a];
    cluster.complete(a, NaN);
    expect(cluster.choose()).toBe(big);
  });

  it('is deterministic for a fixed stream', () => {
    const run = () => {
      const cluster = new FakeCluster(10);
      cluster.use(NAME, {}, 'same');
      const rng = rngOf('same-ops');
      const chosen: number[] = [];
      for (let k = 0; k < 2000; k++) {
        const open = cluster.open();
        if (rng() < 0.6 || open.length === 0) chosen.push(cluster.nodeOf[cluster.dispatch({ work: rng() })]);
        else cluster.complete(open[(rng() * open.length) | 0]);
      }
      return chosen;
    };
    expect(run()).toEqual(run());
  });
});

describe('ValueHeap (the index behind least-work-left and least-response-time)', () => {
  it('agrees with a brute-force minimum through key changes, exact ties and membership changes', () => {
    const n = 40;
    const heap = new ValueHeap(n);
    const value = new Array(n).fill(0);
    const member = new Array(n).fill(true);
    const rng = rngOf('value-heap');
    // Keys from a small set (many exact ties, groups created and emptied all the time) and continuous ones.
    const draw = () => (rng() < 0.5 ? ((rng() * 5) | 0) / 2 : rng() * 3);
    for (let k = 0; k < 50_000; k++) {
      const node = (rng() * n) | 0;
      const op = rng();
      if (op < 0.1) {
        member[node] = !member[node];
        heap.setMember(node, member[node]);
      } else {
        value[node] = draw();
        heap.set(node, value[node]);
      }
      let min = Infinity;
      for (let i = 0; i < n; i++) if (member[i]) min = Math.min(min, value[i]);
      expect(heap.minValue(), `step ${k}`).toBe(min);
      const picked = heap.pickMin(rng);
      if (min === Infinity) expect(picked).toBe(-1);
      else {
        expect(member[picked], `step ${k}`).toBe(true);
        expect(value[picked], `step ${k}`).toBe(min);
      }
    }
    // After all that churn, one key for everybody must be one tie group: picks uniform over all n nodes (a key
    // lost or duplicated in the index would split the group and leave some nodes out).
    for (let i = 0; i < n; i++) {
      heap.setMember(i, true);
      heap.set(i, 1.25);
    }
    const counts = new Array(n).fill(0);
    for (let k = 0; k < 50 * n; k++) counts[heap.pickMin(rng)]++;
    expectSpread(counts, uniform(n), 'one tie group after churn');
  });

  it('keeps thousands of distinct keys apart (the open-addressing index under load)', () => {
    const n = 3000;
    const heap = new ValueHeap(n);
    const value = new Float64Array(n);
    const rng = rngOf('value-heap-large');
    for (let k = 0; k < 60_000; k++) {
      const node = (rng() * n) | 0;
      value[node] = ((rng() * 4000) | 0) / 7;
      heap.set(node, value[node]);
      if (k % 997 === 0) {
        let min = Infinity;
        for (let i = 0; i < n; i++) min = Math.min(min, value[i]);
        expect(heap.minValue()).toBe(min);
      }
    }
    for (let i = 0; i < n; i++) expect(heap.valueOf(i)).toBe(value[i]);
    // Empty the heap from the smallest key up: each pick must be the current minimum.
    const order = Array.from(value).sort((a, b) => a - b);
    for (const expected of order) {
      const node = heap.pickMin(rng);
      expect(value[node]).toBe(expected);
      heap.setMember(node, false);
    }
    expect(heap.pickMin(rng)).toBe(-1);
  });
});
