/**
 * The network of zones and regions in the scenario file (issue 11, part 5): `zones: { <zone>: { region } }` and
 * `network` with a latency per pair class, per client zone, and shared links. Resolved values are written out by
 * hand from the units (1ms = 0.001 s, 1Gbps = 125 MB/s); errors are checked as the user sees them, with their
 * positions.
 */
import { describe, expect, test } from 'vitest';
import { selectNodes } from '../../../src/failures/selector.js';
import type { ScenarioSpec } from '../../../src/model/spec.js';
import { errorsOf, load, warningsOf, yaml } from './helpers.js';

/** Six nodes: two per zone, zones a and b and c. Lines 1 to 12. */
const CLUSTER = [
  'name: t', //                                                   1
  'duration: 1h', //                                              2
  'nodes:', //                                                    3
  '  - { group: a, count: 2, zone: a }', //                       4
  '  - { group: b, count: 2, zone: b }', //                       5
  '  - { group: c, count: 2, zone: c }', //                       6
  'workload:', //                                                 7
  '  - class: api', //                                            8
  '    arrivals: { process: poisson, rate: 1/s }', //             9
  '    work: 100ms', //                                          10
] as const;

function specOf(...lines: string[]): ScenarioSpec {
  const result = load(yaml(...CLUSTER, ...lines));
  expect(result.errors).toEqual([]);
  if (result.spec === undefined) throw new Error('no spec');
  return result.spec;
}

const ms = (value: number) => ({ dist: 'constant', value: value / 1000 });

describe('network: one latency, as before', () => {
  test('network: { latency } alone resolves to that latency and nothing else', () => {
    expect(specOf('network: { latency: 1ms }').network).toEqual({ latency: ms(1) });
    expect(specOf().network).toEqual({ latency: ms(0) });
  });
});

describe('network: pair classes, client zones, links and regions', () => {
  test("the issue's example resolves key by key", () => {
    const spec = specOf(
      'zones:', //                                                     11
      '  a: { region: us-east }',
      '  b: { region: us-east }',
      '  c: { region: eu-west }',
      'network:',
      '  latency: 1ms',
      '  sameZone: 0.2ms',
      '  crossZone: { dist: lognormal, mean: 1ms, scv: 0.5 }',
      '  crossRegion: 40ms',
      '  clients: { a: 1ms, b: 1ms, c: 60ms }',
      '  links:',
      '    crossZone: { bandwidth: 10Gbps }',
      '    crossRegion: { bandwidth: 1Gbps }',
    );
    expect(spec.network).toEqual({
      latency: ms(1),
      sameZone: ms(0.2),
      crossZone: { dist: 'lognormal', mean: 0.001, scv: 0.5 },
      crossRegion: ms(40),
      clients: { a: ms(1), b: ms(1), c: ms(60) },
      regions: { a: 'us-east', b: 'us-east', c: 'eu-west' },
      // 10 Gbit/s = 1.25e9 bytes/s; 1 Gbit/s = 1.25e8.
      links: { crossZone: { bandwidth: 1.25e9 }, crossRegion: { bandwidth: 1.25e8 } },
    });
  });

  test('keys not written stay absent: zones not listed in clients take latency at run time', () => {
    expect(specOf('network: { clients: { c: 60ms } }').network).toEqual({ latency: ms(0), clients: { c: ms(60) } });
  });

  test('a region selector names every node of the zones in that region, and nothing else', () => {
    const spec = specOf(
      'zones: { a: { region: us-east }, b: { region: us-east }, c: { region: eu-west } }',
      'failures:',
      '  - { kind: partition, nodes: region:eu-west, at: 10min, duration: 1min }',
      '  - { kind: domain, nodes: region:us-east, at: 20min, duration: 1min }',
    );
    expect(spec.reliability?.failures.map((f) => (f.kind === 'timeline' ? '' : f.nodes))).toEqual(['region:eu-west', 'region:us-east']);
    // Nodes in file order: a-0 a-1 (zone a), b-0 b-1 (zone b), c-0 c-1 (zone c).
    expect(selectNodes(spec.nodes, 'region:eu-west', spec.network)).toEqual([4, 5]);
    expect(selectNodes(spec.nodes, 'region:us-east', spec.network)).toEqual([0, 1, 2, 3]);
    expect(selectNodes(spec.nodes, 'region:default', spec.network)).toBeNull();
  });
});

describe('positioned errors', () => {
  test('an unknown zone in network.clients, with the closest zone of the nodes', () => {
    expect(errorsOf(yaml(...CLUSTER, 'network:', '  clients: { a: 1ms, bb: 2ms }'))).toEqual([
      "t.yaml:12:22: network.clients.bb: bad value 'bb': unknown zone: no node is in it; valid: a zone of the nodes (a, b, c); did you mean 'b'?",
    ]);
  });

  test('an unknown zone in zones', () => {
    expect(errorsOf(yaml(...CLUSTER, 'zones:', '  a: { region: us-east }', '  C: { region: eu-west }'))).toEqual([
      "t.yaml:13:3: zones.C: bad value 'C': unknown zone: no node is in it; valid: a zone of the nodes (a, b, c); did you mean 'c'?",
    ]);
  });

  test('a zone without its region, and a region name with a space', () => {
    expect(errorsOf(yaml(...CLUSTER, 'zones:', '  a: {}', "  b: { region: 'us east' }"))).toEqual([
      't.yaml:12:6: zones.a.region: missing required key; valid: letters, digits, \'.\', \'_\' and \'-\', starting with a letter or digit; at most 100 characters',
      "t.yaml:13:16: zones.b.region: bad value 'us east': has characters that are not allowed; valid: letters, digits, '.', '_' and '-', starting with a letter or digit; at most 100 characters",
    ]);
  });

  test('a link bandwidth of 0, and one without its unit', () => {
    const errors = errorsOf(
      yaml(...CLUSTER, 'network:', '  links:', '    crossZone: { bandwidth: 0 }', '    crossRegion: { bandwidth: 100 }'),
    );
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe("t.yaml:13:29: network.links.crossZone.bandwidth: bad value '0': must be greater than 0; valid: a bandwidth > 0: a number with bps, Kbps, Mbps, Gbps, Tbps, B/s, KB/s, MB/s, GB/s, KiB/s, MiB/s or GiB/s (e.g. 1Gbps)");
    expect(errors[1]).toMatch(/^t\.yaml:14:31: network\.links\.crossRegion\.bandwidth: bad value '100': /);
  });

  test('a misspelt pair class and a misspelt link path, with did-you-mean', () => {
    expect(errorsOf(yaml(...CLUSTER, 'network: { crosZone: 1ms, links: { crossregion: { bandwidth: 1Gbps } } }'))).toEqual([
      "t.yaml:11:12: network.crosZone: bad value 'crosZone': unknown key; valid: latency, sameZone, crossZone, crossRegion, clients, links, regions; did you mean 'crossZone'?",
      "t.yaml:11:36: network.links.crossregion: bad value 'crossregion': unknown key; valid: crossZone, crossRegion; did you mean 'crossRegion'?",
    ]);
  });

  test('a latency of a client zone that is no duration', () => {
    expect(errorsOf(yaml(...CLUSTER, 'network: { clients: { c: 60 MB } }'))[0]).toMatch(
      /^t\.yaml:11:26: network\.clients\.c: bad value '60 MB': /,
    );
  });

  test('a region selector naming no region: the valid list names the regions, and a close one is suggested', () => {
    const zones = 'zones: { a: { region: us-east }, b: { region: us-east }, c: { region: eu-west } }';
    const partition = (nodes: string) => yaml(...CLUSTER, zones, 'failures:', `  - { kind: partition, nodes: ${nodes}, at: 10min, duration: 1min }`);
    const valid =
      'a group (a, b, c), a node name (a-0 .. a-1, b-0 .. b-1, c-0 .. c-1), a zone (zone:a, zone:b, zone:c), ' +
      'a region (region:us-east, region:eu-west), or * (every node)';
    expect(errorsOf(partition('region:eu-wset'))).toEqual([
      `t.yaml:13:31: failures.0.nodes: bad value 'region:eu-wset': selects no node; valid: ${valid}; did you mean 'region:eu-west'?`,
    ]);
    // A region written without its prefix.
    expect(errorsOf(partition('us-east'))).toEqual([
      `t.yaml:13:31: failures.0.nodes: bad value 'us-east': selects no node; valid: ${valid}; did you mean 'region:us-east'?`,
    ]);
  });

  test('a region selector is not judged while zones has errors of its own (one mistake, one message)', () => {
    const text = yaml(
      ...CLUSTER,
      'zones: { cc: { region: eu-west } }',
      'failures:',
      '  - { kind: partition, nodes: region:eu-west, at: 10min, duration: 1min }',
    );
    expect(errorsOf(text)).toEqual([
      "t.yaml:11:10: zones.cc: bad value 'cc': unknown zone: no node is in it; valid: a zone of the nodes (a, b, c); did you mean 'c'?",
    ]);
  });

  test('without zones: every node is in region default, and region:default is the only region', () => {
    const partition = (nodes: string) => yaml(...CLUSTER, 'failures:', `  - { kind: partition, nodes: ${nodes}, at: 10min, duration: 1min }`);
    expect(errorsOf(partition('region:default'))).toEqual([]);
    expect(errorsOf(partition('region:us-east'))[0]).toMatch(/selects no node; valid: a group \(a, b, c\), .*, a zone \(zone:a, zone:b, zone:c\), or \* \(every node\)$/);
  });
});

describe('warnings: a latency or a link that no two nodes use', () => {
  test('crossRegion latency and link with every zone in one region', () => {
    expect(warningsOf(yaml(...CLUSTER, 'network: { crossRegion: 40ms, links: { crossRegion: { bandwidth: 1Gbps } } }'))).toEqual([
      't.yaml:11:12: warning: network.crossRegion: has no effect: every zone is in region default, so no two nodes are on such a path; valid: zones in two regions (zones: { <zone>: { region: <name> } }), or remove it',
      't.yaml:11:40: warning: network.links.crossRegion: has no effect: every zone is in region default, so no two nodes are on such a path; valid: zones in two regions (zones: { <zone>: { region: <name> } }), or remove it',
    ]);
  });

  test('crossZone latency with every zone in a region of its own; sameZone with one node per zone', () => {
    const lines = [
      'name: t',
      'duration: 1h',
      'nodes: [{ group: a, zone: a }, { group: b, zone: b }]',
      'workload: [{ class: api, arrivals: { process: poisson, rate: 1/s }, work: 100ms }]',
      'zones: { a: { region: r1 }, b: { region: r2 } }',
      'network: { sameZone: 1ms, crossZone: 2ms, crossRegion: 30ms }',
    ];
    expect(warningsOf(yaml(...lines))).toEqual([
      't.yaml:6:12: warning: network.sameZone: has no effect: no zone holds two nodes, so no two nodes are on such a path; valid: two nodes in one zone, or remove it',
      't.yaml:6:27: warning: network.crossZone: has no effect: no region holds two zones of the nodes, so no two nodes are on such a path; valid: nodes in two zones of one region, or remove it',
    ]);
  });

  test('no warning when every path class given is used', () => {
    expect(
      warningsOf(yaml(...CLUSTER, 'zones: { c: { region: eu-west } }', 'network: { sameZone: 1ms, crossZone: 2ms, crossRegion: 30ms }')),
    ).toEqual([]);
  });
});
