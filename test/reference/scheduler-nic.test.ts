/**
 * The scheduler leader's NIC as a real limit (issue 6, part 1: "the leader's own CPU and NIC are real limits").
 *
 * Theory. Every task of S bytes crosses the leader's one FIFO NIC (bandwidth B, both directions shared, as in the
 * direct topology) twice: its body comes in from the client before the decision, and leaves for the chosen worker
 * after it. So the leader's NIC is busy 2 S / B per task and, at a task rate lambda, its utilisation is
 *   rho_nic = 2 S lambda / B.
 * The leader's core is busy d (decisionWork) per task: rho_cpu = lambda d. The leader keeps up only while both are
 * below 1, so the throughput ceiling is
 *   min(1 / d, B / (2 S)),
 * however many workers there are. (The worker's NIC carries the result back, S / B per task spread over the workers:
 * no limit here.)
 *
 * Every run goes through `simulate` (arrived = completed + failed + in flight).
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec } from '../../src/index.js';
import { cluster, constant, exponential, singleLeader } from '../helpers/scenarios.js';
import { simulate } from '../helpers/simulate.js';
import { valueOf } from '../helpers/estimate.js';

const S = 10_000; // task size, bytes
const B = 10_000_000; // bandwidth of every node, bytes per second: a body takes S / B = 1 ms on a NIC

function scheduler(options: {
  seed: string;
  rate: number;
  decisionWork: number;
  size: number;
  run: ScenarioSpec['run'];
  queue?: number;
}): ScenarioSpec {
  // 8 workers of 4 cores and tasks of 1 us of work: the workers never limit anything.
  const spec = cluster({
    seed: options.seed,
    nodes: 9,
    cores: 4,
    policy: 'least-connections',
    rate: options.rate,
    work: constant(1e-6),
    size: constant(options.size),
    bandwidth: B,
    queue: options.queue,
    run: options.run,
  });
  spec.nodes = spec.nodes.with(0, { ...spec.nodes.at(0), cores: 1 }); // the leader: one core
  spec.topology = singleLeader({ mode: 'scheduler', delay: exponential(0.0005), decisionWork: options.decisionWork });
  return spec;
}

describe('single-leader scheduler: the leader NIC', () => {
  it('below the NIC ceiling: NIC utilisation 2 S lambda / B, every task completes', () => {
    // lambda = 400/s, d = 0.1 ms: rho_nic = 2 x 10 kB x 400 / 10 MB/s = 0.8, rho_cpu = 0.04.
    const lambda = 400;
    const d = 0.0001;
    const { summary, result } = simulate(
      scheduler({ seed: 'sched-nic-util', rate: lambda, decisionWork: d, size: S, run: { duration: 30, warmup: 1, replications: 3 } }),
    );
    const expected = (2 * S * lambda) / B;
    const nic = valueOf(summary.scheduler!.leaderNicUtilization!);
    // The NIC's busy time is 2 S / B per task of the window: a Poisson count of mean lambda T R = 36 000, relative SD
    // 1 / sqrt(36 000) = 0.53 %; 4 SD = 2.1 %.
    const tolerance = 4 / Math.sqrt(lambda * 30 * 3);
    expect(Math.abs(nic / expected - 1), `leader NIC utilisation ${nic} vs ${expected}`).toBeLessThan(tolerance);
    // Per task the busy time is exactly 2 S / B: against the measured task rate, only the few tasks in flight at
    // the window's ends (lambda x response time, about 3 per end and replication of 12 000) differ; 0.5 %.
    expect(Math.abs(nic / ((2 * S * valueOf(summary.throughput)) / B) - 1)).toBeLessThan(0.005);
    // The per-node table agrees: the leader moved 2 S per task (its bytes / B over the window).
    expect(Math.abs(result.nodes.at(0).nicUtilization / expected - 1)).toBeLessThan(tolerance);
    // And the CPU is far from its limit: rho_cpu = lambda d.
    expect(Math.abs(valueOf(summary.scheduler!.leaderUtilization) - lambda * d)).toBeLessThan(0.002);
    expect(summary.requests.failed).toBe(0);
    expect(Math.abs(valueOf(summary.throughput) / lambda - 1)).toBeLessThan(tolerance);
    // Each task waits at least for its two leader transfers and its result's transfer (3 S / B = 3 ms) and d.
    expect(summary.responseTime.mean.value).toBeGreaterThan((3 * S) / B + d);
  });

  it('over the NIC ceiling B / (2 S) = 500/s: throughput falls to what the FIFO NIC passes, below the ceiling', () => {
    // 1 / d = 10 000/s: the NIC binds. Offered lambda = 700/s > 500/s, so the NIC's backlog grows without bound.
    // A FIFO NIC serves at each moment what was queued one backlog ago: bodies are queued on arrival (lambda per
    // second) and sent on to workers as they finish coming in (x per second). With dtau/dt = B / (S (lambda + x))
    // seconds of queueing time served per second, bodies come in at x = lambda dtau/dt, i.e.
    //   x^2 + lambda x - lambda B / S = 0,
    // and leave for the workers (the task's throughput) at a = x dtau/dt = x^2 / lambda: x = 556.9/s, a = 443.1/s,
    // below B / (2 S) because the bodies, admitted without limit, take a growing share of the NIC.
    const lambda = 700;
    const x = (-lambda + Math.sqrt(lambda * lambda + (4 * lambda * B) / S)) / 2;
    const expected = (x * x) / lambda;
    expect(expected).toBeLessThan(B / (2 * S));
    const { result, summary } = simulate(
      scheduler({ seed: 'sched-nic-ceiling', rate: lambda, decisionWork: 0.0001, size: S, run: { duration: 20, warmup: 0, replications: 1 } }),
      { expectStoppedEarly: true },
    );
    const secondHalf = result.timeseries.slice(result.timeseries.length / 2);
    const throughput = secondHalf.reduce((a, r) => a + r.throughput, 0) / secondHalf.length;
    // a hardly depends on lambda (d ln a / d ln lambda = -0.1): the Poisson noise of 7000 arrivals in the half
    // window (1.2 %) moves it by about 0.1 %; 2 % leaves room for the tasks in flight at the ends of the half window.
    expect(Math.abs(throughput / expected - 1), `throughput ${throughput} vs ${expected}`).toBeLessThan(0.02);
    expect(summary.scheduler!.leaderNicUtilization!.value).toBeGreaterThan(0.99);
    expect(summary.scheduler!.leaderUtilization.value, 'the CPU is not the limit').toBeLessThan(0.1);
  });

  it('with a NIC ceiling above 1 / d, the CPU binds: throughput 1 / d, and rejected bodies still cross the NIC', () => {
    // S = 1 kB: B / (2 S) = 5000/s; d = 1 ms: 1 / d = 1000/s binds. Offered 1500/s with a waiting room of 50 at the
    // leader (M/D/1/K busy with probability > 1 - 1e-6, as in scheduler.test.ts): throughput 1000/s. Every body
    // comes in (lambda S per second), but only the decided ones go out (1000 S per second), so
    // rho_nic = S (lambda + 1 / d) / B = 1 kB x 2500 / 10 MB/s = 0.25.
    const size = 1000;
    const d = 0.001;
    const lambda = 1500;
    const { summary } = simulate(
      scheduler({ seed: 'sched-nic-cpu', rate: lambda, decisionWork: d, size, queue: 50, run: { requests: 50_000, warmupRequests: 5000, warmup: 0, replications: 2 } }),
    );
    // 10^5 tasks decided: counting noise 0.3 % (sqrt(n) / n); 2 % as in scheduler.test.ts for the warm-up's bias.
    expect(Math.abs(valueOf(summary.throughput) * d - 1), `throughput ${valueOf(summary.throughput)}`).toBeLessThan(0.02);
    const expectedNic = (size * (lambda + 1 / d)) / B;
    expect(Math.abs(valueOf(summary.scheduler!.leaderNicUtilization!) / expectedNic - 1)).toBeLessThan(0.02);
    expect(summary.scheduler!.leaderUtilization.value).toBeGreaterThan(0.98);
  });
});
