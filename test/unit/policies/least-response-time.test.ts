import { describe, expect, it } from 'vitest';
import { FakeCluster, countChoices, expectSpread, rngOf, uniform } from './fake-view.js';

const NAME = 'least-response-time';

/**
 * The policy's rule, recomputed here: a running average of all responses (plain mean of the first 1 000, then
 * weight 1/1000), each node's ewma starting from that prior at its first reply, and the key ewma x (connections + 1),
 * an untried node counting at the running average (before any reply: its connections alone).
 */
class Model {
  readonly average: number[];
  readonly sampled: boolean[];
  samples = 0;
  overall = 0;
  constructor(
    n: number,
    private readonly alpha: number,
  ) {
    this.average = new Array(n).fill(0);
    this.sampled = new Array(n).fill(false);
  }
  sample(node: number, time: number): void {
    if (Number.isNaN(time)) return;
    if (!this.sampled[node]) {
      this.average[node] = this.samples > 0 ? this.overall : time;
      this.sampled[node] = true;
    }
    this.samples++;
    this.overall += (time - this.overall) / Math.min(this.samples, 1000);
    this.average[node] += this.alpha * (time - this.average[node]);
  }
  key(node: number, connections: number): number {
    if (this.samples === 0) return connections;
    return (this.sampled[node] ? this.average[node] : this.overall) * (connections + 1);
  }
}

function exercise(alpha: number | undefined, stream: string): void {
  const n = 8;
  const cluster = new FakeCluster(n);
  cluster.use(NAME, alpha === undefined ? {} : { alpha });
  const model = new Model(n, alpha ?? 0.1);
  const rng = rngOf(stream);
  // Node i is slow in proportion to i + 1; some replies fail.
  for (let k = 0; k < 20_000; k++) {
    const open = cluster.open();
    if (rng() < 0.02) {
      const node = (rng() * n) | 0;
      const up = cluster.available.reduce((a, b) => a + b, 0);
      if (cluster.available[node] === 0) cluster.setAvailable(node, true);
      else if (up > 1) cluster.setAvailable(node, false);
    } else if (rng() < 0.5 || open.length === 0) {
      let min = Infinity;
      for (let i = 0; i < n; i++) if (cluster.available[i]) min = Math.min(min, model.key(i, cluster.connections[i]));
      const request = cluster.dispatch();
      const node = cluster.nodeOf[request];
      const key = model.key(node, cluster.connections[node] - 1);
      expect(Math.abs(key - min), `step ${k}: node ${node} key ${key}, minimum ${min}`).toBeLessThanOrEqual(1e-12 * Math.abs(min));
    } else {
      const request = open[(rng() * open.length) | 0];
      const node = cluster.nodeOf[request];
      const time = rng() < 0.05 ? NaN : (node + 1) * (0.5 + rng());
      model.sample(node, time);
      cluster.complete(request, time);
    }
  }
}

describe('least-response-time', () => {
  it('sends each request to the smallest ewma x (connections + 1), untried nodes first (alpha default 0.1)', () => {
    exercise(undefined, 'lrt-default');
  });

  it('the same with alpha = 0.5', () => {
    exercise(0.5, 'lrt-half');
  });

  it('before any reply the node with the fewest open requests wins', () => {
    const cluster = new FakeCluster(4);
    cluster.use(NAME);
    const first = [0, 1, 2, 3].map(() => cluster.nodeOf[cluster.dispatch()]);
    expect([...first].sort()).toEqual([0, 1, 2, 3]);
  });

  it('an untried node counts at the average of all responses; a first reply moves a node from that prior by alpha', () => {
    const cluster = new FakeCluster(3);
    cluster.use(NAME);
    // Node 0 answers in 1 s, then 3 s: its average 1 + 0.1 (3 - 1) = 1.2; the average of all responses is 2.
    cluster.complete(cluster.sendTo(0), 1);
    cluster.complete(cluster.sendTo(0), 3);
    // Keys: node 0 1.2 (c + 1); nodes 1 and 2 (untried) 2 (c + 1). Hence 0, then the two others, then 0 (2.4 < 4).
    const next = [0, 1, 2, 3].map(() => cluster.nodeOf[cluster.dispatch()]);
    expect(next[0]).toBe(0);
    expect([next[1], next[2]].sort()).toEqual([1, 2]);
    expect(next[3]).toBe(0);
    // A lucky first reply of 0.01 s on node 1 starts from the prior 2: 2 + 0.1 (0.01 - 2) = 1.801, not 0.01.
    const open = cluster.open();
    for (const r of open) if (cluster.nodeOf[r] !== 1) cluster.complete(r, 2);
    for (const r of cluster.open()) cluster.complete(r, 0.01);
    // Now no open request: node 1 (1.801 > node 0's average) is not flooded: it takes one, then node 0 or 2 follows.
    const after = [0, 1, 2].map(() => cluster.nodeOf[cluster.dispatch()]);
    expect(after.filter((node) => node === 1).length).toBeLessThanOrEqual(1);
  });

  it('prefers the faster node, and a node whose replies slow down loses its share', () => {
    const cluster = new FakeCluster(2);
    cluster.use(NAME, { alpha: 0.5 });
    // Teach the policy: node 0 answers in 1 s, node 1 in 3.5 s (alpha 0.5: twenty replies each settle the averages
    // within 2^-20 of those values).
    for (let k = 0; k < 20; k++) {
      cluster.complete(cluster.sendTo(0), 1);
      cluster.complete(cluster.sendTo(1), 3.5);
    }
    expect(cluster.choose()).toBe(0);
    // Node 0's key with c open requests is 1 x (c + 1): 1, 2, 3 stay below node 1's 3.5; at c = 3 it is 4.
    const open = [0, 1, 2, 3].map(() => cluster.dispatch());
    expect(open.map((r) => cluster.nodeOf[r])).toEqual([0, 0, 0, 1]);
  });

  it('a failed request (NaN) closes its connection without a sample', () => {
    const cluster = new FakeCluster(2);
    cluster.use(NAME, { alpha: 1 });
    for (let k = 0; k < 4; k++) {
      cluster.complete(cluster.sendTo(0), 1);
      cluster.complete(cluster.sendTo(1), 2);
    }
    const r = cluster.dispatch();
    expect(cluster.nodeOf[r]).toBe(0);
    cluster.complete(r, NaN);
    // Still 1 s on node 0 (alpha 1 would have taken any sample whole), no open request left.
    expect(cluster.choose()).toBe(0);
  });

  it('ties at random: nodes with equal averages and connections are chosen uniformly', () => {
    const n = 6;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    // Untried nodes tie at the start.
    expectSpread(countChoices(cluster, 3000), uniform(n), 'untried ties');
    // Every node measured at exactly 2 s: ties again.
    for (let i = 0; i < n; i++) cluster.complete(cluster.sendTo(i), 2);
    expectSpread(countChoices(cluster, 3000), uniform(n), 'measured ties');
    // Half measured at 2 s, half untried (counted at the average, 2 s): one tie across both groups.
    const mixed = new FakeCluster(n);
    mixed.use(NAME, {}, 'mixed-ties');
    for (let i = 0; i < n / 2; i++) mixed.complete(mixed.sendTo(i), 2);
    expectSpread(countChoices(mixed, 3000), uniform(n), 'ties across measured and untried');
  });

  it('skips unavailable nodes and returns -1 when none is available', () => {
    const cluster = new FakeCluster(3);
    cluster.use(NAME);
    cluster.setAvailable(0, false);
    cluster.setAvailable(2, false);
    for (let k = 0; k < 5; k++) expect(cluster.nodeOf[cluster.dispatch()]).toBe(1);
    cluster.setAvailable(1, false);
    expect(cluster.choose()).toBe(-1);
  });

  it('rejects alpha outside (0, 1]', () => {
    const cluster = new FakeCluster(2);
    expect(() => cluster.use(NAME, { alpha: 0 })).toThrow(/alpha/);
    expect(() => cluster.use(NAME, { alpha: 1.5 })).toThrow(/alpha/);
  });

  it('is deterministic for a fixed stream', () => {
    const run = () => {
      const cluster = new FakeCluster(6);
      cluster.use(NAME, {}, 'same');
      const rng = rngOf('same-ops');
      const chosen: number[] = [];
      for (let k = 0; k < 2000; k++) {
        const open = cluster.open();
        if (rng() < 0.6 || open.length === 0) chosen.push(cluster.nodeOf[cluster.dispatch()]);
        else cluster.complete(open[(rng() * open.length) | 0], 1 + ((rng() * 4) | 0));
      }
      return chosen;
    };
    expect(run()).toEqual(run());
  });
});
