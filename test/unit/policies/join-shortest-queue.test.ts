import { describe, expect, it } from 'vitest';
import { FakeCluster, countChoices, expectSpread, rngOf, uniform } from './fake-view.js';

const NAME = 'join-shortest-queue';

describe('join-shortest-queue', () => {
  it('sends each request to a node with the shortest reported queue, through dispatches, replies and jumps', () => {
    const n = 12;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    const rng = rngOf('jsq-ops');
    for (let k = 0; k < 20_000; k++) {
      const u = rng();
      const open = cluster.open();
      if (u < 0.03) {
        // A periodic report or a crash: the view's length jumps (stale view), the policy must follow.
        cluster.reportQueue((rng() * n) | 0, (rng() * 6) | 0);
      } else if (u < 0.05) {
        const node = (rng() * n) | 0;
        const up = cluster.available.reduce((a, b) => a + b, 0);
        if (cluster.available[node] === 0) cluster.setAvailable(node, true);
        else if (up > 1) cluster.setAvailable(node, false);
      } else if (u < 0.55 || open.length === 0) {
        let min = Infinity;
        for (let i = 0; i < n; i++) if (cluster.available[i]) min = Math.min(min, cluster.queue[i]);
        const node = cluster.nodeOf[cluster.dispatch()];
        expect(cluster.queue[node] - 1, `step ${k}: node ${node}`).toBe(min);
      } else {
        const request = open[(rng() * open.length) | 0];
        // A jump may have put the view's length of that node at 0 already: then the reply only closes the request.
        if (cluster.queue[cluster.nodeOf[request]] === 0) cluster.reportQueue(cluster.nodeOf[request], 1);
        cluster.complete(request);
      }
    }
  });

  it('follows the queue the view reports, not the dispatcher\'s own count', () => {
    const cluster = new FakeCluster(3);
    cluster.use(NAME);
    cluster.reportQueue(0, 4);
    cluster.reportQueue(1, 2);
    cluster.reportQueue(2, 3);
    expect(cluster.choose()).toBe(1);
    cluster.reportQueue(1, 9);
    expect(cluster.choose()).toBe(2);
  });

  it('ties at random: equal queues are chosen uniformly, longer ones never', () => {
    const n = 7;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    cluster.reportQueue(2, 1);
    cluster.reportQueue(5, 3);
    expectSpread(countChoices(cluster, 5000), uniform(n, [2, 5]), 'ties at 0');
  });

  it('skips unavailable nodes and returns -1 when none is available', () => {
    const cluster = new FakeCluster(3);
    cluster.use(NAME);
    cluster.reportQueue(1, 5);
    cluster.reportQueue(2, 5);
    cluster.setAvailable(0, false);
    expect([cluster.choose(), cluster.choose()].every((node) => node === 1 || node === 2)).toBe(true);
    cluster.setAvailable(1, false);
    cluster.setAvailable(2, false);
    expect(cluster.choose()).toBe(-1);
    cluster.setAvailable(0, true);
    expect(cluster.choose()).toBe(0);
  });

  it('is deterministic for a fixed stream', () => {
    const run = () => {
      const cluster = new FakeCluster(9);
      cluster.use(NAME, {}, 'same');
      const rng = rngOf('same-ops');
      const chosen: number[] = [];
      for (let k = 0; k < 2000; k++) {
        const open = cluster.open();
        if (rng() < 0.6 || open.length === 0) chosen.push(cluster.nodeOf[cluster.dispatch()]);
        else cluster.complete(open[(rng() * open.length) | 0]);
      }
      return chosen;
    };
    expect(run()).toEqual(run());
  });
});
