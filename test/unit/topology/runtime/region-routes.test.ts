/**
 * Routes between pairs of regions (issue 14, `network.regions`): a pair of regions with a route takes its latency
 * and its link instead of `crossRegion` and `links.crossRegion`, on every path that crosses regions (node to node,
 * per-sender delays, clients of a region, shared links, a standby without nodes); a pair without one keeps the
 * cross-region figures, and its draws. Every expected value is worked out by hand from the layout below.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../../src/engine/rng.js';
import { Simulator } from '../../../../src/engine/simulator.js';
import { NodeTable } from '../../../../src/model/node-table.js';
import type { NetworkSpec, NodeSpec, RegionRouteSpec } from '../../../../src/model/spec.js';
import { Network } from '../../../../src/topology/runtime/network.js';
import { regionPath } from '../../../../src/topology/runtime/region-routes.js';

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

/** Node 0 in zone a and 1 in zone a2 (us-east), 2 in b (eu-west), 3 in c (ap-south), 4 in d (us-west). */
const NODES = [node('n0', 'a'), node('n1', 'a2'), node('n2', 'b'), node('n3', 'c'), node('n4', 'd')];
const REGIONS = { a: 'us-east', a2: 'us-east', b: 'eu-west', c: 'ap-south', d: 'us-west' };
const US_EAST = 0;
const EU_WEST = 1;
const AP_SOUTH = 2;
const US_WEST = 3;
const constant = (value: number) => ({ dist: 'constant', value }) as const;

/**
 * us-east <-> eu-west 30 ms both ways with a 1 MB/s link; us-east -> ap-south 70 ms and back 90 ms; eu-west <->
 * ap-south a link of 2 MB/s and no latency of its own. Every other pair (us-west with anyone) keeps crossRegion.
 */
const ROUTES: RegionRouteSpec[] = [
  { from: 'us-east', to: 'eu-west', latency: constant(0.03), bandwidth: 1e6 },
  { from: 'eu-west', to: 'us-east', latency: constant(0.03), bandwidth: 1e6 },
  { from: 'us-east', to: 'ap-south', latency: constant(0.07) },
  { from: 'ap-south', to: 'us-east', latency: constant(0.09) },
  { from: 'eu-west', to: 'ap-south', bandwidth: 2e6 },
  { from: 'ap-south', to: 'eu-west', bandwidth: 2e6 },
];

function network(spec: Partial<NetworkSpec> = {}, seed = 'routes-test'): { sim: Simulator; net: Network } {
  const sim = new Simulator();
  const base: NetworkSpec = { latency: constant(0.001), crossZone: constant(0.002), crossRegion: constant(0.04), regions: REGIONS, regionRoutes: ROUTES };
  return { sim, net: new Network(sim, NodeTable.of(NODES), { ...base, ...spec }, new RandomStreams(seed)) };
}

describe('latencies by route', () => {
  it('node to node: the route of the pair of regions, each direction its own; other pairs keep their class', () => {
    const { net } = network();
    expect([net.delay(0, 2), net.delay(2, 0), net.delay(1, 2)]).toEqual([0.03, 0.03, 0.03]);
    expect([net.delay(0, 3), net.delay(3, 0)]).toEqual([0.07, 0.09]);
    // A route with a bandwidth only keeps the cross-region latency; pairs without a route keep it too.
    expect([net.delay(2, 3), net.delay(3, 2), net.delay(0, 4), net.delay(4, 3)]).toEqual([0.04, 0.04, 0.04, 0.04]);
    // Within a region the classes apply: a2 is another zone of us-east.
    expect(net.delay(0, 1)).toBe(0.002);
  });

  it('per-sender delays (Raft) follow the routes too; a topology override replaces routes as it replaces classes', () => {
    const { net } = network();
    const delays = net.perSenderDelays('raft-delay');
    expect([delays(0, 2), delays(0, 3), delays(3, 0), delays(2, 3), delays(4, 0), delays(0, 1)]).toEqual([0.03, 0.07, 0.09, 0.04, 0.04, 0.002]);
    const overridden = net.perSenderDelays('raft-delay', constant(0.005));
    expect([overridden(0, 2), overridden(3, 0), overridden(0, 1)]).toEqual([0.005, 0.005, 0.005]);
  });

  it('clients of a region: the route from their region to the node\'s, and back by the other direction', () => {
    const { net } = network({ clients: { d: constant(0.006) } });
    expect(net.clientDelayFrom(AP_SOUTH, 0)).toBe(0.09);
    expect(net.clientDelayTo(0, AP_SOUTH)).toBe(0.07);
    expect(net.clientDelayFrom(EU_WEST, 0)).toBe(0.03);
    expect(net.clientDelayFrom(US_WEST, 0)).toBe(0.04); // no route: crossRegion
    expect(net.clientDelayFrom(AP_SOUTH, 2)).toBe(0.04); // a route without a latency: crossRegion
    // Their own region, or no region: the clients' latency to the node's zone.
    expect(net.clientDelayFrom(US_WEST, 4)).toBe(0.006);
    expect(net.clientDelayTo(4, -1)).toBe(0.006);
    expect(net.clientDelayFrom(US_EAST, 0)).toBe(0.001);
  });

  it('every path costs nothing only if every route does too', () => {
    const free = { latency: constant(0), crossZone: undefined, crossRegion: undefined };
    expect(network({ ...free, regionRoutes: [] }).net.pairsFree).toBe(true);
    expect(network({ ...free, regionRoutes: [{ from: 'us-east', to: 'eu-west', latency: constant(0.03) }] }).net.pairsFree).toBe(false);
  });
});

describe('links by route', () => {
  it('one FIFO link per pair of regions, at the route\'s bandwidth, both directions sharing it', () => {
    const { net } = network();
    expect(net.transmit(0, 2, 1000, 0)).toBeCloseTo(0.001, 15); // us-east - eu-west at 1 MB/s
    expect(net.transmit(2, 1, 1000, 0)).toBeCloseTo(0.002, 15); // the same link from the other side, queued
    expect(net.transmit(2, 3, 1000, 0)).toBeCloseTo(0.0005, 15); // eu-west - ap-south at 2 MB/s: a link of its own
    // us-east - ap-south's route has no bandwidth and there is no links.crossRegion: no link; nor for unrouted pairs.
    expect(net.transmit(0, 3, 1e9, 0.5)).toBe(0.5);
    expect(net.transmit(0, 4, 1e9, 0.5)).toBe(0.5);
  });

  it('pairs without a route of their own bandwidth take links.crossRegion, each pair its own link', () => {
    const { net } = network({ links: { crossRegion: { bandwidth: 4e6 } } });
    expect(net.transmit(0, 2, 1000, 0)).toBeCloseTo(0.001, 15); // the route's 1 MB/s
    expect(net.transmit(0, 3, 1000, 0)).toBeCloseTo(0.00025, 15); // links.crossRegion's 4 MB/s
    expect(net.transmit(0, 4, 1000, 0)).toBeCloseTo(0.00025, 15); // another pair: another link, not queued behind
    expect(net.transmit(3, 0, 1000, 0)).toBeCloseTo(0.0005, 15); // us-east - ap-south again: queued
  });
});

describe('draws', () => {
  const exponential = (mean: number) => ({ dist: 'exponential', mean }) as const;

  /** Delays drawn on the unrouted pair us-east -> us-west, with a draw on us-east -> eu-west between each. */
  function unroutedDraws(routes: RegionRouteSpec[]): number[] {
    const { net } = network({ crossRegion: exponential(0.04), regionRoutes: routes });
    const draws: number[] = [];
    for (let i = 0; i < 20; i++) {
      draws.push(net.delay(0, 4));
      net.delay(0, 2);
    }
    return draws;
  }

  it('a route with a latency draws from a stream of its own: the other pairs draw what they drew without it', () => {
    const withRoute = unroutedDraws([
      { from: 'us-east', to: 'eu-west', latency: exponential(0.03) },
      { from: 'eu-west', to: 'us-east', latency: exponential(0.03) },
    ]);
    // Without the route, us-east -> eu-west shares crossRegion's stream: the draws on us-west are every other one.
    const { net } = network({ crossRegion: exponential(0.04), regionRoutes: [] });
    const shared = Array.from({ length: 40 }, () => net.delay(0, 4));
    expect(withRoute).toEqual(shared.slice(0, 20));
    expect(unroutedDraws([])).toEqual(shared.filter((_, i) => i % 2 === 0));
  });

  it('a route without a latency shares the cross-region stream, as if it were not there', () => {
    expect(unroutedDraws([{ from: 'us-east', to: 'eu-west', bandwidth: 1e6 }, { from: 'eu-west', to: 'us-east', bandwidth: 1e6 }])).toEqual(unroutedDraws([]));
  });
});

describe('a region without nodes (a standby\'s)', () => {
  it('regionPath: the route when given, else crossRegion and links.crossRegion', () => {
    const spec: NetworkSpec = {
      latency: constant(0.001),
      crossRegion: constant(0.04),
      links: { crossRegion: { bandwidth: 5e6 } },
      regionRoutes: [
        { from: 'us-east', to: 'dr', latency: constant(0.02) },
        { from: 'dr', to: 'us-east', latency: constant(0.025), bandwidth: 1e6 },
      ],
    };
    expect(regionPath(spec, 'us-east', 'dr')).toEqual({ latency: constant(0.02), bandwidth: 5e6 });
    expect(regionPath(spec, 'dr', 'us-east')).toEqual({ latency: constant(0.025), bandwidth: 1e6 });
    expect(regionPath(spec, 'eu-west', 'dr')).toEqual({ latency: constant(0.04), bandwidth: 5e6 });
    expect(regionPath({ latency: constant(0.001) }, 'us-east', 'dr')).toEqual({ latency: constant(0.001), bandwidth: Infinity });
  });
});
