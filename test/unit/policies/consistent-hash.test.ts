import { describe, expect, it } from 'vitest';
import { HashRing, hashKey } from '../../../src/policies/hash-ring.js';
import { FakeCluster, countChoices, expectSpread, rngOf, uniform } from './fake-view.js';

const NAME = 'consistent-hash';
const KEYS = 20_000;

/** The node of every key 0 .. keys - 1 (choose only). */
function mapping(cluster: FakeCluster, keys = KEYS): number[] {
  return Array.from({ length: keys }, (_, key) => cluster.choose({ key }));
}

describe('consistent-hash', () => {
  it('is sticky: a key always goes to the same node, whatever the load', () => {
    const cluster = new FakeCluster(10);
    cluster.use(NAME);
    const home = mapping(cluster, 500);
    const rng = rngOf('ch-sticky');
    for (let k = 0; k < 5000; k++) {
      const key = (rng() * 500) | 0;
      const request = cluster.dispatch({ key });
      expect(cluster.nodeOf[request]).toBe(home[key]);
      const open = cluster.open();
      if (rng() < 0.5) cluster.complete(open[(rng() * open.length) | 0]);
    }
  });

  it('spreads keys: with 100 virtual nodes each node holds 1/n of them within +-50 %', () => {
    // A node's share of the circle is the sum of its v = 100 arcs: relative spread about 1 / sqrt(v) = 10 % (Karger
    // et al. 1997); +-50 % is 5 of those, and the share is a fixed property of the ring, not a random draw here.
    const n = 20;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    const counts = new Array(n).fill(0);
    for (const node of mapping(cluster)) counts[node]++;
    for (const count of counts) {
      expect(count).toBeGreaterThan((0.5 * KEYS) / n);
      expect(count).toBeLessThan((1.5 * KEYS) / n);
    }
  });

  it('a node leaving moves only its own keys (about 1/n), and they come back when it returns', () => {
    const n = 20;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    const before = mapping(cluster);
    cluster.setAvailable(7, false);
    const during = mapping(cluster);
    cluster.setAvailable(7, true);
    const after = mapping(cluster);
    let moved = 0;
    for (let key = 0; key < KEYS; key++) {
      if (before[key] !== 7) expect(during[key], `key ${key} did not live on node 7`).toBe(before[key]);
      else {
        expect(during[key]).not.toBe(7);
        moved++;
      }
    }
    expect(moved / KEYS).toBeGreaterThan(0.5 / n);
    expect(moved / KEYS).toBeLessThan(1.5 / n);
    expect(after).toEqual(before);
  });

  it('the moved keys spread over several nodes (virtual nodes), not all onto one neighbour', () => {
    const n = 20;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    const before = mapping(cluster);
    cluster.setAvailable(3, false);
    const during = mapping(cluster);
    const heirs = new Set(before.flatMap((node, key) => (node === 3 ? [during[key]] : [])));
    expect(heirs.size).toBeGreaterThanOrEqual(10);
  });

  it('requests without a key spread uniformly (a random point of the ring: each node owns v of them)', () => {
    const n = 10;
    const cluster = new FakeCluster(n);
    cluster.use(NAME);
    expectSpread(countChoices(cluster, 10_000), uniform(n), 'no key');
  });

  it('bounded loads: no node ever holds more than ceil(c (m + 1) / n) open requests (c = 1.25 and 1), hot keys spill', () => {
    for (const c of [1.25, 1]) {
      const n = 10;
      const cluster = new FakeCluster(n);
      cluster.use(NAME, { boundedLoad: c });
      const rng = rngOf(`ch-bounded-${c}`);
      let spilled = 0;
      const home = new FakeCluster(n);
      home.use(NAME);
      for (let k = 0; k < 20_000; k++) {
        const open = cluster.open();
        if (rng() < 0.02) {
          const node = (rng() * n) | 0;
          const up = cluster.available.reduce((a, b) => a + b, 0);
          if (cluster.available[node] === 0) cluster.setAvailable(node, true);
          else if (up > 1) cluster.setAvailable(node, false);
        } else if (rng() < 0.52 || open.length === 0) {
          // Zipf-like keys: key 0 takes half the requests.
          const key = rng() < 0.5 ? 0 : (rng() * 1000) | 0;
          let m = 0;
          let up = 0;
          for (let i = 0; i < n; i++) {
            if (!cluster.available[i]) continue;
            m += cluster.connections[i];
            up++;
          }
          const bound = Math.ceil((c * (m + 1)) / up);
          const node = cluster.nodeOf[cluster.dispatch({ key })];
          expect(cluster.connections[node], `c = ${c} step ${k}: node ${node} over its bound ${bound}`).toBeLessThanOrEqual(bound);
          if (key === 0 && node !== home.choose({ key: 0 })) spilled++;
        } else {
          cluster.complete(open[(rng() * open.length) | 0]);
        }
      }
      expect(spilled, `c = ${c}: the hot key spills to other nodes`).toBeGreaterThan(0);
    }
  });

  it('bounded loads keep the plain mapping while every node is below its bound', () => {
    const n = 10;
    const plain = new FakeCluster(n);
    plain.use(NAME);
    const bounded = new FakeCluster(n);
    bounded.use(NAME, { boundedLoad: 1.25 });
    // One request at a time, each answered: no node ever holds one, so the bound never bites.
    for (let key = 0; key < 2000; key++) {
      const request = bounded.dispatch({ key });
      expect(bounded.nodeOf[request]).toBe(plain.choose({ key }));
      bounded.complete(request);
    }
  });

  it('skips unavailable nodes and returns -1 when none is available', () => {
    const n = 4;
    const cluster = new FakeCluster(n);
    cluster.use(NAME, { virtualNodes: 3 });
    for (const i of [0, 1, 3]) cluster.setAvailable(i, false);
    for (let key = 0; key < 100; key++) expect(cluster.choose({ key })).toBe(2);
    expect(cluster.choose()).toBe(2);
    cluster.setAvailable(2, false);
    expect(cluster.choose({ key: 5 })).toBe(-1);
    expect(cluster.choose()).toBe(-1);
  });

  it('the ring is a fixed function of (n, v): two policies map every key alike; the draws are deterministic', () => {
    const a = new FakeCluster(15);
    a.use(NAME, {}, 'one');
    const b = new FakeCluster(15);
    b.use(NAME, {}, 'two');
    expect(mapping(a, 3000)).toEqual(mapping(b, 3000));
    const keyless = (stream: string) => {
      const c = new FakeCluster(15);
      c.use(NAME, {}, stream);
      return countChoices(c, 200);
    };
    expect(keyless('same')).toEqual(keyless('same'));
  });

  it('the jump-table lookup finds the first point at or after every hash (against a binary search)', () => {
    const ring = new HashRing(37, 11);
    const rng = rngOf('ring-lookup');
    const points = Array.from({ length: ring.length }, (_, i) => ring.pointAt(i));
    const firstAtOrAfter = (hash: number) => {
      let low = 0;
      let high = points.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (points[mid] < hash) low = mid + 1;
        else high = mid;
      }
      return low === points.length ? 0 : low;
    };
    for (let i = 1; i < points.length; i++) expect(points[i]).toBeGreaterThanOrEqual(points[i - 1]);
    const probes = [0, 1, 2 ** 32 - 1, points[0], points[points.length - 1], points[points.length - 1] + 1, hashKey(12)];
    for (let k = 0; k < 20_000; k++) probes.push((rng() * 2 ** 32) >>> 0);
    for (const p of points) probes.push(p, Math.max(0, p - 1), Math.min(2 ** 32 - 1, p + 1));
    for (const hash of probes) expect(ring.locate(hash), `hash ${hash}`).toBe(firstAtOrAfter(hash));
  });

  it('rejects a bounded-load factor between 0 and 1', () => {
    const cluster = new FakeCluster(3);
    expect(() => cluster.use(NAME, { boundedLoad: 0.5 })).toThrow(/boundedLoad/);
  });
});
