import { describe, expect, it } from 'vitest';
import { FakeCluster, countChoices, expectSpread, uniform } from './fake-view.js';

const NAME = 'join-idle-queue';

describe('join-idle-queue', () => {
  it('every node starts idle: the first n requests go to n distinct nodes', () => {
    const n = 10;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    const first = Array.from({ length: n }, () => cluster.nodeOf[cluster.dispatch()]);
    expect([...first].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
  });

  it('the initial idle list is in random order: the first pick is uniform over the nodes', () => {
    const n = 5;
    const counts = new Array(n).fill(0);
    for (let s = 0; s < 2000; s++) {
      const cluster = new FakeCluster(n);
      cluster.use(NAME, {}, `start-${s}`);
      counts[cluster.choose()]++;
    }
    expectSpread(counts, uniform(n), 'first pick');
  });

  it('a node that reports idle gets the next request, in the order of the reports', () => {
    const n = 6;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    const requests = Array.from({ length: n }, () => cluster.dispatch());
    const at = (r: number) => cluster.nodeOf[r];
    const nodeA = at(requests[3]);
    const nodeB = at(requests[1]);
    cluster.complete(requests[3]);
    cluster.complete(requests[1]);
    expect(cluster.nodeOf[cluster.dispatch()]).toBe(nodeA);
    expect(cluster.nodeOf[cluster.dispatch()]).toBe(nodeB);
  });

  it('with no idle node known, requests go to a node drawn at random among the available ones', () => {
    const n = 6;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    for (let i = 0; i < n; i++) cluster.dispatch();
    cluster.setAvailable(4, false);
    expectSpread(countChoices(cluster, 5000), uniform(n, [4]), 'random fallback');
  });

  it('drops a listed node that is busy again (it got a random request) or unavailable', () => {
    const cluster = new FakeCluster(3);
    cluster.use(NAME);
    const r = [cluster.dispatch(), cluster.dispatch(), cluster.dispatch()];
    const nodes = r.map((x) => cluster.nodeOf[x]);
    cluster.complete(r[0]);
    cluster.complete(r[1]);
    // Idle list: nodes[0], nodes[1]. nodes[0] becomes busy behind the list's back; nodes[1] goes down.
    cluster.reportQueue(nodes[0], 2);
    cluster.setAvailable(nodes[1], false);
    const choices = new Set(Array.from({ length: 50 }, () => cluster.choose()));
    // Neither listed node is taken from the list; the random fallback never takes the unavailable one.
    expect(choices.has(nodes[1])).toBe(false);
    expect(choices.size).toBe(2);
  });

  it('a node coming back idle is listed again; -1 when no node is available', () => {
    const n = 8;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    const requests = Array.from({ length: n }, () => cluster.dispatch());
    const down = cluster.nodeOf[requests[2]];
    // A crash: the node becomes unavailable and its queue empties (it reports idle while unavailable).
    cluster.setAvailable(down, false);
    cluster.reportQueue(down, 0);
    for (let k = 0; k < 20; k++) expect(cluster.choose()).not.toBe(down);
    cluster.setAvailable(down, true);
    expect(cluster.choose()).toBe(down);
    for (let i = 0; i < n; i++) cluster.setAvailable(i, false);
    expect(cluster.choose()).toBe(-1);
  });

  it('under a stale view the idle report wins over an older reported length; a later busy report cancels it', () => {
    const n = 6;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    for (let i = 0; i < n; i++) cluster.dispatch();
    // Node 4's last periodic report said 3 requests; it has since drained and reports idle.
    cluster.queue[4] = 3;
    cluster.policy.onNodeIdle?.(4);
    expect(cluster.choose()).toBe(4);
    // Node 2 reports idle, then a periodic report says it has 2 requests again: no longer believed idle.
    cluster.policy.onNodeIdle?.(2);
    cluster.reportQueue(2, 2);
    cluster.policy.onNodeIdle?.(5);
    expect(cluster.choose()).toBe(5);
  });

  it('a listed node that this dispatcher sends a request to anyway (random pick) leaves the list', () => {
    const cluster = new FakeCluster(2);
    cluster.use(NAME);
    // Both start listed; send to node 1 directly through the hooks, as a random pick would.
    cluster.policy.onDispatch?.(1, cluster.request());
    expect(cluster.choose()).toBe(0);
    // Now nothing is listed: the fallback is random, over both nodes.
    const counts = countChoices(cluster, 2000);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBeGreaterThan(0);
  });

  it('is deterministic for a fixed stream', () => {
    const run = () => {
      const cluster = new FakeCluster(8);
      cluster.use(NAME, {}, 'same');
      const chosen: number[] = [];
      let open: number[] = [];
      for (let k = 0; k < 1000; k++) {
        if (k % 3 !== 2 || open.length === 0) {
          const r = cluster.dispatch();
          chosen.push(cluster.nodeOf[r]);
          open.push(r);
        } else {
          cluster.complete(open[k % open.length]);
          open = cluster.open();
        }
      }
      return chosen;
    };
    expect(run()).toEqual(run());
  });
});
