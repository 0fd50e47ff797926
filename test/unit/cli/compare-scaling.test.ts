/**
 * `clustersim compare` over controller settings (issue 13): two scale-to-zero variants that differ in idleTimeout
 * get the Elasticity section's cost-vs-p99 chart, one point per variant at its summary's p99 and cost. (A comparison
 * without scaling gets none: compare.test.ts lists its files exactly.)
 */
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, temporaryFolder } from './helpers.js';

const SCENARIO = `name: idle-0s
seed: 5
duration: 2h
replications: 2
nodes:
  - { group: fn, count: 1, cost: 1/h }
workload:
  - { class: c, arrivals: { process: poisson, rate: 2/min }, work: { dist: exponential, mean: 100ms } }
scaling:
  - { group: fn, min: 0, max: 1, controller: scale-to-zero, idleTimeout: 0s, provisioning: 2s }
`;

let dir: string;
beforeAll(async () => {
  dir = temporaryFolder();
  await writeFile(join(dir, 'idle-0s.yaml'), SCENARIO);
  await writeFile(join(dir, 'idle-5min.yaml'), SCENARIO.replace('name: idle-0s', 'name: idle-5min').replace('idleTimeout: 0s', 'idleTimeout: 5min'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('clustersim compare over controller settings', () => {
  it('adds cost-vs-p99 with each variant at its own p99 and cost', async () => {
    const out = join(dir, 'out');
    const { code } = await cli('compare', join(dir, 'idle-0s.yaml'), join(dir, 'idle-5min.yaml'), '--out', out, '-q');
    expect(code).toBe(0);
    const folder = join(out, 'idle-0s-compare');
    expect(await readdir(folder)).toEqual(expect.arrayContaining(['cost-vs-p99.vl.json', 'cost-vs-p99.svg']));
    const chart = JSON.parse(await readFile(join(folder, 'cost-vs-p99.vl.json'), 'utf8'));
    const json = JSON.parse(await readFile(join(folder, 'comparison.json'), 'utf8'));
    const expected = json.variants.map((v: { name: string; summary: { responseTime: { p99: { value: number } }; scaling: { cost: { value: number } } } }) => ({
      variant: v.name,
      p99: v.summary.responseTime.p99.value,
      cost: v.summary.scaling.cost.value,
    }));
    expect(chart.data.values.map((p: { variant: string; p99: number; cost: number }) => ({ variant: p.variant, p99: p.p99, cost: p.cost }))).toEqual(expected);
    // Keeping the node 5 min after each request costs more than removing it at once, and is faster.
    expect(expected[1].cost).toBeGreaterThan(expected[0].cost);
    expect(expected[1].p99).toBeLessThan(expected[0].p99);
  });
});
