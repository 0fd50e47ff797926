/**
 * `clustersim run --write-baseline` and `clustersim check` in-process (issue 15, item 5): the same seed passes, 20
 * other seeds stay within the stated false-alarm rate, a real regression (random dispatch against a
 * least-connections baseline) fails with exit 1 and a JUnit failure naming the figure, and bad input exits 2.
 */
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, temporaryFolder } from './helpers.js';

// Four single-core nodes at load 0.8: under random dispatch each is an M/M/1 queue at 0.8 (mean response 5 s);
// least-connections keeps it far lower, so the policy change is a large regression of response time.
const SCENARIO = `name: gate
seed: 1
requests: 3000
warmupRequests: 300
replications: 5
nodes:
  - group: n
    count: 4
balancer:
  policy: least-connections
workload:
  - class: c
    arrivals: { process: poisson, rate: 3.2/s }
    work: { dist: exponential, mean: 1s }
`;

let dir: string;
let scenario: string;
let baseline: string;
beforeAll(async () => {
  dir = temporaryFolder();
  scenario = join(dir, 'gate.yaml');
  baseline = join(dir, 'baseline.json');
  await writeFile(scenario, SCENARIO);
  const { code, stdout, stderr } = await cli('run', scenario, '--out', join(dir, 'reports'), '-q', '--write-baseline', baseline);
  expect(code, stderr).toBe(0);
  expect(stdout).toContain(baseline);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('clustersim run --write-baseline', () => {
  it('writes the summary and every compared figure per replication', async () => {
    const written = JSON.parse(await readFile(baseline, 'utf8'));
    expect(written.format).toBe('clustersim-baseline/1');
    expect([written.scenario, written.seed, written.replications]).toEqual(['gate', '1', 5]);
    const summary = JSON.parse(await readFile(join(dir, 'reports', 'gate', 'summary.json'), 'utf8'));
    expect(written.summary).toEqual(summary);
    expect(written.replicationValues['responseTime.p99']).toHaveLength(5);
    // The summary's mean is the mean of the per-replication values it keeps.
    const p99 = written.replicationValues['responseTime.p99'] as number[];
    expect(p99.reduce((a, b) => a + b, 0) / 5).toBeCloseTo(summary.responseTime.p99.value, 12);
  });

  it('refuses more than one scenario: exit 2, nothing run', async () => {
    const { code, stderr } = await cli('run', scenario, scenario, '--out', join(dir, 'two'), '--write-baseline', join(dir, 'b2.json'));
    expect(code).toBe(2);
    expect(existsSync(join(dir, 'b2.json'))).toBe(false);
    expect(stderr).not.toContain('internal error');
  });
});

describe('clustersim check', () => {
  it('the same seed passes: exit 0, every figure reads "no regression"', async () => {
    const junit = join(dir, 'same.xml');
    const { code, stdout } = await cli('check', scenario, '--baseline', baseline, '--junit', junit, '-q');
    expect(code, stdout).toBe(0);
    expect(stdout).toMatch(/no regression\n$/);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toContain('<testsuites name="clustersim check" tests="6" failures="0" errors="0" skipped="0">');
  });

  // Bonferroni over the five default figures: a run within tolerance is flagged with probability at most 0.05. Over
  // 20 seeds the number flagged is then at most Binomial(20, 0.05), and P(X >= 4) = 0.016: allowing 3 keeps this
  // check honest (it fails only if the stated bound is broken, or with a chance of 1.6 % if it holds exactly).
  it('20 other seeds: at most 3 false alarms (the bound: family-wise rate 0.05 per check)', async () => {
    let alarms = 0;
    for (let seed = 100; seed < 120; seed++) {
      const { code } = await cli('check', scenario, '--baseline', baseline, '--seed', String(seed), '-q');
      expect([0, 1]).toContain(code);
      if (code === 1) alarms++;
    }
    expect(alarms).toBeLessThanOrEqual(3);
  });

  it('random dispatch against the least-connections baseline fails: exit 1, the JUnit failure names the figure', async () => {
    const junit = join(dir, 'random.xml');
    const { code, stdout } = await cli('check', scenario, '--baseline', baseline, '--set', 'balancer.policy=random', '--junit', junit, '-q');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL {2}responseTime\.p99: [\d.]+ s against the baseline's [\d.]+ s: worse by /m);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(/<testcase classname="gate\.figures" name="responseTime\.p99">\n {6}<failure type="regression" message="responseTime\.p99: [^"]+significantly worse beyond the tolerance">/);
    expect(xml).toMatch(/<testcase classname="gate\.figures" name="responseTime\.mean">\n {6}<failure /);
  });

  it('a tolerance wide enough lets the same change pass', async () => {
    const { code } = await cli(
      'check', scenario, '--baseline', baseline, '--set', 'balancer.policy=random', '-q',
      '--tolerance', 'responseTime.mean=100000%', '--tolerance', 'responseTime.p99=100000%',
    );
    expect(code).toBe(0);
  });

  it.each([
    [['--baseline', 'missing.json'], '--baseline missing.json: no such file (write one with clustersim run --write-baseline)'],
    [['--baseline', 'BASE', '--tolerance', 'responseTime.p99x=5%'], "--tolerance: unknown figure 'responseTime.p99x'"],
    [['--baseline', 'BASE', '--tolerance', 'throughput=abc'], "--tolerance 'throughput=abc': bad value 'abc'"],
    [['--baseline', 'BASE', '--replications', '1'], 'the test needs at least 2 replications on each side'],
    [['--baseline', 'BASE', '--set', 'name=other'], "is of scenario 'gate', and"],
  ])('bad input %j: exit 2 with a clear message', async (args, message) => {
    const { code, stderr } = await cli('check', scenario, ...args.map((a) => (a === 'BASE' ? baseline : a)), '-q');
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toContain('internal error');
  });

  it('a file that is not a baseline: exit 2, saying why', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"format": "junit"}');
    const { code, stderr } = await cli('check', scenario, '--baseline', bad, '-q');
    expect(code).toBe(2);
    expect(stderr).toContain(`--baseline ${bad}: format is "junit", expected 'clustersim-baseline/1'`);
  });
});
