import { describe, expect, test } from 'vitest';
import type { PolicyDefinition } from '../../../src/policies/policy.js';
import { policyNames } from '../../../src/policies/registry.js';
import { BASE, errorsOf, load, sets, warningsOf, withLine, yaml } from './helpers.js';

/**
 * Every kind of bad input a user is likely to write, each checked for the whole message: file, line:column (counted
 * by hand in the comments), field path, bad value, rule, what is valid, and a did-you-mean where one helps.
 */

const DURATION_POSITIVE = 'a duration > 0: a number with us, ms, s, min, h or d (e.g. 150ms; a bare number is seconds)';
const DURATION_NON_NEGATIVE = 'a duration >= 0: a number with us, ms, s, min, h or d (e.g. 150ms; a bare number is seconds)';
const RATE_POSITIVE = 'a rate > 0: a number with /s, /min or /h (e.g. 9/s; a bare number is per second)';
const SIZE_STORAGE = "a size >= 0: a number with B, KB, MB, GB, TB, KiB, MiB, GiB or TiB (e.g. 4KB), or 'unbounded'";

describe('units', () => {
  test('a unit of the wrong kind: a size where a duration belongs', () => {
    // line 10 is "    work: 4KB": the value starts at column 11
    expect(errorsOf(yaml(...withLine(10, '    work: 4KB')))).toEqual([
      `t.yaml:10:11: workload.0.work: bad value '4KB': 'KB' is a unit of size, not of duration; valid: ${DURATION_NON_NEGATIVE}`,
    ]);
  });

  test('an unknown unit, with the likely one suggested', () => {
    expect(errorsOf(yaml(...withLine(2, 'duration: 1hr')))).toEqual([
      `t.yaml:2:11: duration: bad value '1hr': unknown unit 'hr'; valid: ${DURATION_POSITIVE}; did you mean '1h'?`,
    ]);
  });

  test('a size without a unit (bytes or KB? bits or bytes?)', () => {
    expect(errorsOf(yaml(...BASE.slice(0, 6), '    storage: 100', ...BASE.slice(6)))).toEqual([
      `t.yaml:7:14: nodes.0.storage: bad value '100': missing unit (only 0 may omit it); valid: ${SIZE_STORAGE}`,
    ]);
  });

  test('bandwidth written like a size per second in bits', () => {
    expect(errorsOf(yaml(...BASE.slice(0, 6), '    bandwidth: 1Gb', ...BASE.slice(6)))).toEqual([
      "t.yaml:7:16: nodes.0.bandwidth: bad value '1Gb': unknown unit 'Gb'; valid: a bandwidth > 0: a number with bps, " +
        'Kbps, Mbps, Gbps, Tbps, B/s, KB/s, MB/s, GB/s, KiB/s, MiB/s or GiB/s (e.g. 1Gbps), or \'unbounded\'; ' +
        "did you mean '1Gbps'?",
    ]);
  });

  test('a bad percentage', () => {
    expect(errorsOf(yaml(...withLine(6, '    speed: fifty%')))).toEqual([
      "t.yaml:6:12: nodes.0.speed: bad value 'fifty%': not a percentage: expected a number followed by a unit; " +
        'valid: a positive number (1 = a reference core) or a percentage of it (e.g. 50%)',
    ]);
    expect(errorsOf(yaml(...withLine(6, '    speed: 0%')))).toEqual([
      "t.yaml:6:12: nodes.0.speed: bad value '0%': must be greater than 0; " +
        'valid: a positive number (1 = a reference core) or a percentage of it (e.g. 50%)',
    ]);
  });

  test('a percentage warm-up needs a duration to be a percentage of', () => {
    const text = yaml('requests: 1000', 'warmup: 10%', ...BASE.slice(2));
    expect(errorsOf(text)).toEqual([
      "t.yaml:2:9: warmup: bad value '10%': a percentage warm-up needs a duration; valid: a duration such as 10min",
    ]);
  });
});

describe('ranges and types', () => {
  test('a negative rate', () => {
    // "    arrivals: { process: poisson, rate: " is 40 characters: the value is at column 41
    expect(errorsOf(yaml(...withLine(9, '    arrivals: { process: poisson, rate: -9/s }')))).toEqual([
      `t.yaml:9:41: workload.0.arrivals.rate: bad value '-9/s': must be greater than 0; valid: ${RATE_POSITIVE}`,
    ]);
  });

  test('zero cores', () => {
    expect(errorsOf(yaml(...withLine(6, '    cores: 0')))).toEqual([
      "t.yaml:6:12: nodes.0.cores: bad value '0': must be at least 1; valid: an integer >= 1",
    ]);
  });

  test('a count that is not an integer', () => {
    expect(errorsOf(yaml(...withLine(5, '    count: 2.5')))).toEqual([
      "t.yaml:5:12: nodes.0.count: bad value '2.5': must be an integer; valid: an integer from 1 to 1000000",
    ]);
  });

  test('a node count too large to be meant', () => {
    expect(errorsOf(yaml(...withLine(5, '    count: 1e9')))).toEqual([
      "t.yaml:5:12: nodes.0.count: bad value '1000000000': must be at most 1000000; valid: an integer from 1 to 1000000",
    ]);
  });

  test('replications 0', () => {
    expect(errorsOf(yaml(...BASE.slice(0, 2), 'replications: 0', ...BASE.slice(2)))).toEqual([
      "t.yaml:3:15: replications: bad value '0': must be at least 1; valid: an integer from 1 to 1000000",
    ]);
  });

  test('a word where a number belongs', () => {
    expect(errorsOf(yaml(...withLine(6, '    cores: two')))).toEqual([
      "t.yaml:6:12: nodes.0.cores: bad value 'two': must be an integer; valid: an integer >= 1",
    ]);
  });

  test('a mapping where a list belongs', () => {
    const text = yaml('duration: 1h', 'nodes: { group: web }', ...BASE.slice(6));
    expect(errorsOf(text)).toEqual([
      "t.yaml:2:8: nodes: bad value '{ group: web }': must be a list; valid: a non-empty list of node groups",
    ]);
  });

  test('a scenario that is a list, not a mapping', () => {
    expect(errorsOf(yaml('- web', '- db'))).toEqual([
      "t.yaml:1:1: bad value '[ web, db ]': must be a mapping; valid: a mapping with nodes, workload and duration (or requests)",
    ]);
  });

  test('a scenario name that cannot be a folder name', () => {
    expect(errorsOf(yaml(...withLine(1, 'name: ../web tier')))).toEqual([
      "t.yaml:1:7: name: bad value '../web tier': has characters that are not allowed; " +
        "valid: letters, digits, '.', '_' and '-', starting with a letter or digit; at most 100 characters",
    ]);
  });
});

describe('keys and names', () => {
  test('a misspelt key, with did-you-mean', () => {
    // the key itself is pointed at: "    coers: 1" -> column 5
    expect(errorsOf(yaml(...withLine(6, '    coers: 1')))).toEqual([
      "t.yaml:6:5: nodes.0.coers: bad value 'coers': unknown key; " +
        "valid: group, count, cores, speed, storage, bandwidth, zone, queue, discipline, priority, cost; did you mean 'cores'?",
    ]);
  });

  test('an unknown policy, with did-you-mean', () => {
    const valid = policyNames().join(', ');
    const text = (policy: string) => yaml(...BASE, 'balancer:', `  policy: ${policy}`);
    expect(errorsOf(text('least-connection'))).toEqual([
      `t.yaml:12:11: balancer.policy: bad value 'least-connection': unknown policy; valid: ${valid}; did you mean 'least-connections'?`,
    ]);
    expect(errorsOf(text('lru'))).toEqual([`t.yaml:12:11: balancer.policy: bad value 'lru': unknown policy; valid: ${valid}`]);
    expect(errorsOf(text('{ name: rnadom }'))).toEqual([
      `t.yaml:12:19: balancer.policy.name: bad value 'rnadom': unknown policy; valid: ${valid}; did you mean 'random'?`,
    ]);
  });

  test('a bad policy parameter', () => {
    const sampled: PolicyDefinition = {
      name: 'sampled',
      description: 'test policy',
      params: [
        { name: 'd', description: 'nodes sampled per request', kind: 'integer', minimum: 1, default: 2 },
        { name: 'sticky', description: 'keep the last choice', kind: 'boolean' },
      ],
      create: () => ({ choose: () => 0 }),
    };
    const policies = new Map([['sampled', sampled]]);
    const text = (policy: string) => yaml(...BASE, 'balancer:', `  policy: ${policy}`);
    expect(errorsOf(text('{ name: sampled, d: 0, sticky: true }'), { policies })).toEqual([
      "t.yaml:12:31: balancer.policy.d: bad value '0': must be at least 1; valid: an integer >= 1 (nodes sampled per request)",
    ]);
    expect(errorsOf(text('{ name: sampled, dd: 3, sticky: yes }'), { policies })).toEqual([
      "t.yaml:12:28: balancer.policy.dd: bad value 'dd': unknown parameter of policy 'sampled'; valid: d, sticky; did you mean 'd'?",
      // YAML 1.2: 'yes' is a string, not a boolean
      "t.yaml:12:43: balancer.policy.sticky: bad value 'yes': must be true or false; valid: true or false (keep the last choice)",
    ]);
    expect(errorsOf(text('sampled'), { policies })).toEqual([
      "t.yaml:12:11: balancer.policy.sticky: missing parameter 'sticky' of policy 'sampled'; valid: true or false (keep the last choice)",
    ]);
    expect(errorsOf(text('{ name: random, d: 2 }'))).toEqual([
      "t.yaml:12:27: balancer.policy.d: bad value 'd': unknown parameter of policy 'random'; valid: none ('random' takes no parameters)",
    ]);
  });

  test('a duplicate group', () => {
    const text = yaml(...BASE.slice(0, 6), '  - group: web', ...BASE.slice(6));
    expect(errorsOf(text)).toEqual([
      "t.yaml:7:12: nodes.1.group: bad value 'web': duplicate group; valid: a group name not used before (nodes.0.group is already 'web')",
    ]);
  });

  test('a duplicate class', () => {
    const text = yaml(...BASE, '  - class: api', '    arrivals: { process: poisson, rate: 2/s }', '    work: 1s');
    expect(errorsOf(text)).toEqual([
      "t.yaml:11:12: workload.1.class: bad value 'api': duplicate class; valid: a class name not used before (workload.0.class is already 'api')",
    ]);
  });

  test('an unknown discipline', () => {
    expect(errorsOf(yaml(...withLine(6, '    discipline: lifo')))).toEqual([
      "t.yaml:6:17: nodes.0.discipline: bad value 'lifo': not one of the allowed values; valid: fifo, ps; did you mean 'fifo'?",
    ]);
  });

  test('an unknown arrival process', () => {
    expect(errorsOf(yaml(...withLine(9, '    arrivals: { process: poison, rate: 1/s }')))).toEqual([
      "t.yaml:9:26: workload.0.arrivals.process: bad value 'poison': unknown arrival process; " +
        "valid: poisson, deterministic, onoff, trace; did you mean 'poisson'?",
    ]);
  });

  test('a key missing from one arrival process', () => {
    expect(errorsOf(yaml(...withLine(9, '    arrivals: { process: onoff, rateOn: 5/s, rateOff: 0/s, meanOn: 1s }')))).toEqual([
      "t.yaml:9:15: workload.0.arrivals.meanOff: missing required key; valid: a duration: a number with us, ms, s, min, h or d " +
        '(e.g. 150ms; a bare number is seconds)',
    ]);
  });
});

describe('distributions', () => {
  test('an unknown distribution, with did-you-mean', () => {
    expect(errorsOf(yaml(...withLine(10, '    work: { dist: exponental, mean: 1s }')))).toEqual([
      "t.yaml:10:19: workload.0.work.dist: bad value 'exponental': unknown distribution; valid: constant, uniform, " +
        "exponential, erlang, gamma, normal, lognormal, weibull, pareto, hyperexponential, empirical; did you mean 'exponential'?",
    ]);
  });

  test('a parameter of another distribution', () => {
    expect(errorsOf(yaml(...withLine(10, '    work: { dist: exponential, mean: 1s, scv: 2 }')))).toEqual([
      "t.yaml:10:42: workload.0.work.scv: bad value 'scv': unknown key; valid: dist, mean",
    ]);
  });

  test('a distribution object without dist', () => {
    expect(errorsOf(yaml(...withLine(10, '    work: { mean: 1s }')))).toEqual([
      't.yaml:10:11: workload.0.work.dist: missing required key; valid: dist: constant, uniform, exponential, erlang, ' +
        'gamma, normal, lognormal, weibull, pareto, hyperexponential, empirical',
    ]);
  });

  test("invalid parameters, by the distributions module's own rules (distProblems)", () => {
    expect(errorsOf(yaml(...withLine(10, '    work: { dist: hyperexponential, mean: 1s, scv: 0.5 }')))).toEqual([
      "t.yaml:10:52: workload.0.work.scv: bad value '0.5': scv must be >= 1 for a hyperexponential (got 0.5); " +
        'use lognormal or erlang for scv < 1; valid: hyperexponential: two-phase, scv >= 1',
    ]);
    expect(errorsOf(yaml(...withLine(10, '    work: { dist: uniform, min: 2s, max: 1s }')))).toEqual([
      "t.yaml:10:33: workload.0.work.min: bad value '2s': min must be <= max (got min 2, max 1); valid: uniform: uniform between min and max",
    ]);
  });

  test('a size distribution with a duration unit', () => {
    expect(errorsOf(yaml(...BASE, '    size: { dist: exponential, mean: 10ms }'))).toEqual([
      "t.yaml:11:38: workload.0.size.mean: bad value '10ms': 'ms' is a unit of duration, not of size; " +
        'valid: a size: a number with B, KB, MB, GB, TB, KiB, MiB, GiB or TiB (e.g. 4KB)',
    ]);
  });
});

describe('whole-file problems', () => {
  test('a YAML syntax error, at its position', () => {
    expect(errorsOf(yaml(...withLine(6, '\tcores: 1')))).toEqual(['t.yaml:6:1: YAML syntax error: Tabs are not allowed as indentation']);
    // "    cores: 1: 2": the second colon, at column 12, starts a mapping inside a plain value
    expect(errorsOf(yaml(...withLine(6, '    cores: 1: 2')))).toEqual([
      't.yaml:6:12: YAML syntax error: Nested mappings are not allowed in compact mappings',
    ]);
  });

  test('two YAML documents in one file', () => {
    expect(errorsOf(yaml(...BASE, '---', 'name: second'))).toEqual([
      "t.yaml:11:1: YAML syntax error: a scenario file holds one YAML document; remove the '---' line that starts a second",
    ]);
  });

  test('a section left empty', () => {
    // "network:" with nothing after it: the empty value sits right after the colon, column 9
    expect(errorsOf(yaml(...BASE, 'network:'))).toEqual([
      't.yaml:11:9: network: is empty; must be a mapping; valid: a mapping with keys latency, sameZone, crossZone, crossRegion, clients, links, regions',
    ]);
  });

  test('a list entry that is a word, not a mapping', () => {
    expect(errorsOf(yaml(...BASE.slice(0, 7), '  - api'))).toEqual([
      "t.yaml:8:5: workload.0: bad value 'api': must be a mapping; valid: a mapping with keys class, arrivals, work, size, op, keys, clients, region",
    ]);
  });

  test('a key given twice', () => {
    expect(errorsOf(yaml(...BASE, 'duration: 2h'))).toEqual(['t.yaml:11:1: YAML syntax error: Map keys must be unique']);
  });

  test('a JSON syntax error', () => {
    const errors = errorsOf('{\n  "duration": "1h",\n  "nodes": [ { "group": "web" }\n}\n', { file: 't.json' });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^t\.json:\d+:\d+: YAML syntax error: /);
  });

  test('an empty file, and a file of only comments', () => {
    const expected = [
      't.yaml:1:1: the scenario file is empty; valid: a YAML or JSON mapping with nodes, workload and duration ' +
        '(see the Scenario reference in README.md)',
    ];
    expect(errorsOf('')).toEqual(expected);
    expect(errorsOf('# a scenario, one day\n\n')).toEqual(expected);
  });

  test('a missing required section (no workload)', () => {
    expect(errorsOf(yaml(...BASE.slice(0, 6)))).toEqual([
      't.yaml:1:1: workload: missing required key; valid: a non-empty list of request classes',
    ]);
  });

  test('an empty list of nodes', () => {
    expect(errorsOf(yaml(...BASE.slice(0, 2), 'nodes: []', ...BASE.slice(6)))).toEqual([
      "t.yaml:3:8: nodes: bad value '[]': must have at least 1 entry; valid: a non-empty list of node groups",
    ]);
  });

  test('no stop condition (neither duration nor requests)', () => {
    expect(errorsOf(yaml(...BASE.slice(2)))).toEqual([
      `t.yaml:1:1: duration: missing stop condition: neither duration nor requests is given; valid: duration (${DURATION_POSITIVE}) or requests (an integer >= 1)`,
    ]);
  });

  test('several errors at once, in file order, and no spec', () => {
    const text = yaml(
      'name: t',
      'duration: 1 hour', //          2
      'replications: 0', //           3
      'nodes:',
      '  - group: web',
      '    cores: 0', //              6
      '    speeed: 2', //             7
      'workload:',
      '  - class: api',
      '    arrivals: { process: poisson, rate: 9/s }',
      '    work: { dist: exponential, mean: 1 sec }', // 11
    );
    const result = load(text);
    expect(result.spec).toBeUndefined();
    expect(result.errors.map((e) => [e.line, e.column, e.path])).toEqual([
      [2, 11, 'duration'],
      [3, 15, 'replications'],
      [6, 12, 'nodes.0.cores'],
      [7, 5, 'nodes.0.speeed'],
      [11, 38, 'workload.0.work.mean'],
    ]);
    expect(errorsOf(text)).toContain(
      "t.yaml:11:38: workload.0.work.mean: bad value '1 sec': unknown unit 'sec'; valid: a duration: a number with us, ms, s, " +
        "min, h or d (e.g. 150ms; a bare number is seconds); did you mean '1s'?",
    );
    expect(errorsOf(text)).toContain(
      "t.yaml:7:5: nodes.0.speeed: bad value 'speeed': unknown key; valid: group, count, cores, speed, storage, " +
        "bandwidth, zone, queue, discipline, priority, cost; did you mean 'speed'?",
    );
  });
});

describe('command-line overrides', () => {
  test('a bad --set path names the override as the location', () => {
    expect(errorsOf(yaml(...BASE), { overrides: sets('nodes.3.count=4') })).toEqual([
      "t.yaml: --set nodes.3.count=4: nodes.3.count: bad --set path: 'nodes' is a list of 1 entry; valid: an index 0..0, or 1 to append",
    ]);
    expect(errorsOf(yaml(...BASE), { overrides: sets('duration.unit=s') })).toEqual([
      "t.yaml: --set duration.unit=s: duration.unit: bad --set path: 'duration' is a single value, not a mapping or a list; " +
        'valid: a dotted path of keys and list indices, such as nodes.0.count',
    ]);
    expect(errorsOf(yaml(...BASE), { overrides: sets('nodes..count=4') })).toEqual([
      "t.yaml: --set nodes..count=4: nodes..count: bad --set path: empty segment; valid: a dotted path of keys and list indices, such as nodes.0.count",
    ]);
  });

  test('a bad overridden value is reported at the override', () => {
    expect(errorsOf(yaml(...BASE), { overrides: sets('workload.0.arrivals.rate=-8/s', 'nodes.0.coers=3') })).toEqual([
      "t.yaml: --set nodes.0.coers=3: nodes.0.coers: bad value 'coers': unknown key; valid: group, count, cores, speed, " +
        "storage, bandwidth, zone, queue, discipline, priority, cost; did you mean 'cores'?",
      "t.yaml: --set workload.0.arrivals.rate=-8/s: workload.0.arrivals.rate: bad value '-8/s': must be greater than 0; " +
        `valid: ${RATE_POSITIVE}`,
    ]);
  });
});

describe('a misspelt key that only a --set made', () => {
  test('a new top-level key is reported at the override with a did-you-mean, not at the top of the file', () => {
    const valid = 'name, description, seed, duration, requests, warmup, warmupRequests, replications, maxEvents, ' +
      'interval, nodes, zones, network, balancer, topology, scaling, workload, failures, repairCrews, detection, ' +
      'clients, slo, sweep';
    expect(errorsOf(yaml(...BASE), { overrides: sets('balancr.policy=random') })).toEqual([
      `t.yaml: --set balancr.policy=random: balancr: bad value 'balancr': unknown key; valid: ${valid}; did you mean 'balancer'?`,
    ]);
  });

  test('an appended list entry with a misspelt key is the override’s too; a key the file has stays the file’s', () => {
    const errors = errorsOf(yaml(...BASE), { overrides: sets('nodes.1.grop=x') });
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.startsWith('t.yaml: --set nodes.1.grop=x: nodes.1.')).toBe(true);
    expect(errors.join('\n')).toContain("did you mean 'group'?");
    // An override below a key of the file changes nothing about the file's own problems.
    expect(errorsOf(yaml(...BASE), { overrides: sets('nodes.0.count=3') })).toEqual([]);
  });
});

describe('warnings: allowed, but probably not meant', () => {
  test('offered load above capacity is allowed and warned', () => {
    // 2 nodes x 1 core x speed 1 = 2 work-seconds/s; 30/s x 100ms = 3
    const text = yaml(...withLine(9, '    arrivals: { process: poisson, rate: 30/s }'));
    const result = load(text);
    expect(result.errors).toEqual([]);
    expect(result.spec).toBeDefined();
    expect(warningsOf(text)).toEqual([
      't.yaml:8:3: warning: workload: offered load is 150 % of capacity (3 work-seconds/s arrive, the nodes serve 2: ' +
        'cores x speed summed): queues grow for as long as the run lasts, so the figures depend on the run length; ' +
        'valid: below 100 %: more nodes, cores or speed, or lower rates or work',
    ]);
  });

  test('on/off arrivals are judged by their mean rate', () => {
    // mean rate (40/s x 1s + 0 x 9s) / 10s = 4/s; x 100ms = 0.4 of 2: fine, though the bursts exceed capacity
    const bursts = '    arrivals: { process: onoff, rateOn: 40/s, rateOff: 0/s, meanOn: 1s, meanOff: 9s }';
    expect(warningsOf(yaml(...withLine(9, bursts)))).toEqual([]);
    // (40 x 5 + 0 x 5) / 10 = 20/s x 100ms = 2: at capacity
    const longBursts = '    arrivals: { process: onoff, rateOn: 40/s, rateOff: 0/s, meanOn: 5s, meanOff: 5s }';
    expect(warningsOf(yaml(...withLine(9, longBursts)))[0]).toMatch(/^t\.yaml:8:3: warning: workload: offered load is 100 % of capacity/);
  });

  test('a warm-up longer than the duration', () => {
    expect(warningsOf(yaml(...BASE.slice(0, 2), 'warmup: 2h', ...BASE.slice(2)))).toEqual([
      't.yaml:3:9: warning: warmup: the warm-up (2h) is longer than the measured duration (1h): most simulated time is ' +
        'thrown away; valid: a warm-up shorter than duration',
    ]);
  });

  test('traffic above the NIC bandwidth', () => {
    // 1/s x 2MB = 2MB/s through 2 x 8Mbps = 2MB/s
    const text = yaml(...withLine(6, '    bandwidth: 8Mbps'), '    size: 2MB');
    expect(warningsOf(text)).toEqual([
      "t.yaml:8:3: warning: workload: offered traffic is 100 % of the NICs' bandwidth (2MB/s arrive, the nodes move " +
        '2MB/s): transfers queue for as long as the run lasts; valid: below 100 %: more nodes or bandwidth, or smaller sizes',
    ]);
  });

  test('writes that fill the storage during the run', () => {
    // 1/s x 1MB written for 1h = 3.6GB > 2 x 1GB
    const text = yaml(...withLine(6, '    storage: 1GB'), '    size: 1MB', '    op: write');
    expect(warningsOf(text)).toEqual([
      "t.yaml:8:3: warning: workload: writes of about 1MB/s fill the cluster's 2GB of storage after about 33.3min of the " +
        '1h run; later writes fail with storage-full; valid: more storage or fewer or smaller writes, unless storage-full ' +
        'failures are what you want to see',
    ]);
  });
});
