/**
 * `network.regions` in the scenario file (issue 14): routes between pairs of regions, resolved one per direction
 * (symmetric unless the other direction is given), and the user's mistakes as positioned errors. Resolved values
 * are written out by hand from the units (1ms = 0.001 s, 1Gbps = 125 MB/s).
 */
import { describe, expect, test } from 'vitest';
import { formatIssue } from '../../../src/scenario/index.js';
import { errorsOf, load, yaml } from './helpers.js';

/** One node per zone a (us-east), b (eu-west), c (ap-south). Lines 1 to 15. */
const CLUSTER = [
  'name: t', //                                                   1
  'duration: 1h', //                                              2
  'nodes:', //                                                    3
  '  - { group: a, count: 1, zone: a }', //                       4
  '  - { group: b, count: 1, zone: b }', //                       5
  '  - { group: c, count: 1, zone: c }', //                       6
  'workload:', //                                                 7
  '  - class: api', //                                            8
  '    arrivals: { process: poisson, rate: 1/s }', //             9
  '    work: 100ms', //                                          10
  'zones:', //                                                   11
  '  a: { region: us-east }', //                                 12
  '  b: { region: eu-west }', //                                 13
  '  c: { region: ap-south }', //                                14
  'network:', //                                                 15
  '  crossRegion: 40ms', //                                      16
  '  regions:', //                                               17
] as const;

const ms = (value: number) => ({ dist: 'constant', value: value / 1000 });

describe('network.regions resolves to one route per direction', () => {
  test('a pair written once holds both ways; a direction written too keeps its own latency and shares the bandwidth', () => {
    const result = load(yaml(
      ...CLUSTER,
      '    us-east:',
      '      eu-west: { latency: 30ms, bandwidth: 1Gbps }',
      '      ap-south: { latency: 70ms }',
      '    ap-south:',
      '      us-east: { latency: 90ms, bandwidth: 100Mbps }',
    ));
    expect(result.errors).toEqual([]);
    expect(result.spec!.network.regionRoutes).toEqual([
      { from: 'us-east', to: 'eu-west', latency: ms(30), bandwidth: 125e6 },
      { from: 'eu-west', to: 'us-east', latency: ms(30), bandwidth: 125e6 },
      { from: 'us-east', to: 'ap-south', latency: ms(70), bandwidth: 12.5e6 },
      { from: 'ap-south', to: 'us-east', latency: ms(90), bandwidth: 12.5e6 },
    ]);
    expect(result.spec!.network.crossRegion).toEqual(ms(40));
  });

  test('without the key the network has no routes (a scenario written before them resolves as it did)', () => {
    const result = load(yaml(...CLUSTER.slice(0, 16)));
    expect(result.errors).toEqual([]);
    expect(result.spec!.network).not.toHaveProperty('regionRoutes');
  });

  test('a standby\'s region, which holds no node, may have a route', () => {
    const result = load(yaml(
      ...CLUSTER.slice(0, 7),
      '  - { class: put, op: write, arrivals: { process: poisson, rate: 1/s }, work: 1ms }',
      ...CLUSTER.slice(10),
      '    us-east: { dr: { latency: 20ms } }',
      'topology:',
      '  kind: single-leader',
      '  mode: replicated',
      '  standby: { region: dr, failover: { detection: { interval: 1s, threshold: 3 }, promotion: 5s, redirection: { ttl: 10s } } }',
    ));
    expect(result.errors).toEqual([]);
    expect(result.spec!.network.regionRoutes).toEqual([
      { from: 'us-east', to: 'dr', latency: ms(20) },
      { from: 'dr', to: 'us-east', latency: ms(20) },
    ]);
  });
});

describe('network.regions: positioned errors', () => {
  test('an unknown region (with the closest suggested), a region paired with itself, an empty route, in file order', () => {
    expect(errorsOf(yaml(
      ...CLUSTER,
      '    us-east:', //                                                   18
      '      eu-wset: { latency: 30ms }', //                               19
      '      us-east: { latency: 1ms }', //                                20
      '      ap-south: {}', //                                             21
      '    mars: { us-east: { latency: 1s } }', //                         22
    ))).toEqual([
      "t.yaml:19:7: network.regions.us-east.eu-wset: bad value 'eu-wset': unknown region: no node is in it; valid: a region of the nodes' zones (zones: { <zone>: { region } }), or a standby's: ap-south, eu-west, us-east; did you mean 'eu-west'?",
      "t.yaml:20:7: network.regions.us-east.us-east: bad value 'us-east': a region paired with itself; valid: another region (within a region, crossZone and sameZone apply)",
      "t.yaml:21:17: network.regions.us-east.ap-south: bad value '{}': a route with neither latency nor bandwidth; valid: { latency, bandwidth } (either or both), or remove it",
      "t.yaml:22:5: network.regions.mars: bad value 'mars': unknown region: no node is in it; valid: a region of the nodes' zones (zones: { <zone>: { region } }), or a standby's: ap-south, eu-west, us-east",
    ]);
  });

  test('negative and zero figures; two bandwidths for one pair\'s link', () => {
    expect(errorsOf(yaml(
      ...CLUSTER,
      '    us-east:', //                                                   18
      '      eu-west: { latency: -5ms, bandwidth: 1Gbps }', //             19
      '      ap-south: { bandwidth: 0Gbps }', //                           20
      '    eu-west:', //                                                   21
      '      us-east: { bandwidth: 2Gbps }', //                            22
      '    ap-south: { eu-west: { latency: nonsense } }', //               23
    )).map((line) => line.replace(/; valid: .*/, ''))).toEqual([
      "t.yaml:19:27: network.regions.us-east.eu-west.latency: bad value '-5ms': must be at least 0",
      "t.yaml:20:30: network.regions.us-east.ap-south.bandwidth: bad value '0Gbps': must be greater than 0",
      "t.yaml:23:37: network.regions.ap-south.eu-west.latency: bad value 'nonsense': not a duration: expected a number followed by a unit",
    ]);
  });

  test('two bandwidths for one pair: the later direction is pointed at', () => {
    expect(errorsOf(yaml(
      ...CLUSTER,
      '    us-east: { eu-west: { bandwidth: 1Gbps } }', //                 18
      '    eu-west: { us-east: { bandwidth: 2Gbps } }', //                 19
    ))).toEqual([
      "t.yaml:19:38: network.regions.eu-west.us-east.bandwidth: bad value '2Gbps': differs from us-east to eu-west's bandwidth: both directions share the pair's one link; valid: the same bandwidth both ways, or give it one way only",
    ]);
  });
});

describe('network.regions: warnings', () => {
  test('crossRegion when every pair of regions has a route with a latency of its own; not while one pair lacks one', () => {
    const routed = [
      '    us-east: { eu-west: { latency: 30ms }, ap-south: { latency: 70ms } }', //  18
      '    eu-west: { ap-south: { latency: 50ms } }', //                              19
    ];
    expect(load(yaml(...CLUSTER, ...routed)).warnings.map(formatIssue)).toEqual([
      't.yaml:16:3: warning: network.crossRegion: has no effect: every pair of regions has a route in network.regions with a latency of its own; valid: remove it, or leave a pair of regions without a route',
    ]);
    expect(load(yaml(...CLUSTER, routed[0])).warnings).toEqual([]);
  });
});
