/**
 * Partitions: a minority never elects a leader; an old leader cut off in a minority keeps believing it leads until
 * it learns of the higher term, then steps down; at most one leader per term throughout.
 */
import { describe, expect, it } from 'vitest';
import { doubleVotes, electionSafetyViolations } from '../../../../src/topology/single-leader/index.js';
import { harness, ms, selfBelievedLeaders } from './helpers.js';

const exponentialDelay = { dist: 'exponential', mean: 2 * ms } as const;

describe('a partition with the old leader in the minority', () => {
  it('60 s cut off: the majority elects, the minority never does; healed, the old leader steps down', () => {
    const { sim, cluster } = harness({ delay: exponentialDelay }, 'partition/old-leader');
    cluster.start();
    sim.run({ until: 1 });
    const old = cluster.leader;
    expect(old).not.toBe(-1);
    const oldTerm = cluster.term(old);
    const minority = [old, (old + 1) % 5];
    const majority = [0, 1, 2, 3, 4].filter((s) => !minority.includes(s));
    cluster.partition([minority, majority]);
    expect(cluster.leader).toBe(-1); // it cannot reach a majority any more
    // The old leader still takes writes; they can never commit.
    const stale = [cluster.append(old), cluster.append(old)];
    expect(stale).toEqual([1, 2]);
    sim.run({ until: 61 });

    const during = cluster.elections.elected.filter((e) => e.time > 1);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((e) => majority.includes(e.leader))).toBe(true);
    expect(cluster.role(old)).toBe('leader'); // never heard of the higher term
    expect(cluster.term(old)).toBe(oldTerm);
    expect(cluster.servers[old].commitIndex).toBe(0);
    const record = cluster.elections.records.find((r) => r.lostAt === 1)!;
    expect(record.cause).toBe('partition');
    expect(record.previousLeader).toBe(old);
    expect(majority).toContain(record.leader);
    expect(record.end - record.lostAt).toBeLessThan(1);
    const newLeader = cluster.leader;
    expect(majority).toContain(newLeader);
    // The majority's leader writes and commits.
    expect(cluster.append()).toBe(1);
    sim.run({ until: 61.1 });
    expect(cluster.servers[newLeader].commitIndex).toBe(1);

    cluster.heal();
    sim.run({ until: 62 });
    expect(cluster.role(old)).toBe('follower');
    expect(cluster.term(old)).toBe(cluster.term(newLeader));
    expect(selfBelievedLeaders(cluster)).toEqual([newLeader]);
    // The old leader's uncommitted entries were replaced by the new leader's.
    expect(cluster.servers[old].log.allTerms()).toEqual(cluster.servers[newLeader].log.allTerms());
    expect(cluster.elections.changes.filter((c) => c.time > 61)).toEqual([]); // the heal changed no leadership
    expect(electionSafetyViolations(cluster.elections.elected)).toEqual([]);
    expect(doubleVotes(cluster.votes)).toEqual([]);
    expect(cluster.safety.violations).toEqual([]);
  });
});

describe('a partition with followers in the minority', () => {
  it('the minority tries term after term for 60 s and never elects; back, its higher term deposes the leader', () => {
    const { sim, cluster } = harness({ delay: exponentialDelay }, 'partition/followers');
    cluster.start();
    sim.run({ until: 1 });
    const leader = cluster.leader;
    const minority = [(leader + 1) % 5, (leader + 2) % 5];
    const majority = [0, 1, 2, 3, 4].filter((s) => !minority.includes(s));
    cluster.partition([minority]); // the rest form the other group
    expect(cluster.leader).toBe(leader);
    sim.run({ until: 61 });
    expect(cluster.leader).toBe(leader); // never lost: the majority kept its leader
    expect(cluster.elections.elected.filter((e) => e.time > 1)).toEqual([]);
    const inflated = Math.max(...minority.map((s) => cluster.term(s)));
    expect(inflated).toBeGreaterThan(100); // a term every 150-300 ms for 60 s
    expect(cluster.elections.candidaciesWhileLed).toBeGreaterThan(200);
    expect(minority.every((s) => cluster.role(s) !== 'leader')).toBe(true);

    cluster.heal();
    sim.run({ until: 63 });
    // Raft without pre-vote: the returning servers' higher term makes the leader step down, and a new election
    // follows in a term above theirs (or a returning candidate wins before the leader hears of its term: a
    // handover without a gap).
    const record = cluster.elections.records[cluster.elections.records.length - 1];
    expect(['step-down', 'timeout']).toContain(record.cause);
    expect(record.previousLeader).toBe(leader);
    expect(record.term).toBeGreaterThan(inflated);
    expect(cluster.leader).toBe(record.leader);
    expect(majority.concat(minority)).toContain(record.leader);
    expect(record.start).toBeLessThanOrEqual(record.lostAt); // the deposing candidacy opened it
    expect(selfBelievedLeaders(cluster)).toEqual([record.leader]);
    expect(electionSafetyViolations(cluster.elections.elected)).toEqual([]);
    expect(doubleVotes(cluster.votes)).toEqual([]);
    expect(cluster.safety.violations).toEqual([]);
  });

  it('every server alone: nobody elects, and healing brings one leader', () => {
    const { sim, cluster } = harness({ delay: exponentialDelay }, 'partition/all-alone');
    cluster.bootstrap(0);
    cluster.partition([[0], [1], [2], [3], [4]]);
    sim.run({ until: 10 });
    expect(cluster.elections.elected).toHaveLength(1); // the bootstrap
    expect(cluster.leader).toBe(-1);
    expect(cluster.role(0)).toBe('leader'); // believes it, alone
    cluster.heal();
    sim.run({ until: 12 });
    expect(cluster.leader).not.toBe(-1);
    expect(selfBelievedLeaders(cluster)).toEqual([cluster.leader]);
    expect(electionSafetyViolations(cluster.elections.elected)).toEqual([]);
  });

  it('rejects a server in two groups or out of range', () => {
    const { cluster } = harness();
    expect(() => cluster.partition([[0, 1], [1, 2]])).toThrow(/server 1 is in two groups/);
    expect(() => cluster.partition([[0, 7]])).toThrow(/no server 7/);
  });
});
