/**
 * The runtime's network (issue 11, part 5): pair classes of nodes by zone and region, shared FIFO links, and
 * partitions as groups. Every expected value is worked out by hand from the layout in the test.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../../src/engine/rng.js';
import { Simulator } from '../../../../src/engine/simulator.js';
import type { NetworkSpec, NodeSpec } from '../../../../src/model/spec.js';
import { Network } from '../../../../src/topology/runtime/network.js';
import { Partitions } from '../../../../src/topology/runtime/partitions.js';
import { PairClass } from '../../../../src/topology/runtime/zone-map.js';
import { NodeTable } from '../../../../src/model/node-table.js';

const node = (name: string, zone: string): NodeSpec => ({
  name,
  group: name,
  cores: 1,
  speed: 1,
  storage: Infinity,
  bandwidth: Infinity,
  zone,
  queue: Infinity,
  discipline: 'fifo',
});

/** Nodes 0, 1 in zone a and 2 in zone b (region us-east); 3 in zone c (region eu-west). */
const NODES = [node('n0', 'a'), node('n1', 'a'), node('n2', 'b'), node('n3', 'c')];
const REGIONS = { a: 'us-east', b: 'us-east', c: 'eu-west' };
const constant = (value: number) => ({ dist: 'constant', value }) as const;

function network(spec: Partial<NetworkSpec>): { sim: Simulator; net: Network } {
  const sim = new Simulator();
  const net = new Network(sim, NodeTable.of(NODES), { latency: constant(0.001), regions: REGIONS, ...spec }, new RandomStreams('network-test'));
  return { sim, net };
}

describe('pair classes and latencies', () => {
  it('classes two nodes by zone and region, symmetrically', () => {
    const { net } = network({});
    expect(net.pairClass(0, 1)).toBe(PairClass.sameZone);
    expect(net.pairClass(0, 2)).toBe(PairClass.crossZone);
    expect(net.pairClass(2, 0)).toBe(PairClass.crossZone);
    expect(net.pairClass(1, 3)).toBe(PairClass.crossRegion);
    expect(net.pairClass(3, 2)).toBe(PairClass.crossRegion);
  });

  it('without zones: every zone is in region default, so distinct zones are cross-zone', () => {
    const sim = new Simulator();
    const net = new Network(sim, NodeTable.of(NODES), { latency: constant(0.001) }, new RandomStreams('network-test'));
    expect(net.pairClass(0, 3)).toBe(PairClass.crossZone);
  });

  it('draws each pair class its own latency, and latency for the classes and client zones not given', () => {
    const { net } = network({
      sameZone: constant(0.0002),
      crossRegion: constant(0.04),
      clients: { c: constant(0.06) },
    });
    expect(net.delay(0, 1)).toBe(0.0002);
    expect(net.delay(0, 2)).toBe(0.001); // crossZone not given: latency
    expect(net.delay(3, 0)).toBe(0.04);
    expect(net.clientDelay(0)).toBe(0.001);
    expect(net.clientDelay(2)).toBe(0.001);
    expect(net.clientDelay(3)).toBe(0.06);
  });

  it('knows when a kind of path costs nothing (then a message needs no event)', () => {
    expect(network({ latency: constant(0) }).net.clientsFree).toBe(true);
    expect(network({ latency: constant(0) }).net.pairsFree).toBe(true);
    expect(network({ latency: constant(0), clients: { c: constant(0.06) } }).net.clientsFree).toBe(false);
    expect(network({ latency: constant(0), crossZone: constant(0.001) }).net.pairsFree).toBe(false);
    // A link makes messages wait even with no latency anywhere.
    expect(network({ latency: constant(0), links: { crossRegion: { bandwidth: 1e6 } } }).net.pairsFree).toBe(false);
  });

  it('per-sender delays: a topology override replaces every pair class', () => {
    const { net } = network({ sameZone: constant(0.0002), crossRegion: constant(0.04) });
    const byClass = net.perSenderDelays('raft-delay');
    expect([byClass(0, 1), byClass(0, 2), byClass(0, 3)]).toEqual([0.0002, 0.001, 0.04]);
    const overridden = net.perSenderDelays('raft-delay', constant(0.005));
    expect([overridden(0, 1), overridden(0, 2), overridden(0, 3)]).toEqual([0.005, 0.005, 0.005]);
  });
});

describe('shared links', () => {
  it('a cross-region link: one FIFO queue for both directions, bytes / bandwidth each', () => {
    // 1 MB/s: 1000 bytes take 1 ms.
    const { net } = network({ links: { crossRegion: { bandwidth: 1e6 } } });
    expect(net.transmit(0, 3, 1000, 0)).toBeCloseTo(0.001, 15);
    // Queued behind the first (busy until 1 ms), from the other side of the same link: 1 ms + 2 ms.
    expect(net.transmit(3, 2, 2000, 0.0005)).toBeCloseTo(0.003, 15);
    // No bytes: it still waits for the transfers queued before it (messages keep their order on a link).
    expect(net.transmit(1, 3, 0, 0.001)).toBeCloseTo(0.003, 15);
    // The link is idle again at 3 ms; a message ready at 10 ms starts at once.
    expect(net.transmit(0, 3, 1000, 0.01)).toBeCloseTo(0.011, 15);
  });

  it('paths without a link cross none: same zone, and a class whose link is not given', () => {
    const { net } = network({ links: { crossRegion: { bandwidth: 1e6 } } });
    expect(net.transmit(0, 1, 1e6, 0.5)).toBe(0.5);
    expect(net.transmit(0, 2, 1e6, 0.5)).toBe(0.5);
  });

  it('cross-zone links: one per pair of zones, apart from each other', () => {
    const nodes = [node('n0', 'a'), node('n1', 'b'), node('n2', 'c')];
    const net = new Network(new Simulator(), NodeTable.of(nodes), { latency: constant(0), links: { crossZone: { bandwidth: 1e6 } } }, new RandomStreams('x'));
    expect(net.transmit(0, 1, 1000, 0)).toBeCloseTo(0.001, 15); // link a-b busy until 1 ms
    expect(net.transmit(0, 2, 1000, 0)).toBeCloseTo(0.001, 15); // link a-c: its own queue
    expect(net.transmit(1, 0, 1000, 0)).toBeCloseTo(0.002, 15); // link a-b again, from b
  });

  it('send: the link, then the pair class latency, then the event', () => {
    const { sim, net } = network({ crossRegion: constant(0.04), links: { crossRegion: { bandwidth: 1e6 } } });
    const arrivals: number[] = [];
    const kind = sim.register((target) => arrivals.push(sim.now * 1000 + target));
    net.send(0, 3, 1000, kind, 0); // 1 ms on the link, 40 ms latency: 41 ms
    net.send(0, 3, 1000, kind, 0, 0.0005); // leaves its NIC at 0.5 ms, waits until 1 ms, 2 ms, +40 ms: 42 ms
    sim.run();
    expect(arrivals.map((a) => Math.round(a * 1000) / 1000)).toEqual([41, 42]);
  });
});

describe('partitions as groups', () => {
  it('one cut: its nodes form one group apart from the clients and the rest', () => {
    const p = new Partitions(5);
    p.cut([3, 1]);
    expect(p.groups()).toEqual([[1, 3]]);
    expect(p.reachable(1, 3)).toBe(true);
    expect(p.reachable(0, 1)).toBe(false);
    expect(p.reachable(0, 4)).toBe(true);
    expect(p.groupOf(0)).toBe(0); // the clients' group
  });

  it('two overlapping cuts of disjoint nodes make three groups, not one far side', () => {
    const p = new Partitions(5);
    const a = p.cut([0, 1]);
    p.cut([2, 3]);
    expect(p.groups()).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(p.reachable(1, 2)).toBe(false);
    expect(p.reachable(4, 0)).toBe(false);
    // The first cut ends: its nodes are back with the clients; the second still holds.
    expect(p.heal(a)).toEqual([0, 1]);
    expect(p.groups()).toEqual([[2, 3]]);
    expect(p.reachable(0, 4)).toBe(true);
  });

  it('a cut inside another splits it: a zone cut off inside its cut-off region', () => {
    const p = new Partitions(6);
    const region = p.cut([0, 1, 2, 3]);
    const zone = p.cut([0, 1]);
    expect(p.groups()).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(p.reachable(0, 2)).toBe(false);
    expect(p.reachable(2, 4)).toBe(false);
    p.heal(region);
    // Only the zone's cut is left: the rest of the region rejoins the clients.
    expect(p.groups()).toEqual([[0, 1]]);
    expect(p.reachable(2, 4)).toBe(true);
    p.heal(zone);
    expect(p.active).toBe(false);
    expect(p.groups()).toEqual([]);
  });

  it('partly overlapping cuts: nodes in exactly the same cuts share a group', () => {
    const p = new Partitions(4);
    p.cut([0, 1]);
    p.cut([1, 2]);
    expect(p.groups()).toEqual([[0], [1], [2]]);
    p.cut([0, 1]); // a second cut of the same nodes changes nothing for them
    expect(p.groups()).toEqual([[0], [1], [2]]);
  });

  it('a cut that is not in force cannot be healed', () => {
    const p = new Partitions(2);
    const id = p.cut([0]);
    p.heal(id);
    expect(() => p.heal(id)).toThrow(/no cut/);
  });
});
