/**
 * Partitions between Raft servers through a scenario run (issue 6, part 2): a `partition` failure cuts its nodes off
 * from the clients and from the servers on the clients' side. A leader partitioned alone: the majority elects a new
 * leader within the election-timeout range, the old one keeps believing it leads until the heal, then steps down on
 * the higher term; no write of the old leader commits meanwhile, and with quorum no acknowledged write is lost. A
 * partitioned minority of followers never elects a leader.
 */
import { describe, expect, it } from 'vitest';
import { replicationStreams, runReplication, type ReplicationOutcome, type ScenarioSpec } from '../../../../src/index.js';
import type { Simulator } from '../../../../src/engine/simulator.js';
import { FailureCause } from '../../../../src/metrics/failure-causes.js';
import { ReplicatedStore } from '../../../../src/topology/single-leader/replicated-store.js';
import type { Topology } from '../../../../src/topology/topology.js';
import { cluster, constant, exponential, failuresOnly, singleLeader } from '../../../helpers/scenarios.js';
import { expectReplicationConserved } from '../../../helpers/simulate.js';
import { singleLeaderOf } from '../../../helpers/sections.js';

const warmup = 1;
/** The partition, in simulated seconds: from 5 s to 8 s (4 s to 7 s after the warm-up). */
const cutAt = 5;
const healAt = 8;

function partitioned(replication: 'quorum' | 'all', nodes: string[]): ScenarioSpec {
  const spec = cluster({
    seed: `store-partition-${replication}-${nodes.join('-')}`,
    nodes: 5,
    policy: 'round-robin',
    latency: constant(0.0005),
    classes: [
      { name: 'writes', rate: 200, work: exponential(0.001), op: 'write' },
      { name: 'reads', rate: 100, work: exponential(0.0005), op: 'read' },
    ],
    run: { duration: 12, warmup, replications: 1 },
  });
  spec.topology = singleLeader({ replication, delay: exponential(0.002) });
  spec.reliability = failuresOnly([{ kind: 'timeline', steps: [{ at: cutAt, partition: nodes, for: healAt - cutAt }] }]);
  return spec;
}

/** Runs the scenario, letting `watch` schedule its own checks on the simulator inside. */
function run(spec: ScenarioSpec, watch: (store: ReplicatedStore, sim: Simulator) => void): ReplicationOutcome {
  const outcome = runReplication(spec, replicationStreams(spec.seed, 0), 0, {
    onTopology: (topology: Topology, sim: Simulator) => watch(topology as ReplicatedStore, sim),
  });
  expectReplicationConserved(outcome, spec.name);
  // Every measured request finished: none was left waiting at a deposed leader.
  expect(outcome.stopReason).toBe('stop-condition');
  return outcome;
}

describe('a partition failure reaches the Raft servers', () => {
  it.each(['quorum', 'all'] as const)('%s: the old leader, cut off alone, leads nobody, commits nothing, and steps down after the heal', (replication) => {
    const seen: Record<string, { role: string; term: number; leader: number }> = {};
    let commitsByOldLeader = 0;
    let acknowledgedBefore = 0;
    const outcome = run(partitioned(replication, ['node-0']), (store, sim) => {
      const raft = store.raft;
      const look = (label: string) => (seen[label] = { role: raft.role(0), term: raft.term(0), leader: raft.leader });
      sim.schedule(cutAt - 0.001, () => look('before'));
      sim.schedule(cutAt + 0.001, () => look('cut'));
      sim.schedule(cutAt + 1, () => look('during'));
      sim.schedule(healAt - 0.001, () => {
        look('before heal');
        acknowledgedBefore = store.acknowledged;
      });
      sim.schedule(healAt + 0.5, () => look('after heal'));
      const onCommit = raft.listeners.onCommit;
      raft.listeners.onCommit = (leader, index, term) => {
        if (leader === 0 && sim.now > cutAt && sim.now < healAt) commitsByOldLeader++;
        onCommit?.(leader, index, term);
      };
    });
    expect(seen.before).toEqual({ role: 'leader', term: 1, leader: 0 });
    // Cut off: it still believes it leads term 1, but the cluster has no leader until the majority elects one.
    expect(seen.cut).toEqual({ role: 'leader', term: 1, leader: -1 });
    expect(seen.during.role).toBe('leader');
    expect(seen.during.term).toBe(1);
    expect(seen['before heal'].role).toBe('leader');
    const newLeader = seen.during.leader;
    expect(newLeader).toBeGreaterThan(0);
    // After the heal the old leader hears the higher term and follows.
    expect(seen['after heal'].role).toBe('follower');
    expect(seen['after heal'].term).toBeGreaterThanOrEqual(2);
    expect(seen['after heal'].leader).toBe(newLeader);
    // No write of the old leader committed while it was cut off: none acknowledged with quorum or all.
    expect(commitsByOldLeader).toBe(0);
    // The writes it held failed instead (cut off: unreachable; stepping down after the heal: no-leader).
    const failed = outcome.measurement.failedByCause;
    expect(failed[FailureCause.unreachable] + failed[FailureCause.noLeader]).toBeGreaterThan(0);
    expect(acknowledgedBefore).toBeGreaterThan(0); // the new leader acknowledged writes meanwhile
    // One election, caused by the partition; the majority elected within the timeout range (plus a vote round trip).
    const failovers = singleLeaderOf(outcome)!.failovers;
    expect(failovers).toHaveLength(1);
    const [f] = failovers;
    expect(f.cause).toBe('partition');
    expect(f.falseElection).toBeUndefined();
    expect(f.lostAt).toBeCloseTo(cutAt - warmup, 9);
    // The followers last heard the leader at most a few ms before the cut (writes replicate at 200/s).
    expect(f.end - f.lostAt).toBeGreaterThan(0.15 - 0.02);
    expect(f.end - f.lostAt).toBeLessThan(0.3 + 0.03);
    expect(singleLeaderOf(outcome)!.acknowledgedLostAll).toBe(0);
  });

  it('two followers cut off in a minority never elect a leader; the leader keeps leading until their return', () => {
    let leaderDuring = -2;
    let electedDuring = -1;
    const outcome = run(partitioned('quorum', ['node-3', 'node-4']), (store, sim) => {
      // The store keeps no history of wins (its memory must not grow with the run): count them as they happen.
      const elections = store.raft.elections;
      const recordWin = elections.leaderElected.bind(elections);
      electedDuring = 0;
      elections.leaderElected = (time, leader, term) => {
        if (time > cutAt && time < healAt) electedDuring++;
        recordWin(time, leader, term);
      };
      sim.schedule(healAt - 0.001, () => {
        leaderDuring = store.raft.leader;
      });
    });
    expect(leaderDuring).toBe(0);
    expect(electedDuring).toBe(0);
    // On their return their inflated terms depose the leader (Raft without pre-vote): an election, but not a false
    // one (they could not hear the leader), and not before the heal.
    const failovers = singleLeaderOf(outcome)!.failovers;
    expect(failovers.length).toBeLessThanOrEqual(1);
    for (const f of failovers) {
      expect(f.lostAt).toBeGreaterThanOrEqual(healAt - warmup);
      expect(f.falseElection).toBeUndefined();
    }
    expect(singleLeaderOf(outcome)!.acknowledgedLostAll).toBe(0);
  });
});
