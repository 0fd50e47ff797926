/**
 * The scale-to-zero controller (src/scaling/scale-to-zero.ts) end to end on deterministic runs, the expected
 * figures worked by hand from its rules: a request that finds no node waits and starts one (a cold start), the node
 * serves after `provisioning`, and leaves once it has held nothing for `idleTimeout`.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenario/index.js';
import { simulate } from '../../helpers/simulate.js';

interface ScalingFigures {
  coldStarts: { value: number | null };
  flaps: { value: number | null };
  actions: { up: { value: number }; down: { value: number } };
  nodeHours: { value: number };
  coldStartResponseTime: { mean: { value: number | null }; p99: { value: number | null } };
}

function run(...lines: string[]) {
  const text = [
    'name: t',
    'seed: 3',
    'warmup: 0s',
    'replications: 1',
    'nodes:',
    '  - { group: web, count: 1, cores: 1, cost: 3.6/h }',
    'workload:',
    '  - { class: api, arrivals: { process: deterministic, rate: 0.1/s }, work: 1s }',
    ...lines,
    '',
  ].join('\n');
  const loaded = loadScenario(text, { file: 't.yaml' });
  expect(loaded.errors).toEqual([]);
  const simulation = simulate(loaded.spec!);
  const scaling = (simulation.summary as unknown as { scaling: ScalingFigures }).scaling;
  return { ...simulation, scaling };
}

describe('scale-to-zero', () => {
  it('arrivals 10 s apart, 1 s of work, 3 s of provisioning, idle timeout 7 s: cold and warm requests alternate', () => {
    // The scenario's node leaves at 0. The first request waits 3 s for a node and is served by 4 s after its
    // arrival; the node is then idle for 6 s (< 7 s), so the next request finds it warm (1 s); after that the node
    // is idle 9 s and leaves 7 s into it, 2 s before the third request, which is cold again; and so on. Arrivals
    // are 10 s apart from 10 s on (deterministic process), so the window [0, 200 s) holds 19: 10 cold, 9 warm.
    const { summary, scaling } = run(
      'duration: 200s',
      'scaling:',
      '  - { group: web, min: 0, max: 1, controller: scale-to-zero, idleTimeout: 7s, provisioning: 3s }',
    );
    expect(summary.requests.arrived).toBe(19);
    expect(summary.requests.completed).toBe(19);
    expect(scaling.coldStarts.value).toBe(10);
    expect(scaling.actions.up.value).toBe(10);
    expect(summary.responseTime.mean.value).toBeCloseTo((10 * 4 + 9 * 1) / 19, 9);
    expect(scaling.coldStartResponseTime.mean.value).toBeCloseTo(4, 9);
    // p99 of ten 4 s values, from the sketch (relative accuracy 0.2 %).
    expect(Math.abs(scaling.coldStartResponseTime.p99.value! - 4)).toBeLessThan(4 * 0.002);
    // Node k (k = 0 .. 9) is requested at 10 + 20k and serves the requests of 10 + 20k and 20 + 20k; it leaves 7 s
    // after the second reply (21 + 20k), at 28 + 20k: 18 s each. The tenth, requested at 190 s, still exists when
    // the window ends at 200 s: 9 x 18 + 10 = 172 node-seconds, and 9 removals.
    expect(scaling.nodeHours.value).toBeCloseTo(172 / 3600, 9);
    expect(scaling.actions.down.value).toBe(9);
    // 19 decisions alternating up (10, 30, ... 190 s) and down (28, 48, ... 188 s), each within 10 min of the one
    // before: every one after the first is a flap.
    expect(scaling.flaps.value).toBe(18);
  });

  it('a waiting request is bounded by its client timeout', () => {
    // Provisioning 100 s, timeout 5 s without retries: the requests of 10, 20 and 30 s wait and time out at 15, 25
    // and 35 s; only the first starts a node (one is already on its way for the others). Client timeouts apply in a
    // scenario with failures: a crash scripted after the run gives it some.
    const { summary, scaling } = run(
      'duration: 35s',
      'failures: [{ kind: timeline, steps: [{ at: 10h, crash: web-0, for: 1s }] }]',
      'clients: { timeout: 5s, retries: 0 }',
      'scaling:',
      '  - { group: web, min: 0, max: 1, controller: scale-to-zero, idleTimeout: 0s, provisioning: 100s }',
    );
    expect(summary.requests.arrived).toBe(3);
    expect(summary.requests.completed).toBe(0);
    expect(summary.requests.failedByCause).toMatchObject({ timeout: 3 });
    expect(scaling.coldStarts.value).toBe(1);
    expect(scaling.coldStartResponseTime.mean.value).toBeNull();
  });
});
