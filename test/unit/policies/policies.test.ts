/**
 * The dispatch policies against a fake cluster view, with their choice distributions checked against exact
 * probabilities. Counts of K draws: each bin's count is binomial, allowed 5 standard deviations (a correct policy
 * fails a bin with probability < 10^-6).
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/rng.js';
import type { DispatchView } from '../../../src/model/dispatch.js';
import { createPolicy } from '../../../src/policies/create.js';
import { policyNames } from '../../../src/policies/registry.js';

function fakeView(n: number, queue: (i: number) => number = () => 0, available: (i: number) => boolean = () => true) {
  const connections = new Int32Array(n);
  const view: DispatchView = {
    nodeCount: n,
    connections: (i) => connections[i],
    outstandingWork: (i) => connections[i],
    queueLength: queue,
    capacity: () => 1,
    isAvailable: available,
    requestKey: () => -1,
    requestClient: () => -1,
    requestWork: () => 1,
  };
  return { view, connections };
}

const rngOf = (name: string) => new RandomStreams('policies-test').stream(name);

function expectDistribution(counts: number[], probabilities: number[], label: string): void {
  const draws = counts.reduce((a, b) => a + b, 0);
  probabilities.forEach((p, i) => {
    const sd = Math.sqrt(draws * p * (1 - p));
    if (p === 0) expect(counts[i], `${label}: node ${i} has probability 0`).toBe(0);
    else expect(Math.abs(counts[i] - draws * p), `${label}: node ${i} chosen ${counts[i]} times, expected ${draws * p}`).toBeLessThanOrEqual(5 * sd);
  });
}

const K = 100_000;

describe('dispatch policies', () => {
  it('the registry has the four policies of issue 2', () => {
    expect(policyNames()).toEqual(expect.arrayContaining(['random', 'round-robin', 'least-connections', 'power-of-d']));
  });

  it('random: uniform over the nodes, never an unavailable one', () => {
    const n = 10;
    const { view } = fakeView(n, undefined, (i) => i !== 3);
    const policy = createPolicy({ name: 'random', params: {} }, view, rngOf('random'));
    const counts = new Array(n).fill(0);
    for (let k = 0; k < K; k++) counts[policy.choose(k)]++;
    expectDistribution(counts, counts.map((_, i) => (i === 3 ? 0 : 1 / 9)), 'random');
  });

  it('round-robin: the nodes in turn, skipping unavailable ones; -1 when none is available', () => {
    let down = new Set([2]);
    const { view } = fakeView(4, undefined, (i) => !down.has(i));
    const policy = createPolicy({ name: 'round-robin', params: {} }, view, rngOf('rr'));
    const chosen = Array.from({ length: 7 }, (_, k) => policy.choose(k));
    expect(chosen).toEqual([0, 1, 3, 0, 1, 3, 0]);
    down = new Set([0, 1, 2, 3]);
    expect(policy.choose(99)).toBe(-1);
  });

  it('least-connections: the node with the fewest open requests, through the dispatch and reply hooks', () => {
    const n = 5;
    const { view, connections } = fakeView(n);
    const policy = createPolicy({ name: 'least-connections', params: {} }, view, rngOf('lc'));
    const rng = rngOf('lc-ops');
    for (let k = 0; k < 20_000; k++) {
      if (rng() < 0.55) {
        const node = policy.choose(k);
        const min = Math.min(...connections);
        expect(connections[node], `request ${k}`).toBe(min);
        connections[node]++;
        policy.onDispatch?.(node, k);
      } else {
        const busy = [...connections.keys()].filter((i) => connections[i] > 0);
        if (busy.length === 0) continue;
        const node = busy[(rng() * busy.length) | 0];
        connections[node]--;
        policy.onReply?.(node, k, 1);
      }
    }
  });

  it('least-connections: skips a node while it is unavailable', () => {
    const { view } = fakeView(3);
    const policy = createPolicy({ name: 'least-connections', params: {} }, view, rngOf('lc2'));
    policy.onAvailabilityChange?.(0, false);
    policy.onAvailabilityChange?.(1, false);
    for (let k = 0; k < 10; k++) expect(policy.choose(k)).toBe(2);
    policy.onAvailabilityChange?.(2, false);
    expect(policy.choose(10)).toBe(-1);
  });

  // Queue length of node i is i: power-of-d picks the smallest index among d distinct sampled nodes, so
  // P(choose k) = C(n - 1 - k, d - 1) / C(n, d) (sampling without replacement; with replacement node n - 1 could be
  // chosen, here it never is).
  const binomial = (a: number, b: number): number => {
    if (b < 0 || b > a) return 0;
    let r = 1;
    for (let i = 1; i <= b; i++) r = (r * (a - b + i)) / i;
    return r;
  };
  for (const d of [1, 2, 3]) {
    it(`power-of-d, d = ${d}: samples ${d} distinct nodes uniformly and joins the shortest queue`, () => {
      const n = 10;
      const { view } = fakeView(n, (i) => i);
      const policy = createPolicy({ name: 'power-of-d', params: { d } }, view, rngOf(`pod-${d}`));
      const counts = new Array(n).fill(0);
      for (let k = 0; k < K; k++) counts[policy.choose(k)]++;
      const p = counts.map((_, k) => binomial(n - 1 - k, d - 1) / binomial(n, d));
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expectDistribution(counts, p, `power-of-d d=${d}`);
    });
  }

  it('power-of-d: equal queues are a tie broken at random (uniform choice)', () => {
    const n = 6;
    const { view } = fakeView(n, () => 4);
    const policy = createPolicy({ name: 'power-of-d', params: { d: 2 } }, view, rngOf('pod-ties'));
    const counts = new Array(n).fill(0);
    for (let k = 0; k < K; k++) counts[policy.choose(k)]++;
    expectDistribution(counts, new Array(n).fill(1 / n), 'power-of-d ties');
  });

  it('power-of-d: d defaults to 2', () => {
    const n = 10;
    const { view } = fakeView(n, (i) => i);
    const policy = createPolicy({ name: 'power-of-d', params: {} }, view, rngOf('pod-default'));
    const counts = new Array(n).fill(0);
    for (let k = 0; k < K; k++) counts[policy.choose(k)]++;
    expect(counts[n - 1]).toBe(0);
    expectDistribution(counts, counts.map((_, k) => (n - 1 - k) / 45), 'power-of-d default');
  });
});
