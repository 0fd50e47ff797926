/**
 * Rebalancing on membership change (issue 12): a node that joins the ring takes about 1/(n + 1) of it (its share with
 * V tokens is a Beta(V, n V) variable, mean 1/(n + 1), coefficient of variation sqrt(n / ((n + 1) V + 1)): the
 * spacings of uniform points on a circle, David and Nagaraja, "Order Statistics", section 6.4, as in
 * replica-ring.test.ts); only the keys whose replica set now holds it move (consistent hashing, Karger et al., STOC
 * 1997), and a leave moves exactly the keys the leaver held. The simulated streams carry exactly the stored bytes of
 * the moved keys' slots, counted here from the rings themselves; a stream crosses the new owner's NIC, so a join
 * lasts at least bytes / bandwidth; and with W + R > N, no sloppy quorum, no read misses a write acknowledged before
 * it began across a join and a graceful leave under load (the quorum intersection of Gifford, SOSP 1979, holds across
 * the slots' hand-over: Cassandra's pending ranges, CASSANDRA-2434).
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../src/scenario/index.js';
import { ReplicaRing } from '../../../../src/topology/leaderless/replica-ring.js';
import type { LeaderlessData } from '../../../../src/topology/leaderless/sections/data.js';
import { simulate } from '../../../helpers/simulate.js';

/** The nodes among `key`'s N replicas on a fresh ring of `nodes` nodes (ids 0 .. nodes - 1, as the cluster labels them). */
function replicaSet(ring: ReplicaRing, key: number): Set<number> {
  return new Set(Array.from({ length: ring.replicas }, (_, slot) => ring.replica(key, slot)));
}

describe('the ring on a membership change', () => {
  for (const [n, v] of [
    [5, 16],
    [9, 16],
    [19, 64],
    [39, 64],
    [9, 256],
  ] as const) {
    it(`n = ${n} + 1 nodes, V = ${v}: the joiner's share is 1/(n + 1) within 4 standard deviations of the Beta law`, () => {
      const ring = new ReplicaRing(n, v, 3, 1);
      ring.reshape([...ring.members(), n]);
      const share = ring.ringShares()[n];
      const mean = 1 / (n + 1);
      const sd = mean * Math.sqrt(n / ((n + 1) * v + 1));
      expect(Math.abs(share - mean)).toBeLessThan(4 * sd);
      // Everyone else gave up part of theirs: the shares still sum to 1.
      expect(ring.ringShares().reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    });
  }

  it('a join moves one slot of exactly the keys whose new replica set holds the joiner; the others keep theirs', () => {
    const keys = 2000;
    const ring = new ReplicaRing(6, 16, 3, keys);
    const before = Array.from({ length: keys }, (_, key) => replicaSet(ring, key));
    const moves = ring.reshape([0, 1, 2, 3, 4, 5, 6]);
    const after = new ReplicaRing(7, 16, 3, keys);
    const expected = new Set<number>();
    for (let key = 0; key < keys; key++) if (replicaSet(after, key).has(6)) expected.add(key);
    expect(new Set(moves.map((m) => m.key))).toEqual(expected);
    expect(moves.length).toBe(expected.size);
    for (const move of moves) {
      expect(move.to).toBe(6);
      expect(before[move.key].has(move.from)).toBe(true);
      expect(replicaSet(after, move.key).has(move.from)).toBe(false);
    }
    // The fraction of keys that move: N times the joiner's share, about N / (n + 1) = 3/7.
    expect(expected.size / keys).toBeGreaterThan(0.3);
    expect(expected.size / keys).toBeLessThan(0.56);
    // Until a move lands the old owner serves the slot; afterwards the ring's set is the fresh ring's.
    expect(replicaSet(ring, moves[0].key)).toEqual(before[moves[0].key]);
    for (const move of moves) ring.settle(move.key, move.slot, move.to);
    for (let key = 0; key < keys; key++) expect(replicaSet(ring, key)).toEqual(replicaSet(after, key));
  });

  it('a leave moves exactly the slots the leaver held, to nodes that were not replicas of the key', () => {
    const keys = 1000;
    const ring = new ReplicaRing(6, 16, 3, keys);
    const before = Array.from({ length: keys }, (_, key) => replicaSet(ring, key));
    const moves = ring.reshape([0, 1, 3, 4, 5]);
    expect(moves.length).toBe(before.filter((set) => set.has(2)).length);
    for (const move of moves) {
      expect(move.from).toBe(2);
      expect(before[move.key].has(move.to)).toBe(false);
    }
  });
});

/**
 * A small store: 4 nodes with 1 MB/s NICs, N = 3, every key written (2 000 writes of 1 000 bytes over 40 uniform
 * keys: a key is missed with probability (39/40)^2000 < 1e-21) before the writes stop at 2 s; then a membership step.
 */
function quietStore(step: string): LeaderlessData {
  const text = [
    'name: t',
    'seed: 11',
    'duration: 6s',
    'warmup: 0s',
    'replications: 1',
    'nodes:',
    '  - { group: store, count: 4, cores: 2, bandwidth: 1MB/s }',
    'network: { latency: 0.5ms }',
    'topology: { kind: leaderless, replicas: 3, writeQuorum: all, readQuorum: one, coordinator: client }',
    'workload:',
    '  - class: put',
    '    op: write',
    '    arrivals: { process: poisson, rate: { curve: [[0s, 1000/s], [2s, 0/s]], interpolate: step } }',
    '    work: 0.1ms',
    '    size: 1KB',
    '    keys: { count: 40, popularity: uniform }',
    'failures:',
    '  - kind: timeline',
    '    steps:',
    `      - ${step}`,
    '',
  ].join('\n');
  const loaded = loadScenario(text, { file: 't.yaml' });
  expect(loaded.errors).toEqual([]);
  return simulate(loaded.spec!).outcomes[0].sections.leaderless as LeaderlessData;
}

describe('streaming the moved data', () => {
  it('a join streams the stored bytes of exactly the keys whose replica set changed, no faster than its NIC', () => {
    const data = quietStore('{ at: 3s, add: { group: store, count: 1 } }');
    const [join] = data.rebalances!;
    // Counted from the rings: the keys whose replica set on 5 nodes holds the new node (id 4); each slot stores 1 KB.
    const after = new ReplicaRing(5, 16, 3, 40);
    let moved = 0;
    for (let key = 0; key < 40; key++) if (replicaSet(after, key).has(4)) moved++;
    expect(join).toMatchObject({ kind: 'join', node: 'store-4', at: 3, keysMoved: moved, bytes: moved * 1000 });
    expect(moved).toBeGreaterThan(0);
    // Every byte enters the new node through its 1 MB/s NIC.
    expect(join.duration!).toBeGreaterThanOrEqual((moved * 1000) / 1e6);
    // Its storage is what it took; the cluster still stores 3 copies of 40 keys.
    expect(data.storage![4]).toBe(moved * 1000);
    expect(data.storage!.reduce((a, b) => a + b, 0)).toBe(3 * 40 * 1000);
    expect(data.nodeNames).toEqual(['store-0', 'store-1', 'store-2', 'store-3', 'store-4']);
  });

  it('a graceful leave streams the slots the leaver held, then the node is gone and holds nothing', () => {
    const data = quietStore('{ at: 3s, remove: { node: store-1 } }');
    const [leave] = data.rebalances!;
    const before = new ReplicaRing(4, 16, 3, 40);
    let held = 0;
    for (let key = 0; key < 40; key++) if (replicaSet(before, key).has(1)) held++;
    expect(leave).toMatchObject({ kind: 'leave', node: 'store-1', keysMoved: held, bytes: held * 1000 });
    expect(leave.duration!).toBeGreaterThanOrEqual((held * 1000) / (3 * 1e6));
    expect(data.storage![1]).toBe(0);
    expect(data.storage!.reduce((a, b) => a + b, 0)).toBe(3 * 40 * 1000);
  });

  it('a stream whose source crashes starts again once the source is back: the join lasts past the outage, nothing is lost', () => {
    // store-0 crashes 5 ms after the join, before most of its streams have left its NIC, for 2 s: its streams are
    // tried again every STREAM_RETRY (1 s) and leave once it is up again at 5.005 s.
    const data = quietStore('{ at: 3s, add: { group: store, count: 1 } }\n      - { at: 3.005s, crash: store-0, for: 2s }');
    const [join] = data.rebalances!;
    const after = new ReplicaRing(5, 16, 3, 40);
    let moved = 0;
    for (let key = 0; key < 40; key++) if (replicaSet(after, key).has(4)) moved++;
    expect(join).toMatchObject({ keysMoved: moved, bytes: moved * 1000 });
    expect(join.duration!).toBeGreaterThanOrEqual(2);
    expect(data.storage!.reduce((a, b) => a + b, 0)).toBe(3 * 40 * 1000);
  });

  it('a node removed without drain while it streams to a joiner: the joiner rebuilds those slots from the others', () => {
    // store-0 goes 2 ms into the join, its streams to store-4 still queued on its 1 MB/s NIC (1 ms per key).
    const data = quietStore('{ at: 3s, add: { group: store, count: 1 } }\n      - { at: 3.002s, remove: { node: store-0, drain: false } }');
    const [join, leave] = data.rebalances!;
    expect(join.duration).not.toBeNull();
    expect(leave.duration).not.toBeNull();
    // The four nodes left hold three copies of every key again.
    expect(data.storage!.reduce((a, b) => a + b, 0) - data.storage![0]).toBe(3 * 40 * 1000);
  });

  it('a removal without drain loses the node\'s copies; the new owners rebuild them from the other replicas', () => {
    const data = quietStore('{ at: 3s, remove: { node: store-1, drain: false } }');
    const [leave] = data.rebalances!;
    const before = new ReplicaRing(4, 16, 3, 40);
    let held = 0;
    for (let key = 0; key < 40; key++) if (replicaSet(before, key).has(1)) held++;
    // Every key written at W = all: the two other replicas hold its 1 KB, streamed again to the third.
    expect(leave).toMatchObject({ kind: 'leave', node: 'store-1', keysMoved: held, bytes: held * 1000 });
    expect(data.storage!.reduce((a, b) => a + b, 0) - data.storage![1]).toBe(3 * 40 * 1000);
  });
});

describe('consistency across membership changes', () => {
  it('W = 2, R = 2, N = 3, no sloppy quorum: no read misses an acknowledged write across a join and a graceful leave', () => {
    const text = [
      'name: t',
      'seed: 5',
      'duration: 4s',
      'warmup: 0.2s',
      'replications: 2',
      'nodes:',
      '  - { group: store, count: 5, cores: 2, bandwidth: 10MB/s }',
      'network: { latency: { dist: exponential, mean: 1ms } }',
      'topology: { kind: leaderless, replicas: 3, writeQuorum: 2, readQuorum: 2, sloppyQuorum: false }',
      'workload:',
      '  - { class: get, op: read, arrivals: { process: poisson, rate: 2000/s }, work: 0.1ms, size: 1KB, keys: { count: 100, popularity: zipf, exponent: 1 } }',
      '  - { class: put, op: write, arrivals: { process: poisson, rate: 1000/s }, work: 0.1ms, size: 1KB, keys: { count: 100, popularity: zipf, exponent: 1 } }',
      'failures:',
      '  - kind: timeline',
      '    steps:',
      '      - { at: 1s, add: { group: store, count: 1 } }',
      '      - { at: 2s, remove: { node: store-2 } }',
      '      - { at: 2.02s, add: { group: store, count: 1 } }',
      '',
    ].join('\n');
    const loaded = loadScenario(text, { file: 't.yaml' });
    expect(loaded.errors).toEqual([]);
    const sim = simulate(loaded.spec!);
    let reads = 0;
    for (const outcome of sim.outcomes) {
      const data = outcome.sections.leaderless as LeaderlessData;
      expect(data.consistency.stale, `replication ${outcome.index}`).toBe(0);
      expect(data.rebalances!.map((r) => `${r.node} ${r.kind}`)).toEqual(['store-5 join', 'store-2 leave', 'store-6 join']);
      // The moves overlapped and every one of them landed.
      for (const r of data.rebalances!) expect(r.duration).not.toBeNull();
      reads += data.consistency.reads;
    }
    expect(reads).toBeGreaterThan(10_000);
    expect(sim.summary.requests.failed).toBe(0);
  });
});
