/**
 * Read staleness keeps commit times for a window of recent indices only (issue 10, part 2): a read at a follower far
 * behind (down while many writes committed, then back and serving what survived its crash) still gets the exact time
 * since its oldest missing write was committed, taken here from the test's own record of every commit.
 */
import { describe, expect, it } from 'vitest';
import { LatencySketch } from '../../../../src/metrics/latency-sketch.js';
import { ReadStaleness } from '../../../../src/topology/single-leader/read-staleness.js';
import { harness, ms } from './helpers.js';

describe('staleness with a window of commit times', () => {
  it('a follower back from a long crash: the time behind is exact, though its missing write left the window', () => {
    const { sim, cluster } = harness({ servers: 3, snapshotThreshold: 10_000 });
    const window = 16;
    const staleness = new ReadStaleness(cluster, window);
    const firstCommit = new Map<number, number>();
    cluster.listeners = {
      onCommit: (_leader, index) => {
        if (!firstCommit.has(index)) firstCommit.set(index, sim.now);
        staleness.committed(index, sim.now);
      },
    };
    cluster.bootstrap(0);
    for (let k = 0; k < 300; k++) sim.schedule(0.01 + k * 0.01, () => cluster.append(0));
    let appliedAtCrash = -1;
    sim.schedule(1.005, () => {
      appliedAtCrash = cluster.servers[2].commitIndex;
      staleness.crashed(2);
      cluster.crash(2);
    });
    // Mid-run, a follower that stayed up lags the newest commit a little: its oldest missing write is in the window.
    let upFollower = { measured: NaN, expected: NaN };
    sim.schedule(2.0025, () => {
      const applied = cluster.servers[1].commitIndex;
      const expected = sim.now - firstCommit.get(applied + 1)!;
      const before = LatencySketch.fromData(staleness.toData().timeBehind).sum;
      staleness.served(1, sim.now);
      upFollower = { measured: LatencySketch.fromData(staleness.toData().timeBehind).sum - before, expected };
    });
    sim.run({ until: 3.5 });
    expect(upFollower.expected).toBeGreaterThan(0);
    expect(upFollower.measured).toBeCloseTo(upFollower.expected, 12);
    cluster.restart(2); // commit index 0 again, but its store holds what it had applied: appliedAtCrash
    expect(appliedAtCrash).toBeGreaterThan(90);
    expect(cluster.servers[2].commitIndex).toBe(0);
    // 300 writes committed: the window holds the last 16; index appliedAtCrash + 1 left it long ago.
    expect(firstCommit.get(300)).toBeDefined();

    const timeBehind = (reads: () => void): number => {
      const before = LatencySketch.fromData(staleness.toData().timeBehind).sum;
      reads();
      return LatencySketch.fromData(staleness.toData().timeBehind).sum - before;
    };
    const now = sim.now;
    expect(timeBehind(() => staleness.served(2, now))).toBeCloseTo(now - firstCommit.get(appliedAtCrash + 1)!, 12);
    const writesBehind = LatencySketch.fromData(staleness.toData().writesBehind);
    expect(writesBehind.max).toBeCloseTo(300 - appliedAtCrash, 0);


    // Once caught up (the leader's next AppendEntries), it is 0 behind.
    sim.run({ until: now + 200 * ms });
    expect(cluster.servers[2].commitIndex).toBe(300);
    expect(timeBehind(() => staleness.served(2, sim.now))).toBe(0);
    expect(staleness.toData()).toMatchObject({ reads: 3, followerReads: 3, stale: 2 });
  });
});
