import { describe, expect, test } from 'vitest';
import { parseSetArgument } from '../../../src/scenario/index.js';
import { BASE, load, sets, warningsOf, yaml } from './helpers.js';

const FILE = yaml(
  '# a comment that survives overrides',
  ...BASE,
);

function specWith(...args: string[]) {
  const result = load(FILE, { overrides: sets(...args) });
  expect(result.errors).toEqual([]);
  if (result.spec === undefined) throw new Error('no spec');
  return result;
}

describe('--set key=value', () => {
  test('parses at the first =, keeping the rest of the value', () => {
    expect(parseSetArgument('name=a=b')).toEqual({ path: 'name', value: 'a=b', origin: '--set name=a=b' });
    expect(parseSetArgument('nodes.0.count=20')).toEqual({ path: 'nodes.0.count', value: '20', origin: '--set nodes.0.count=20' });
    expect(parseSetArgument('novalue')).toBeUndefined();
    expect(parseSetArgument('=5')).toBeUndefined();
  });

  test('changes scalars by dotted path with list indices, units and all', () => {
    const { spec } = specWith('workload.0.arrivals.rate=8/s', 'nodes.0.count=20', 'duration=30min');
    expect(spec?.workload[0].arrivals).toEqual({ process: 'poisson', rate: 8 });
    expect(spec?.nodes).toHaveLength(20);
    expect(spec?.run.duration).toBe(1800);
  });

  test('values are YAML: numbers, strings, flow mappings', () => {
    const { spec } = specWith('name=other', 'seed=42', 'workload.0.work={dist: erlang, k: 2, mean: 2s}');
    expect(spec?.name).toBe('other');
    expect(spec?.seed).toBe('42');
    expect(spec?.workload[0].work).toEqual({ dist: 'erlang', k: 2, mean: 2 });
  });

  test('creates keys the file does not have, and appends list entries', () => {
    const { spec } = specWith('network.latency=5ms', 'nodes.1.group=db', 'nodes.1.cores=8', 'balancer.policy.name=round-robin');
    expect(spec?.network.latency).toEqual({ dist: 'constant', value: 0.005 });
    expect(spec?.nodes.map((n) => `${n.name}:${n.cores}`)).toEqual(['web-0:1', 'web-1:1', 'db-0:8']);
    expect(spec?.balancer.policy.name).toBe('round-robin');
  });

  test('later overrides win over earlier ones', () => {
    expect(specWith('nodes.0.count=3', 'nodes.0.count=4').spec?.nodes).toHaveLength(4);
  });

  test('the source text for the report shows the scenario as run, comments kept', () => {
    const { source } = specWith('nodes.0.count=20');
    expect(source.text).toContain('# a comment that survives overrides');
    expect(source.text).toContain('count: 20');
    expect(source.text).not.toContain('count: 2\n');
  });

  test('without overrides the source text is the file, byte for byte', () => {
    expect(load(FILE).source.text).toBe(FILE);
  });

  test('a warning caused by an override is located at the override', () => {
    expect(warningsOf(FILE, { overrides: sets('warmup=3h') })).toEqual([
      "t.yaml: --set warmup=3h: warning: warmup: the warm-up (3h) is longer than the measured duration (1h): most " +
        'simulated time is thrown away; valid: a warm-up shorter than duration',
    ]);
  });

  test('a value that is not YAML', () => {
    expect(load(FILE, { overrides: sets('nodes.0.count=[1') }).errors.map((e) => `${e.origin} | ${e.rule}`)).toEqual([
      '--set nodes.0.count=[1 | bad --set value: not a YAML value',
    ]);
  });

  test('--seed and --replications are overrides with their own origin', () => {
    const result = load(FILE, {
      overrides: [
        { path: 'seed', value: '"007"', origin: '--seed 007' },
        { path: 'replications', value: '0', origin: '--replications 0' },
      ],
    });
    expect(result.errors.map((e) => `${e.origin}: ${e.path}: ${e.rule}`)).toEqual(['--replications 0: replications: must be at least 1']);
  });
});
