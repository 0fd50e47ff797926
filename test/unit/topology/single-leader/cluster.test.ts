/** The cluster's behaviour without faults, its API and its determinism. */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../../src/engine/rng.js';
import { Simulator } from '../../../../src/engine/simulator.js';
import { RaftCluster, raftConfigProblems, type RaftConfig } from '../../../../src/topology/single-leader/index.js';
import { harness, ms, selfBelievedLeaders } from './helpers.js';

describe('a cluster without faults', () => {
  it('elects one leader from a cold start, and heartbeats keep it for a minute', () => {
    const { sim, cluster } = harness({}, 'cold-start');
    cluster.start();
    sim.run({ until: 60 });
    expect(cluster.elections.elected).toHaveLength(1);
    const [first] = cluster.elections.records;
    expect(first.cause).toBe('start');
    expect(first.lostAt).toBe(0);
    expect(first.start).toBeGreaterThanOrEqual(0.15);
    expect(first.end).toBeLessThan(0.35);
    expect(first.term).toBe(1);
    expect(cluster.elections.candidaciesWhileLed).toBe(0);
    expect(selfBelievedLeaders(cluster)).toEqual([cluster.leader]);
    for (const s of cluster.servers) {
      expect(s.currentTerm).toBe(1);
      expect(s.leaderId).toBe(cluster.leader);
    }
    // Heartbeats: n - 1 AppendEntries and as many replies per 50 ms, all delivered.
    expect(cluster.messagesLost).toBe(0);
    expect(cluster.messagesDelivered).toBeGreaterThan(2 * 4 * (59 / 0.05));
  });

  it('replicates and commits appended entries on every server; a restarted follower catches up', () => {
    const { sim, cluster } = harness({ servers: 3 });
    const commits: number[] = [];
    cluster.listeners.onCommit = (leader, index, term) => {
      expect([leader, term]).toEqual([0, 1]);
      commits.push(index);
    };
    cluster.bootstrap(0);
    for (let k = 1; k <= 10; k++) expect(cluster.append()).toBe(k);
    sim.run({ until: 0.01 });
    expect(commits).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(cluster.servers[0].commitIndex).toBe(10);
    cluster.crash(2);
    for (let k = 0; k < 5; k++) cluster.append();
    sim.run({ until: 0.02 });
    expect(cluster.servers[0].commitIndex).toBe(15); // 0 and 1 are a majority
    cluster.restart(2);
    sim.run({ until: 0.2 }); // the next heartbeats find the gap and fill it
    for (const s of cluster.servers) {
      expect(s.log.lastIndex).toBe(15);
      expect(s.commitIndex).toBe(15); // followers learn the commit index from heartbeats
    }
    expect(cluster.leader).toBe(0);
    expect(cluster.safety.committedEntries).toBe(15);
  });

  it('a single server elects itself and commits at once', () => {
    const { sim, cluster } = harness({ servers: 1 });
    cluster.start();
    sim.run({ until: 1 });
    expect(cluster.leader).toBe(0);
    expect(cluster.append()).toBe(1);
    expect(cluster.servers[0].commitIndex).toBe(1);
  });

  it('append refuses a server that does not believe it leads', () => {
    const { cluster } = harness();
    cluster.bootstrap(2);
    expect(cluster.append(1)).toBe(-1);
    cluster.crash(2);
    expect(cluster.leader).toBe(-1);
    expect(cluster.append()).toBe(-1);
    expect(cluster.append(2)).toBe(-1);
  });

  it('leaderAt answers for any time from the leadership changes', () => {
    const { sim, cluster } = harness();
    cluster.bootstrap(1);
    sim.schedule(1, () => cluster.crash(1));
    sim.run({ until: 3 });
    const record = cluster.elections.records[0];
    expect(cluster.leaderAt(0.5)).toBe(1);
    expect(cluster.leaderAt(1)).toBe(-1);
    expect(cluster.leaderAt((record.lostAt + record.end) / 2)).toBe(-1);
    expect(cluster.leaderAt(record.end)).toBe(record.leader);
    expect(cluster.leaderAt(2.5)).toBe(record.leader);
    expect(cluster.leaderAt(-1)).toBe(-1);
  });
});

describe('determinism and streams', () => {
  function trajectory(seed: string, servers = 5) {
    const { sim, cluster } = harness({ servers, delay: { dist: 'exponential', mean: 3 * ms } }, seed);
    cluster.start();
    sim.schedule(2, () => cluster.crash(cluster.leader));
    sim.schedule(4, () => cluster.partition([[0, 1]]));
    sim.schedule(6, () => cluster.heal());
    sim.run({ until: 8 });
    return { elected: cluster.elections.elected, sent: cluster.messagesSent, events: sim.events };
  }

  it('the same seed gives the same run; another seed another', () => {
    expect(trajectory('a')).toEqual(trajectory('a'));
    expect(trajectory('a')).not.toEqual(trajectory('b'));
  });

  it('a server draws its timeouts from its own stream: adding a server leaves the others draws alone', () => {
    const draws = (servers: number) => {
      const sim = new Simulator();
      const cluster = new RaftCluster(
        sim,
        { servers, heartbeat: 0.05, electionTimeout: [0.15, 0.3], delay: { dist: 'constant', value: 0.001 } },
        new RandomStreams('streams'),
      );
      return cluster.servers.slice(0, 3).map((s) => [s.drawTimeout(), s.drawTimeout()]);
    };
    expect(draws(3)).toEqual(draws(7));
  });
});

describe('configuration', () => {
  const valid: RaftConfig = { servers: 3, heartbeat: 0.05, electionTimeout: [0.15, 0.3], delay: { dist: 'constant', value: 0.001 } };

  it('lists every problem, and the constructor refuses an invalid configuration', () => {
    expect(raftConfigProblems(valid)).toEqual([]);
    expect(raftConfigProblems({ ...valid, electionTimeout: [0.15, 0.15] })).toEqual([]); // no randomisation is allowed
    const problems = raftConfigProblems({ servers: 0, heartbeat: -1, electionTimeout: [0.3, 0.15], delay: { dist: 'exponential', mean: -1 } });
    expect(problems).toHaveLength(4);
    expect(problems.join('; ')).toMatch(/servers.*heartbeat.*electionTimeout.*delay/);
    expect(() => new RaftCluster(new Simulator(), { ...valid, servers: 2.5 }, new RandomStreams('x'))).toThrow(RangeError);
  });

  it('starts once, and names a server out of range', () => {
    const { cluster } = harness();
    cluster.bootstrap(0);
    expect(() => cluster.start()).toThrow(/already started/);
    expect(() => cluster.crash(5)).toThrow(/no server 5/);
    expect(() => harness().cluster.bootstrap(0, 0)).toThrow(/term/);
  });
});
