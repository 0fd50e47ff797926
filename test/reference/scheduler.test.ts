/**
 * Validation of the single-leader scheduler (issue 6, part 1, `scheduler` mode): with failures off, the leader's
 * scheduling decisions form an M/D/1 queue at the task rate (constant decisionWork d, Poisson tasks at rate lambda):
 * the mean time at the leader is d + lambda d^2 / (2 (1 - lambda d)) (Pollaczek-Khinchine), and the throughput
 * ceiling is 1/d tasks per second, whatever the number of workers. A worker crashed mid-run has its tasks
 * reassigned, and every task is counted exactly once (`simulate` checks arrived = completed + failed + in flight).
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec, SingleLeaderTopologySpec } from '../../src/index.js';
import { cluster, constant, exponential, failuresOnly, singleLeader } from '../helpers/scenarios.js';
import { simulate } from '../helpers/simulate.js';
import { valueOf } from '../helpers/estimate.js';

const d = 0.001; // decision work: 1 ms on a 1-core, speed-1 leader, so mu = 1000 decisions per second

function scheduler(options: {
  rate: number;
  work: ScenarioSpec['workload'][number]['work'];
  workers: number;
  requests: number;
  replications: number;
  seed: string;
  queue?: number;
  cores?: number;
  policy?: string;
  topology?: Partial<SingleLeaderTopologySpec>;
}): ScenarioSpec {
  const spec = cluster({
    seed: options.seed,
    nodes: options.workers + 1,
    cores: options.cores,
    policy: options.policy ?? 'least-connections',
    rate: options.rate,
    work: options.work,
    queue: options.queue,
    run: { requests: options.requests, warmupRequests: options.requests / 10, warmup: 0, replications: options.replications },
  });
  // The leader is node 0 (1 core); the workers may have more cores.
  spec.nodes = spec.nodes.with(0, { ...spec.nodes.at(0), cores: 1 });
  spec.topology = singleLeader({ mode: 'scheduler', delay: exponential(0.0005), decisionWork: d, ...options.topology });
  return spec;
}

/** Mean and standard error of the replication means. */
function meanAndSe(values: number[]): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, v) => a + (v - mean) * (v - mean), 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

describe('single-leader scheduler: the leader as a queue', () => {
  it('Poisson tasks at rho = 0.7 with constant decisionWork: M/D/1 at the leader (Pollaczek-Khinchine)', () => {
    // lambda = 700/s, d = 1 ms: W = d + lambda d^2 / (2 (1 - rho)) = 1 ms + 0.7 ms / 0.6 = 2.1667 ms. The tasks'
    // own work is negligible (1 ns on one of 8 workers with 4 cores each), so the response time is the time at the
    // leader (network latency 0).
    const lambda = 700;
    const expected = d + (lambda * d * d) / (2 * (1 - lambda * d));
    const { summary, outcomes } = simulate(
      scheduler({ rate: lambda, work: constant(1e-9), workers: 8, cores: 4, requests: 100_000, replications: 8, seed: 'sched-md1' }),
    );
    const { mean, se } = meanAndSe(outcomes.map((o) => o.measurement.classes[0].response.mean));
    // 4 standard errors of the replication means (about 1 % here), plus 1 % for the warm-up's bias.
    expect(Math.abs(mean - expected), `mean time at the leader ${mean} vs ${expected} (se ${se})`).toBeLessThanOrEqual(
      4 * se + 0.01 * expected,
    );
    expect(summary.requests.failed).toBe(0);
    const s = summary.scheduler!;
    // The leader's utilisation is rho = lambda d (decisions in the window / window length; its binomial noise is tiny).
    expect(Math.abs(valueOf(s.leaderUtilization) - lambda * d)).toBeLessThanOrEqual(0.01);
    expect(s.reassigned.value).toBe(0);
    expect(s.duplicates.value).toBe(0);
    // Elections (none without failures) are reported; lost writes are not (a scheduler acknowledges no writes).
    expect(summary.elections!.count.value).toBe(0);
    expect(summary.writes).toBeUndefined();
  });

  it('offered 1.5 / d with enough workers: the throughput saturates at 1 / d and the leader is the bottleneck', () => {
    // 20 workers with 4 cores each could serve 80 / 5 ms = 16 000 tasks/s; the leader decides 1000/s. A waiting
    // room of 50 at the leader turns the excess into rejections (so that the run drains). With Poisson arrivals
    // at 1500/s, the M/D/1/K queue is busy with probability 1 - P(empty) and P(empty) < 1e-6 at rho = 1.5 with
    // K = 51: the throughput is 1/d within the counting noise (sqrt(n)/n of 10^5 tasks, ~0.3 %) and the warm-up.
    const { summary } = simulate(
      scheduler({
        rate: 1500,
        work: exponential(0.005),
        workers: 20,
        cores: 4,
        queue: 50,
        requests: 100_000,
        replications: 4,
        seed: 'sched-saturated',
      }),
    );
    const throughput = valueOf(summary.throughput);
    expect(Math.abs(throughput - 1 / d), `throughput ${throughput} vs ${1 / d}`).toBeLessThanOrEqual(0.02 / d);
    const s = summary.scheduler!;
    expect(s.leaderUtilization.value, 'the leader saturates').toBeGreaterThan(0.98);
    // The excess is rejected at the leader: about a third of the tasks (1 - 1000 / 1500).
    const rejected = summary.requests.failedByCause['rejected'] / summary.requests.arrived;
    expect(Math.abs(rejected - 1 / 3)).toBeLessThanOrEqual(0.02);
  });
});

describe('single-leader scheduler: failures', () => {
  it('a worker crashed mid-run: its tasks are reassigned and every task is counted once', () => {
    // 4 workers of 1 core, tasks of 20 ms at 120/s (load 0.6 per worker): a crash of node-2 at t = 5 s for 3 s
    // loses its queued and running tasks; the leader declares it dead after the detection timeout and reassigns
    // them. No task fails: reassigned ones complete elsewhere.
    const spec = scheduler({
      rate: 120,
      work: exponential(0.02),
      workers: 4,
      requests: 2000,
      replications: 3,
      seed: 'sched-crash',
      policy: 'round-robin',
    });
    spec.run = { duration: 15, warmup: 1, replications: 3 };
    spec.reliability = failuresOnly([{ kind: 'timeline', steps: [{ at: 5, crash: 'node-2', for: 3 }] }]);
    const { summary } = simulate(spec);
    const s = summary.scheduler!;
    expect(s.reassigned.value, 'tasks reassigned per replication').toBeGreaterThan(0);
    // No slow-worker case here: a crashed worker runs nothing, so no reassignment is a duplicate.
    expect(s.duplicates.value).toBe(0);
    expect(summary.requests.failed, 'no task fails: the lost ones are reassigned').toBe(0);
    expect(summary.requests.inFlight).toBe(0);
  });

  it('a worker slowed 20x: declared dead on late heartbeats, its tasks are reassigned and run twice (duplicates)', () => {
    // Slowed to 5 % of its speed, node-2 beats every 2 s (timeout 0.3 s): the leader suspects it and reassigns the
    // tasks it holds, which it still runs: each reassignment is a duplicate (the first result counts).
    const spec = scheduler({ rate: 120, work: exponential(0.02), workers: 4, requests: 2000, replications: 2, seed: 'sched-slow', policy: 'round-robin' });
    spec.run = { duration: 15, warmup: 1, replications: 2 };
    spec.reliability = failuresOnly([{ kind: 'timeline', steps: [{ at: 5, slow: 'node-2', factor: 0.05, for: 3 }] }]);
    const { summary } = simulate(spec);
    const s = summary.scheduler!;
    expect(s.duplicates.value).toBeGreaterThan(0);
    expect(valueOf(s.duplicates)).toBeLessThanOrEqual(valueOf(s.reassigned));
    expect(summary.requests.failed).toBe(0);
  });

  it('a crashed leader: tasks without a leader fail with no-leader, and the new leader takes over', () => {
    const spec = scheduler({
      rate: 100,
      work: exponential(0.01),
      workers: 4,
      requests: 2000,
      replications: 2,
      seed: 'sched-leader-crash',
    });
    spec.run = { duration: 10, warmup: 1, replications: 2 };
    spec.reliability = failuresOnly([{ kind: 'timeline', steps: [{ at: 4, crash: 'node-0', for: 2 }] }]);
    const { summary } = simulate(spec);
    expect(summary.elections!.count.value).toBe(1);
    expect(summary.requests.failedByCause['no-leader']).toBeGreaterThan(0);
    // Tasks keep completing after the election (about 9 s of 10 s have a leader).
    expect(summary.requests.completed).toBeGreaterThan(0.8 * summary.requests.arrived);
  });
});
