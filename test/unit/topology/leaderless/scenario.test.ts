import { describe, expect, test } from 'vitest';
import type { LeaderlessTopologySpec } from '../../../../src/topology/leaderless/spec.js';
import { errorsOf, load, warningsOf, yaml } from '../../scenario/helpers.js';

/**
 * `topology: { kind: leaderless }` from a scenario file: positioned errors (positions counted by hand) and the
 * resolved spec with its defaults.
 */
const BASE = [
  'name: t', //                                                     1
  'duration: 1h', //                                                2
  'nodes:', //                                                      3
  '  - group: store', //                                            4
  '    count: 3', //                                                5
  'workload:', //                                                   6
  '  - class: put', //                                              7
  '    op: write', //                                               8
  '    arrivals: { process: poisson, rate: 1/s }', //               9
  '    work: 1ms', //                                               10
  '    keys: { count: 100, popularity: uniform }', //               11
  'topology:', //                                                   12
  '  kind: leaderless', //                                          13
];

const scenario = (...lines: string[]): string => yaml(...BASE, ...lines);

describe('leaderless topology in a scenario file', () => {
  test('defaults: N = 3, 16 tokens, quorum writes and reads, coordinator any, the default t-visibility edges', () => {
    const result = load(scenario(), { file: 't.yaml' });
    expect(result.errors).toEqual([]);
    const topology = result.spec?.topology as LeaderlessTopologySpec;
    expect(topology).toMatchObject({
      replicas: 3,
      virtualNodes: 16,
      writeQuorum: 2,
      readQuorum: 2,
      coordinator: 'any',
      readFanout: 'all',
      requestTimeout: 2,
      tVisibility: [0, 0.0001, 0.001, 0.01, 0.1],
    });
  });

  test('levels as words and numbers', () => {
    const result = load(scenario('  replicas: 3', '  writeQuorum: all', '  readQuorum: 1', '  coordinator: client'), { file: 't.yaml' });
    expect(result.errors).toEqual([]);
    expect(result.spec?.topology).toMatchObject({ writeQuorum: 3, readQuorum: 1, writeLevel: 'all', readLevel: 1, coordinator: 'client' });
  });

  test('readFanout quorum, speculativeRetry as a percentile, a duration or none, readRepair blocking', () => {
    const topology = (...lines: string[]) => load(scenario(...lines), { file: 't.yaml' }).spec?.topology as LeaderlessTopologySpec;
    expect(topology('  readFanout: quorum', '  readRepair: blocking')).toMatchObject({
      readFanout: 'quorum',
      readRepair: 'blocking',
      speculativeRetry: { kind: 'percentile', quantile: 0.99 },
    });
    expect(topology('  speculativeRetry: 5ms').speculativeRetry).toEqual({ kind: 'after', seconds: 0.005 });
    expect(topology('  speculativeRetry: none').speculativeRetry).toEqual({ kind: 'none' });
    expect(topology('  speculativeRetry: p50').speculativeRetry).toEqual({ kind: 'percentile', quantile: 0.5 });
    expect(topology().antiEntropy).toBeNull();
    expect(topology('  antiEntropy: { every: 10min, bandwidth: 50MB/s }').antiEntropy).toEqual({ every: 600, bandwidth: 50e6 });
    expect(topology('  antiEntropy: { every: 1s }').antiEntropy).toEqual({ every: 1, bandwidth: Infinity });
  });

  test('a speculativeRetry that is neither a percentile below 100 nor a duration > 0', () => {
    // "  speculativeRetry: " is 20 characters: column 21
    expect(errorsOf(scenario('  speculativeRetry: p100'))).toEqual([
      "t.yaml:14:21: topology.speculativeRetry: bad value 'p100': has characters that are not allowed; valid: none, a " +
        'duration > 0 (e.g. 5ms), or a percentile p1 .. p99.9 (e.g. p99)',
    ]);
    expect(errorsOf(scenario('  speculativeRetry: 0ms'))).toEqual([
      "t.yaml:14:21: topology.speculativeRetry: bad value '0ms': must be greater than 0; valid: a duration > 0: a number " +
        'with us, ms, s, min, h or d (e.g. 150ms; a bare number is seconds)',
    ]);
  });

  test('coordinator: elected with a node priority (default 1: absent from the node)', () => {
    const lines = [...BASE.slice(0, 5), '    priority: 2.5', ...BASE.slice(5), '  coordinator: elected'];
    const result = load(yaml(...lines), { file: 't.yaml' });
    expect(result.errors).toEqual([]);
    expect((result.spec?.topology as LeaderlessTopologySpec).coordinator).toBe('elected');
    expect(result.spec?.nodes.map((node) => node.priority)).toEqual([2.5, 2.5, 2.5]);
    expect(load(scenario(), { file: 't.yaml' }).spec?.nodes.at(0).priority).toBeUndefined();
    // line 6 "    priority: " is 14 characters: column 15
    expect(errorsOf(yaml(...BASE.slice(0, 5), '    priority: 0', ...BASE.slice(5)))).toEqual([
      "t.yaml:6:15: nodes.0.priority: bad value '0': must be greater than 0; valid: a number > 0",
    ]);
  });

  test('antiEntropy needs every > 0; a misspelt coordinator gets did-you-mean', () => {
    // "  antiEntropy: { every: " is 24 characters: column 25; the mapping starts at column 16
    expect(errorsOf(scenario('  antiEntropy: { every: 0s }'))).toEqual([
      "t.yaml:14:25: topology.antiEntropy.every: bad value '0s': must be greater than 0; valid: a duration > 0: a " +
        'number with us, ms, s, min, h or d (e.g. 150ms; a bare number is seconds)',
    ]);
    expect(errorsOf(scenario('  antiEntropy: { bandwidth: 5MB/s }'))).toEqual([
      't.yaml:14:16: topology.antiEntropy.every: missing required key; valid: a duration: a number with us, ms, s, ' +
        'min, h or d (e.g. 150ms; a bare number is seconds)',
    ]);
    expect(errorsOf(scenario('  coordinator: elect'))).toEqual([
      "t.yaml:14:16: topology.coordinator: bad value 'elect': not one of the allowed values; valid: any, client, " +
        "elected; did you mean 'elected'?",
    ]);
  });

  test('more replicas than nodes', () => {
    // line 14 "  replicas: " is 12 characters: the value at column 13
    expect(errorsOf(scenario('  replicas: 4'))).toEqual([
      "t.yaml:14:13: topology.replicas: bad value '4': is more than the 3 node(s) of the cluster: each key's replicas " +
        'are on distinct nodes; valid: an integer from 1 to 3',
    ]);
  });

  test('a numeric quorum above replicas', () => {
    // line 15 "  writeQuorum: " is 15 characters: column 16
    expect(errorsOf(scenario('  replicas: 2', '  writeQuorum: 3'))).toEqual([
      "t.yaml:15:16: topology.writeQuorum: bad value '3': is more than replicas (2): no request could ever gather " +
        'that many replies; valid: one, quorum, all, any, local_one, local_quorum, each_quorum, or an integer from 1 to 2',
    ]);
  });

  test('t-visibility edges must start at 0 and increase', () => {
    // "  tVisibility: [" is 16 characters: the first edge at column 17, the second at 22
    expect(errorsOf(scenario('  tVisibility: [1ms, 2ms]'))).toEqual([
      "t.yaml:14:17: topology.tVisibility.0: bad value '1ms': must be 0: the first bucket starts at the commit; valid: 0ms",
    ]);
    expect(errorsOf(scenario('  tVisibility: [0ms, 2ms, 1ms]'))).toEqual([
      "t.yaml:14:27: topology.tVisibility.2: bad value '1ms': must be above the edge before it (2ms); valid: a list of " +
        'increasing durations starting at 0 (e.g. [0ms, 1ms, 10ms])',
    ]);
  });

  test('a workload class without keys', () => {
    const lines = BASE.filter((line) => !line.includes('keys:'));
    expect(errorsOf(yaml(...lines))).toEqual([
      "t.yaml:7:5: workload.0: bad value 'put': has no keys: with topology leaderless every request addresses a key, " +
        'which names its replicas; valid: keys: { count: <n>, popularity: uniform | zipf }',
    ]);
  });

  test('an unknown consistency level', () => {
    // "  readQuorum: " is 14 characters: column 15
    expect(errorsOf(scenario('  readQuorum: any'))).toEqual([
      "t.yaml:14:15: topology.readQuorum: bad value 'any': not one of the allowed values; valid: one, quorum, all, local_one, " +
        "local_quorum, each_quorum, or an integer from 1 to replicas; did you mean 'one'?",
    ]);
  });
  test('a scaled ring group whose min leaves fewer than N ring nodes is warned about (scale-ins stop at N)', () => {
    const scaled = (min: number) =>
      scenario('scaling:', `  - { group: store, min: ${min}, max: 6, controller: target-tracking, target: 60% }`);
    // "  - { group: store, min: " is 25 characters: the value at column 26 of line 15.
    expect(warningsOf(scaled(2))).toEqual([
      "t.yaml:15:26: warning: scaling.0.min: bad value '2': leaves 2 node(s) on the leaderless ring, fewer than its 3 replicas: " +
        'scale-ins stop at 3 ring nodes; valid: a min of at least 3',
    ]);
    expect(warningsOf(scaled(3))).toEqual([]);
  });
});
