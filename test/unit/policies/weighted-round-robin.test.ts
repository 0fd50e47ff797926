import { describe, expect, it } from 'vitest';
import { FakeCluster, expectSpread, rngOf, uniform } from './fake-view.js';

const NAME = 'weighted-round-robin';

/** `picks` requests through the dispatch path (replies immediately: WRR does not look at load). */
function sequence(cluster: FakeCluster, picks: number): number[] {
  const nodes: number[] = [];
  for (let k = 0; k < picks; k++) {
    const request = cluster.dispatch();
    const node = cluster.nodeOf[request];
    nodes.push(node);
    if (node >= 0) cluster.complete(request);
  }
  return nodes;
}

/** max over prefixes t and nodes i of |c_i(t) - t w_i / W|: WF2Q keeps it within one request (Bennett and Zhang 1996). */
function worstLag(nodes: number[], weights: number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = new Array(weights.length).fill(0);
  let worst = 0;
  nodes.forEach((node, t) => {
    counts[node]++;
    for (let i = 0; i < weights.length; i++) worst = Math.max(worst, Math.abs(counts[i] - ((t + 1) * weights[i]) / total));
  });
  return worst;
}

describe('weighted-round-robin', () => {
  it('equal capacities: plain round-robin, the same cyclic order every round', () => {
    const cluster = new FakeCluster(6);
    cluster.use(NAME);
    const nodes = sequence(cluster, 60);
    const round = nodes.slice(0, 6);
    expect([...round].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (let r = 1; r < 10; r++) expect(nodes.slice(6 * r, 6 * r + 6)).toEqual(round);
  });

  it('shares follow cores x speed exactly over each cycle of W picks, interleaved (lag below one request)', () => {
    const weights = [5, 1, 1];
    const cluster = new FakeCluster(3, (i) => weights[i]);
    cluster.use(NAME);
    const nodes = sequence(cluster, 7 * 100);
    for (let cycle = 0; cycle < 100; cycle++) {
      const part = nodes.slice(7 * cycle, 7 * cycle + 7);
      expect(part.filter((n) => n === 0)).toHaveLength(5);
      expect(part.filter((n) => n === 1)).toHaveLength(1);
      expect(part.filter((n) => n === 2)).toHaveLength(1);
    }
    // Smooth, not 5 in a row then the others: the heavy node never takes more than 3 turns in a row (a burst WRR
    // would give 5), and no node strays a full request from its exact share at any prefix.
    let run = 0;
    let longest = 0;
    for (const node of nodes) {
      run = node === 0 ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    expect(longest).toBeLessThanOrEqual(3);
    expect(worstLag(nodes, weights)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('heterogeneous real capacities (cores x speed = 1, 1.5, 2, 4.5, 8): lag within one request at every prefix', () => {
    const weights = [1, 1.5, 2, 4.5, 8, 1, 1.5];
    const cluster = new FakeCluster(weights.length, (i) => weights[i]);
    cluster.use(NAME);
    const nodes = sequence(cluster, 20_000);
    expect(worstLag(nodes, weights)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('every capacity different (one class per node, the O(log n) path): lag within one request', () => {
    const weights = Array.from({ length: 40 }, (_, i) => 1 + i * 0.37);
    const cluster = new FakeCluster(weights.length, (i) => weights[i]);
    cluster.use(NAME);
    expect(worstLag(sequence(cluster, 30_000), weights)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('under availability churn, every stretch between two changes shares the picks by capacity among the available', () => {
    const weights = [1, 1, 1, 2, 2, 2, 2, 3, 3, 2.5, 1, 3];
    const n = weights.length;
    const cluster = new FakeCluster(n, (i) => weights[i]);
    cluster.use(NAME);
    const rng = rngOf('wrr-churn');
    for (let change = 0; change < 300; change++) {
      const node = (rng() * n) | 0;
      const up = cluster.available.reduce((a, b) => a + b, 0);
      if (cluster.available[node] === 0) cluster.setAvailable(node, true);
      else if (up > 1) cluster.setAvailable(node, false);
      const total = weights.reduce((a, w, i) => a + (cluster.available[i] ? w : 0), 0);
      const length = 20 + ((rng() * 200) | 0);
      const picks = sequence(cluster, length);
      for (let i = 0; i < n; i++) {
        const count = picks.filter((x) => x === i).length;
        if (!cluster.available[i]) expect(count, `change ${change}: node ${i} is down`).toBe(0);
        // WF2Q keeps each node within one request of its share; a change may cost up to one more at each end.
        else expect(Math.abs(count - (length * weights[i]) / total), `change ${change}: node ${i}`).toBeLessThanOrEqual(3);
      }
    }
  });

  it('ties (equal capacities) are broken by an order drawn at random: the first pick is uniform over the nodes', () => {
    // 2 000 independent policies, each with its own stream: the node of the first pick, chi-square against 1/n.
    const n = 5;
    const counts = new Array(n).fill(0);
    for (let s = 0; s < 2000; s++) {
      const cluster = new FakeCluster(n);
      cluster.use(NAME, {}, `ties-${s}`);
      counts[cluster.choose()]++;
    }
    expectSpread(counts, uniform(n), 'first pick');
  });

  it('skips an unavailable node, shares the rest by weight, and takes a returning node back without a burst', () => {
    const weights = [1, 2, 3, 4];
    const cluster = new FakeCluster(4, (i) => weights[i]);
    cluster.use(NAME);
    sequence(cluster, 37);
    cluster.setAvailable(3, false);
    const without = sequence(cluster, 600);
    expect(without).not.toContain(3);
    // Over 600 picks among weights 1, 2, 3: 100, 200, 300 within one request each.
    [100, 200, 300].forEach((share, i) => expect(Math.abs(without.filter((n) => n === i).length - share)).toBeLessThanOrEqual(1));
    cluster.setAvailable(3, true);
    const back = sequence(cluster, 10);
    // Its share is 4/10: 4 of the next 10 picks, within one, not a catch-up burst.
    expect(Math.abs(back.filter((n) => n === 3).length - 4)).toBeLessThanOrEqual(1);
    expect(worstLag(sequence(cluster, 1000), weights)).toBeLessThanOrEqual(2);
  });

  it('returns -1 when no node is available, and resumes when one comes back', () => {
    const cluster = new FakeCluster(3, (i) => i + 1);
    cluster.use(NAME);
    for (let i = 0; i < 3; i++) cluster.setAvailable(i, false);
    expect(cluster.choose()).toBe(-1);
    cluster.setAvailable(1, true);
    expect(sequence(cluster, 5)).toEqual([1, 1, 1, 1, 1]);
  });

  it('nodes unavailable when the policy is built are left out from the start', () => {
    const cluster = new FakeCluster(4);
    cluster.available[2] = 0;
    cluster.use(NAME);
    expect(sequence(cluster, 30)).not.toContain(2);
  });

  it('is deterministic for a fixed stream', () => {
    const run = () => {
      const cluster = new FakeCluster(7, (i) => 1 + (i % 3));
      cluster.use(NAME, {}, 'same');
      return sequence(cluster, 200);
    };
    expect(run()).toEqual(run());
  });
});
