/**
 * The Elasticity section (summary.json `scaling`) end to end, on a run whose node count is fixed by the rules alone:
 * one node of a group with min = max = 3 gets two more at the first sync (15 s; Kubernetes' reconcileAutoscaler sets
 * the count to minReplicas when it is below, before any metric), each provisioning for 60 s. Node-seconds count from
 * the provisioning request (node-set.ts), so the window [0, 1 h) holds 3 600 + 2 x (3 600 - 15) = 10 770 node-seconds,
 * 2.991 666... node-hours, at 0.12/h a cost of 10 770 x 0.12 / 3 600 = 0.359; peak 3; one scale-up action.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/experiment/run.js';
import { loadScenario } from '../../../src/scenario/index.js';

const text = [
  'name: t',
  'duration: 1h',
  'replications: 2',
  'nodes:',
  '  - { group: web, count: 1, cost: 0.12/h }',
  'workload:',
  '  - { class: api, arrivals: { process: poisson, rate: 0.5/s }, work: 100ms }',
  'scaling:',
  '  - { group: web, min: 3, max: 3, controller: target-tracking, target: 60%, provisioning: 60s }',
  '',
].join('\n');

describe('Elasticity section', () => {
  it('node-hours, cost, peak and actions from the provisioning request to the end of the window', async () => {
    const loaded = loadScenario(text, { file: 't.yaml' });
    expect(loaded.errors).toEqual([]);
    if (loaded.spec === undefined) throw new Error('no spec');
    const result = await runScenario(loaded.spec);
    const scaling = (result.summary as unknown as { scaling: Record<string, any> }).scaling;
    expect(scaling.nodeHours.value).toBeCloseTo(10770 / 3600, 9);
    expect(scaling.nodeHours.ci95).toEqual([10770 / 3600, 10770 / 3600].map((x) => expect.closeTo(x, 9)));
    expect(scaling.cost.value).toBeCloseTo(0.359, 9);
    expect(scaling.nodes.mean.value).toBeCloseTo(10770 / 3600, 9);
    expect(scaling.nodes.peak.value).toBe(3);
    expect(scaling.actions).toEqual({ up: { value: 1, ci95: [1, 1] }, down: { value: 0, ci95: [0, 0] } });
    // Per million measured arrivals: 0.359 over a Poisson count of mean 0.5 x 3 600 = 1 800 (sd 42.4); 5 sd either
    // side of the count bounds it between 0.359e6 / 2 012 = 178.4 and 0.359e6 / 1 588 = 226.1.
    expect(scaling.costPerMillionRequests.value).toBeGreaterThan(178.4);
    expect(scaling.costPerMillionRequests.value).toBeLessThan(226.1);
    // Nodes up per interval (36 s wide): 1 until the two new nodes serve at 15 + 60 = 75 s, then 3; the interval
    // [72, 108) averages (3 x 1 + 33 x 3) / 36.
    const up = result.timeseries.map((row) => row.nodesUp);
    expect(up.slice(0, 2)).toEqual([1, 1]);
    expect(up[2]).toBeCloseTo((3 + 33 * 3) / 36, 9);
    expect(up.slice(3).every((n) => Math.abs(n - 3) < 1e-9)).toBe(true);
    // The Elasticity chart's rows, per 36 s interval: requested 1 until the request at 15 s, then 3: [0, 36) averages
    // (1 x 15 + 3 x 21) / 36; ready and serving 1 until the nodes are up at 75 s: [72, 108) averages (3 + 33 x 3) / 36.
    const elasticity = result.sections.elasticity as { overTime: { requested: number; ready: number; serving: number }[] };
    expect(elasticity.overTime).toHaveLength(100);
    expect(elasticity.overTime[0].requested).toBeCloseTo((15 + 3 * 21) / 36, 9);
    expect(elasticity.overTime[1].requested).toBeCloseTo(3, 9);
    expect(elasticity.overTime.slice(0, 2).map((row) => [row.ready, row.serving])).toEqual([[1, 1], [1, 1]]);
    expect(elasticity.overTime[2].ready).toBeCloseTo((3 + 33 * 3) / 36, 9);
    expect(elasticity.overTime[2].serving).toBeCloseTo((3 + 33 * 3) / 36, 9);
    // One decision only: no flap; no p99 objective: no breach figure.
    expect(scaling.flaps).toEqual({ value: 0, ci95: [0, 0] });
    expect(scaling.breachToCapacity).toEqual({ value: null, ci95: null });
  });
});
