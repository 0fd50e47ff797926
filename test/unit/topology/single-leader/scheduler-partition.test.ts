/**
 * Partitions between Raft servers in scheduler mode (issue 6): the scheduling leader cut off alone is replaced by a
 * leader of the majority, which schedules meanwhile; after the heal the old leader follows. Every run goes through
 * `simulate` (arrived = completed + failed + in flight).
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../../../src/index.js';
import { cluster, exponential, failuresOnly, singleLeader } from '../../../helpers/scenarios.js';
import { simulate } from '../../../helpers/simulate.js';
import { singleLeaderOf } from '../../../helpers/sections.js';

function scheduler(partitioned: string[]): ScenarioSpec {
  const spec = cluster({
    seed: `scheduler-partition-${partitioned.join('-')}`,
    nodes: 5,
    policy: 'least-connections',
    rate: 100,
    work: exponential(0.01),
    run: { duration: 10, warmup: 1, replications: 2 },
  });
  spec.topology = singleLeader({ mode: 'scheduler', delay: exponential(0.0005) });
  spec.reliability = failuresOnly([{ kind: 'timeline', steps: [{ at: 4, partition: partitioned, for: 2 }] }]);
  return spec;
}

describe('partitions in scheduler mode', () => {
  it('the leader cut off alone: one election (cause partition), then the new leader schedules', () => {
    const { outcomes, summary } = simulate(scheduler(['node-0']));
    for (const o of outcomes) {
      const failovers = singleLeaderOf(o)!.failovers;
      expect(failovers.map((f) => f.cause)).toEqual(['partition']);
      const [f] = failovers;
      expect(f.lostAt).toBeCloseTo(3, 9); // 4 s into the run, 1 s of warm-up
      expect(f.end - f.lostAt).toBeGreaterThan(0.1);
      expect(f.end - f.lostAt).toBeLessThan(0.35);
      expect(f.term).toBeGreaterThanOrEqual(2); // 3 after a split vote
    }
    expect(summary.requests.failedByCause['no-leader']).toBeGreaterThan(0);
    // About 9.8 s of 10 have a leader: tasks keep completing.
    expect(summary.requests.completed).toBeGreaterThan(0.9 * summary.requests.arrived);
  });

  it('a worker cut off cannot elect itself; its return with a higher term deposes the leader at most once', () => {
    const { outcomes } = simulate(scheduler(['node-3']));
    for (const o of outcomes) {
      const failovers = singleLeaderOf(o)!.failovers;
      expect(failovers.length).toBeLessThanOrEqual(1);
      for (const f of failovers) {
        expect(f.cause).toBe('step-down');
        expect(f.lostAt).toBeGreaterThanOrEqual(5); // after the heal (6 s into the run)
        expect(f.falseElection).toBeUndefined();
      }
    }
  });
});
