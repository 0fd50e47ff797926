import { describe, expect, it } from 'vitest';
import type { SloCheck } from '../../../src/experiment/result.js';
import { searchSmallestPassing } from '../../../src/experiment/sizing.js';
import type { Verdict } from '../../../src/metrics/verdict.js';

function check(verdict: Verdict): SloCheck[] {
  return [{ objective: 'p99', target: 0.1, actual: 0.05, ci95: [0.04, 0.06], verdict }];
}

/** A monotone fake: values from `threshold` up pass; `undecided` values stay inconclusive below `decidedAt` replications. */
function fake(threshold: number, undecided: ReadonlySet<number> = new Set(), decidedAt = Infinity) {
  const runs: [number, number][] = [];
  const evaluate = async (value: number, replications: number) => {
    runs.push([value, replications]);
    if (undecided.has(value) && replications < decidedAt) return check('inconclusive');
    return check(value >= threshold ? 'pass' : 'fail');
  };
  return { runs, evaluate };
}

describe('searchSmallestPassing: gallop then bisection (issue 15.3)', () => {
  it('finds the threshold of a monotone axis, gallop 1, 2, 4, 8, 16, 32 then bisection between 16 and 32', async () => {
    const { runs, evaluate } = fake(23);
    const result = await searchSmallestPassing({ lo: 1, hi: 64, initialReplications: 5, maxReplications: 40, evaluate });
    expect(result.answer).toBe(23);
    // Gallop: 1, 2, 4, 8, 16, 32 (pass); bisection of (16, 32]: 24 pass, 20 fail, 22 fail, 23 pass.
    expect(runs.map(([v]) => v)).toEqual([1, 2, 4, 8, 16, 32, 24, 20, 22, 23]);
    expect(result.points.map((p) => p.value)).toEqual([1, 2, 4, 8, 16, 20, 22, 23, 24, 32]);
  });

  it('answers the low end when it passes, and null (no point passing) when even the high end fails', async () => {
    expect((await searchSmallestPassing({ lo: 3, hi: 9, initialReplications: 2, maxReplications: 8, evaluate: fake(1).evaluate })).answer).toBe(3);
    const none = fake(100);
    const result = await searchSmallestPassing({ lo: 1, hi: 10, initialReplications: 2, maxReplications: 8, evaluate: none.evaluate });
    expect(result.answer).toBeNull();
    // 1, 2, 4, 8, then the range's end, 10, is tried rather than 16.
    expect(none.runs.map(([v]) => v)).toEqual([1, 2, 4, 8, 10]);
  });

  it('reruns an inconclusive point with twice the replications until it is decided', async () => {
    const { runs, evaluate } = fake(8, new Set([8]), 20);
    const result = await searchSmallestPassing({ lo: 1, hi: 64, initialReplications: 5, maxReplications: 100, evaluate });
    expect(result.answer).toBe(8);
    expect(runs.filter(([v]) => v === 8)).toEqual([[8, 5], [8, 10], [8, 20]]);
    expect(result.points.find((p) => p.value === 8)).toMatchObject({ replications: 20, verdict: 'pass' });
  });

  it('does not pass a point still inconclusive at the maximum, and starts at 2 replications (1 has no interval)', async () => {
    const { runs, evaluate } = fake(8, new Set([8]));
    const result = await searchSmallestPassing({ lo: 8, hi: 9, initialReplications: 1, maxReplications: 6, evaluate });
    expect(runs.slice(0, 3)).toEqual([[8, 2], [8, 4], [8, 6]]);
    expect(result.answer).toBe(9);
    expect(result.points[0]).toMatchObject({ value: 8, replications: 6, verdict: 'inconclusive' });
  });
});
