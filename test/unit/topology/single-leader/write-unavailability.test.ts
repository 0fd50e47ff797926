/**
 * Write unavailability of the replicated store (issue 6, part 3): the time without a leader clipped to the window,
 * the measured writes that failed by cause, and the requests that failed during a failover.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../../../src/index.js';
import { timeWithoutLeaderIn } from '../../../../src/topology/single-leader/write-availability.js';
import { cluster, constant, exponential, singleLeader } from '../../../helpers/scenarios.js';
import { simulate } from '../../../helpers/simulate.js';
import { valueOf } from '../../../helpers/estimate.js';
import { electionsOf, singleLeaderOf } from '../../../helpers/sections.js';

function scriptedLeaderCrash(seed: string): ScenarioSpec {
  const spec = cluster({
    seed,
    nodes: 5,
    policy: 'round-robin',
    classes: [
      { name: 'writes', rate: 300, work: exponential(0.0005), op: 'write' },
      { name: 'reads', rate: 100, work: exponential(0.0005), op: 'read' },
    ],
    run: { duration: 10, warmup: 1, replications: 3 },
  });
  spec.topology = singleLeader({ delay: constant(0.002) });
  spec.reliability = {
    failures: [{ kind: 'timeline', steps: [{ at: 5, crash: 'node-0', for: 2 }] }],
    repairCrews: Infinity,
    detection: { heartbeat: 0.1, timeout: 0.3 },
    clients: { timeout: Infinity, retries: 0, backoff: { base: 0.05, factor: 2, jitter: 'full' } },
    slo: { minHealthy: 3, successRatio: 0 }, // the node rule alone
  };
  return spec;
}

describe('write unavailability', () => {
  it('clips failovers to the window; an open one runs to its end', () => {
    const failovers = [
      { lostAt: 0.5, end: 1.5 }, // starts before the window [1, 10)
      { lostAt: 4, end: 4.25 },
      { lostAt: 9.5, end: NaN }, // still open when the run ended
    ];
    expect(timeWithoutLeaderIn(failovers, 1, 10)).toBeCloseTo(0.5 + 0.25 + 0.5, 12);
    expect(timeWithoutLeaderIn([{ lostAt: 11, end: 12 }], 1, 10)).toBe(0);
  });

  it('a scripted leader crash: time without a leader = the election, writes fail with no-leader during it', () => {
    const { summary, result, outcomes } = simulate(scriptedLeaderCrash('unavailable'));
    const writes = summary.writes!;
    expect(summary.elections!.count.value).toBe(1);
    // One failover per replication, inside the window: the time-based figure is its duration exactly.
    outcomes.forEach((o, r) => {
      const election = electionsOf(result)!.filter((e) => e.replication === r);
      expect(election).toHaveLength(1);
      expect(singleLeaderOf(o)!.replicated!.timeWithoutLeader).toBeCloseTo(election[0].duration, 12);
    });
    expect(valueOf(writes.unavailableTime!)).toBeCloseTo(valueOf(summary.elections!.timeWithoutLeader.mean), 12);
    expect(valueOf(writes.unavailableFraction!)).toBeCloseTo(valueOf(writes.unavailableTime!) / summary.measuredTime, 12);
    // Request-based: writes arrive at 300/s for the ~0.2 s without a leader (fail no-leader), a few more die with
    // the leader (node-crash); the fraction of all writes is about that time over the window.
    const byCause = writes.failedByCause!;
    expect(byCause['no-leader']).toBeGreaterThan(0);
    expect(byCause['no-leader']).toBeLessThanOrEqual(summary.requests.failedByCause['no-leader']);
    expect(valueOf(writes.noLeaderFraction!)).toBeGreaterThan(0.5 * valueOf(writes.unavailableFraction!));
    expect(valueOf(writes.noLeaderFraction!)).toBeLessThan(2 * valueOf(writes.unavailableFraction!));
    expect(valueOf(writes.failedFraction!)).toBeGreaterThanOrEqual(valueOf(writes.noLeaderFraction!));
    // Every failure of this run happens during the failover (the crash that starts it, or while there is none).
    expect(valueOf(writes.failedDuringFailover!) * outcomes.length).toBe(summary.requests.failed);
  });
});
