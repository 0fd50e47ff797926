import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { ScenarioSpec, SingleLeaderTopologySpec } from '../../../src/model/spec.js';
import { DEFAULT_SNAPSHOT_THRESHOLD } from '../../../src/topology/single-leader/config.js';
import { SINGLE_LEADER_DEFAULTS } from '../../../src/topology/single-leader/scenario/defaults.js';
import { BASE, errorsOf, load, sets, warningsOf, yaml } from './helpers.js';

/**
 * The `topology:` key (issue 6): the single-leader replicated store from a scenario file. Bad input checked for the
 * whole message with positions counted by hand, then resolution into `SingleLeaderTopologySpec`.
 */

/** BASE (lines 1 to 10) followed by the given lines, from line 11. */
const scenario = (...lines: string[]): string => yaml(...BASE, ...lines);

/** `topology:` on line 11, `kind: single-leader` on line 12, then the given lines from line 13. */
const leader = (...lines: string[]): string => scenario('topology:', '  kind: single-leader', ...lines);

const DURATION_POSITIVE = 'a duration > 0: a number with us, ms, s, min, h or d (e.g. 150ms; a bare number is seconds)';
const TIMEOUT_VALID =
  'a list of two durations [min, max] with heartbeat < min <= max, the timeout drawn uniformly between them ' +
  '(e.g. [150ms, 300ms])';
const CRASHES = 'failures: [{ kind: crash, nodes: web, timeToFailure: 1h, timeToRepair: 1min }]';

function specOf(text: string, file = 't.yaml'): ScenarioSpec {
  const result = load(text, { file });
  expect(result.errors).toEqual([]);
  if (result.spec === undefined) throw new Error('no spec');
  return result.spec;
}

function topologyOf(text: string): SingleLeaderTopologySpec | undefined {
  return specOf(text).topology as SingleLeaderTopologySpec | undefined;
}

describe('bad kind and words', () => {
  test('an unknown kind, with did-you-mean', () => {
    // line 12 "  kind: " is 8 characters: the value at column 9
    expect(errorsOf(scenario('topology:', '  kind: single-leadr', '  mode: replicated'))).toEqual([
      "t.yaml:12:9: topology.kind: bad value 'single-leadr': unknown topology kind; valid: direct, single-leader, leaderless; " +
        "did you mean 'single-leader'?",
    ]);
    // "topology: { kind: " is 18 characters: column 19; no word is close to 'raft'
    expect(errorsOf(scenario('topology: { kind: raft }'))).toEqual([
      "t.yaml:11:19: topology.kind: bad value 'raft': unknown topology kind; valid: direct, single-leader, leaderless",
    ]);
  });

  test('no kind, or not a mapping', () => {
    // "topology: " is 10 characters: the mapping that lacks kind starts at column 11
    expect(errorsOf(scenario('topology: { mode: replicated }'))).toEqual([
      't.yaml:11:11: topology.kind: missing required key; valid: kind: direct, single-leader, leaderless',
    ]);
    expect(errorsOf(scenario('topology: single-leader'))).toEqual([
      "t.yaml:11:11: topology: bad value 'single-leader': must be a mapping; valid: a mapping with kind: direct, single-leader or leaderless",
    ]);
  });

  test('mode scheduler: decisionWork must be a positive duration', () => {
    // line 14 "  decisionWork: " is 16 characters: column 17
    expect(errorsOf(leader('  mode: scheduler', '  decisionWork: 0ms'))).toEqual([
      `t.yaml:14:17: topology.decisionWork: bad value '0ms': must be greater than 0; valid: ${DURATION_POSITIVE}`,
    ]);
    expect(errorsOf(leader('  mode: scheduler', '  decisionWork: -1ms'))).toEqual([
      `t.yaml:14:17: topology.decisionWork: bad value '-1ms': must be greater than 0; valid: ${DURATION_POSITIVE}`,
    ]);
  });

  test('no mode: the mapping that lacks it', () => {
    // the block mapping starts at its first key, line 12 column 3
    expect(errorsOf(leader())).toEqual([
      't.yaml:12:3: topology.mode: missing required key; valid: replicated or scheduler',
    ]);
  });

  test('misspelt mode, replication and reads, with did-you-mean', () => {
    // "  mode: " 8 characters: column 9; "  replication: " 15: column 16; "  reads: " 9: column 10
    expect(errorsOf(leader('  mode: replicted', '  replication: qorum', '  reads: Leader'))).toEqual([
      "t.yaml:13:9: topology.mode: bad value 'replicted': not one of the allowed values; valid: replicated or " +
        "scheduler; did you mean 'replicated'?",
      "t.yaml:14:16: topology.replication: bad value 'qorum': not one of the allowed values; valid: async, quorum, all; " +
        "did you mean 'quorum'?",
      "t.yaml:15:10: topology.reads: bad value 'Leader': not one of the allowed values; valid: leader, any; " +
        "did you mean 'leader'?",
    ]);
    // 'follower' is no typo of leader or any: the valid words say what there is
    expect(errorsOf(leader('  mode: replicated', '  reads: follower'))).toEqual([
      "t.yaml:14:10: topology.reads: bad value 'follower': not one of the allowed values; valid: leader, any",
    ]);
  });

  test('a misspelt key, and keys that kind direct does not have', () => {
    // line 14 "  heartbeats: 50ms": the key at column 3
    expect(errorsOf(leader('  mode: replicated', '  heartbeats: 50ms'))).toEqual([
      "t.yaml:14:3: topology.heartbeats: bad value 'heartbeats': unknown key; valid: kind, mode, replication, reads, " +
        "heartbeat, electionTimeout, decisionWork, delay, snapshotThreshold, standby, placement; did you mean 'heartbeat'?",
    ]);
    expect(errorsOf(scenario('topology:', '  kind: direct', '  replication: async'))).toEqual([
      "t.yaml:13:3: topology.replication: bad value 'replication': unknown key; valid: kind",
    ]);
  });
});

describe('bad heartbeat and election timeout', () => {
  test('a heartbeat that is not a positive duration', () => {
    // line 14 "  heartbeat: " is 13 characters: column 14
    expect(errorsOf(leader('  mode: replicated', '  heartbeat: 0s'))).toEqual([
      `t.yaml:14:14: topology.heartbeat: bad value '0s': must be greater than 0; valid: ${DURATION_POSITIVE}`,
    ]);
    expect(errorsOf(leader('  mode: replicated', '  heartbeat: 50MB'))).toEqual([
      `t.yaml:14:14: topology.heartbeat: bad value '50MB': 'MB' is a unit of size, not of duration; valid: ${DURATION_POSITIVE}`,
    ]);
  });

  test('min above max', () => {
    // line 14 "  electionTimeout: " is 19 characters: the list at column 20
    expect(errorsOf(leader('  mode: replicated', '  electionTimeout: [300ms, 150ms]'))).toEqual([
      "t.yaml:14:20: topology.electionTimeout: bad value '[ 300ms, 150ms ]': the minimum (300ms) is above the maximum " +
        `(150ms); valid: ${TIMEOUT_VALID}`,
    ]);
  });

  test('min not above the heartbeat: elections would start under a healthy leader', () => {
    // the first bound at column 21
    expect(errorsOf(leader('  mode: replicated', '  heartbeat: 50ms', '  electionTimeout: [50ms, 150ms]'))).toEqual([
      "t.yaml:15:21: topology.electionTimeout.0: bad value '50ms': must be longer than the heartbeat interval (50ms): " +
        'a follower would start an election between two heartbeats of a healthy leader; valid: a duration > heartbeat, ' +
        'typically 3 to 10 heartbeats (150ms to 500ms)',
    ]);
  });

  test('a heartbeat above the default timeout: the heartbeat is what was written', () => {
    expect(errorsOf(leader('  mode: replicated', '  heartbeat: 200ms'))).toEqual([
      "t.yaml:14:14: topology.heartbeat: bad value '200ms': must be shorter than the minimum election timeout (150ms, " +
        'the default): a follower would start an election between two heartbeats of a healthy leader; valid: a ' +
        'duration < electionTimeout min, or an electionTimeout of 3 to 10 heartbeats',
    ]);
  });

  test('not two durations', () => {
    expect(errorsOf(leader('  mode: replicated', '  electionTimeout: 150ms'))).toEqual([
      `t.yaml:14:20: topology.electionTimeout: bad value '150ms': must be a list; valid: ${TIMEOUT_VALID}`,
    ]);
    expect(errorsOf(leader('  mode: replicated', '  electionTimeout: [150ms]'))).toEqual([
      `t.yaml:14:20: topology.electionTimeout: bad value '[ 150ms ]': must have at least 2 entries; valid: ${TIMEOUT_VALID}`,
    ]);
    expect(errorsOf(leader('  mode: replicated', '  electionTimeout: [150ms, 300ms, 1s]'))).toEqual([
      `t.yaml:14:20: topology.electionTimeout: bad value '[ 150ms, 300ms, 1s ]': must have at most 2 entries; valid: ${TIMEOUT_VALID}`,
    ]);
    // "  electionTimeout: [150ms, " is 27 characters: the second bound at column 28
    expect(errorsOf(leader('  mode: replicated', '  electionTimeout: [150ms, 0s]'))).toEqual([
      `t.yaml:14:28: topology.electionTimeout.1: bad value '0s': must be greater than 0; valid: ${DURATION_POSITIVE}`,
    ]);
  });

  test('a bad delay distribution', () => {
    // line 14 "  delay: { dist: exponential, mean: " is 36 characters: column 37
    expect(errorsOf(leader('  mode: replicated', '  delay: { dist: exponential, mean: 2KB }'))).toEqual([
      "t.yaml:14:37: topology.delay.mean: bad value '2KB': 'KB' is a unit of size, not of duration; valid: a duration: " +
        'a number with us, ms, s, min, h or d (e.g. 150ms; a bare number is seconds)',
    ]);
  });
});

describe('what single-leader does not support', () => {
  test('a finite client timeout with failures is accepted in scheduler mode (its clients retry)', () => {
    const text = scenario('topology: { kind: single-leader, mode: scheduler }', 'clients: { timeout: 1s, retries: 2 }', CRASHES);
    expect(errorsOf(text)).toEqual([]);
    expect(specOf(text).reliability?.clients).toMatchObject({ timeout: 1, retries: 2 });
  });

  test('a finite client timeout with failures is accepted by the replicated store (its clients retry)', () => {
    const text = scenario('topology: { kind: single-leader, mode: replicated }', 'clients: { timeout: 1s, retries: 2 }', CRASHES);
    expect(errorsOf(text)).toEqual([]);
    expect(specOf(text).reliability?.clients).toMatchObject({ timeout: 1, retries: 2 });
  });

  test('without failures clients are unused anyway: the usual warning, no error', () => {
    expect(warningsOf(scenario('topology: { kind: single-leader, mode: replicated }', 'clients: { timeout: 1s }'))).toEqual([
      't.yaml:12:1: warning: clients: has no effect without failures (client timeouts and retries apply only in a ' +
        'scenario with failures); valid: a failures: list, or remove clients',
    ]);
    expect(errorsOf(scenario('topology: { kind: single-leader, mode: replicated }', 'clients: { timeout: none }', CRASHES))).toEqual([]);
  });

  test('balancer policy, dispatchers and info have no effect: one warning each, at the key', () => {
    // line 12 "balancer: { " is 12 characters: policy at 13; "policy: consistent-hash, " adds 25: dispatchers at
    // 38; "dispatchers: 2, " adds 16: info at 54. No second warning about keys or stale information.
    const text = scenario(
      'topology: { kind: single-leader, mode: replicated }',
      'balancer: { policy: consistent-hash, dispatchers: 2, info: piggyback }',
    );
    expect(errorsOf(text)).toEqual([]);
    expect(warningsOf(text)).toEqual([
      "t.yaml:12:13: warning: balancer.policy: has no effect with topology single-leader: writes go to the leader and " +
        'reads to the leader or a random live node; valid: remove balancer.policy, or topology kind direct',
      't.yaml:12:38: warning: balancer.dispatchers: has no effect with topology single-leader: the clients send every ' +
        'request to the leader (or a random live node) directly; valid: remove balancer.dispatchers, or topology kind direct',
      't.yaml:12:54: warning: balancer.info: has no effect with topology single-leader: no dispatch policy reads the ' +
        'queue lengths; valid: remove balancer.info, or topology kind direct',
    ]);
    // the same keys with kind direct: only the direct topology's own warnings
    expect(warningsOf(scenario('topology: { kind: direct }', 'balancer: { policy: join-shortest-queue, dispatchers: 2 }'))).toEqual([]);
  });

  test('the leader alone serves the writes: overload at the leader is warned about', () => {
    // two one-core nodes: 1.5 work-seconds/s of writes is 150 % of the leader, 75 % of the cluster
    const text = yaml(
      ...BASE.slice(0, 8),
      '    arrivals: { process: poisson, rate: 15/s }',
      '    work: 100ms',
      '    op: write',
      'topology: { kind: single-leader, mode: replicated, reads: any }',
    );
    // the workload list starts at its first entry, line 8 column 3
    expect(warningsOf(text)).toEqual([
      "t.yaml:8:3: warning: workload: the writes the leader serves offer 150 % of one node's capacity (1.5 " +
        'work-seconds/s to a node that serves 1): with topology single-leader they all go to the leader, so its ' +
        'queue grows for as long as the run lasts; valid: below 100 %: faster or more cores per node, lower write ' +
        'rates or work',
    ]);
    // the same load spread by a dispatcher over both nodes: no warning
    expect(warningsOf(text.replace('topology: { kind: single-leader, mode: replicated, reads: any }\n', ''))).toEqual([]);
  });
});

describe('resolution', () => {
  test('the form of issue 6, as written', () => {
    const text = leader(
      '  mode: replicated           # or scheduler',
      '  replication: quorum        # async | quorum | all',
      '  reads: leader              # or any',
      '  heartbeat: 50ms',
      '  electionTimeout: [150ms, 300ms]',
    );
    expect(warningsOf(text)).toEqual([]);
    expect(topologyOf(text)).toEqual({
      kind: 'single-leader',
      mode: 'replicated',
      replication: 'quorum',
      reads: 'leader',
      heartbeat: 0.05,
      electionTimeout: [0.15, 0.3],
    } satisfies SingleLeaderTopologySpec);
  });

  test('defaults: quorum, reads at the leader, 50ms heartbeat, [150ms, 300ms]; no delay (network.latency)', () => {
    const topology = topologyOf(leader('  mode: replicated'));
    expect(topology).toEqual({
      kind: 'single-leader',
      mode: 'replicated',
      replication: 'quorum',
      reads: 'leader',
      heartbeat: 0.05,
      electionTimeout: [0.15, 0.3],
    });
    expect(topology).not.toHaveProperty('delay');
  });

  test('every setting, a delay distribution, equal bounds', () => {
    const text = leader(
      '  mode: replicated',
      '  replication: async',
      '  reads: any',
      '  heartbeat: 0.1',
      '  electionTimeout: [1s, 1s]',
      '  delay: { dist: exponential, mean: 2ms }',
    );
    expect(topologyOf(text)).toEqual({
      kind: 'single-leader',
      mode: 'replicated',
      replication: 'async',
      reads: 'any',
      heartbeat: 0.1,
      electionTimeout: [1, 1],
      delay: { dist: 'exponential', mean: 0.002 },
    });
    expect(topologyOf(leader('  mode: replicated', '  delay: 3ms'))?.delay).toEqual({ dist: 'constant', value: 0.003 });
  });

  test('mode scheduler: decisionWork given or absent (the default, 1ms, applied by the resolver)', () => {
    expect(topologyOf(leader('  mode: scheduler', '  decisionWork: 2ms'))).toEqual({
      kind: 'single-leader',
      mode: 'scheduler',
      replication: 'quorum',
      reads: 'leader',
      heartbeat: 0.05,
      electionTimeout: [0.15, 0.3],
      decisionWork: 0.002,
    });
    expect(topologyOf(leader('  mode: scheduler'))?.decisionWork).toBe(0.001);
    // A store makes no scheduling decisions: no decisionWork in replicated mode.
    expect(topologyOf(leader('  mode: replicated'))).not.toHaveProperty('decisionWork');
  });

  test('snapshotThreshold: an integer from 0 to 10 000 000, kept when given; absent, the topology applies 10 000', () => {
    expect(topologyOf(leader('  mode: replicated', '  snapshotThreshold: 500'))?.snapshotThreshold).toBe(500);
    expect(topologyOf(leader('  mode: replicated', '  snapshotThreshold: 0'))?.snapshotThreshold).toBe(0);
    expect(topologyOf(leader('  mode: replicated'))).not.toHaveProperty('snapshotThreshold');
    expect(SINGLE_LEADER_DEFAULTS.snapshotThreshold).toBe(DEFAULT_SNAPSHOT_THRESHOLD);
    // line 14 "  snapshotThreshold: " is 21 characters: the value at column 22
    const valid = 'valid: an integer from 0 to 10000000';
    expect(errorsOf(leader('  mode: replicated', '  snapshotThreshold: -1'))).toEqual([
      `t.yaml:14:22: topology.snapshotThreshold: bad value '-1': must be at least 0; ${valid}`,
    ]);
    expect(errorsOf(leader('  mode: replicated', '  snapshotThreshold: 2.5'))).toEqual([
      `t.yaml:14:22: topology.snapshotThreshold: bad value '2.5': must be an integer; ${valid}`,
    ]);
    expect(errorsOf(leader('  mode: replicated', '  snapshotThreshold: lots'))).toEqual([
      `t.yaml:14:22: topology.snapshotThreshold: bad value 'lots': must be an integer; ${valid}`,
    ]);
    expect(errorsOf(leader('  mode: replicated', '  snapshotThreshold: 20000000'))).toEqual([
      `t.yaml:14:22: topology.snapshotThreshold: bad value '20000000': must be at most 10000000; ${valid}`,
    ]);
  });

  test('mode scheduler uses balancer.policy (no warning) but not balancer.info', () => {
    const topology = 'topology: { kind: single-leader, mode: scheduler }';
    expect(warningsOf(scenario(topology, 'balancer: { policy: least-connections }'))).toEqual([]);
    // line 12 "balancer: { policy: least-connections, " is 39 characters: info at column 40
    expect(warningsOf(scenario(topology, 'balancer: { policy: least-connections, info: piggyback }'))).toEqual([
      "t.yaml:12:40: warning: balancer.info: has no effect with topology single-leader: the leader sees the workers' " +
        'queue lengths in their heartbeats (every topology.heartbeat); valid: remove balancer.info, or topology kind direct',
    ]);
  });

  test('mode scheduler: a warning when the task bodies saturate the leader NIC (each crosses it twice)', () => {
    // 1 task/s of 600 kB through 1 MB/s: 2 x 600 kB = 120 % of the NIC; the whole cluster's NICs (2 MB/s) keep up.
    const file = (size: string) =>
      yaml(...BASE.slice(0, 6), '    bandwidth: 1MB/s', ...BASE.slice(6), `    size: ${size}`, 'topology: { kind: single-leader, mode: scheduler }');
    expect(errorsOf(file('600kB'))).toEqual([]);
    expect(warningsOf(file('600kB'))).toEqual([
      "t.yaml:9:3: warning: workload: the task bodies offer 120 % of the leader's NIC (1 tasks/s of 600KB, each in " +
        "from the client and out to a worker, through 1MB/s): the leader saturates at 0.833 tasks/s and its NIC's " +
        'queue grows for as long as the run lasts; valid: below 100 %: more bandwidth per node, smaller task sizes, ' +
        'or lower task rates',
    ]);
    // Half the size: 60 %, no warning.
    expect(warningsOf(file('300kB'))).toEqual([]);
  });

  test('mode scheduler over 500 000 workers: the leader warnings read the smallest node without one argument per node', () => {
    // Math.min(...one value per node) overflows the call stack from a few hundred thousand nodes: the warnings take
    // the minimum over the node table's distinct values. Same finding as with two nodes (the NIC warning above).
    const file = yaml(
      ...BASE.slice(0, 4),
      '    count: 500000',
      '    cores: 1',
      '    bandwidth: 1MB/s',
      ...BASE.slice(6),
      '    size: 600kB',
      'topology: { kind: single-leader, mode: scheduler }',
    );
    expect(errorsOf(file)).toEqual([]);
    expect(warningsOf(file).filter((w) => w.includes("of the leader's NIC"))).toHaveLength(1);
  });

  test('kind direct is the same as no topology', () => {
    const direct = specOf(scenario('topology: { kind: direct }'));
    expect(direct).not.toHaveProperty('topology');
    expect(direct).toEqual(specOf(scenario()));
  });

  test('with failures and the default clients', () => {
    const spec = specOf(scenario('topology: { kind: single-leader, mode: replicated }', CRASHES));
    expect(spec.topology?.kind).toBe('single-leader');
    expect(spec.reliability?.clients.timeout).toBe(Infinity);
  });

  test('on the command line', () => {
    const base = leader('  mode: replicated', '  replication: async');
    const result = load(base, { overrides: sets('topology.replication=quorum', 'topology.electionTimeout=[200ms, 400ms]') });
    expect(result.errors).toEqual([]);
    expect(result.spec?.topology).toMatchObject({ replication: 'quorum', electionTimeout: [0.2, 0.4] });
    // a whole topology from --set, and its problems reported at the override
    const added = load(scenario(), { overrides: sets('topology={ kind: single-leader, mode: replicated, reads: any }') });
    expect(added.errors).toEqual([]);
    expect(added.spec?.topology).toMatchObject({ kind: 'single-leader', reads: 'any' });
    expect(errorsOf(base, { overrides: sets('topology.replication=majority') })).toEqual([
      "t.yaml: --set topology.replication=majority: topology.replication: bad value 'majority': not one of the " +
        'allowed values; valid: async, quorum, all',
    ]);
  });
});

describe('the example scenarios of issue 6', () => {
  test.each(['leader-failover', 'async-vs-quorum', 'leader-partition'])('scenarios/%s.yaml loads with no error and no warning', (name) => {
    const file = `scenarios/${name}.yaml`;
    const result = load(readFileSync(file, 'utf8'), { file });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.spec?.name).toBe(name);
    expect(result.spec?.topology?.kind).toBe('single-leader');
    expect(result.spec?.nodes).toHaveLength(5);
  });

  test('async-vs-quorum.yaml runs with quorum from the command line', () => {
    const file = 'scenarios/async-vs-quorum.yaml';
    const result = load(readFileSync(file, 'utf8'), { file, overrides: sets('topology.replication=quorum') });
    expect(result.errors).toEqual([]);
    expect((result.spec?.topology as SingleLeaderTopologySpec | undefined)?.replication).toBe('quorum');
  });
});
