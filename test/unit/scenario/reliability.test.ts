import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { failureKinds } from '../../../src/failures/registry.js';
import type { ReliabilitySpec, ScenarioSpec } from '../../../src/model/spec.js';
import { errorsOf, load, warningsOf, yaml } from './helpers.js';

/**
 * Failures, detection, clients and objectives (issue 5), and workload keys and clients (issue 4): bad input checked
 * for the whole message with positions counted by hand, then resolution into `ReliabilitySpec`.
 */

/** Two groups in two zones: web-0 .. web-2 in zone a, db-0 .. db-1 in zone b. Failure lines start at line 9. */
const CLUSTER = [
  'duration: 1h', //                                 1
  'nodes:', //                                       2
  '  - { group: web, count: 3, zone: a }', //        3
  '  - { group: db, count: 2, zone: b }', //         4
  'workload:', //                                    5
  '  - class: api', //                               6
  '    arrivals: { process: poisson, rate: 1/s }', // 7
  '    work: 100ms', //                              8
] as const;

/** CLUSTER followed by the given lines, from line 9. */
const scenario = (...lines: string[]): string => yaml(...CLUSTER, ...lines);

const SELECTOR_VALID =
  'a group (web, db), a node name (web-0 .. web-2, db-0 .. db-1), a zone (zone:a, zone:b), or * (every node)';
const FACTOR_VALID = 'a fraction of normal speed > 0 and <= 1, or a percentage (e.g. 0.3 or 30%)';
const DURATION_POSITIVE = 'a duration > 0: a number with us, ms, s, min, h or d (e.g. 150ms; a bare number is seconds)';
const TIMES_VALID = 'a time since the start of the run, or a list of them (durations >= 0, e.g. [30min, 2h])';
const DURATION_DISTRIBUTION =
  'a duration (a constant, e.g. 150ms) or a distribution such as { dist: exponential, mean: 150ms }';

function specOf(text: string): ScenarioSpec {
  const result = load(text);
  expect(result.errors).toEqual([]);
  if (result.spec === undefined) throw new Error('no spec');
  return result.spec;
}

function reliabilityOf(text: string): ReliabilitySpec {
  const reliability = specOf(text).reliability;
  if (reliability === undefined) throw new Error('no reliability');
  return reliability;
}

describe('bad failure entries', () => {
  test('an unknown kind, with did-you-mean and the registry as the valid list', () => {
    // "  - kind: crsh": the value at column 11
    expect(errorsOf(scenario('failures:', '  - kind: crsh', '    nodes: web'))).toEqual([
      `t.yaml:10:11: failures.0.kind: bad value 'crsh': unknown failure kind; valid: ${failureKinds().join(', ')}; did you mean 'crash'?`,
    ]);
    expect(failureKinds()).toEqual(['crash', 'domain', 'partition', 'slow', 'timeline']);
  });

  test('an entry without kind', () => {
    // the entry's mapping starts after "  - ": column 5
    expect(errorsOf(scenario('failures:', '  - nodes: web'))).toEqual([
      't.yaml:10:5: failures.0.kind: missing required key; valid: kind: crash, domain, partition, slow, timeline',
    ]);
  });

  test('a misspelt key of a crash model', () => {
    const text = scenario(
      'failures:',
      '  - kind: crash', //                                     10
      '    nodes: web', //                                      11
      '    timeToFailure: { dist: exponential, mean: 100h }', // 12
      '    timeToRepiar: 10h', //                               13: the key at column 5
    );
    expect(errorsOf(text)).toEqual([
      "t.yaml:10:5: failures.0.timeToRepair: missing required key; valid: a duration (a constant, e.g. 150ms) or a distribution such as { dist: exponential, mean: 150ms }",
      "t.yaml:13:5: failures.0.timeToRepiar: bad value 'timeToRepiar': unknown key; valid: kind, nodes, timeToFailure, timeToRepair; did you mean 'timeToRepair'?",
    ]);
  });

  test('a distribution of the wrong unit in a crash model', () => {
    // "    timeToFailure: { dist: exponential, mean: " is 46 characters: the value at column 47
    const text = scenario('failures:', '  - kind: crash', '    nodes: web', '    timeToFailure: { dist: exponential, mean: 100GB }', '    timeToRepair: 1h');
    expect(errorsOf(text)).toEqual([
      "t.yaml:12:47: failures.0.timeToFailure.mean: bad value '100GB': 'GB' is a unit of size, not of duration; " +
        'valid: a duration: a number with us, ms, s, min, h or d (e.g. 150ms; a bare number is seconds)',
    ]);
  });

  test('a selector that names nothing, with did-you-mean', () => {
    const crash = (nodes: string) =>
      scenario('failures:', '  - kind: crash', `    nodes: ${nodes}`, '    timeToFailure: 1h', '    timeToRepair: 1min');
    // "    nodes: " is 11 characters: the value at column 12
    expect(errorsOf(crash('wbe'))).toEqual([
      `t.yaml:11:12: failures.0.nodes: bad value 'wbe': selects no node; valid: ${SELECTOR_VALID}; did you mean 'web'?`,
    ]);
    // a zone written without "zone:"
    expect(errorsOf(crash('b'))).toEqual([
      `t.yaml:11:12: failures.0.nodes: bad value 'b': selects no node; valid: ${SELECTOR_VALID}; did you mean 'zone:b'?`,
    ]);
    // an index past the end of a group is not a typo: no suggestion, the valid names say how far it goes
    expect(errorsOf(crash('web-3'))).toEqual([`t.yaml:11:12: failures.0.nodes: bad value 'web-3': selects no node; valid: ${SELECTOR_VALID}`]);
    expect(errorsOf(crash('zone:c'))[0]).toMatch(/^t\.yaml:11:12: failures\.0\.nodes: bad value 'zone:c': selects no node; /);
    expect(errorsOf(crash('all'))).toEqual([
      `t.yaml:11:12: failures.0.nodes: bad value 'all': selects no node; valid: ${SELECTOR_VALID}; did you mean '*'?`,
    ]);
  });

  test('every node as a bare *, which YAML reads as an alias', () => {
    // "  - { kind: crash, nodes: " is 26 characters: the * at column 27
    expect(errorsOf(scenario('failures:', '  - { kind: crash, nodes: *, timeToFailure: 1h, timeToRepair: 1min }'))).toEqual([
      't.yaml:10:27: YAML syntax error: a bare * starts a YAML alias; to select every node, quote it: "*"',
    ]);
  });

  test('a domain with neither rates nor times', () => {
    // the entry's mapping at column 5 of line 10
    expect(errorsOf(scenario('failures:', '  - kind: domain', '    nodes: zone:b'))).toEqual([
      't.yaml:10:5: failures.0: a domain failure needs timeToFailure and timeToRepair, or at and duration; ' +
        'valid: timeToFailure and timeToRepair (outages at their own rate), at and duration (outages at given times), or both',
    ]);
  });

  test('a domain with half of a pair', () => {
    expect(errorsOf(scenario('failures:', '  - kind: domain', '    nodes: zone:b', '    at: [30min]'))).toEqual([
      `t.yaml:10:5: failures.0.duration: missing required key: a domain with at needs duration; valid: ${DURATION_POSITIVE}`,
    ]);
    expect(errorsOf(scenario('failures:', '  - kind: domain', '    nodes: zone:b', '    timeToFailure: 1h'))).toEqual([
      `t.yaml:10:5: failures.0.timeToRepair: missing required key: a domain with timeToFailure needs timeToRepair; valid: ${DURATION_DISTRIBUTION}`,
    ]);
    expect(errorsOf(scenario('failures:', '  - kind: domain', '    nodes: zone:b', '    duration: 5min'))).toEqual([
      `t.yaml:10:5: failures.0.at: missing required key: a domain with duration needs at; valid: ${TIMES_VALID}`,
    ]);
  });

  test('a partition without at or timeBetween', () => {
    expect(errorsOf(scenario('failures:', '  - kind: partition', '    nodes: zone:b', '    duration: 20s'))).toEqual([
      't.yaml:10:5: failures.0.at: missing required key: a partition needs at or timeBetween; ' +
        `valid: at: ${TIMES_VALID}; and/or timeBetween: ${DURATION_DISTRIBUTION}`,
    ]);
  });

  test('a bad time in a list of times', () => {
    // "    at: [2min, " is 15 characters: the second time at column 16
    expect(errorsOf(scenario('failures:', '  - kind: partition', '    nodes: zone:b', '    at: [2min, -5min]', '    duration: 20s'))).toEqual([
      "t.yaml:12:16: failures.0.at.1: bad value '-5min': must be at least 0; " +
        'valid: a duration >= 0: a number with us, ms, s, min, h or d (e.g. 150ms; a bare number is seconds)',
    ]);
  });

  test('a slow factor out of (0, 1]', () => {
    const slow = (factor: string) =>
      scenario('failures:', '  - kind: slow', '    nodes: web-2', `    factor: ${factor}`, '    at: [10min]', '    duration: 5min');
    // "    factor: " is 12 characters: the value at column 13
    expect(errorsOf(slow('30'))).toEqual([
      `t.yaml:12:13: failures.0.factor: bad value '30': must be at most 1 (100%); valid: ${FACTOR_VALID}; did you mean '30%'?`,
    ]);
    expect(errorsOf(slow('0%'))).toEqual([`t.yaml:12:13: failures.0.factor: bad value '0%': must be greater than 0; valid: ${FACTOR_VALID}`]);
    expect(errorsOf(slow('150%'))).toEqual([`t.yaml:12:13: failures.0.factor: bad value '150%': must be at most 1 (100%); valid: ${FACTOR_VALID}`]);
    expect(errorsOf(slow('half'))).toEqual([`t.yaml:12:13: failures.0.factor: bad value 'half': not a number or a percentage; valid: ${FACTOR_VALID}`]);
  });

  test('a timeline step that does two things, or nothing', () => {
    const text = scenario(
      'failures:',
      '  - kind: timeline',
      '    steps:',
      // "      - { at: 60s, crash: web-2, " is 33 characters: the key partition at column 34
      '      - { at: 60s, crash: web-2, partition: web, for: 30s }', //  12
      '      - { at: 2min, for: 20s }', //                                13: the step at column 9
    );
    expect(errorsOf(text)).toEqual([
      "t.yaml:12:34: failures.0.steps.0.partition: bad value 'partition': a step does one thing, and this one already has 'crash'; " +
        'valid: exactly one of crash, partition, slow, add, remove per step; write two steps with the same at',
      't.yaml:13:9: failures.0.steps.1.crash: missing required key: a step needs one of crash, partition, slow, add, remove; ' +
        'valid: crash: <nodes>, partition: [<nodes>, ...] or slow: <nodes> with factor, and for; ' +
        'add: { group: <a group of nodes>, count: <integer >= 1> } (count defaults to 1); ' +
        'remove: { node: <a node name>, drain: true | false } (drain defaults to true)',
    ]);
  });

  test('a slow step without factor, a factor on another step', () => {
    const text = scenario(
      'failures:',
      '  - kind: timeline',
      '    steps:',
      '      - { at: 5min, slow: web-1, for: 1min }', //                        12: the step at column 9
      // "      - { at: 2min, partition: [zone:b], for: 20s, " is 51 characters: factor at column 52
      '      - { at: 2min, partition: [zone:b], for: 20s, factor: 0.5 }', //   13
    );
    expect(errorsOf(text)).toEqual([
      `t.yaml:12:9: failures.0.steps.0.factor: missing required key: a slow step needs factor; valid: ${FACTOR_VALID}`,
      "t.yaml:13:52: failures.0.steps.1.factor: bad value 'factor': factor belongs to a slow step, not to a partition step; " +
        'valid: remove factor, or make the step slow: <nodes>',
    ]);
  });

  test('a selector in a partition list', () => {
    // "      - { at: 2min, partition: [zone:b, " is 40 characters: the second selector at column 41
    const text = scenario('failures:', '  - kind: timeline', '    steps:', '      - { at: 2min, partition: [zone:b, dbb], for: 20s }');
    expect(errorsOf(text)).toEqual([
      `t.yaml:12:41: failures.0.steps.0.partition.1: bad value 'dbb': selects no node; valid: ${SELECTOR_VALID}; did you mean 'db'?`,
    ]);
  });

  test('an empty timeline', () => {
    expect(errorsOf(scenario('failures:', '  - kind: timeline', '    steps: []'))).toEqual([
      "t.yaml:11:12: failures.0.steps: bad value '[]': must have at least 1 entry; valid: a non-empty list of steps " +
        '{ at: <time>, crash | partition | slow: <nodes>, for: <duration> } (a slow step also has factor), ' +
        '{ at: <time>, add: { group: <group>, count: <n> } } or { at: <time>, remove: { node: <node>, drain: true | false } }',
    ]);
  });
});

describe('bad detection, clients, repair crews and objectives', () => {
  const withFailure = (...lines: string[]) =>
    scenario('failures:', '  - { kind: crash, nodes: web, timeToFailure: 1h, timeToRepair: 1min }', ...lines);

  test('a detection timeout not longer than the heartbeat', () => {
    // line 11 "detection: { heartbeat: 1s, timeout: " is 37 characters: the timeout at column 38
    expect(errorsOf(withFailure('detection: { heartbeat: 1s, timeout: 500ms }'))).toEqual([
      "t.yaml:11:38: detection.timeout: bad value '500ms': must be longer than the heartbeat interval (1s): a node would be " +
        'suspected between two of its own heartbeats, all the time; valid: a duration > heartbeat, typically 3 to 5 heartbeats (3s to 5s)',
    ]);
    // a heartbeat longer than the default timeout (3s): the heartbeat is what was written, so it is blamed
    expect(errorsOf(withFailure('detection: { heartbeat: 5s }'))).toEqual([
      "t.yaml:11:25: detection.heartbeat: bad value '5s': must be shorter than the detection timeout (3s, the default): a node " +
        'would be suspected between two of its own heartbeats, all the time; valid: a duration < timeout, or a timeout of 3 to 5 heartbeats',
    ]);
  });

  test('a success ratio out of (0, 1], a minimum throughput that is not a rate', () => {
    // line 12 "  successRatio: 150%": the value at column 17; "  minThroughput: 5s": column 18
    expect(errorsOf(withFailure('slo:', '  successRatio: 150%'))).toEqual([
      "t.yaml:12:17: slo.successRatio: bad value '150%': must be at most 1 (100%); valid: a fraction > 0 and <= 1, or a percentage (e.g. 0.999 or 99.9%)",
    ]);
    expect(errorsOf(withFailure('slo:', '  minThroughput: 5s')).length).toBe(1);
    expect(errorsOf(withFailure('slo:', '  minThroughput: 5s'))[0]).toMatch(/^t\.yaml:12:18: slo\.minThroughput: bad value '5s': /);
  });

  test('minHealthy above the number of nodes', () => {
    // line 12 "  minHealthy: 6": column 15
    expect(errorsOf(withFailure('slo:', '  minHealthy: 6'))).toEqual([
      "t.yaml:12:15: slo.minHealthy: bad value '6': must be at most 5 (the number of nodes); valid: an integer from 1 to 5",
    ]);
    expect(errorsOf(withFailure('slo:', '  minHealthy: 0'))).toEqual([
      "t.yaml:12:15: slo.minHealthy: bad value '0': must be at least 1; valid: an integer >= 1",
    ]);
  });

  test('retries, backoff factor and jitter', () => {
    // "clients: { timeout: 1s, retries: " is 33 characters: column 34
    expect(errorsOf(withFailure('clients: { timeout: 1s, retries: 1.5 }'))).toEqual([
      "t.yaml:11:34: clients.retries: bad value '1.5': must be an integer; valid: an integer >= 0",
    ]);
    expect(errorsOf(withFailure('clients: { timeout: 1s, retries: -1 }'))).toEqual([
      "t.yaml:11:34: clients.retries: bad value '-1': must be at least 0; valid: an integer >= 0",
    ]);
    // "clients: { timeout: 1s, backoff: { factor: " is 43 characters: column 44; "0.5, jitter: " 13 more: column 57
    expect(errorsOf(withFailure('clients: { timeout: 1s, backoff: { factor: 0.5, jitter: ful } }'))).toEqual([
      "t.yaml:11:44: clients.backoff.factor: bad value '0.5': must be at least 1; valid: a number >= 1",
      "t.yaml:11:57: clients.backoff.jitter: bad value 'ful': not one of the allowed values; valid: none, full, equal; did you mean 'full'?",
    ]);
  });

  test('a client timeout that is neither a duration nor none', () => {
    // "clients: { timeout: " is 20 characters: column 21
    expect(errorsOf(withFailure('clients: { timeout: never }'))).toEqual([
      "t.yaml:11:21: clients.timeout: bad value 'never': not a duration: expected a number followed by a unit; " +
        `valid: ${DURATION_POSITIVE}, or 'none'`,
    ]);
  });

  test('repair crews', () => {
    expect(errorsOf(withFailure('repairCrews: 0'))).toEqual([
      "t.yaml:11:14: repairCrews: bad value '0': must be at least 1; valid: an integer >= 1 or 'unbounded'",
    ]);
  });

  test('availability objectives: a percentage or a fraction in (0, 1]', () => {
    const valid = 'a fraction > 0 and <= 1, or a percentage (e.g. 0.999 or 99.9%)';
    // "slo: { availability: " is 21 characters: column 22
    expect(errorsOf(withFailure('slo: { availability: 99.9 }'))).toEqual([
      `t.yaml:11:22: slo.availability: bad value '99.9': must be at most 1 (100%); valid: ${valid}; did you mean '99.9%'?`,
    ]);
    expect(errorsOf(withFailure('slo: { availability: 0 }'))).toEqual([
      `t.yaml:11:22: slo.availability: bad value '0': must be greater than 0; valid: ${valid}`,
    ]);
    expect(errorsOf(withFailure('slo: { availability: three nines }'))).toEqual([
      `t.yaml:11:22: slo.availability: bad value 'three nines': not a number or a percentage; valid: ${valid}`,
    ]);
  });

  test('a misspelt key of slo, with did-you-mean', () => {
    // "slo: { " is 7 characters: the key at column 8
    expect(errorsOf(withFailure('slo: { p999: 200ms }'))).toEqual([
      "t.yaml:11:8: slo.p999: bad value 'p999': unknown key; valid: minHealthy, p99, mean, availability, successRatio, minThroughput; did you mean 'p99'?",
    ]);
  });

  test('a misspelt top-level reliability key', () => {
    expect(errorsOf(withFailure('detecton: { heartbeat: 1s }'))[0]).toMatch(
      /^t\.yaml:11:1: detecton: bad value 'detecton': unknown key; valid: name, .*, failures, repairCrews, detection, clients, slo(, [a-z]+)*; did you mean 'detection'\?$/,
    );
  });

  test('detection and clients are checked even without failures', () => {
    expect(errorsOf(scenario('detection: { heartbeat: 0s }'))).toEqual([
      `t.yaml:9:25: detection.heartbeat: bad value '0s': must be greater than 0; valid: ${DURATION_POSITIVE}`,
    ]);
  });
});

describe('bad workload keys and clients', () => {
  test('key count, popularity and exponent', () => {
    // "    keys: { count: " is 19 characters: column 20
    expect(errorsOf(scenario('    keys: { count: 0 }'))).toEqual([
      "t.yaml:9:20: workload.0.keys.count: bad value '0': must be at least 1; valid: an integer from 1 to 10000000",
    ]);
    expect(errorsOf(scenario('    keys: { count: 2e7 }'))).toEqual([
      "t.yaml:9:20: workload.0.keys.count: bad value '20000000': must be at most 10000000; valid: an integer from 1 to 10000000",
    ]);
    // "    keys: { count: 100, popularity: " is 36 characters: column 37
    expect(errorsOf(scenario('    keys: { count: 100, popularity: zipff }'))).toEqual([
      "t.yaml:9:37: workload.0.keys.popularity: bad value 'zipff': not one of the allowed values; valid: uniform, zipf; did you mean 'zipf'?",
    ]);
    // "    keys: { count: 100, popularity: zipf, exponent: " is 52 characters: column 53
    expect(errorsOf(scenario('    keys: { count: 100, popularity: zipf, exponent: -1 }'))).toEqual([
      "t.yaml:9:53: workload.0.keys.exponent: bad value '-1': must be at least 0; valid: a number >= 0",
    ]);
    expect(errorsOf(scenario('    keys: { popularity: zipf }'))).toEqual([
      't.yaml:9:11: workload.0.keys.count: missing required key; valid: an integer from 1 to 10000000',
    ]);
  });

  test('a client population of zero', () => {
    expect(errorsOf(scenario('    clients: 0'))).toEqual([
      "t.yaml:9:14: workload.0.clients: bad value '0': must be at least 1; valid: an integer >= 1",
    ]);
  });
});

describe('warnings', () => {
  test('detection and clients without failures have no effect', () => {
    expect(warningsOf(scenario('detection: { heartbeat: 100ms, timeout: 500ms }', 'clients: { timeout: 1s }'))).toEqual([
      't.yaml:9:1: warning: detection: has no effect without failures (the dispatcher needs heartbeats only to notice failed ' +
        'nodes); valid: a failures: list, or remove detection',
      't.yaml:10:1: warning: clients: has no effect without failures (client timeouts and retries apply only in a scenario ' +
        'with failures); valid: a failures: list, or remove clients',
    ]);
  });

  test('retries without a timeout never happen', () => {
    const text = scenario('failures:', '  - { kind: crash, nodes: web, timeToFailure: 10min, timeToRepair: 1min }', 'clients: { retries: 3 }');
    // "clients: { retries: " is 20 characters: column 21
    expect(warningsOf(text)).toEqual([
      't.yaml:11:21: warning: clients.retries: has no effect without a client timeout: a client that waits forever never ' +
        'retries (a lost request fails at once); valid: a clients.timeout such as 1s, or retries: 0',
    ]);
  });

  test('failures at times outside the measured run', () => {
    const text = yaml(
      'duration: 10min',
      'warmup: 1min',
      ...CLUSTER.slice(1),
      'failures:', //                                                  10
      '  - { kind: partition, nodes: zone:b, at: [30s, 20min], duration: 20s }', // 11
    );
    // "  - { kind: partition, nodes: zone:b, at: [" is 43 characters: 30s at column 44, 20min at column 49
    expect(warningsOf(text)).toEqual([
      't.yaml:11:44: warning: failures.0.at.0: falls in the warm-up (1min), which is not measured: the report will not show ' +
        'this failure; valid: a time after the warm-up, from 1min (times count from the start of the run)',
      't.yaml:11:49: warning: failures.0.at.1: is at or after the end of the run (11min, warm-up included): this failure never ' +
        'happens; valid: a time before 11min',
    ]);
  });

  test('a detection timeout with less slack than a mean latency', () => {
    const text = scenario(
      'network: { latency: { dist: exponential, mean: 50ms } }',
      'failures:',
      '  - { kind: crash, nodes: web, timeToFailure: 10min, timeToRepair: 1min }',
      'detection: { heartbeat: 100ms, timeout: 120ms }', //  12: "detection: { heartbeat: 100ms, timeout: " is 40 characters
    );
    expect(warningsOf(text)).toEqual([
      't.yaml:12:41: warning: detection.timeout: the detection timeout (120ms) is shorter than the heartbeat interval plus the ' +
        'mean network latency (100ms + 50ms): a heartbeat delayed on the way arrives after the timeout, so false suspicions ' +
        'are expected; valid: a timeout of at least 150ms, typically 3 to 5 heartbeats',
    ]);
  });

  test('a crash model that hardly fires in the run', () => {
    const text = scenario('failures:', '  - kind: crash', '    nodes: web', '    timeToFailure: { dist: exponential, mean: 100h }', '    timeToRepair: 10h');
    // 3 nodes x 1h / 110h = 0.0273 crashes expected
    expect(warningsOf(text)).toEqual([
      't.yaml:12:20: warning: failures.0.timeToFailure: about 0.0273 crashes are expected in the whole run (3 nodes, 1 x 1h ' +
        'measured, a crash-and-repair cycle of 4.58d on average): most replications see no crash, so the availability ' +
        'figures rest on almost nothing; valid: a longer duration, more replications, or a shorter timeToFailure',
    ]);
  });

  test('a domain, a partition and a slowdown that hardly fire in the run warn like a crash (issue 16.6)', () => {
    const text = scenario(
      'failures:', //                                                                                    9
      '  - { kind: domain, nodes: zone:a, timeToFailure: { dist: exponential, mean: 30d }, timeToRepair: 1h }', // 10
      '  - { kind: partition, nodes: db-1, timeBetween: 10d, duration: 5min }', //                         11
      '  - { kind: slow, nodes: web-0, factor: 50%, timeBetween: 100h, duration: 1h }', //                  12
    );
    // The window is 1 h: 1h / (30d + 1h) = 0.00139 outages; 1h / (10d + 5min) = 0.00417; 1h / 101h = 0.0099.
    // Columns: "  - { kind: domain, nodes: zone:a, timeToFailure: " is 50 characters; "  - { kind: partition,
    // nodes: db-1, timeBetween: " 49; "  - { kind: slow, nodes: web-0, factor: 50%, timeBetween: " 58.
    expect(warningsOf(text)).toEqual([
      't.yaml:10:51: warning: failures.0.timeToFailure: about 0.00139 outages are expected in the whole run (1 x 1h ' +
        'measured, an outage-and-repair cycle of 30d on average): most replications see no outage, so the availability ' +
        'figures rest on almost nothing; valid: a longer duration, more replications, or a shorter timeToFailure',
      't.yaml:11:50: warning: failures.1.timeBetween: about 0.00417 partitions are expected in the whole run (1 x 1h ' +
        'measured, a gap-and-partition cycle of 10d on average): most replications see no partition, so the availability ' +
        'figures rest on almost nothing; valid: a longer duration, more replications, or a shorter timeBetween',
      't.yaml:12:59: warning: failures.2.timeBetween: about 0.0099 slowdowns are expected in the whole run (1 x 1h ' +
        'measured, a gap-and-slowdown cycle of 4.21d on average): most replications see no slowdown, so the ' +
        'degraded-response figures rest on almost nothing; valid: a longer duration, more replications, or a shorter timeBetween',
    ]);
  });

  test('a key-affine policy over requests without keys or client ids', () => {
    // line 9 "balancer: { policy: " is 20 characters: the policy at column 21
    expect(warningsOf(scenario('balancer: { policy: consistent-hash }'))).toEqual([
      "t.yaml:9:21: warning: balancer.policy: consistent-hash routes by request key, but class 'api' has no keys: those " +
        'requests go to random nodes, with no affinity; valid: keys on each class (keys: { count: 100000 }), or another policy',
    ]);
    expect(warningsOf(scenario('    clients: 100', 'balancer: { policy: client-hash }'))).toEqual([]);
    expect(warningsOf(scenario('    keys: { count: 100 }', 'balancer: { policy: consistent-hash }'))).toEqual([]);
  });

  test('an exponent for uniform keys changes nothing', () => {
    // "    keys: { count: 10, " is 23 characters: the key exponent at column 24
    expect(warningsOf(scenario('    keys: { count: 10, exponent: 2 }'))).toEqual([
      't.yaml:9:24: warning: workload.0.keys.exponent: has no effect with uniform popularity; valid: popularity: zipf to skew ' +
        'the keys, or remove exponent',
    ]);
  });
});

describe('resolution', () => {
  test('no failures: no reliability at all (a run without failures does not pay for them)', () => {
    expect(specOf(scenario())).not.toHaveProperty('reliability');
    expect(specOf(scenario('failures: []'))).not.toHaveProperty('reliability');
    expect(specOf(scenario('detection: { heartbeat: 100ms }', 'clients: { timeout: 1s, retries: 2 }'))).not.toHaveProperty('reliability');
    expect(specOf(scenario('slo: { minHealthy: 2 }'))).not.toHaveProperty('reliability');
  });

  test('the defaults, with one crash model', () => {
    const text = scenario('failures:', '  - { kind: crash, nodes: web, timeToFailure: { dist: weibull, shape: 1.5, mean: 10min }, timeToRepair: 30s }');
    expect(reliabilityOf(text)).toEqual({
      failures: [
        {
          kind: 'crash',
          nodes: 'web',
          timeToFailure: { dist: 'weibull', shape: 1.5, mean: 600 },
          timeToRepair: { dist: 'constant', value: 30 },
        },
      ],
      repairCrews: Infinity,
      detection: { heartbeat: 1, timeout: 3 },
      clients: { timeout: Infinity, retries: 0, backoff: { base: 0.05, factor: 2, jitter: 'full' } },
      slo: { minHealthy: 1, successRatio: 0.99 },
    } satisfies ReliabilitySpec);
  });

  test("the issue's example, every kind as written", () => {
    const text = yaml(
      'duration: 1h',
      'nodes:',
      '  - { group: web, count: 4, zone: a }',
      '  - { group: db, count: 2, zone: b }',
      'workload:',
      '  - { class: api, arrivals: { process: poisson, rate: 10/s }, work: 10ms }',
      'failures:',
      '  - kind: crash',
      '    nodes: web                 # a group, a node name, zone:a, or *',
      '    timeToFailure: { dist: exponential, mean: 100h }',
      '    timeToRepair: { dist: exponential, mean: 10h }',
      '  - kind: domain',
      '    nodes: zone:b',
      '    at: [30min]                # and/or timeToFailure/timeToRepair distributions',
      '    duration: 5min',
      '  - kind: partition',
      '    nodes: zone:b',
      '    at: [2min]                 # and/or timeBetween: <distribution>',
      '    duration: 20s              # a duration or a distribution',
      '  - kind: slow',
      '    nodes: web-2',
      '    factor: 0.3                # or 30%',
      '    at: [10min]',
      '    duration: 5min',
      '  - kind: timeline',
      '    steps:',
      '      - { at: 60s, crash: web-3, for: 30s }',
      '      - { at: 2min, partition: [zone:b], for: 20s }',
      '      - { at: 5min, slow: web-1, factor: 0.5, for: 1min }',
      'repairCrews: 1',
      'detection: { heartbeat: 100ms, timeout: 500ms }',
      'clients: { timeout: 1s, retries: 3, backoff: { base: 50ms, factor: 2, jitter: full } }',
      'slo:',
      '  minHealthy: 2',
      '  p99: 200ms',
      '  mean: 50ms',
      '  availability: 99.9%',
    );
    expect(reliabilityOf(text)).toEqual({
      failures: [
        { kind: 'crash', nodes: 'web', timeToFailure: { dist: 'exponential', mean: 360000 }, timeToRepair: { dist: 'exponential', mean: 36000 } },
        { kind: 'domain', nodes: 'zone:b', at: [1800], duration: 300 },
        { kind: 'partition', nodes: 'zone:b', at: [120], duration: { dist: 'constant', value: 20 } },
        { kind: 'slow', nodes: 'web-2', factor: 0.3, at: [600], duration: { dist: 'constant', value: 300 } },
        {
          kind: 'timeline',
          steps: [
            { at: 60, crash: 'web-3', for: 30 },
            { at: 120, partition: ['zone:b'], for: 20 },
            { at: 300, slow: 'web-1', factor: 0.5, for: 60 },
          ],
        },
      ],
      repairCrews: 1,
      detection: { heartbeat: 0.1, timeout: 0.5 },
      clients: { timeout: 1, retries: 3, backoff: { base: 0.05, factor: 2, jitter: 'full' } },
      slo: { minHealthy: 2, successRatio: 0.99, p99: 0.2, mean: 0.05, availability: 0.999 },
    } satisfies ReliabilitySpec);
  });

  test('the other forms: rates for a domain, timeBetween, single times, percentages, lists of selectors', () => {
    const text = scenario(
      'failures:',
      '  - { kind: domain, nodes: zone:a, timeToFailure: { dist: exponential, mean: 1d }, timeToRepair: 2h }',
      '  - { kind: partition, nodes: db-1, timeBetween: { dist: exponential, mean: 10min }, duration: { dist: uniform, min: 5s, max: 30s } }',
      '  - { kind: slow, nodes: "*", factor: 30%, at: 20min, timeBetween: 15min, duration: 2min }',
      '  - kind: timeline',
      '    steps:',
      '      - { at: 0, partition: db, for: 1s }',
      '      - { at: 1min, partition: [web-0, zone:b], for: 10s }',
      '      - { at: 2min, slow: zone:a, factor: 25%, for: 1min }',
      'repairCrews: unbounded',
    );
    const reliability = reliabilityOf(text);
    expect(reliability.failures).toEqual([
      { kind: 'domain', nodes: 'zone:a', timeToFailure: { dist: 'exponential', mean: 86400 }, timeToRepair: { dist: 'constant', value: 7200 } },
      {
        kind: 'partition',
        nodes: 'db-1',
        timeBetween: { dist: 'exponential', mean: 600 },
        duration: { dist: 'uniform', min: 5, max: 30 },
      },
      { kind: 'slow', nodes: '*', factor: 0.3, at: [1200], timeBetween: { dist: 'constant', value: 900 }, duration: { dist: 'constant', value: 120 } },
      {
        kind: 'timeline',
        steps: [
          { at: 0, partition: ['db'], for: 1 },
          { at: 60, partition: ['web-0', 'zone:b'], for: 10 },
          { at: 120, slow: 'zone:a', factor: 0.25, for: 60 },
        ],
      },
    ]);
    expect(reliability.repairCrews).toBe(Infinity);
  });

  test("clients: 'none' waits forever; a partial backoff keeps the other defaults", () => {
    const failure = ['failures:', '  - { kind: crash, nodes: web-0, timeToFailure: 10min, timeToRepair: 1min }'];
    expect(reliabilityOf(scenario(...failure, 'clients: { timeout: none }')).clients.timeout).toBe(Infinity);
    expect(reliabilityOf(scenario(...failure, 'clients: { timeout: 250ms, retries: 2, backoff: { jitter: equal } }')).clients).toEqual({
      timeout: 0.25,
      retries: 2,
      backoff: { base: 0.05, factor: 2, jitter: 'equal' },
    });
    expect(reliabilityOf(scenario(...failure, 'detection: { timeout: 2s }')).detection).toEqual({ heartbeat: 1, timeout: 2 });
    expect(reliabilityOf(scenario(...failure, 'slo: { availability: 0.9995 }')).slo).toEqual({ minHealthy: 1, successRatio: 0.99, availability: 0.9995 });
    expect(reliabilityOf(scenario(...failure, 'slo: { successRatio: 95%, minThroughput: 20/s }')).slo).toEqual({
      minHealthy: 1,
      successRatio: 0.95,
      minThroughput: 20,
    });
  });

  test('objectives without failures are still checked: reliability with no failures and ideal clients', () => {
    const text = scenario('slo: { p99: 200ms, availability: 99.95% }', 'clients: { timeout: 1s, retries: 3 }');
    expect(reliabilityOf(text)).toEqual({
      failures: [],
      repairCrews: Infinity,
      detection: { heartbeat: 1, timeout: 3 },
      clients: { timeout: Infinity, retries: 0, backoff: { base: 0.05, factor: 2, jitter: 'full' } },
      slo: { minHealthy: 1, successRatio: 0.99, p99: 0.2, availability: 0.9995 },
    } satisfies ReliabilitySpec);
    expect(warningsOf(text)).toEqual([
      't.yaml:10:1: warning: clients: has no effect without failures (client timeouts and retries apply only in a scenario ' +
        'with failures); valid: a failures: list, or remove clients',
    ]);
    expect(reliabilityOf(scenario('slo: { mean: 50ms }')).slo).toEqual({ minHealthy: 1, successRatio: 0.99, mean: 0.05 });
  });

  test('workload keys and clients', () => {
    const workload = (line: string) => specOf(scenario(line)).workload[0];
    expect(workload('    keys: { count: 100000, popularity: zipf, exponent: 1.1 }').keys).toEqual({ count: 100000, popularity: 'zipf', exponent: 1.1 });
    expect(workload('    keys: { count: 1000, popularity: zipf }').keys).toEqual({ count: 1000, popularity: 'zipf', exponent: 1 });
    expect(workload('    keys: { count: 50 }').keys).toEqual({ count: 50, popularity: 'uniform', exponent: 0 });
    expect(workload('    clients: 5000').clients).toBe(5000);
    const plain = workload('    op: compute');
    expect(plain).not.toHaveProperty('keys');
    expect(plain).not.toHaveProperty('clients');
  });
});

describe('the example scenarios of issue 5', () => {
  test.each(['rolling-crash', 'zone-outage', 'partition', 'gray-failure', 'retry-storm'])(
    'scenarios/%s.yaml loads with failures, no error and no warning',
    (name) => {
      const file = `scenarios/${name}.yaml`;
      const result = load(readFileSync(file, 'utf8'), { file });
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(result.spec?.name).toBe(name);
      expect(result.spec?.reliability?.failures.length).toBeGreaterThan(0);
    },
  );
});
