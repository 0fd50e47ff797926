/**
 * False elections (issue 6, the timeout-tuning sweep): an election is false when the candidacy that deposed the
 * leader started while that leader was alive, led a majority and could be heard by the candidate. A crash, a
 * partition of the leader, or a follower deposing the leader on its return from a partition is not one.
 */
import { describe, expect, it } from 'vitest';
import { harness, ms } from './helpers.js';

describe('false elections in the election log', () => {
  it('a follower timing out under a healthy, reachable leader deposes it: a false election', () => {
    const { sim, cluster } = harness();
    cluster.bootstrap(0);
    sim.schedule(1, () => cluster.forceTimeout(2)); // a timer that fires as if heartbeats were late
    sim.run({ until: 3 });
    const [record] = cluster.elections.records;
    expect(record).toMatchObject({ cause: 'step-down', previousLeader: 0, falseElection: true });
    expect(record.candidacies[0]).toMatchObject({ server: 2, term: 2, leaderReachable: true });
    expect(cluster.elections.records).toHaveLength(1);
  });

  it('a leader crash is not a false election', () => {
    const { sim, cluster } = harness();
    cluster.bootstrap(0);
    sim.schedule(1, () => cluster.crash(0));
    sim.run({ until: 3 });
    expect(cluster.elections.records).toHaveLength(1);
    expect(cluster.elections.records[0]).toMatchObject({ cause: 'leader-crash', falseElection: false });
  });

  it('a leader partitioned alone is not a false election, nor is its step-down after the heal', () => {
    const { sim, cluster } = harness();
    cluster.bootstrap(0);
    sim.schedule(1, () => cluster.partition([[0]]));
    sim.schedule(2, () => cluster.heal());
    sim.run({ until: 3 });
    expect(cluster.elections.records).toHaveLength(1);
    expect(cluster.elections.records[0]).toMatchObject({ cause: 'partition', falseElection: false });
    expect(cluster.role(0)).toBe('follower');
  });

  it('followers cut off in a minority depose the leader on their return: disruptive, but not false', () => {
    const { sim, cluster } = harness();
    cluster.bootstrap(0);
    sim.schedule(1, () => cluster.partition([[3, 4]]));
    sim.schedule(2, () => cluster.heal());
    sim.run({ until: 4 });
    // They stood again and again (inflating their terms) but never won: no leader elected during the partition.
    expect(cluster.elections.candidaciesWhileLed).toBeGreaterThan(2);
    expect(cluster.elections.elected.filter((e) => e.time > 0 && e.time < 2)).toEqual([]);
    const [record] = cluster.elections.records;
    expect(record).toMatchObject({ cause: 'step-down', previousLeader: 0, falseElection: false });
    expect(record.lostAt).toBeGreaterThan(2);
  });

  it('heavy-tailed message delays on FIFO links: a short timeout gives false elections, a long one none', () => {
    // A stalled link holds every message behind the slow one (head-of-line blocking): with p99 = 100 ms of delay,
    // a follower with a 60-75 ms timeout hears a gap longer than its timeout now and then.
    const delay = { dist: 'lognormal', median: 1 * ms, p99: 100 * ms } as const;
    const run = (electionTimeout: [number, number]) => {
      const { sim, cluster } = harness({ delay, electionTimeout, heartbeat: 20 * ms, fifoLinks: true }, 'false-elections');
      cluster.bootstrap(0);
      sim.run({ until: 60 });
      return cluster.elections.records;
    };
    const short = run([60 * ms, 75 * ms]);
    const long = run([1, 2]);
    const falseOf = (records: ReturnType<typeof run>) => records.filter((r) => r.falseElection).length;
    expect(falseOf(short)).toBeGreaterThan(5);
    // Every election there was false: nothing crashed and nothing was partitioned.
    expect(falseOf(short)).toBe(short.length);
    expect(falseOf(long)).toBe(0);
  });
});
