/**
 * `clustersim compare` in-process: exit codes, messages, and the files it writes, on small scenarios (two nodes,
 * 2 000 measured requests per replication).
 */
import { existsSync } from 'node:fs';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, STACK_LINE, temporaryFolder } from './helpers.js';

const SCENARIO = `name: pair
seed: 5
requests: 2000
warmupRequests: 200
replications: 3
nodes:
  - group: n
    count: 2
workload:
  - class: c
    arrivals: { process: poisson, rate: 1.6/s }
    work: { dist: exponential, mean: 1s }
`;

let dir: string;
let scenario: string;
let other: string;
beforeAll(async () => {
  dir = temporaryFolder();
  scenario = join(dir, 'pair.yaml');
  other = join(dir, 'pair-four.yaml');
  await writeFile(scenario, SCENARIO);
  await writeFile(other, SCENARIO.replace('name: pair', 'name: pair-four').replace('count: 2', 'count: 4').replace('seed: 5', 'seed: 6'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function written(folder: string): Promise<string[]> {
  return (await readdir(folder)).sort();
}

describe('clustersim compare: invalid input (exit 2, nothing run or written)', () => {
  it('an unknown policy names the valid ones and the likely one', async () => {
    const out = join(dir, 'unknown');
    const { code, stdout, stderr } = await cli('compare', scenario, '--policies', 'random,jsw', '--out', out);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^clustersim compare: --policies: unknown policy 'jsw'\. Valid: random, round-robin, /);
    expect(stderr).toContain('jsq (join-shortest-queue)');
    expect(stderr).toContain("did you mean 'jsq'?");
    expect(stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out)).toBe(false);
  });

  it('a bad policy parameter', async () => {
    const { code, stderr } = await cli('compare', scenario, '--policies', 'random,power-of-d:d=0', '--out', join(dir, 'x'));
    expect(code).toBe(2);
    expect(stderr).toContain("policy 'power-of-d:d=0': d: bad value '0': must be at least 1");
  });

  it.each([
    ['load=0.9:0.5:0.1', "'to' (0.5) is below 'from' (0.9)"],
    ['load=0.5:0.9:0', 'the step must be positive'],
    ['load', "bad --sweep 'load'"],
    ['load=0:0.5:0.1', 'an offered load must be above 0'],
  ])('a bad sweep: %s', async (sweep, message) => {
    const out = join(dir, 'bad-sweep');
    const { code, stderr } = await cli('compare', scenario, '--policies', 'random,jsq', '--sweep', sweep, '--out', out);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });

  it('a sweep of a field the scenario does not have, reported like a --set', async () => {
    const { code, stderr } = await cli('compare', scenario, '--policies', 'random,jsq', '--sweep', 'nodes.0.cont=2:4:2');
    expect(code).toBe(2);
    expect(stderr).toContain(`${scenario}: --sweep nodes.0.cont=2:4:2: nodes.0.cont: bad value 'cont': unknown key`);
    expect(stderr).toContain("did you mean 'count'?");
    // Loaded once per point, reported once.
    expect(stderr.match(/unknown key/g)).toHaveLength(1);
    expect(stderr).toMatch(/clustersim compare: 1 error in 1 file; nothing was run and no comparison was written\n$/);
  });

  it('an unknown baseline', async () => {
    const { code, stderr } = await cli('compare', scenario, '--policies', 'random,round-robin', '--baseline', 'round-robbin');
    expect(code).toBe(2);
    expect(stderr).toBe(
      "clustersim compare: --baseline: 'round-robbin' is none of the variants. Valid: random, round-robin; did you mean 'round-robin'?\n",
    );
  });

  it('--policies with two scenarios, or one scenario without --policies', async () => {
    const two = await cli('compare', scenario, other, '--policies', 'random,jsq');
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('--policies compares policies on one scenario, and 2 were named');
    const one = await cli('compare', scenario);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('name the policies to compare (--policies random,jsq) or at least two scenario files');
  });

  it('a scenario error and a missing file', async () => {
    const bad = await cli('compare', scenario, '--policies', 'random,jsq', '--set', 'nodes.0.count=0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('nodes.0.count');
    const missing = await cli('compare', join(dir, 'nope.yaml'), '--policies', 'random,jsq');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or directory');
  });

  it('an unknown option', async () => {
    const { code, stderr } = await cli('compare', scenario, '--policies', 'random', '--polices', 'x');
    expect(code).toBe(2);
    expect(stderr).toBe("clustersim compare: unknown option '--polices'; did you mean '--policies'?\nRun 'clustersim compare --help' for usage.\n");
  });
});

describe('clustersim compare: success (exit 0)', () => {
  it('writes the comparison into <out>/<scenario>-compare/ and prints the folder', async () => {
    const out = join(dir, 'ok');
    const { code, stdout, stderr } = await cli(
      'compare', scenario, '--policies', 'random,round-robin,power-of-d:d=2,jsq', '--out', out, '--quiet',
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const folder = resolve(out, 'pair-compare');
    expect(stdout).toBe(`${folder}\n`);
    expect(await written(folder)).toEqual([
      'comparison.csv',
      'comparison.html',
      'comparison.json',
      'comparison.md',
      'mean-per-variant.svg',
      'mean-per-variant.vl.json',
      'p99-per-variant.svg',
      'p99-per-variant.vl.json',
      'response-time-cdf.svg',
      'response-time-cdf.vl.json',
    ]);
    const json = JSON.parse(await readFile(join(folder, 'comparison.json'), 'utf8'));
    expect(json.baseline).toBe('random');
    expect(json.variants.map((v: { name: string }) => v.name)).toEqual(['random', 'round-robin', 'power-of-d:d=2', 'join-shortest-queue']);
    expect(json.variants[2].policy).toEqual({ name: 'power-of-d', params: { d: 2 } });
    expect(json.variants.every((v: { summary: { seed: string } }) => v.summary.seed === '5')).toBe(true);
  });

  it('writes comparison.json byte-identical across two runs', async () => {
    const args = ['compare', scenario, '--policies', 'random,jsq', '--quiet'];
    const a = await cli(...args, '--out', join(dir, 'same-a'));
    const b = await cli(...args, '--out', join(dir, 'same-b'));
    expect([a.code, b.code]).toEqual([0, 0]);
    const text = (run: string) => readFile(join(dir, run, 'pair-compare', 'comparison.json'), 'utf8');
    expect(await text('same-b')).toBe(await text('same-a'));
  });

  it('names the baseline by --baseline, also by the shorthand it was written with', async () => {
    const out = join(dir, 'baseline');
    const { code } = await cli('compare', scenario, '--policies', 'random,jsq', '--baseline', 'jsq', '--out', out, '-q');
    expect(code).toBe(0);
    const json = JSON.parse(await readFile(join(out, 'pair-compare', 'comparison.json'), 'utf8'));
    expect(json.baseline).toBe('join-shortest-queue');
    expect(json.variants.map((v: { baseline: boolean }) => v.baseline)).toEqual([false, true]);
  });

  it('sweeps the offered load: every variant at every point at exactly that load', async () => {
    const out = join(dir, 'sweep');
    const { code, stdout } = await cli(
      'compare', scenario, '--policies', 'random,jsq', '--sweep', 'load=0.5:0.9:0.2', '--replications', '2', '--out', out, '-q',
    );
    expect(code).toBe(0);
    const folder = stdout.trim();
    const json = JSON.parse(await readFile(join(folder, 'comparison.json'), 'utf8'));
    expect(json.replications).toBe(2);
    expect(json.points.map((p: { load: number }) => p.load)).toEqual([0.5, 0.7, 0.9]);
    for (const point of json.points) {
      for (const variant of point.variants) expect(variant.offeredLoad).toBeCloseTo(point.load, 12);
    }
    const files = await written(folder);
    expect(files).toContain('mean-response-time-vs-load.svg');
    expect(files).toContain('p99-response-time-vs-load.svg');
  });

  it('sweeps a scenario field by override', async () => {
    const out = join(dir, 'sweep-path');
    const { code } = await cli(
      'compare', scenario, '--policies', 'random,jsq', '--sweep', 'nodes.0.count=2,3', '--set', 'requests=500', '--out', out, '-q',
    );
    expect(code).toBe(0);
    const json = JSON.parse(await readFile(join(out, 'pair-compare', 'comparison.json'), 'utf8'));
    expect(json.sweep).toEqual({ parameter: 'nodes.0.count', kind: 'path', values: [2, 3] });
    expect(json.points.map((p: { value: number }) => p.value)).toEqual([2, 3]);
    expect(json.points[1].variants[0].offeredLoad).toBeCloseTo(1.6 / 3, 12);
  });

  it('repeated --sweep spans a grid: every combination, the node count set by override and the load scaled after it', async () => {
    const out = join(dir, 'sweep-grid');
    const { code } = await cli(
      'compare', scenario, '--policies', 'random,jsq', '--sweep', 'nodes.0.count=2,3', '--sweep', 'load=0.5,0.8',
      '--set', 'requests=300', '--out', out, '-q',
    );
    expect(code).toBe(0);
    const json = JSON.parse(await readFile(join(out, 'pair-compare', 'comparison.json'), 'utf8'));
    const points = json.points.map((p: { values: Record<string, number> }) => p.values);
    expect(points).toEqual([
      { 'nodes.0.count': 2, load: 0.5 },
      { 'nodes.0.count': 2, load: 0.8 },
      { 'nodes.0.count': 3, load: 0.5 },
      { 'nodes.0.count': 3, load: 0.8 },
    ]);
    for (const point of json.points) {
      for (const variant of point.variants) expect(variant.offeredLoad).toBeCloseTo(point.values.load, 12);
    }
    const files = await written(join(out, 'pair-compare'));
    expect(files).toContain('sweep.csv');
    expect(files).toContain('p99-response-time-heatmap-nodes-0-count-load.svg');
  });

  it("spans the scenario's sweep: block without --sweep; --sweep replaces it", async () => {
    const file = join(dir, 'block.yaml');
    const block = 'sweep:\n  - { parameter: nodes.0.count, values: [2, 3] }\n  - { parameter: load, from: 0.5, to: 0.7, step: 0.2 }\n';
    await writeFile(file, SCENARIO.replace('name: pair', 'name: block').replace('requests: 2000', 'requests: 300') + block);
    const out = join(dir, 'sweep-block');
    const { code } = await cli('compare', file, '--policies', 'random,jsq', '--out', out, '-q');
    expect(code).toBe(0);
    const json = JSON.parse(await readFile(join(out, 'block-compare', 'comparison.json'), 'utf8'));
    expect(json.sweep.map((a: { parameter: string }) => a.parameter)).toEqual(['nodes.0.count', 'load']);
    expect(json.points).toHaveLength(4);
    const replaced = await cli('compare', file, '--policies', 'random,jsq', '--sweep', 'load=0.6', '--out', out, '-q');
    expect(replaced.code).toBe(0);
    const again = JSON.parse(await readFile(join(out, 'block-compare', 'comparison.json'), 'utf8'));
    expect(again.sweep).toEqual({ parameter: 'load', kind: 'load', values: [0.6] });
  });

  it("a sweep: block's unknown path is reported like --sweep's, naming the axis", async () => {
    const file = join(dir, 'block-bad.yaml');
    await writeFile(file, SCENARIO.replace('name: pair', 'name: blockbad') + 'sweep:\n  - { parameter: nodes.0.cont, values: [2, 3] }\n');
    const { code, stderr } = await cli('compare', file, '--policies', 'random,jsq', '--out', join(dir, 'block-bad'));
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}: sweep.0 (nodes.0.cont): nodes.0.cont: bad value 'cont': unknown key`);
    expect(existsSync(join(dir, 'block-bad'))).toBe(false);
  });

  it("with a load axis, the file's own overload warning is left out: each point runs at the load swept", async () => {
    // One node of the file's 1.6 work-seconds/s is 160 % of capacity as written; the sweep runs it at 0.5.
    const args = ['compare', scenario, '--policies', 'random,jsq', '--sweep', 'nodes.0.count=1', '--set', 'requests=200', '-q'];
    const swept = await cli(...args, '--sweep', 'load=0.5', '--out', join(dir, 'overload-swept'));
    expect(swept.code).toBe(0);
    expect(swept.stderr).not.toContain('offered load is');
    const unswept = await cli(...args, '--out', join(dir, 'overload-unswept'));
    expect(unswept.stderr).toContain('offered load is 160 % of capacity');
  });

  it('refuses a parameter swept twice: exit 2, nothing written', async () => {
    const out = join(dir, 'sweep-twice');
    const { code, stderr } = await cli('compare', scenario, '--policies', 'random,jsq', '--sweep', 'load=0.5', '--sweep', 'load=0.7', '--out', out);
    expect(code).toBe(2);
    expect(stderr).toContain("--sweep: 'load' is swept twice; sweep each parameter once");
    expect(existsSync(out)).toBe(false);
  });

  it('compares scenario files, the first the baseline, all on its seed', async () => {
    const out = join(dir, 'files');
    const { code, stdout, stderr } = await cli('compare', scenario, other, '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe(`${resolve(out, 'pair-compare')}\n`);
    expect(stderr).toContain("warning: variant 'pair-four' runs with the baseline's seed 5");
    const json = JSON.parse(await readFile(join(out, 'pair-compare', 'comparison.json'), 'utf8'));
    expect(json.variants.map((v: { name: string; file: string }) => [v.name, v.file])).toEqual([
      ['pair', scenario],
      ['pair-four', other],
    ]);
    expect(json.variants[1].differences.responseTime.mean.significant).toBe(true);
    expect(json.variants[1].differences.responseTime.mean.mean).toBeLessThan(0);
    const byFile = await cli('compare', scenario, other, '--baseline', other, '--out', join(dir, 'files-b'), '-q');
    expect(byFile.code).toBe(0);
  });

  it('shows its own help', async () => {
    const { code, stdout } = await cli('compare', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('clustersim compare <scenarios..> [options]');
    expect(stdout).toContain('--policies');
    expect(stdout).toContain('Exit codes:');
  });
});
