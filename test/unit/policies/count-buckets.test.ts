import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/rng.js';
import { CountBuckets } from '../../../src/policies/count-buckets.js';

/** The obvious O(n) implementation: counts and membership in plain arrays. */
class BruteForce {
  readonly count: number[];
  readonly member: boolean[];
  constructor(n: number) {
    this.count = new Array(n).fill(0);
    this.member = new Array(n).fill(true);
  }
  minCount(): number {
    let min = Infinity;
    for (let i = 0; i < this.count.length; i++) if (this.member[i] && this.count[i] < min) min = this.count[i];
    return min;
  }
  minimal(): number[] {
    const min = this.minCount();
    return this.count.map((c, i) => (this.member[i] && c === min ? i : -1)).filter((i) => i >= 0);
  }
}

describe('CountBuckets', () => {
  it('starts with every node a member at count 0', () => {
    const b = new CountBuckets(5);
    const rng = new RandomStreams('cb').stream('pick');
    for (let i = 0; i < 5; i++) expect(b.countOf(i)).toBe(0);
    const picked = b.pickMin(rng);
    expect(picked).toBeGreaterThanOrEqual(0);
    expect(picked).toBeLessThan(5);
  });

  it('returns -1 when no node is a member, and recovers when one rejoins', () => {
    const b = new CountBuckets(3);
    const rng = new RandomStreams('cb').stream('pick');
    b.increment(1);
    for (let i = 0; i < 3; i++) b.setMember(i, false);
    expect(b.pickMin(rng)).toBe(-1);
    b.setMember(1, true);
    expect(b.pickMin(rng)).toBe(1);
    expect(b.countOf(1)).toBe(1);
    b.setMember(1, true); // idempotent
    b.setMember(2, false); // idempotent
    expect(b.pickMin(rng)).toBe(1);
  });

  it('agrees with a brute-force reference under random increments, decrements and membership changes', () => {
    const streams = new RandomStreams('count-buckets-test');
    const ops = streams.stream('ops');
    const pick = streams.stream('pick');
    for (const n of [1, 2, 7, 50]) {
      const b = new CountBuckets(n);
      const ref = new BruteForce(n);
      for (let step = 0; step < 40_000; step++) {
        const node = (ops() * n) | 0;
        const u = ops();
        if (u < 0.45) {
          b.increment(node);
          ref.count[node]++;
        } else if (u < 0.9) {
          if (ref.count[node] > 0) {
            b.decrement(node);
            ref.count[node]--;
          }
        } else {
          const member = ops() < 0.6;
          b.setMember(node, member);
          ref.member[node] = member;
        }
        const chosen = b.pickMin(pick);
        const minimal = ref.minimal();
        if (minimal.length === 0) {
          if (chosen !== -1) expect(chosen, `n=${n} step ${step}: no member`).toBe(-1);
        } else if (!minimal.includes(chosen)) {
          expect(minimal, `n=${n} step ${step}: chosen ${chosen} (count ${ref.count[chosen]}) is not a minimal member`).toContain(chosen);
        }
        if (b.countOf(node) !== ref.count[node]) expect(b.countOf(node), `n=${n} step ${step}: count of ${node}`).toBe(ref.count[node]);
      }
      for (let i = 0; i < n; i++) expect(b.countOf(i)).toBe(ref.count[i]);
    }
  });

  it('keeps counting nodes that are not members, and files them at their count when they rejoin', () => {
    const b = new CountBuckets(3);
    const rng = new RandomStreams('cb').stream('pick');
    b.setMember(0, false);
    b.increment(0);
    b.increment(0);
    b.decrement(0);
    expect(b.countOf(0)).toBe(1);
    b.increment(1);
    b.increment(2);
    b.increment(2);
    // Members: 1 (count 1), 2 (count 2).
    expect(b.pickMin(rng)).toBe(1);
    b.setMember(1, false);
    expect(b.pickMin(rng)).toBe(2);
    b.setMember(0, true);
    expect(b.pickMin(rng)).toBe(0);
  });

  it('handles large counts (buckets grow on demand)', () => {
    const b = new CountBuckets(2);
    const rng = new RandomStreams('cb').stream('pick');
    for (let i = 0; i < 5000; i++) b.increment(0);
    for (let i = 0; i < 4999; i++) b.increment(1);
    expect(b.pickMin(rng)).toBe(1);
    b.increment(1);
    b.decrement(0);
    expect(b.pickMin(rng)).toBe(0);
    expect(b.countOf(0)).toBe(4999);
  });

  it('breaks ties uniformly at random among the minimal members', () => {
    // 8 nodes, shuffled through the buckets by updates, ending with nodes {0, 2, 3, 5, 7} at count 1 and the others
    // higher. 100 000 picks: each minimal node expected 20 000 times, SD sqrt(10^5 x 0.2 x 0.8) = 126.5; allowed 5 SD
    // per node (a correct implementation fails with probability < 10^-5), plus a chi-square test at 4 degrees of
    // freedom, critical value 23.5 (p = 10^-4).
    const b = new CountBuckets(8);
    for (const node of [7, 3, 0, 5, 2, 1, 4, 6]) b.increment(node);
    for (const node of [1, 4, 6, 6]) b.increment(node);
    b.setMember(3, false);
    b.setMember(3, true);
    const rng = new RandomStreams('ties').stream('pick');
    const picks = 100_000;
    const counts = new Array(8).fill(0);
    for (let i = 0; i < picks; i++) counts[b.pickMin(rng)]++;
    const minimal = [0, 2, 3, 5, 7];
    for (const node of [1, 4, 6]) expect(counts[node], `node ${node} is not minimal`).toBe(0);
    const expected = picks / minimal.length;
    const sd = Math.sqrt(picks * (1 / minimal.length) * (1 - 1 / minimal.length));
    let chiSquare = 0;
    for (const node of minimal) {
      expect(Math.abs(counts[node] - expected), `node ${node}: ${counts[node]} picks`).toBeLessThanOrEqual(5 * sd);
      chiSquare += (counts[node] - expected) ** 2 / expected;
    }
    expect(chiSquare).toBeLessThan(23.5);
  });
});
