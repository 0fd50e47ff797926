/**
 * An election still open when the run stops counts in the time without a leader up to the end of the window
 * (censored), and the summary says how many were open (issue 6, part 3: "the distribution of time without a
 * leader"; an election that never ends is the worst case and must not read as 0 ms).
 *
 * The never-ending election: Raft's figure 16 at its narrowest, an election timeout of exactly 150 ms with constant
 * message delays. The leader's heartbeats reach every follower at the same instant, so after it crashes the four
 * followers time out together, each votes for itself, and every RequestVote finds its receiver already voted in that
 * term; all four stand again 150 ms later, together, forever (election.test.ts checks 1000 such trials).
 */
import type { SingleLeaderTopologySpec } from '../../../../src/index.js';
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../../../src/index.js';
import { cluster, constant, exponential, failuresOnly, singleLeader } from '../../../helpers/scenarios.js';
import { simulate } from '../../../helpers/simulate.js';
import { electionsOf } from '../../../helpers/sections.js';

const WARMUP = 1;
const DURATION = 8;
const CRASH_AT = 3;

function splitVotesForever(mode: 'replicated' | 'scheduler', seed: string): ScenarioSpec {
  const spec = cluster({
    seed,
    nodes: 5,
    policy: 'round-robin',
    classes: [{ name: 'writes', rate: 100, work: exponential(0.0005), op: 'write' }],
    run: { duration: DURATION, warmup: WARMUP, replications: 2 },
  });
  spec.topology = singleLeader({ mode, electionTimeout: [0.15, 0.15], delay: constant(0.002) });
  // The leader crashes for longer than the run: no server ever wins.
  spec.reliability = failuresOnly([{ kind: 'timeline', steps: [{ at: CRASH_AT, crash: 'node-0', for: 100 }] }]);
  return spec;
}

describe('an election still open at the end of the window', () => {
  // The leader is lost at the crash and never replaced: the time without a leader is the rest of the window.
  const expected = WARMUP + DURATION - CRASH_AT;

  it('replicated: counts to the window end in elections.timeWithoutLeader and writes.unavailableTime; open = 1', () => {
    const { summary, result } = simulate(splitVotesForever('replicated', 'open-election'));
    const elections = summary.elections!;
    expect(elections.count.value).toBe(1);
    expect(elections.open.value).toBe(1);
    // Every replication has the same single election: lost at the crash (2 s into the window), never ended.
    expect(electionsOf(result)!.map((e) => [e.start, e.end])).toEqual([
      [CRASH_AT - WARMUP, NaN],
      [CRASH_AT - WARMUP, NaN],
    ]);
    for (const figure of [elections.timeWithoutLeader.mean, elections.timeWithoutLeader.p50, elections.timeWithoutLeader.max]) {
      expect(figure.value).toBeCloseTo(expected, 9);
    }
    // Split votes every 150 ms for 6 s: about 40 terms tried, none won.
    expect(elections.rounds.mean.value).toBeGreaterThan(35);
    const writes = summary.writes!;
    expect(writes.unavailableTime!.value).toBeCloseTo(expected, 9);
    expect(writes.unavailableFraction!.value).toBeCloseTo(expected / DURATION, 9);
    // Every write after the crash fails: with nobody leading, no-leader.
    expect(summary.requests.failedByCause['no-leader']).toBeGreaterThan(0.9 * 100 * expected * 2);
  });

  it('scheduler: the same censored time without a leader, and open = 1', () => {
    const { summary } = simulate(splitVotesForever('scheduler', 'open-election-scheduler'));
    const elections = summary.elections!;
    expect(elections.open.value).toBe(1);
    expect(elections.timeWithoutLeader.mean.value).toBeCloseTo(expected, 9);
    expect(summary.writes).toBeUndefined();
  });

  it('an election that ends is not open', () => {
    // The usual randomised range: the crash is followed by an election that ends within a few hundred ms.
    const spec = splitVotesForever('replicated', 'closed-election');
    if (spec.topology) (spec.topology as SingleLeaderTopologySpec).electionTimeout = [0.15, 0.3];
    const { summary } = simulate(spec);
    expect(summary.elections!.open.value).toBe(0);
    expect(summary.elections!.timeWithoutLeader.mean.value).toBeLessThan(0.5);
  });
});
