import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { NodeSpec, ScenarioSpec } from '../../../src/model/spec.js';
import type { PolicyDefinition } from '../../../src/policies/policy.js';
import { nameFromFile } from '../../../src/scenario/index.js';
import { BASE, load, yaml } from './helpers.js';
import { NodeTable } from '../../../src/model/node-table.js';

function specOf(text: string, file = 't.yaml', policies?: ReadonlyMap<string, PolicyDefinition>): ScenarioSpec {
  const result = load(text, { file, ...(policies === undefined ? {} : { policies }) });
  expect(result.errors).toEqual([]);
  if (result.spec === undefined) throw new Error('no spec');
  return result.spec;
}

const webNode = (i: number): NodeSpec => ({
  name: `web-${i}`,
  group: 'web',
  cores: 1,
  speed: 1,
  storage: 100e9,
  bandwidth: 125e6,
  zone: 'a',
  queue: Infinity,
  discipline: 'fifo',
});

/** The example, resolved by hand. */
const WEB_TIER: ScenarioSpec = {
  name: 'web-tier',
  description: 'Ten single-core web nodes at 90 % load behind a random balancer.',
  seed: '7',
  run: { duration: 7200, warmup: 600, replications: 5 },
  nodes: NodeTable.of(Array.from({ length: 10 }, (_, i) => webNode(i))),
  network: { latency: { dist: 'constant', value: 0 } },
  balancer: { policy: { name: 'random', params: {} } },
  workload: [
    {
      name: 'api',
      arrivals: { process: 'poisson', rate: 9 },
      work: { dist: 'exponential', mean: 1 },
      size: { dist: 'constant', value: 0 },
      op: 'compute',
    },
  ],
};

describe('the example of issue 3', () => {
  test('scenarios/web-tier.yaml loads as written, with no errors and no warnings', () => {
    const text = readFileSync('scenarios/web-tier.yaml', 'utf8');
    const result = load(text, { file: 'scenarios/web-tier.yaml' });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.spec).toEqual(WEB_TIER);
    expect(result.source).toEqual({ path: 'scenarios/web-tier.yaml', text });
  });

  test('the same scenario as JSON gives the same spec', () => {
    const json = JSON.stringify({
      name: 'web-tier',
      description: 'Ten single-core web nodes at 90 % load behind a random balancer.',
      seed: 7,
      duration: '2h',
      warmup: '10min',
      replications: 5,
      nodes: [{ group: 'web', count: 10, cores: 1, speed: 1, storage: '100GB', bandwidth: '1Gbps', zone: 'a' }],
      network: { latency: '0ms' },
      balancer: { policy: 'random' },
      workload: [{ class: 'api', arrivals: { process: 'poisson', rate: '9/s' }, work: { dist: 'exponential', mean: '1s' }, size: '0B' }],
    }, null, 2);
    expect(specOf(json, 'web-tier.json')).toEqual(WEB_TIER);
  });

  test('JSON errors carry line:column too', () => {
    const json = '{\n  "duration": "1h",\n  "nodes": [{ "group": "web", "cores": 0 }],\n  "workload": []\n}\n';
    expect(load(json, { file: 'w.json' }).errors.map((e) => `${e.line}:${e.column} ${e.path}`)).toEqual([
      '3:40 nodes.0.cores',
      '4:15 workload',
    ]);
  });
});

describe('defaults', () => {
  test('a minimal file gets every default', () => {
    const text = yaml('duration: 60', 'nodes: [{ group: n }]', 'workload: [{ class: c, arrivals: { process: poisson, rate: 2 }, work: 0.1 }]');
    expect(specOf(text, 'scenarios/my tiny.yaml')).toEqual({
      name: 'my-tiny',
      description: '',
      seed: '1',
      run: { duration: 60, warmup: 0, replications: 1 },
      nodes: NodeTable.of([
        { name: 'n-0', group: 'n', cores: 1, speed: 1, storage: Infinity, bandwidth: Infinity, zone: 'default', queue: Infinity, discipline: 'fifo' },
      ]),
      network: { latency: { dist: 'constant', value: 0 } },
      balancer: { policy: { name: 'random', params: {} } },
      workload: [
        { name: 'c', arrivals: { process: 'poisson', rate: 2 }, work: { dist: 'constant', value: 0.1 }, size: { dist: 'constant', value: 0 }, op: 'compute' },
      ],
    } satisfies ScenarioSpec);
  });

  test('the scenario name defaults to a folder-safe form of the file name', () => {
    expect(nameFromFile('scenarios/web-tier.yaml')).toBe('web-tier');
    expect(nameFromFile('C:\\sims\\big cluster.JSON')).toBe('big-cluster');
    expect(nameFromFile('.hidden.yml')).toBe('hidden');
    expect(nameFromFile('###.yaml')).toBe('scenario');
  });

  test('policy parameters take their defaults', () => {
    const sampled: PolicyDefinition = {
      name: 'sampled',
      description: 'test',
      params: [{ name: 'd', description: 'nodes sampled', kind: 'integer', minimum: 1, default: 2 }],
      create: () => ({ choose: () => 0 }),
    };
    const policies = new Map([['sampled', sampled]]);
    expect(specOf(yaml(...BASE, 'balancer: { policy: sampled }'), 't.yaml', policies).balancer.policy).toEqual({ name: 'sampled', params: { d: 2 } });
    expect(specOf(yaml(...BASE, 'balancer: { policy: { name: sampled, d: 5 } }'), 't.yaml', policies).balancer.policy).toEqual({
      name: 'sampled',
      params: { d: 5 },
    });
  });
});

describe('node groups', () => {
  test('groups expand in file order into <group>-<i> with their own settings', () => {
    const text = yaml(
      'duration: 1h',
      'nodes:',
      '  - { group: web, count: 3, cores: 4, speed: 2, zone: a }',
      '  - { group: slow, speed: 50%, discipline: ps, queue: 0, zone: b }',
      '  - { group: db, count: 2, storage: 2TiB, bandwidth: 10Gbps, queue: 100 }',
      ...BASE.slice(6),
    );
    const nodes = specOf(text).nodes;
    expect(nodes.map((n) => n.name)).toEqual(['web-0', 'web-1', 'web-2', 'slow-0', 'db-0', 'db-1']);
    expect(nodes.at(2)).toMatchObject({ group: 'web', cores: 4, speed: 2, zone: 'a', discipline: 'fifo' });
    expect(nodes.at(3)).toMatchObject({ group: 'slow', cores: 1, speed: 0.5, discipline: 'ps', queue: 0, zone: 'b' });
    expect(nodes.at(5)).toMatchObject({ group: 'db', storage: 2 * 1024 ** 4, bandwidth: 10e9 / 8, queue: 100, zone: 'default' });
  });

  test("'unbounded' is written out as a word and becomes Infinity", () => {
    const text = yaml(...BASE.slice(0, 6), '    storage: unbounded', '    bandwidth: unbounded', '    queue: unbounded', ...BASE.slice(6));
    expect(specOf(text).nodes.at(0)).toMatchObject({ storage: Infinity, bandwidth: Infinity, queue: Infinity });
  });

  test('YAML anchors and merge keys can share settings between groups', () => {
    const text = yaml(
      'duration: 1h',
      'nodes:',
      '  - &big { group: a, cores: 8, speed: 2 }',
      '  - { <<: *big, group: b }',
      ...BASE.slice(6),
    );
    expect(specOf(text).nodes.map((n) => `${n.name}:${n.cores}x${n.speed}`)).toEqual(['a-0:8x2', 'b-0:8x2']);
  });
});

describe('run keys', () => {
  test('all of them, with units', () => {
    const text = yaml(
      'seed: my-seed',
      'duration: 30min',
      'requests: 100000',
      'warmup: 10%',
      'warmupRequests: 500',
      'replications: 3',
      'maxEvents: 1e8',
      'interval: 10s',
      ...BASE.slice(2),
    );
    const spec = specOf(text);
    expect(spec.seed).toBe('my-seed');
    expect(spec.run).toEqual({ duration: 1800, requests: 100000, warmup: 180, warmupRequests: 500, replications: 3, maxEvents: 1e8, interval: 10 });
  });

  test('a run bounded by requests alone', () => {
    expect(specOf(yaml('requests: 5000', ...BASE.slice(2))).run).toEqual({ requests: 5000, warmup: 0, replications: 1 });
  });
});

describe('workload', () => {
  test('each arrival process', () => {
    const text = yaml(
      'duration: 1h',
      'nodes: [{ group: n }]',
      'workload:',
      '  - { class: a, arrivals: { process: poisson, rate: 120/min }, work: 10ms }',
      '  - { class: b, arrivals: { process: deterministic, rate: 0.5 }, work: 10ms }',
      '  - { class: c, arrivals: { process: onoff, rateOn: 50/s, rateOff: 1/s, meanOn: 2s, meanOff: 1min }, work: 10ms }',
    );
    expect(specOf(text).workload.map((c) => c.arrivals)).toEqual([
      { process: 'poisson', rate: 2 },
      { process: 'deterministic', rate: 0.5 },
      { process: 'onoff', rateOn: 50, rateOff: 1, meanOn: 2, meanOff: 60 },
    ]);
  });

  test('every distribution form, with the unit of its field', () => {
    const forms: [string, object][] = [
      ['150ms', { dist: 'constant', value: 0.15 }],
      ['{ dist: constant, value: 2s }', { dist: 'constant', value: 2 }],
      ['{ dist: uniform, min: 10ms, max: 30ms }', { dist: 'uniform', min: 0.01, max: 0.03 }],
      ['{ dist: exponential, mean: 1s }', { dist: 'exponential', mean: 1 }],
      ['{ dist: erlang, k: 3, mean: 300ms }', { dist: 'erlang', k: 3, mean: 0.3 }],
      ['{ dist: gamma, shape: 0.5, mean: 2s }', { dist: 'gamma', shape: 0.5, mean: 2 }],
      ['{ dist: normal, mean: 1s, sd: 100ms }', { dist: 'normal', mean: 1, sd: 0.1 }],
      ['{ dist: lognormal, mean: 1s, scv: 4 }', { dist: 'lognormal', mean: 1, scv: 4 }],
      ['{ dist: lognormal, median: 20ms, p99: 1s }', { dist: 'lognormal', median: 0.02, p99: 1 }],
      ['{ dist: weibull, shape: 1.5, mean: 1min }', { dist: 'weibull', shape: 1.5, mean: 60 }],
      ['{ dist: pareto, shape: 2.5, mean: 40ms }', { dist: 'pareto', shape: 2.5, mean: 0.04 }],
      ['{ dist: hyperexponential, mean: 1s, scv: 9 }', { dist: 'hyperexponential', mean: 1, scv: 9 }],
      ['{ dist: empirical, samples: [10ms, 20ms, 1s] }', { dist: 'empirical', samples: [0.01, 0.02, 1] }],
    ];
    for (const [written, expected] of forms) {
      const spec = specOf(yaml(...BASE.slice(0, 9), `    work: ${written}`));
      expect(spec.workload[0].work, written).toEqual(expected);
    }
  });

  test('sizes take size units; latency takes durations', () => {
    const text = yaml(
      ...BASE,
      '    size: { dist: lognormal, median: 4KiB, p99: 1MB }',
      '    op: write',
      'network:',
      '  latency: { dist: exponential, mean: 250us }',
    );
    const spec = specOf(text);
    expect(spec.workload[0]).toMatchObject({ size: { dist: 'lognormal', median: 4096, p99: 1e6 }, op: 'write' });
    expect(spec.network.latency.dist).toBe('exponential');
    expect((spec.network.latency as { mean: number }).mean).toBeCloseTo(250e-6, 12);
  });
});
