import { describe, expect, test } from 'vitest';
import type { SingleLeaderTopologySpec } from '../../../src/model/spec.js';
import { errorsOf, load, warningsOf, yaml } from './helpers.js';

/**
 * `topology.placement` (issue 14): Raft roles per zone or region. Bad input checked for the whole message with
 * positions counted by hand; then resolution.
 */

/** 2 nodes in zone a (us-east), 2 in b (eu-west), 1 in c (ap-south); the placement's lines from line 21. */
function placement(lines: string[], mode = 'replicated'): string {
  return yaml(
    'name: t', //                                                1
    'duration: 1h', //                                           2
    'nodes:', //                                                 3
    '  - { group: east, count: 2, zone: a }', //                 4
    '  - { group: west, count: 2, zone: b }', //                 5
    '  - { group: south, count: 1, zone: c }', //                6
    'zones:', //                                                 7
    '  a: { region: us-east }', //                               8
    '  b: { region: eu-west }', //                               9
    '  c: { region: ap-south }', //                              10
    'network: { crossRegion: 40ms }', //                         11
    'workload:', //                                              12
    '  - class: put', //                                         13
    '    op: write', //                                          14
    '    arrivals: { process: poisson, rate: 1/s }', //          15
    '    work: 1ms', //                                          16
    'topology:', //                                              17
    '  kind: single-leader', //                                  18
    `  mode: ${mode}`, //                                        19
    '  placement:', //                                           20
    ...lines, //                                                 21 on
  );
}

describe('bad placement input', () => {
  test('a name with no node', () => {
    // "    voters: { us-east: 2, eu-west: 2, " is 38 characters: the key at column 39
    expect(errorsOf(placement(['    voters: { us-east: 2, eu-west: 2, ap-sout: 1 }']))).toEqual([
      "t.yaml:21:39: topology.placement.voters.ap-sout: no node is in a zone or region 'ap-sout'; " +
        'valid: a zone or region with nodes: a, ap-south, b, c, eu-west, us-east',
    ]);
  });

  test('more voters than nodes', () => {
    // "    voters: { us-east: " is 23 characters: the value at column 24
    expect(errorsOf(placement(['    voters: { us-east: 3, eu-west: 2, ap-south: 1 }']))).toEqual([
      "t.yaml:21:24: topology.placement.voters.us-east: bad value '3': more roles than nodes in 'us-east': 3 voters + " +
        "0 non-voters for 2 nodes; valid: at most 2 in all for 'us-east' (or more nodes in its zones)",
    ]);
  });

  test('a node with no role', () => {
    // "  placement:" : the key at column 3
    expect(errorsOf(placement(['    voters: { us-east: 2, eu-west: 1, ap-south: 1 }']))).toEqual([
      't.yaml:20:3: topology.placement: 1 node(s) have no role: in b (region eu-west); ' +
        'valid: every node counted under voters or nonVoters of its zone or region (or fewer nodes)',
    ]);
  });

  test('a zone and its own region', () => {
    // "    voters: { us-east: 2, eu-west: 2, ap-south: 1, " is 51 characters: the key at column 52
    expect(errorsOf(placement(['    voters: { us-east: 2, eu-west: 2, ap-south: 1, a: 1 }']))).toEqual([
      "t.yaml:21:52: topology.placement.voters.a: selects nodes that 'us-east' selects too (a zone and its own region); " +
        'valid: each node under one name: zones, or their regions, not both',
    ]);
  });

  test('a preferred leader with no voter, and a zero count', () => {
    // "    preferredLeader: " is 21 characters: column 22
    expect(errorsOf(placement(['    voters: { us-east: 2, eu-west: 2 }', '    nonVoters: { ap-south: 1 }', '    preferredLeader: ap-south']))).toEqual([
      "t.yaml:23:22: topology.placement.preferredLeader: bad value 'ap-south': holds no voter; valid: a zone or region with voters: us-east, eu-west",
    ]);
    // "    voters: { us-east: 2, eu-west: 2, ap-south: " is 48 characters: column 49
    expect(errorsOf(placement(['    voters: { us-east: 2, eu-west: 2, ap-south: 0 }']))).toEqual([
      "t.yaml:21:49: topology.placement.voters.ap-south: bad value '0': must be at least 1; valid: an integer >= 1",
    ]);
  });

  test('scheduler mode has no store to place', () => {
    expect(errorsOf(placement(['    voters: { us-east: 2, eu-west: 2, ap-south: 1 }'], 'scheduler'))).toEqual([
      't.yaml:20:3: topology.placement: needs mode replicated (a store whose nodes vote); valid: mode: replicated, or no placement',
    ]);
  });
});

describe('placement resolved', () => {
  test('regions and zones as keys, non-voters and a preferred leader', () => {
    const loaded = load(placement(['    voters: { a: 2, eu-west: 1, ap-south: 1 }', '    nonVoters: { eu-west: 1 }', '    preferredLeader: us-east']));
    expect(loaded.errors).toEqual([]);
    expect((loaded.spec!.topology as SingleLeaderTopologySpec).placement).toEqual({
      voters: { a: 2, 'eu-west': 1, 'ap-south': 1 },
      nonVoters: { 'eu-west': 1 },
      preferredLeader: 'us-east',
    });
  });
});

describe('clients with a region (workload[].region)', () => {
  const voters = ['    voters: { us-east: 2, eu-west: 2, ap-south: 1 }'];
  test('a region with no node is an error', () => {
    const text = placement(voters).replace('    op: write', '    op: write\n    region: us-wets');
    // line 15 now: "    region: " is 12 characters: column 13
    expect(errorsOf(text)).toEqual([
      "t.yaml:15:13: workload.0.region: bad value 'us-wets': no node is in this region; valid: a region of the nodes: ap-south, eu-west, us-east",
    ]);
  });

  test('scheduler mode does not read it either', () => {
    const text = placement([]).replace('  placement:\n', '').replace('  mode: replicated', '  mode: scheduler').replace('    op: write', '    op: write\n    region: eu-west');
    expect(warningsOf(text).filter((w) => w.includes('region'))).toEqual([
      "t.yaml:15:5: warning: workload.0.region: has no effect with topology single-leader here: its clients reach every node at network.clients' latency; " +
        'valid: remove region, or topology single-leader (mode replicated), or leaderless',
    ]);
  });

  test('resolved on the class; a topology that does not read it is warned about', () => {
    const text = placement(voters).replace('    op: write', '    op: write\n    region: eu-west');
    expect(load(text).spec!.workload[0].region).toBe('eu-west');
    const direct = yaml('name: t', 'duration: 1h', 'nodes: [{ group: web, count: 2, zone: a }]', 'zones: { a: { region: us-east } }',
      'workload:', '  - { class: api, region: us-east, arrivals: { process: poisson, rate: 1/s }, work: 1ms }');
    expect(warningsOf(direct).filter((w) => w.includes('region'))).toEqual([
      // "  - { class: api, " is 18 characters: the key at column 19
      "t.yaml:6:19: warning: workload.0.region: has no effect with topology direct here: its clients reach every node at network.clients' latency; " +
        'valid: remove region, or topology single-leader (mode replicated), or leaderless',
    ]);
  });
});
