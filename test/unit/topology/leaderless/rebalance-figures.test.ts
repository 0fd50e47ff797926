/**
 * summary.json `leaderless.rebalances`: the replications' membership changes are matched by kind and node (a node's
 * name is never reused), each figure the mean over the replications that made the change; a duration only over the
 * replications whose streams all landed in the window, absent (null) when none did. Values worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import type { RebalanceRecord } from '../../../../src/topology/leaderless/rebalance.js';
import { RebalanceFigures } from '../../../../src/topology/leaderless/sections/rebalance-figures.js';

const change = (kind: 'join' | 'leave', node: string, at: number, bytes: number, duration: number | null): RebalanceRecord => ({
  kind,
  node,
  at,
  keysMoved: bytes / 1000,
  bytes,
  duration,
});

describe('rebalances across replications', () => {
  it('a change only one replication made does not shift the others; unfinished durations are left out', () => {
    const figures = new RebalanceFigures();
    figures.add([change('join', 'store-5', 10, 1000, 0.5), change('leave', 'store-1', 20, 4000, null)]);
    figures.add([change('join', 'store-6', 8, 2000, 0.25), change('join', 'store-5', 12, 3000, 1.5), change('leave', 'store-1', 20, 6000, null)]);
    const [join5, leave1, join6] = figures.summary();
    expect(join5).toMatchObject({ kind: 'join', node: 'store-5', replications: 2, unfinished: 0 });
    expect(join5.at.value).toBe(11);
    expect(join5.bytes.value).toBe(2000);
    expect(join5.keysMoved.value).toBe(2);
    expect(join5.duration.value).toBe(1);
    expect(leave1).toMatchObject({ kind: 'leave', node: 'store-1', replications: 2, unfinished: 2 });
    expect(leave1.bytes.value).toBe(5000);
    expect(leave1.duration).toEqual({ value: null, ci95: null });
    expect(join6).toMatchObject({ node: 'store-6', replications: 1 });
    expect(join6.bytes).toEqual({ value: 2000, ci95: null });
  });
});
