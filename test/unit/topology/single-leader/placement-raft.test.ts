/**
 * Non-voters and a preferred leader in the Raft cluster (issue 14, placement). A non-voter is etcd's learner
 * (https://etcd.io/docs/v3.4/learning/design-learner/): it receives the log but does not vote, stand for election or
 * count toward a majority. A preferred leader takes the leadership by leadership transfer (Ongaro's thesis, section
 * 3.10: TimeoutNow to an up-to-date voter, which stands for election at once).
 */
import { describe, expect, it } from 'vitest';
import { raftConfigProblems, type RaftConfig } from '../../../../src/topology/single-leader/index.js';
import { harness, ms } from './helpers.js';

/** 3 voters (0, 1, 2) and 2 non-voters (3, 4). */
const LEARNERS: Partial<RaftConfig> = { voters: [true, true, true, false, false] };

describe('non-voting followers', () => {
  it('receive every entry, but a commit needs a majority of the voters (2 of 3), not of the 5 servers', () => {
    const { sim, cluster } = harness(LEARNERS);
    expect(cluster.majority).toBe(2);
    cluster.bootstrap(0);
    for (let k = 0; k < 10; k++) cluster.append();
    sim.run({ until: 0.01 });
    for (const s of cluster.servers) expect(s.log.lastIndex).toBe(10);
    expect(cluster.servers[0].commitIndex).toBe(10);
    // Voters 1 and 2 down: the leader and both non-voters hold new entries, 3 of 5 servers, but 1 of 3 voters.
    cluster.crash(1);
    cluster.crash(2);
    // Server 0 still believes it leads (the cluster counts no leader: it reaches 1 voter of 3), and appends.
    expect(cluster.leader).toBe(-1);
    for (let k = 0; k < 5; k++) cluster.append(0);
    sim.run({ until: 0.02 });
    expect(cluster.servers[3].log.lastIndex).toBe(15);
    expect(cluster.servers[4].log.lastIndex).toBe(15);
    expect(cluster.servers[0].commitIndex).toBe(10);
  });

  it('never stand for election nor vote: with the leader down and one voter left, no leader, ever', () => {
    const { sim, cluster } = harness(LEARNERS, 'learners-no-vote');
    cluster.bootstrap(0);
    sim.run({ until: 0.5 });
    cluster.crash(0);
    cluster.crash(1);
    sim.run({ until: 30 });
    // With 5 voters, 2, 3 and 4 would be a majority; with 3 voters, server 2 alone is not.
    expect(cluster.leader).toBe(-1);
    for (const s of [3, 4]) {
      expect(cluster.servers[s].role).toBe('follower');
      expect(cluster.servers[s].currentTerm).toBeLessThanOrEqual(1); // never a candidate: its term only follows
    }
    expect(cluster.servers[2].currentTerm).toBeGreaterThan(10); // it tried, every 150 to 300 ms
  });

  it('a leader keeps a majority of the voters without any non-voter', () => {
    const { sim, cluster } = harness(LEARNERS, 'learners-down');
    cluster.bootstrap(0);
    cluster.crash(3);
    cluster.crash(4);
    cluster.crash(2);
    sim.run({ until: 5 });
    expect(cluster.leader).toBe(0);
    expect(cluster.elections.records.filter((r) => r.cause !== 'start')).toEqual([]);
  });
});

describe('a preferred leader', () => {
  /** 5 voters; 3 and 4 preferred. */
  const PREFERRED: Partial<RaftConfig> = { preferredLeaders: [false, false, false, true, true] };

  it('takes the leadership from a leader elsewhere by a transfer, within a heartbeat and a round trip', () => {
    const { sim, cluster } = harness(PREFERRED, 'transfer');
    cluster.bootstrap(0);
    // Heartbeat at 50 ms: server 3 holds the (empty) log, TimeoutNow reaches it 1 ms later, RequestVote and the votes
    // take 2 ms more: leader 3 by about 53 ms.
    sim.run({ until: 0.06 });
    expect(cluster.leader).toBe(3);
    expect(cluster.transfersStarted).toBe(1);
    const handover = cluster.elections.records.at(-1)!;
    expect(handover.falseElection).toBe(false);
    sim.run({ until: 30 });
    expect(cluster.leader).toBe(3); // a preferred leader hands nothing on
    expect(cluster.transfersStarted).toBe(1);
  });

  it('waits for a preferred voter that is down, and hands over once it is back and caught up', () => {
    const { sim, cluster } = harness(PREFERRED, 'transfer-later');
    cluster.crash(3);
    cluster.crash(4);
    cluster.bootstrap(0);
    for (let k = 0; k < 20; k++) cluster.append();
    sim.run({ until: 2 });
    expect(cluster.leader).toBe(0);
    expect(cluster.transfersStarted).toBe(0);
    cluster.restart(4);
    sim.run({ until: 2.2 });
    expect(cluster.leader).toBe(4);
    expect(cluster.servers[4].log.lastIndex).toBe(20);
    expect(cluster.servers[4].commitIndex).toBeGreaterThanOrEqual(20);
  });

  it('a non-voter cannot be preferred, and flags come one per server', () => {
    const base: RaftConfig = { servers: 3, heartbeat: 50 * ms, electionTimeout: [0.15, 0.3], delay: { dist: 'constant', value: ms } };
    expect(raftConfigProblems({ ...base, voters: [true, false, false], preferredLeaders: [false, true, false] })).toEqual([
      'a preferred leader must be a voter',
    ]);
    expect(raftConfigProblems({ ...base, voters: [true, false] })).toEqual(['voters must hold one flag per server (got 2 for 3)']);
    expect(raftConfigProblems({ ...base, voters: [false, false, false] })).toEqual(['voters must name at least one voter']);
  });
});

describe('a follower back from further away than the log reaches', () => {
  /**
   * Server 2 misses 1 000 entries (500/s for 2 s, ten times the 100 the leader keeps) and comes back while the writes
   * go on: it needs the leader's snapshot, then the entries after it. Were those compacted while the snapshot was on
   * its way (the leader compacts to its commit index minus 100 as it commits), it would need another snapshot, as far
   * behind, on every round trip, and stay about 100 behind for as long as the writes last; kept, it catches up in
   * one: a second later it lacks only the writes of the last round trip (2 ms: one entry, with room to 10).
   */
  it('catches up by one snapshot under steady writes', () => {
    const { sim, cluster } = harness({ servers: 3, snapshotThreshold: 100 }, 'catch-up');
    cluster.bootstrap(0);
    cluster.crash(2);
    let t = 0;
    const writeFor = (seconds: number) => {
      for (const end = t + seconds; t < end; t += 0.002) {
        sim.run({ until: t });
        cluster.append();
      }
    };
    writeFor(2);
    cluster.restart(2);
    writeFor(1);
    const leader = cluster.servers[cluster.leader];
    expect(leader.log.lastIndex).toBeGreaterThan(1400);
    expect(leader.log.lastIndex - cluster.servers[2].log.lastIndex).toBeLessThan(10);
    expect(cluster.snapshotsSent).toBe(1);
  });
});

