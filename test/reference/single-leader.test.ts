/**
 * Validation of the single-leader replicated store (issue 6, part 5) against queueing theory and order statistics:
 * the leader is an M/M/1 queue for writes and bounds their throughput; a quorum (or all) write waits for the k-th
 * fastest of the followers' acknowledgements, each two exponential one-way delays.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec, SingleLeaderTopologySpec } from '../../src/index.js';
import { cluster, constant, exponential, singleLeader } from '../helpers/scenarios.js';
import { simulate } from '../helpers/simulate.js';
import { valueOf } from '../helpers/estimate.js';

function store(
  topology: Partial<SingleLeaderTopologySpec>,
  options: {
    rate: number;
    work: ScenarioSpec['workload'][number]['work'];
    requests: number;
    replications: number;
    seed: string;
    queue?: number;
    /** Writes evenly spaced rather than Poisson. */
    deterministic?: boolean;
  },
): ScenarioSpec {
  const spec = cluster({
    seed: options.seed,
    nodes: 5,
    policy: 'round-robin',
    rate: options.rate,
    work: options.work,
    op: 'write',
    queue: options.queue,
    run: { requests: options.requests, warmupRequests: options.requests / 10, warmup: 0, replications: options.replications },
  });
  spec.topology = singleLeader({ replication: 'async', delay: exponential(0.001), ...topology });
  if (options.deterministic) spec.workload[0].arrivals = { process: 'deterministic', rate: options.rate };
  return spec;
}

/** Mean and standard error of the replication means. */
function meanAndSe(values: number[]): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, v) => a + (v - mean) * (v - mean), 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

/** E[X_(k)], the k-th smallest of m iid Erlang-2 variables of mean 2d: the integral of P(X_(k) > t), by Simpson. */
function erlang2OrderStatistic(k: number, m: number, d: number): number {
  const choose = (n: number, r: number) => {
    let c = 1;
    for (let i = 1; i <= r; i++) c = (c * (n - r + i)) / i;
    return c;
  };
  // X_(k) > t when fewer than k of the m are <= t.
  const tail = (t: number) => {
    const s = Math.exp(-t / d) * (1 + t / d);
    let p = 0;
    for (let j = 0; j < k; j++) p += choose(m, j) * Math.pow(1 - s, j) * Math.pow(s, m - j);
    return p;
  };
  const upper = 60 * d;
  const steps = 20000;
  const h = upper / steps;
  let sum = tail(0) + tail(upper);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * tail(i * h);
  return (sum * h) / 3;
}

describe('single-leader replicated store: the leader as a queue', () => {
  it('async writes at load 0.8 on a 1-core leader with exponential work: M/M/1 at the leader, E[T] = 1/(mu - lambda)', () => {
    // mu = 1000/s (mean work 1 ms), lambda = 800/s: E[T] = 5 ms. The other four nodes stay idle.
    const { summary, result, outcomes } = simulate(
      store({ replication: 'async' }, { rate: 800, work: exponential(0.001), requests: 50_000, replications: 10, seed: 'sl-mm1' }),
    );
    const expected = 1 / (1000 - 800);
    const { mean, se } = meanAndSe(outcomes.map((o) => o.measurement.classes[0].response.mean));
    // Tolerance: 4 standard errors of the mean across 10 independent replications of 5e4 writes each (the M/M/1
    // relaxation time at rho = 0.8 is about 1/(mu (1 - sqrt(rho))^2) = 90 ms, far below a replication's 62 s).
    expect(Math.abs(mean - expected), `mean ${mean} vs ${expected} (SE ${se})`).toBeLessThan(4 * se);
    expect(se / expected).toBeLessThan(0.02);
    expect(summary.throughput.value).toBeCloseTo(800, -1);
    expect(result.nodes.at(0).utilization).toBeCloseTo(0.8, 1);
    for (const follower of result.nodes.slice(1)) expect(follower.utilization).toBe(0);
    expect(summary.elections!.count.value).toBe(0);
    expect(summary.writes!.acknowledgedLost.value).toBe(0);
    expect(summary.requests.failed).toBe(0);
  });

  it('the write throughput ceiling is the leader capacity, whatever the number of followers', () => {
    // Offered 1500 writes/s to a cluster of 5 one-core nodes (5000/s of CPU): only the leader serves writes, so
    // throughput is mu = 1000/s (an M/M/1/K at rho = 1.5 with K = 200 blocks a fraction 1/3 + O(1.5^-200)).
    const { summary } = simulate(
      store({ replication: 'quorum' }, { rate: 1500, work: exponential(0.001), requests: 30_000, replications: 2, seed: 'sl-ceiling', queue: 200 }),
    );
    expect(valueOf(summary.throughput) / 1000).toBeGreaterThan(0.97);
    expect(valueOf(summary.throughput) / 1000).toBeLessThan(1.03);
    expect(summary.blockingProbability.value).toBeCloseTo(1 / 3, 1);
  });
});

describe('single-leader replicated store: acknowledgement latency against order statistics', () => {
  // Negligible service (1 us), no client latency, one-way Raft delays exponential of mean d = 1 ms. Writes exactly
  // 100 ms apart so that they never overlap (with Poisson writes, 3 % of them follow another within 3 ms; a write
  // then waits for the one before it, and the mean rose 1.2 % above the order statistic). Heartbeats every 5.0123 s:
  // rare, and out of step with the writes. (Links are FIFO: at 5 s, every 50th write left 1 us after a heartbeat and
  // queued behind it on every link, which raised the mean 1.6 %.)
  const d = 0.001;
  const service = 1e-6;
  const run = (replication: 'quorum' | 'all', seed: string) =>
    simulate(
      store(
        { replication, heartbeat: 5.0123, electionTimeout: [20, 40], delay: exponential(d) },
        { rate: 10, work: constant(service), requests: 10_000, replications: 5, seed, deterministic: true },
      ),
    );

  it('quorum of 5: the leader waits for the 2nd fastest of 4 Erlang-2 acks', () => {
    const expected = service + erlang2OrderStatistic(2, 4, d);
    // Sanity of the integration: the 1st of one Erlang-2 is its mean 2d; the 1st of 4 has a closed form.
    expect(erlang2OrderStatistic(1, 1, d)).toBeCloseTo(2 * d, 9);
    const { outcomes, summary } = run('quorum', 'sl-quorum');
    const { mean, se } = meanAndSe(outcomes.map((o) => o.measurement.classes[0].response.mean));
    expect(Math.abs(mean - expected), `mean ${mean} vs ${expected} (SE ${se})`).toBeLessThan(Math.max(4 * se, 0.005 * expected));
    expect(se / expected).toBeLessThan(0.01);
    expect(summary.requests.failed).toBe(0);
  });

  it('all of 5: the leader waits for the slowest of 4 Erlang-2 acks', () => {
    const expected = service + erlang2OrderStatistic(4, 4, d);
    const { outcomes } = run('all', 'sl-all');
    const { mean, se } = meanAndSe(outcomes.map((o) => o.measurement.classes[0].response.mean));
    expect(Math.abs(mean - expected), `mean ${mean} vs ${expected} (SE ${se})`).toBeLessThan(Math.max(4 * se, 0.005 * expected));
  });
});
