/** The election log: what counts as an election, its cause, start, end and rounds, and leaderAt. */
import { describe, expect, it } from 'vitest';
import { ElectionLog } from '../../../../src/topology/single-leader/index.js';
import { harness, ms } from './helpers.js';

describe('ElectionLog', () => {
  it('without history: the same records, but only the last leadership change and no list of wins', () => {
    const drive = (log: ElectionLog) => {
      log.establish(0, 0, 1);
      for (let k = 1; k <= 50; k++) {
        log.leadership(k, -1, 0, 'leader-crash');
        log.candidacy(k + 0.1, k % 5, k + 1);
        log.leaderElected(k + 0.2, k % 5, k + 1);
        log.leadership(k + 0.2, k % 5, k + 1, 'timeout', k + 1);
      }
    };
    const full = new ElectionLog(1);
    const lean = new ElectionLog(1, false);
    drive(full);
    drive(lean);
    expect(lean.records).toEqual(full.records);
    expect(full.changes).toHaveLength(101);
    expect(full.elected).toHaveLength(50);
    expect(lean.changes).toEqual([{ time: 50.2, leader: 0, term: 51 }]);
    expect(lean.lastChange).toEqual(full.lastChange);
    expect(lean.elected).toEqual([]);
    expect(lean.leaderAt(60)).toBe(0);
  });

  it('opens a record when the leader is lost and closes it when one is back', () => {
    const log = new ElectionLog(1);
    log.establish(0, 0, 1);
    expect(log.leadership(0, 0, 1, 'leader-crash')).toBe(false); // no change
    // A follower times out while the leader lives (counted), then its higher term deposes the leader.
    log.candidacy(0.5, 3, 2);
    expect(log.candidaciesWhileLed).toBe(1);
    expect(log.leadership(0.6, -1, 0, 'step-down', 2)).toBe(true);
    expect(log.current).toMatchObject({ cause: 'step-down', lostAt: 0.6, start: 0.5, previousLeader: 0, previousTerm: 1, rounds: 1 });
    log.candidacy(0.7, 2, 3);
    log.candidacy(0.71, 1, 3);
    expect(log.current!.rounds).toBe(2);
    log.leadership(0.8, 2, 3, 'timeout', 3);
    expect(log.current).toBeNull();
    expect(log.records[0]).toMatchObject({ end: 0.8, leader: 2, term: 3, rounds: 2 });
    expect(log.records[0].candidacies.map((c) => c.server)).toEqual([3, 2, 1]);

    // A handover without a gap: a candidate wins before the old leader noticed.
    log.candidacy(0.9, 4, 3); // an older term's candidacy, not part of the handover to term 4
    log.candidacy(1.0, 4, 4);
    log.leadership(1.02, 4, 4, 'timeout', 4);
    expect(log.records[1]).toMatchObject({ cause: 'timeout', lostAt: 1.02, start: 1.0, end: 1.02, previousLeader: 2, rounds: 1 });

    // The leader crashes and regains a majority without an election.
    log.leadership(2, -1, 0, 'quorum-lost');
    expect(log.current!.start).toBeNaN();
    log.leadership(2.5, 4, 4, 'quorum-lost');
    expect(log.records[2]).toMatchObject({ cause: 'quorum-lost', leader: 4, term: 4, previousTerm: 4, rounds: 0, end: 2.5 });

    // A candidacy older than the lookback is not counted by the election it preceded.
    log.candidacy(3, 1, 5);
    log.leadership(5, -1, 0, 'step-down', 5);
    expect(log.current).toMatchObject({ start: NaN, rounds: 0, candidacies: [] });
    log.leadership(5.2, 1, 6, 'timeout');

    expect(log.timesWithoutLeader().map((t) => Math.round(t * 1000) / 1000)).toEqual([0.2, 0, 0.5, 0.2]);
    expect(log.leaderAt(0.3)).toBe(0);
    expect(log.leaderAt(0.7)).toBe(-1);
    expect(log.leaderAt(1.02)).toBe(4);
    expect(log.leaderAt(5.1)).toBe(-1);
    expect(log.leaderAt(99)).toBe(1);
  });
});

describe('elections as the cluster records them', () => {
  it('a leader crash: cause, lost time, first timeout, the winner', () => {
    const { sim, cluster } = harness({ delay: { dist: 'constant', value: 2 * ms } });
    cluster.bootstrap(0);
    sim.schedule(1, () => cluster.crash(0));
    sim.run({ until: 3 });
    expect(cluster.elections.records).toHaveLength(1);
    const r = cluster.elections.records[0];
    expect(r).toMatchObject({ cause: 'leader-crash', lostAt: 1, previousLeader: 0, previousTerm: 1 });
    // Heartbeats every 50 ms: the last one reached the followers at 1.002 at the latest, at 0.952 at the earliest.
    expect(r.start).toBeGreaterThan(0.952 + 0.15 - 1e-9);
    expect(r.start).toBeLessThan(1.002 + 0.3);
    expect(r.end).toBeGreaterThanOrEqual(r.start + 4 * ms); // one round trip at least
    expect(r.candidacies.some((c) => c.server === r.leader && c.term === r.term)).toBe(true);
    expect(cluster.leader).toBe(r.leader);
    expect(cluster.elections.timesWithoutLeader()).toEqual([r.end - 1]);
  });

  it('too many followers down: quorum lost, regained by a restart without an election', () => {
    const { sim, cluster } = harness();
    cluster.bootstrap(0);
    sim.schedule(1, () => [1, 2, 3].forEach((s) => cluster.crash(s)));
    sim.schedule(1.05, () => cluster.restart(2));
    sim.run({ until: 2 });
    expect(cluster.elections.records).toEqual([
      expect.objectContaining({ cause: 'quorum-lost', lostAt: 1, end: 1.05, leader: 0, term: 1, rounds: 0 }),
    ]);
    expect(cluster.leader).toBe(0);
  });
});
