/** Voting: one vote per server per term, and only for a candidate whose log is at least as up to date. */
import { describe, expect, it } from 'vitest';
import { doubleVotes, electionSafetyViolations } from '../../../../src/topology/single-leader/index.js';
import { harness, ms, selfBelievedLeaders } from './helpers.js';

describe('a server grants at most one vote per term', () => {
  it('two candidates of the same term: each other server votes for the first request it hears, once', () => {
    const { sim, cluster } = harness({ delay: { dist: 'constant', value: 5 * ms } });
    cluster.bootstrap(0);
    cluster.crash(0);
    sim.schedule(10 * ms, () => {
      cluster.forceTimeout(1);
      cluster.forceTimeout(2);
    });
    sim.run({ until: 40 * ms });
    const term2 = cluster.votes.filter((v) => v.term === 2);
    // 1 and 2 voted for themselves; 3 and 4 heard 1's request first (sent first, same delay) and voted for 1 only.
    expect(term2.map((v) => [v.voter, v.candidate])).toEqual([
      [1, 1],
      [2, 2],
      [3, 1],
      [4, 1],
    ]);
    expect(doubleVotes(cluster.votes)).toEqual([]);
    expect(cluster.leader).toBe(1);
    expect(cluster.term(1)).toBe(2);
    expect(cluster.role(2)).toBe('follower'); // it heard 1's AppendEntries of its own term
  });

  it('a split vote: no majority in the term, so the candidates time out and a later term elects', () => {
    // 2's request reaches 4 before 1's does; 1's reaches 3 first: 1 gets {1, 3}, 2 gets {2, 4}.
    const { sim, cluster } = harness({
      delay: (from, to) => (from === 2 && to === 4 ? 1 * ms : 5 * ms),
    });
    cluster.bootstrap(0);
    cluster.crash(0);
    sim.schedule(10 * ms, () => {
      cluster.forceTimeout(1);
      cluster.forceTimeout(2);
    });
    sim.run({ until: 2 });
    const term2 = cluster.votes.filter((v) => v.term === 2);
    expect(term2.filter((v) => v.candidate === 1).map((v) => v.voter)).toEqual([1, 3]);
    expect(term2.filter((v) => v.candidate === 2).map((v) => v.voter)).toEqual([2, 4]);
    expect(cluster.elections.elected.some((e) => e.term === 2)).toBe(false);
    const record = cluster.elections.records[0];
    expect(record.cause).toBe('leader-crash');
    expect(record.term).toBeGreaterThanOrEqual(3);
    expect(record.rounds).toBeGreaterThanOrEqual(2);
    expect(selfBelievedLeaders(cluster)).toEqual([record.leader]);
    expect(doubleVotes(cluster.votes)).toEqual([]);
    expect(electionSafetyViolations(cluster.elections.elected)).toEqual([]);
  });

  it('the checker finds a double vote and a double leader', () => {
    expect(
      doubleVotes([
        { time: 0, voter: 3, candidate: 1, term: 2 },
        { time: 0, voter: 3, candidate: 1, term: 2 },
        { time: 1, voter: 3, candidate: 2, term: 2 },
        { time: 1, voter: 3, candidate: 2, term: 3 },
      ]),
    ).toHaveLength(1);
    expect(
      electionSafetyViolations([
        { time: 0, term: 4, leader: 1 },
        { time: 1, term: 4, leader: 2 },
        { time: 2, term: 5, leader: 2 },
      ]),
    ).toHaveLength(1);
  });
});

describe('a candidate with a stale log is refused', () => {
  it('a server that missed committed entries cannot win; the up-to-date server does', () => {
    const { sim, cluster } = harness({ servers: 3 });
    cluster.bootstrap(0);
    // Cut server 2 off, write three entries (committed on 0 and 1), then lose the leader.
    cluster.partition([[0, 1], [2]]);
    for (let k = 0; k < 3; k++) expect(cluster.append()).toBe(k + 1);
    sim.run({ until: 20 * ms });
    expect(cluster.servers[1].log.lastIndex).toBe(3);
    expect(cluster.servers[0].commitIndex).toBe(3);
    expect(cluster.servers[2].log.lastIndex).toBe(0);
    cluster.crash(0);
    cluster.heal();
    cluster.forceTimeout(2); // term 2, empty log
    sim.run({ until: 30 * ms });
    expect(cluster.term(1)).toBe(2); // 1 learned the term ...
    expect(cluster.servers[1].votedFor).toBe(-1); // ... but did not vote for 2
    expect(cluster.votes.some((v) => v.voter === 1 && v.candidate === 2)).toBe(false);
    sim.run({ until: 5 });
    // Whoever times out, only 1 can win: 2 grants 1 its vote, 1 never grants 2.
    expect(cluster.elections.elected.slice(1).every((e) => e.leader === 1)).toBe(true);
    expect(cluster.leader).toBe(1);
    expect(cluster.servers[2].log.allTerms()).toEqual([1, 1, 1]); // caught up from the new leader
    expect(cluster.safety.violations).toEqual([]);
  });
});
