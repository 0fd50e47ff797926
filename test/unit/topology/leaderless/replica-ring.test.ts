/**
 * The leaderless store's placement: a key's replicas are distinct nodes, the ring's shares sum to 1, and a node's
 * share with V tokens among n nodes has a coefficient of variation of about sqrt((n - 1) / (n V + 1)): each share is
 * a sum of V of the n V spacings of uniform points on a circle, a Beta(V, (n - 1) V) variable, whose variance over
 * its squared mean is (n - 1) / (n V + 1) (spacings of uniform points: David and Nagaraja, "Order Statistics",
 * section 6.4; the consistent-hashing balance argument of Karger et al., STOC 1997).
 */
import { describe, expect, it } from 'vitest';
import { HashRing } from '../../../../src/policies/hash-ring.js';
import { ReplicaRing, ringShares } from '../../../../src/topology/leaderless/replica-ring.js';
import { quorumSize } from '../../../../src/topology/leaderless/scenario/resolve.js';

describe('replica placement', () => {
  it('gives every key N distinct nodes, the same ones each time', () => {
    const ring = new ReplicaRing(7, 16, 3, 500);
    for (let key = 0; key < 500; key++) {
      const replicas = [0, 1, 2].map((slot) => ring.replica(key, slot));
      expect(new Set(replicas).size).toBe(3);
      for (const node of replicas) expect(node >= 0 && node < 7).toBe(true);
      expect([0, 1, 2].map((slot) => ring.replica(key, slot))).toEqual(replicas);
    }
  });

  it('N = n puts every key on every node', () => {
    const ring = new ReplicaRing(3, 4, 3, 50);
    for (let key = 0; key < 50; key++) expect([0, 1, 2].map((s) => ring.replica(key, s)).sort()).toEqual([0, 1, 2]);
  });

  it('ring shares sum to 1', () => {
    const shares = new ReplicaRing(10, 16, 3, 1).ringShares();
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('quorum sizes', () => {
  it('one, quorum (a majority), all, and numbers', () => {
    expect([1, 2, 3, 4, 5].map((n) => quorumSize('quorum', n))).toEqual([1, 2, 2, 3, 3]);
    expect(quorumSize('one', 5)).toBe(1);
    expect(quorumSize('all', 5)).toBe(5);
    expect(quorumSize(4, 5)).toBe(4);
  });
});

describe('ring balance', () => {
  for (const [n, v] of [
    [20, 16],
    [10, 64],
  ] as const) {
    it(`n = ${n} nodes, V = ${v} tokens: the share's CV is about sqrt((n - 1) / (n V + 1))`, () => {
      // Many rings (nodes with different ids place different tokens): the mean of the squared CV over rings, with
      // its standard error from the rings themselves.
      const rings = 60;
      const squared: number[] = [];
      for (let t = 0; t < rings; t++) {
        const ids = Array.from({ length: n }, (_, i) => t * n + i);
        const shares = ringShares(new HashRing(ids, v), t * n + n).slice(t * n);
        const mean = 1 / n;
        squared.push(shares.reduce((a, s) => a + (s - mean) ** 2, 0) / n / (mean * mean));
      }
      const mean = squared.reduce((a, b) => a + b, 0) / rings;
      const se = Math.sqrt(squared.reduce((a, s) => a + (s - mean) ** 2, 0) / (rings - 1) / rings);
      const expected = (n - 1) / (n * v + 1);
      // The population variance over n nodes (dividing by n) has expectation (n - 1) / n of the variance.
      expect(Math.abs(mean - ((n - 1) / n) * expected)).toBeLessThan(4 * se);
    });
  }
});
