import { describe, expect, it } from 'vitest';
import { FakeCluster, countChoices, expectSpread, rngOf, uniform } from './fake-view.js';

const NAME = 'client-hash';
const CLIENTS = 20_000;

function mapping(cluster: FakeCluster, clients = CLIENTS): number[] {
  return Array.from({ length: clients }, (_, client) => cluster.choose({ client }));
}

describe('client-hash', () => {
  it('is sticky by client: every request of a client goes to the same node, whatever its key or the load', () => {
    const cluster = new FakeCluster(10);
    cluster.use(NAME);
    const home = mapping(cluster, 300);
    const rng = rngOf('client-sticky');
    for (let k = 0; k < 5000; k++) {
      const client = (rng() * 300) | 0;
      const request = cluster.dispatch({ client, key: (rng() * 1e6) | 0 });
      expect(cluster.nodeOf[request]).toBe(home[client]);
      const open = cluster.open();
      if (rng() < 0.5) cluster.complete(open[(rng() * open.length) | 0]);
    }
  });

  it('spreads clients: each node holds 1/n of them within +-50 % (100 virtual nodes: spread about 10 %)', () => {
    const n = 20;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    const counts = new Array(n).fill(0);
    for (const node of mapping(cluster)) counts[node]++;
    for (const count of counts) {
      expect(count).toBeGreaterThan((0.5 * CLIENTS) / n);
      expect(count).toBeLessThan((1.5 * CLIENTS) / n);
    }
  });

  it('a node leaving moves only its own clients (about 1/n); they return with it', () => {
    const n = 20;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    const before = mapping(cluster);
    cluster.setAvailable(11, false);
    const during = mapping(cluster);
    cluster.setAvailable(11, true);
    let moved = 0;
    for (let client = 0; client < CLIENTS; client++) {
      if (before[client] !== 11) expect(during[client]).toBe(before[client]);
      else {
        expect(during[client]).not.toBe(11);
        moved++;
      }
    }
    expect(moved / CLIENTS).toBeGreaterThan(0.5 / n);
    expect(moved / CLIENTS).toBeLessThan(1.5 / n);
    expect(mapping(cluster)).toEqual(before);
  });

  it('hashes the client id, not the key: a different mapping from consistent-hash on the same ids', () => {
    const byClient = new FakeCluster(10);
    byClient.use(NAME);
    const byKey = new FakeCluster(10);
    byKey.use('consistent-hash');
    const a = Array.from({ length: 1000 }, (_, id) => byClient.choose({ client: id, key: 0 }));
    const b = Array.from({ length: 1000 }, (_, id) => byKey.choose({ key: id, client: 0 }));
    expect(a).not.toEqual(b);
    expect(new Set(a).size).toBe(10);
  });

  it('requests without a client id spread uniformly', () => {
    const n = 10;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    expectSpread(countChoices(cluster, 10_000, () => ({ key: 42 })), uniform(n), 'no client');
  });

  it('skips unavailable nodes and returns -1 when none is available', () => {
    const cluster = new FakeCluster(3);
    cluster.use(NAME, { virtualNodes: 2 });
    cluster.setAvailable(0, false);
    cluster.setAvailable(2, false);
    for (let client = 0; client < 50; client++) expect(cluster.choose({ client })).toBe(1);
    cluster.setAvailable(1, false);
    expect(cluster.choose({ client: 3 })).toBe(-1);
  });

  it('is deterministic: the same ring for every instance, the same draws for a fixed stream', () => {
    const a = new FakeCluster(12);
    a.use(NAME, {}, 'one');
    const b = new FakeCluster(12);
    b.use(NAME, {}, 'two');
    expect(mapping(a, 2000)).toEqual(mapping(b, 2000));
    const keyless = () => {
      const c = new FakeCluster(12);
      c.use(NAME, {}, 'same');
      return countChoices(c, 200);
    };
    expect(keyless()).toEqual(keyless());
  });
});
