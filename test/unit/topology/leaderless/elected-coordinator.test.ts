/**
 * `coordinator: elected` (issue 12): for each request the live nodes elect its coordinator, node j with probability
 * p_j = priority_j x speed_j / sum over the live nodes. Over M elections node j's count is binomial(M, p_j), so its
 * share is within 4 standard errors sqrt(p_j (1 - p_j) / M) of p_j (the tolerance rule of
 * /work/shared/reference/README.md sized by the run's elections: M = 2 x about 9 000 here, 4 SE about 0.014 at
 * p = 0.3). A dead node takes no part: crashed for the whole run, its share is 0 and the others' weights renormalise.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../../../src/index.js';
import type { LeaderlessData } from '../../../../src/topology/leaderless/sections/data.js';
import { cluster, exponential, failuresOnly } from '../../../helpers/scenarios.js';
import { leaderlessTopology } from '../../../helpers/leaderless.js';
import { simulate } from '../../../helpers/simulate.js';
import { NodeTable } from '../../../../src/model/node-table.js';

/** priority x speed: 1 x 1, 2 x 1, 1 x 2, 3 x 0.5. */
const PRIORITY = [1, 2, 1, 3];
const SPEED = [1, 1, 2, 0.5];

function store(nodeThreeDead: boolean): ScenarioSpec {
  const spec = cluster({
    seed: 'll-elected',
    nodes: 4,
    policy: 'random',
    latency: exponential(0.0005),
    classes: [
      { name: 'get', op: 'read', rate: 1400, work: exponential(0.0001) },
      { name: 'put', op: 'write', rate: 600, work: exponential(0.0001) },
    ],
    run: { duration: 5, warmup: 0.5, replications: 2 },
  });
  spec.nodes = NodeTable.of(spec.nodes.map((node, i) => ({ ...node, priority: PRIORITY[i], speed: SPEED[i] })));
  for (const c of spec.workload) c.keys = { count: 1000, popularity: 'uniform', exponent: 0 };
  spec.topology = leaderlessTopology({ writeQuorum: 1, readQuorum: 1, coordinator: 'elected' });
  if (nodeThreeDead) spec.reliability = failuresOnly([{ kind: 'timeline', steps: [{ at: 0, crash: 'node-3', for: 100 }] }]);
  return spec;
}

function shares(spec: ScenarioSpec): { shares: number[]; elections: number } {
  const totals = [0, 0, 0, 0];
  for (const outcome of simulate(spec).outcomes) {
    const data = outcome.sections.leaderless as LeaderlessData;
    data.coordinated!.forEach((count, i) => (totals[i] += count));
  }
  const elections = totals.reduce((a, b) => a + b, 0);
  return { shares: totals.map((count) => count / elections), elections };
}

function expectBinomial(measured: number[], weights: number[], elections: number): void {
  const sum = weights.reduce((a, b) => a + b, 0);
  weights.forEach((weight, j) => {
    const p = weight / sum;
    const tolerance = 4 * Math.sqrt((p * (1 - p)) / elections);
    expect(Math.abs(measured[j] - p), `node-${j}: ${measured[j]} against ${p} +- ${tolerance}`).toBeLessThanOrEqual(tolerance);
  });
}

describe('coordinator: elected', () => {
  it('node j coordinates priority_j x speed_j / sum of the live nodes: 1, 2, 2, 1.5 of 6.5', () => {
    const { shares: measured, elections } = shares(store(false));
    expect(elections).toBeGreaterThan(15_000);
    expectBinomial(measured, [1, 2, 2, 1.5], elections);
  });

  it('a dead node takes no part: node-3 crashed, the others share 1, 2, 2 of 5', () => {
    const { shares: measured, elections } = shares(store(true));
    expect(measured[3]).toBe(0);
    expectBinomial(measured, [1, 2, 2, 0], elections);
  });
});
