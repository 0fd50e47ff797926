/**
 * `coordinator: { group }` (issue 12): a stateless coordinator tier. Requests enter a node of the group, which
 * coordinates; the ring is the other nodes', so the tier holds no replica and serves no replica task: every key's N
 * replicas are storage nodes, and all the replica work lands there.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../../../src/index.js';
import type { LeaderlessData } from '../../../../src/topology/leaderless/sections/data.js';
import { cluster, exponential, nodes } from '../../../helpers/scenarios.js';
import { leaderlessTopology } from '../../../helpers/leaderless.js';
import { simulate } from '../../../helpers/simulate.js';
import { errorsOf, yaml } from '../../scenario/helpers.js';
import { NodeTable } from '../../../../src/model/node-table.js';

function store(): ScenarioSpec {
  const spec = cluster({
    seed: 'll-tier',
    nodes: 4,
    policy: 'random',
    latency: exponential(0.0005),
    classes: [
      { name: 'get', op: 'read', rate: 1000, work: exponential(0.0001) },
      { name: 'put', op: 'write', rate: 500, work: exponential(0.0001) },
    ],
    run: { duration: 3, warmup: 0.5, replications: 1 },
  });
  spec.nodes = NodeTable.of([...nodes(2, {}, 'proxy'), ...spec.nodes]);
  for (const c of spec.workload) c.keys = { count: 1000, popularity: 'uniform', exponent: 0 };
  spec.topology = leaderlessTopology({ writeLevel: 'quorum', readLevel: 'quorum', coordinator: { group: 'proxy' } });
  return spec;
}

describe('coordinator: { group } (a stateless coordinator tier)', () => {
  it('the tier holds no part of the ring and serves no replica task; the four storage nodes take all of it', () => {
    const sim = simulate(store());
    const data = sim.outcomes[0].sections.leaderless as LeaderlessData;
    expect(data.ringShare.slice(0, 2)).toEqual([0, 0]);
    expect(data.ringShare.slice(2).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(data.replicaTasks.slice(0, 2)).toEqual([0, 0]);
    // Every request costs N = 3 replica tasks, all on storage nodes.
    const tasks = data.replicaTasks.reduce((a, b) => a + b, 0);
    expect(tasks).toBeGreaterThan(3 * 0.95 * (data.readsDone + data.writesDone));
    expect(data.readsFailed + data.writesFailed).toBe(0);
  });

  it('names a node group of the file', () => {
    const lines = [
      'name: t',
      'duration: 1h',
      'nodes:',
      '  - group: store',
      '    count: 3',
      'workload:',
      '  - class: put',
      '    op: write',
      '    arrivals: { process: poisson, rate: 1/s }',
      '    work: 1ms',
      '    keys: { count: 100, popularity: uniform }',
      'topology:',
      '  kind: leaderless',
      '  coordinator: { group: proxies }',
    ];
    // line 14 "  coordinator: { group: " is 24 characters: the value at column 25
    expect(errorsOf(yaml(...lines))).toEqual([
      "t.yaml:14:25: topology.coordinator.group: bad value 'proxies': is not a node group of this file; valid: store",
    ]);
  });
});
