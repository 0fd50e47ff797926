/**
 * Raft's safety properties over many seeds and random fault schedules (issue 6, part 4): crashes and restarts
 * (several servers down at once, the leader included), partitions into random groups, reordering delays, and a
 * stream of writes sent to whichever servers believe they lead (deposed leaders included). Checked throughout:
 * never two leaders in one term, one vote per server per term, an index never committed with two entries, and every
 * committed entry in the log of every later leader (leader completeness). At the end every fault is repaired and
 * the cluster must converge: one leader, and every server holding the same committed prefix.
 */
import { describe, expect, it } from 'vitest';
import type { DistSpec } from '../../../../src/engine/distributions/index.js';
import { RandomStreams } from '../../../../src/engine/rng.js';
import { Simulator } from '../../../../src/engine/simulator.js';
import { doubleVotes, electionSafetyViolations, RaftCluster } from '../../../../src/topology/single-leader/index.js';
import { harness, ms } from './helpers.js';

interface ChaosOutcome {
  elections: number;
  committed: number;
  crashes: number;
  partitions: number;
  snapshots: number;
}

/** `snapshotThreshold`: log compaction as configured (default: the cluster's, which 20 s of writes never reach). */
function chaos(seed: number, snapshotThreshold?: number): ChaosOutcome {
  const n = seed % 3 === 0 ? 3 : seed % 3 === 1 ? 5 : 7;
  const delays: DistSpec[] = [
    { dist: 'exponential', mean: 5 * ms },
    { dist: 'uniform', min: 1 * ms, max: 20 * ms },
    { dist: 'constant', value: 3 * ms },
  ];
  const sim = new Simulator();
  const streams = new RandomStreams(`raft-chaos/${seed}`);
  const cluster = new RaftCluster(
    sim,
    {
      servers: n,
      heartbeat: 40 * ms,
      electionTimeout: [100 * ms, 200 * ms],
      delay: delays[seed % delays.length],
      ...(snapshotThreshold === undefined ? {} : { snapshotThreshold }),
    },
    streams,
  );
  const u = streams.stream('schedule');
  const pick = <T>(xs: T[]): T => xs[Math.floor(u() * xs.length)];
  const duration = 20;
  let crashes = 0;
  let partitions = 0;
  cluster.start();

  // Faults: on average one every 300 ms.
  const fault = () => {
    const up = cluster.servers.filter((s) => s.up).map((s) => s.id);
    const down = cluster.servers.filter((s) => !s.up).map((s) => s.id);
    const r = u();
    if (r < 0.3 && up.length > 0) {
      // Crash the leader half the time, else anyone up.
      const target = u() < 0.5 && cluster.leader !== -1 ? cluster.leader : pick(up);
      cluster.crash(target);
      crashes++;
    } else if (r < 0.65 && down.length > 0) {
      cluster.restart(pick(down));
    } else if (r < 0.8) {
      const groups: number[][] = [[], [], []];
      for (let s = 0; s < n; s++) groups[Math.floor(u() * 3)].push(s);
      cluster.partition(groups);
      partitions++;
    } else {
      cluster.heal();
    }
    const next = sim.now - 0.3 * Math.log(1 - u());
    if (next < duration) sim.schedule(next, fault);
  };
  sim.schedule(0.5, fault);

  // Writes: every 10 ms to a random server that believes it leads.
  const write = () => {
    const leaders = cluster.servers.filter((s) => s.up && s.role === 'leader').map((s) => s.id);
    if (leaders.length > 0) cluster.append(pick(leaders));
    if (sim.now + 0.01 < duration + 3) sim.schedule(sim.now + 0.01, write);
  };
  sim.schedule(0.01, write);

  sim.run({ until: duration });
  // Repair everything and let the cluster converge.
  cluster.heal();
  for (const s of cluster.servers) if (!s.up) cluster.restart(s.id);
  sim.run({ until: duration + 5 });

  const label = `seed ${seed} (n = ${n}${snapshotThreshold === undefined ? '' : `, snapshotThreshold ${snapshotThreshold}`})`;
  expect(electionSafetyViolations(cluster.elections.elected), label).toEqual([]);
  expect(doubleVotes(cluster.votes), label).toEqual([]);
  expect(cluster.safety.violations, label).toEqual([]);
  // Convergence: one leader, believed by itself alone; every server holds the committed prefix.
  const leader = cluster.leader;
  expect(leader, label).not.toBe(-1);
  expect(cluster.servers.filter((s) => s.role === 'leader').map((s) => s.id), label).toEqual([leader]);
  const committed = cluster.safety.committedEntries;
  const reference = cluster.servers[leader].log.allTerms().slice(0, committed);
  for (const s of cluster.servers) expect(s.log.allTerms().slice(0, committed), `${label} server ${s.id}`).toEqual(reference);
  // The election log is consistent: closed records end after they start, and leaderAt agrees with the changes.
  for (const r of cluster.elections.finished()) expect(r.end, label).toBeGreaterThanOrEqual(r.lostAt);
  const changes = cluster.elections.changes;
  for (let i = 0; i < changes.length; i++) {
    const next = changes[i + 1];
    if (next === undefined || next.time > changes[i].time) expect(cluster.leaderAt(changes[i].time), label).toBe(changes[i].leader);
    if (next !== undefined && next.time > changes[i].time) {
      expect(cluster.leaderAt((changes[i].time + next.time) / 2), label).toBe(changes[i].leader);
    }
  }
  return { elections: cluster.elections.elected.length, committed, crashes, partitions, snapshots: cluster.snapshotsSent };
}

describe('safety over random crash, restart and partition schedules', () => {
  const seeds = 300;
  it(`${seeds} seeds x 20 s of faults: no two leaders in a term, no double vote, leader completeness`, () => {
    let elections = 0;
    let committed = 0;
    let crashes = 0;
    let partitions = 0;
    let snapshots = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const o = chaos(seed);
      elections += o.elections;
      committed += o.committed;
      crashes += o.crashes;
      partitions += o.partitions;
      snapshots += o.snapshots;
      expect(o.committed, `seed ${seed}: writes committed`).toBeGreaterThan(100);
    }
    console.log(
      `[raft chaos] ${seeds} seeds: ${elections} leaders elected, ${crashes} crashes, ${partitions} partitions, ` +
        `${committed} entries committed, ${snapshots} snapshots sent`,
    );
    expect(elections).toBeGreaterThan(10 * seeds);
  });

  // Compaction as far as it goes (0: a server keeps no committed entry it does not need) or nearly: a follower that
  // was down or cut off for more than a few writes (one every 10 ms) is caught up by InstallSnapshot. The same
  // properties must hold, and every server must end with the same committed prefix, compacted or not.
  const compactedSeeds = 100;
  it(`${compactedSeeds} seeds with snapshotThreshold 0, 5 or 50: the same properties, with snapshots installed`, () => {
    let snapshots = 0;
    for (let seed = 0; seed < compactedSeeds; seed++) {
      const o = chaos(1000 + seed, [0, 5, 50][seed % 3]);
      snapshots += o.snapshots;
      expect(o.committed, `seed ${seed}: writes committed`).toBeGreaterThan(100);
    }
    console.log(`[raft chaos, compacted] ${compactedSeeds} seeds: ${snapshots} snapshots sent`);
    // Faults every 300 ms on average, a third of them crashes: far more than one follower per seed falls behind.
    expect(snapshots).toBeGreaterThan(compactedSeeds);
  });
});

describe("the Raft paper's figure 8: an entry of an earlier term is not committed by counting replicas", () => {
  it('S1 re-elected in term 4 replicates its term-2 entry to a majority but does not commit it; S5 may overwrite it', () => {
    // Servers S1..S5 are 0..4. Long timeouts: every election here is scripted (forceTimeout), nothing times out.
    const { sim, cluster } = harness({ electionTimeout: [10, 20], heartbeat: 1 }, 'figure-8');
    const step = (seconds = 0.02) => sim.run({ until: sim.now + seconds });
    cluster.bootstrap(0, 2);
    cluster.append(); // index 1, term 2, everywhere
    step();
    // (a) S1 leads term 2 and replicates index 2 (term 2) to S2 only.
    cluster.partition([[0, 1]]);
    expect(cluster.append(0)).toBe(2);
    step();
    // (b) S1 crashes; S5 wins term 3 with S3 and S4 and takes a different index 2 (term 3), replicated nowhere.
    cluster.crash(0);
    cluster.forceTimeout(4);
    step();
    expect(cluster.role(4)).toBe('leader');
    expect(cluster.term(4)).toBe(3);
    cluster.partition([[4]]);
    expect(cluster.append(4)).toBe(2);
    // (c) S5 crashes; S1 restarts and wins term 4 (two scripted timeouts: S3 and S4 voted in term 3), replicating
    // index 2 (term 2) to S2, S3: a majority holds it, but it is of an earlier term, so it must not commit.
    cluster.crash(4);
    cluster.restart(0);
    cluster.forceTimeout(0);
    step();
    cluster.forceTimeout(0);
    step();
    expect(cluster.role(0)).toBe('leader');
    expect(cluster.term(0)).toBe(4);
    expect([0, 1, 2].map((s) => cluster.servers[s].log.termAt(2))).toEqual([2, 2, 2]);
    expect(cluster.servers[0].commitIndex).toBeLessThan(2); // commitIndex is volatile: 0 after the restart
    // (d) S1 crashes; S5 restarts and wins term 5 (its last term, 3, beats their 2) and overwrites index 2.
    cluster.crash(0);
    cluster.heal();
    cluster.restart(4);
    cluster.forceTimeout(4);
    step();
    cluster.forceTimeout(4);
    step();
    expect(cluster.role(4)).toBe('leader');
    expect(cluster.term(4)).toBe(5);
    expect([1, 2, 3, 4].map((s) => cluster.servers[s].log.allTerms())).toEqual([
      [2, 3],
      [2, 3],
      [2, 3],
      [2, 3],
    ]);
    expect(cluster.safety.violations).toEqual([]);
    expect(electionSafetyViolations(cluster.elections.elected)).toEqual([]);
  });
});
