/**
 * Replicas per region (Cassandra's NetworkTopologyStrategy, a replication factor per datacenter): the scenario keys,
 * their positioned errors (positions counted by hand), and the placement walk, checked against a walk written here
 * from the definition: per region, the first distinct nodes of that region met clockwise from the key's hash.
 */
import { describe, expect, it } from 'vitest';
import { hashKey } from '../../../../src/policies/hash-ring.js';
import { ReplicaRing } from '../../../../src/topology/leaderless/replica-ring.js';
import type { LeaderlessTopologySpec } from '../../../../src/topology/leaderless/spec.js';
import { errorsOf, load, yaml } from '../../scenario/helpers.js';

const TWO_REGIONS = [
  'name: t', //                                                     1
  'duration: 1h', //                                                2
  'zones:', //                                                      3
  '  use1: { region: us-east }', //                                 4
  '  euw1: { region: eu-west }', //                                 5
  'nodes:', //                                                      6
  '  - { group: us, count: 4, zone: use1 }', //                     7
  '  - { group: eu, count: 3, zone: euw1 }', //                     8
  'workload:', //                                                   9
  '  - class: put', //                                              10
  '    op: write', //                                               11
  '    arrivals: { process: poisson, rate: 1/s }', //               12
  '    work: 1ms', //                                               13
  '    keys: { count: 100, popularity: uniform }', //               14
  'topology:', //                                                   15
  '  kind: leaderless', //                                          16
];

describe('replicas per region in a scenario file', () => {
  it('resolves to N = the sum of the counts, in the order written', () => {
    const result = load(yaml(...TWO_REGIONS, '  replicas: { us-east: 3, eu-west: 2 }'), { file: 't.yaml' });
    expect(result.errors).toEqual([]);
    const topology = result.spec?.topology as LeaderlessTopologySpec;
    expect(topology.replicas).toBe(5);
    expect(topology.writeQuorum).toBe(3);
    expect(topology.replicasPerRegion).toEqual([
      { region: 'us-east', replicas: 3 },
      { region: 'eu-west', replicas: 2 },
    ]);
  });

  it('a number stays SimpleStrategy (no regions)', () => {
    const topology = load(yaml(...TWO_REGIONS, '  replicas: 3'), { file: 't.yaml' }).spec?.topology as LeaderlessTopologySpec;
    expect(topology.replicasPerRegion).toBeNull();
  });

  it('a region with no nodes, more replicas than a region has nodes', () => {
    // "  replicas: { us-east: 3, " is 26 characters: ap-south starts at column 27; "  replicas: { us-east: " is 23.
    expect(errorsOf(yaml(...TWO_REGIONS, '  replicas: { us-east: 3, ap-south: 1 }'), { file: 't.yaml' })).toEqual([
      "t.yaml:17:27: topology.replicas.ap-south: no ring node is in a region 'ap-south'; valid: a region of the nodes: eu-west, us-east",
    ]);
    expect(errorsOf(yaml(...TWO_REGIONS, '  replicas: { us-east: 5 }'), { file: 't.yaml' })).toEqual([
      "t.yaml:17:24: topology.replicas.us-east: bad value '5': is more than the 4 ring node(s) of region us-east: a key's " +
        'replicas there are on distinct nodes; valid: an integer from 1 to 4',
    ]);
  });

  it('a count below 1 is the schema check\'s', () => {
    const errors = errorsOf(yaml(...TWO_REGIONS, '  replicas: { us-east: 0 }'), { file: 't.yaml' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('t.yaml:17:');
    expect(errors[0]).toContain('topology.replicas');
  });
});

describe('LOCAL_ONE, LOCAL_QUORUM and EACH_QUORUM in a scenario file', () => {
  const withRegion = (...lines: string[]) => yaml(...TWO_REGIONS.slice(0, 11), '    region: us-east', ...TWO_REGIONS.slice(11), ...lines);

  it('resolve with replicas per region and a client region; W and R as counts of region 0', () => {
    const result = load(withRegion('  replicas: { us-east: 3, eu-west: 3 }', '  writeQuorum: each_quorum', '  readQuorum: local_quorum'), { file: 't.yaml' });
    expect(result.errors).toEqual([]);
    expect(result.warnings.filter((w) => w.path.includes('region'))).toEqual([]);
    expect(result.spec?.topology).toMatchObject({ writeLevel: 'each_quorum', readLevel: 'local_quorum', writeQuorum: 4, readQuorum: 2 });
  });

  it('need replicas per region, a class region among them, no sloppy quorum', () => {
    expect(errorsOf(withRegion('  replicas: 3', '  writeQuorum: local_quorum'), { file: 't.yaml' })).toEqual([
      "t.yaml:19:16: topology.writeQuorum: bad value 'local_quorum': needs replicas per region; valid: replicas: { <region>: <count>, ... }",
    ]);
    expect(errorsOf(yaml(...TWO_REGIONS, '  replicas: { us-east: 3, eu-west: 3 }', '  readQuorum: local_one'), { file: 't.yaml' })).toEqual([
      "t.yaml:10:5: workload.0: bad value 'put': has no region: a LOCAL consistency level counts the replicas of its clients' region; " +
        'valid: region: one of us-east, eu-west',
    ]);
    expect(errorsOf(withRegion('  replicas: { us-east: 3, eu-west: 3 }', '  writeQuorum: local_one', '  sloppyQuorum: true'), { file: 't.yaml' })).toEqual([
      "t.yaml:19:16: topology.writeQuorum: bad value 'local_one': is not modelled with sloppyQuorum: true (a stand-in of another region " +
        'would count); valid: sloppyQuorum: false',
    ]);
  });
});

describe('the NetworkTopologyStrategy walk', () => {
  // Nodes 0-3 in region 0, 4-6 in region 1, 7 in a region with no replicas.
  const regionOf = (node: number): number => (node < 4 ? 0 : node < 7 ? 1 : -1);
  const quotas = [2, 3];

  it('per region, the first distinct nodes of that region clockwise from the key, other regions skipped', () => {
    const ring = new ReplicaRing(8, 16, 5, 300, undefined, { quotas, regionOf });
    for (let key = 0; key < 300; key++) {
      const replicas = [0, 1, 2, 3, 4].map((slot) => ring.replica(key, slot));
      // The expected lists, walked here over the ring's tokens (owners are the node ids: all nodes are members).
      const expected: number[][] = [[], []];
      const base = ring.ring.locate(hashKey(key));
      for (let step = 0; step < ring.ring.length; step++) {
        const node = ring.ring.ownerAt((base + step) % ring.ring.length);
        const region = regionOf(node);
        if (region >= 0 && expected[region].length < quotas[region] && !expected[region].includes(node)) expected[region].push(node);
      }
      expect(replicas.filter((node) => regionOf(node) === 0)).toEqual(expected[0]);
      expect(replicas.filter((node) => regionOf(node) === 1)).toEqual(expected[1]);
      expect(replicas).not.toContain(7);
    }
  });

  it('refuses quotas that do not sum to N', () => {
    expect(() => new ReplicaRing(8, 16, 4, 10, undefined, { quotas, regionOf })).toThrow(/sum to 4/);
  });
});
