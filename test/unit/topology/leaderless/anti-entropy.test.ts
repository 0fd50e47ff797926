/**
 * Anti-entropy (Dynamo, DeCandia et al., SOSP 2007, section 4.7): with read repair off and no hinted handoff, the
 * writes a partitioned replica missed reach it only through anti-entropy. Writes (W = 1) stop at 3 s; node-1 is cut
 * off from 1 s to 4.5 s, so it misses the writes of its keys in between. A round every `every` seconds copies the
 * newest version to each older reachable replica: the first round after the heal, at ceil(4.5 / every) x every,
 * copies everything node-1 missed and every later round finds the replicas in agreement, so the last round that
 * copies anything is exactly that one (5 s for every = 1 s, 6 s for every = 2 s).
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../../../src/index.js';
import type { LeaderlessData } from '../../../../src/topology/leaderless/sections/data.js';
import { cluster, exponential, failuresOnly } from '../../../helpers/scenarios.js';
import { leaderlessTopology } from '../../../helpers/leaderless.js';
import { simulate } from '../../../helpers/simulate.js';

function store(every: number): ScenarioSpec {
  const spec = cluster({
    seed: 'll-anti-entropy',
    nodes: 4,
    policy: 'random',
    latency: exponential(0.0005),
    classes: [
      {
        name: 'put',
        op: 'write',
        arrivals: { process: 'poisson', rate: 400, profile: { shape: 'curve', points: [[0, 400], [3, 0]], interpolate: 'step' } },
        work: exponential(0.0001),
        size: { dist: 'constant', value: 1000 },
      },
    ],
    run: { duration: 8.5, warmup: 0.5, replications: 1 },
  });
  for (const c of spec.workload) c.keys = { count: 200, popularity: 'uniform', exponent: 0 };
  spec.topology = leaderlessTopology({ writeQuorum: 1, readQuorum: 1, coordinator: 'client', antiEntropy: { every, bandwidth: Infinity } });
  spec.reliability = failuresOnly([{ kind: 'timeline', steps: [{ at: 1, partition: ['node-1'], for: 3.5 }] }]);
  return spec;
}

function antiEntropyOf(every: number) {
  return (simulate(store(every)).outcomes[0].sections.leaderless as LeaderlessData).antiEntropy!;
}

describe('anti-entropy', () => {
  it('after a partition heals, the first round copies what the replica missed and later rounds find agreement', () => {
    const each = antiEntropyOf(1);
    // Rounds at 1 s .. 8 s, all in the window (0.5 s to 9 s).
    expect(each.rounds).toBe(8);
    expect(each.lastCopyingRound).toBe(5);
    // node-1 holds about 3/4 of the 200 keys; 800 writes in its 2 s cut off reach nearly all of them.
    expect(each.copies).toBeGreaterThan(100);
    expect(each.bytes).toBe(1000 * each.copies);
    const everyTwo = antiEntropyOf(2);
    expect(everyTwo.rounds).toBe(4);
    expect(everyTwo.lastCopyingRound).toBe(6);
  });
});
