/**
 * Partitions as groups (issue 11, part 5), through whole runs of a single-leader store: a partition cuts its nodes off
 * as one group (they reach one another, not the rest, and the clients are on the rest's side); a region is cut off as
 * one; two overlapping partitions make one group each. What the Raft servers can reach is read from the running
 * cluster at chosen times; the expected groups are written out from the scenario's layout.
 */
import { describe, expect, it } from 'vitest';
import { replicationStreams, runReplication, type ScenarioSpec } from '../../../src/index.js';
import type { Simulator } from '../../../src/engine/simulator.js';
import { FailureCause } from '../../../src/metrics/failure-causes.js';
import { loadScenario } from '../../../src/scenario/index.js';
import type { ReplicatedStore } from '../../../src/topology/single-leader/replicated-store.js';
import type { Topology } from '../../../src/topology/topology.js';
import { expectReplicationConserved } from '../../helpers/simulate.js';

function scenario(...lines: string[]): ScenarioSpec {
  const result = loadScenario(`${lines.join('\n')}\n`, { file: 'partitions.yaml' });
  expect(result.errors).toEqual([]);
  if (result.spec === undefined) throw new Error('no spec');
  return result.spec;
}

/** The store of a five-node cluster (node 0 leads at the start), with the given placement and failures. */
function store(nodes: string[], failures: string[], ...more: string[]): ScenarioSpec {
  return scenario(
    'name: partitions',
    'seed: partitions',
    'duration: 60s',
    'nodes:',
    ...nodes,
    ...more,
    'network: { latency: 0.5ms }',
    'topology: { kind: single-leader, mode: replicated }',
    'workload: [{ class: put, arrivals: { process: poisson, rate: 50/s }, work: 1ms, op: write }]',
    'failures:',
    ...failures,
  );
}

interface Look {
  /** reach[i][j]: whether server i reaches server j. */
  reach: boolean[][];
  leader: number;
}

/** Runs one replication and looks at the servers at each of `times`. */
function lookAt(spec: ScenarioSpec, times: number[]): { looks: Look[]; unreachable: number } {
  const looks: Look[] = [];
  const outcome = runReplication(spec, replicationStreams(spec.seed, 0), 0, {
    onTopology: (topology: Topology, sim: Simulator) => {
      const raft = (topology as ReplicatedStore).raft;
      for (const time of times) {
        sim.schedule(time, () => {
          const n = raft.servers.length;
          const reach = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => raft.network.reachable(i, j)));
          looks.push({ reach, leader: raft.leader });
        });
      }
    },
  });
  expectReplicationConserved(outcome, spec.name);
  return { looks, unreachable: outcome.measurement.failedByCause[FailureCause.unreachable] };
}

/** The reach matrix of groups given as lists of servers (every server in exactly one). */
function groups(...lists: number[][]): boolean[][] {
  const groupOf = new Map<number, number>();
  lists.forEach((list, g) => list.forEach((server) => groupOf.set(server, g)));
  const n = groupOf.size;
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => groupOf.get(i) === groupOf.get(j)));
}

describe('a region cut off as one group', () => {
  it('region:us-east: its three servers reach one another and keep their leader; the clients reach none of them', () => {
    const spec = store(
      ['  - { group: east, count: 3, zone: e1 }', '  - { group: west, count: 2, zone: w1 }'],
      ['  - { kind: partition, nodes: region:us-east, at: 20s, duration: 10s }'],
      'zones: { e1: { region: us-east }, w1: { region: eu-west } }',
    );
    const { looks, unreachable } = lookAt(spec, [10, 25]);
    expect(looks[0]).toEqual({ reach: groups([0, 1, 2, 3, 4]), leader: 0 });
    // Servers 0, 1, 2 (us-east) on one side, 3 and 4 (eu-west) with the clients on the other. The leader, server 0,
    // still reaches a majority (3 of 5) in its group, so the cluster keeps it.
    expect(looks[1]).toEqual({ reach: groups([0, 1, 2], [3, 4]), leader: 0 });
    // But the clients are on the other side: writes sent to it are lost.
    expect(unreachable).toBeGreaterThan(0);
  });
});

describe('overlapping partitions', () => {
  // Zone a: servers 0 (the leader) and 1; zone b: 2 and 3; zone c: 4.
  const layout = ['  - { group: a, count: 2, zone: a }', '  - { group: b, count: 2, zone: b }', '  - { group: c, zone: c }'];

  it('two partitions, of zone a (20 s to 40 s) and zone b (30 s to 50 s): one group each while both hold', () => {
    const spec = store(layout, [
      '  - { kind: partition, nodes: zone:a, at: 20s, duration: 20s }',
      '  - { kind: partition, nodes: zone:b, at: 30s, duration: 20s }',
    ]);
    const { looks } = lookAt(spec, [25, 35, 45, 55]);
    expect(looks.map((l) => l.reach)).toEqual([
      groups([0, 1], [2, 3, 4]),
      // Three groups: a, b, and c with the clients. No group holds a majority of 5: no leader anywhere.
      groups([0, 1], [2, 3], [4]),
      groups([0, 1, 4], [2, 3]),
      groups([0, 1, 2, 3, 4]),
    ]);
    expect(looks[1].leader).toBe(-1);
  });

  it('one partition of zone a and zone b together: one group of four, which keeps its leader', () => {
    const spec = store(layout, ['  - { kind: timeline, steps: [{ at: 30s, partition: [zone:a, zone:b], for: 10s }] }']);
    const { looks } = lookAt(spec, [35, 45]);
    expect(looks[0]).toEqual({ reach: groups([0, 1, 2, 3], [4]), leader: 0 });
    expect(looks[1].reach).toEqual(groups([0, 1, 2, 3, 4]));
  });
});
