/**
 * Client retries in scheduler mode under random faults of every kind (crashes of leader and workers, partitions,
 * slow workers) and finite NICs: over many seeds, every task is counted exactly once (`simulate` checks arrived =
 * completed + failed + in flight per replication), nothing is left in flight once the run has drained, and a
 * retried task never completes twice (completed + failed = arrived).
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../../../src/index.js';
import { cluster, constant, exponential, singleLeader } from '../../../helpers/scenarios.js';
import { simulate } from '../../../helpers/simulate.js';
import { valueOf } from '../../../helpers/estimate.js';

function chaos(seed: string): ScenarioSpec {
  const spec = cluster({
    seed,
    nodes: 5,
    cores: 2,
    policy: 'least-connections',
    latency: exponential(0.0005),
    rate: 150,
    work: exponential(0.01),
    size: constant(2000),
    bandwidth: 5_000_000,
    run: { duration: 20, warmup: 1, replications: 1 },
  });
  spec.topology = singleLeader({ mode: 'scheduler', delay: exponential(0.001), decisionWork: 0.001 });
  spec.reliability = {
    failures: [
      { kind: 'crash', nodes: '*', timeToFailure: exponential(8), timeToRepair: exponential(1) },
      { kind: 'partition', nodes: '*', timeBetween: exponential(10), duration: exponential(0.5) },
      { kind: 'slow', nodes: '*', factor: 0.1, timeBetween: exponential(6), duration: exponential(1) },
    ],
    repairCrews: Infinity,
    detection: { heartbeat: 0.1, timeout: 0.3 },
    clients: { timeout: 0.2, retries: 4, backoff: { base: 0.02, factor: 2, jitter: 'full' } },
    slo: { minHealthy: 1, successRatio: 0 }, // successRatio 0: the node rule alone (issue 16.4)
  };
  return spec;
}

describe('scheduler with client retries under random faults', () => {
  it('counts every task once over 20 seeds', () => {
    let retries = 0;
    let duplicates = 0;
    let elections = 0;
    for (let i = 0; i < 20; i++) {
      const { summary } = simulate(chaos(`sched-chaos-${i}`));
      const r = summary.requests;
      expect(r.inFlight, `seed ${i}: drained`).toBe(0);
      expect(r.completed + r.failed, `seed ${i}`).toBe(r.arrived);
      retries += valueOf(summary.reliability!.retries);
      duplicates += valueOf(summary.scheduler!.duplicates);
      elections += valueOf(summary.elections!.count);
    }
    // The faults did happen: failovers, retries and duplicate executions.
    expect(elections).toBeGreaterThan(0);
    expect(retries).toBeGreaterThan(0);
    expect(duplicates).toBeGreaterThan(0);
  });
});
