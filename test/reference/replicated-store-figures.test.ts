/**
 * The replicated store's NIC, read staleness and replication lag against what can be computed (issue 6, parts 1 and
 * 3): the leader's NIC carries each write's body once and its entry once per follower; a follower read under async
 * replication is a known fraction of a heartbeat behind; under quorum it is never more than a heartbeat and a delay
 * behind. Every run goes through `simulate` (each request counted once).
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioSpec, SingleLeaderTopologySpec } from '../../src/index.js';
import type { ReplicatedStoreOutcome } from '../../src/topology/single-leader/replicated-store.js';
import { cluster, constant, singleLeader, type ClassOptions } from '../helpers/scenarios.js';
import { simulate } from '../helpers/simulate.js';
import { replicationLagOf, singleLeaderOf } from '../helpers/sections.js';

interface StoreOptions {
  seed: string;
  writes: number;
  reads?: number;
  /** Bytes of every write (and read reply). */
  size?: number;
  bandwidth?: number;
  duration: number;
  replications: number;
}

/** Five one-core nodes, constant 1 us of work per request, no client latency: only replication takes time. */
function store(topology: Partial<SingleLeaderTopologySpec>, options: StoreOptions): ScenarioSpec {
  const classes: ClassOptions[] = [{ name: 'writes', rate: options.writes, work: constant(1e-6), op: 'write', size: constant(options.size ?? 0) }];
  if (options.reads) classes.push({ name: 'reads', rate: options.reads, work: constant(1e-6), op: 'read' });
  const spec = cluster({
    seed: options.seed,
    nodes: 5,
    policy: 'round-robin',
    bandwidth: options.bandwidth,
    classes,
    run: { duration: options.duration, warmup: 1, replications: options.replications },
  });
  spec.topology = singleLeader({ reads: 'any', delay: constant(0.001), ...topology });
  return spec;
}

function meanAndSe(values: number[]): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, v) => a + (v - mean) * (v - mean), 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

describe('replication spends the leader NIC once per follower', () => {
  // S = 10 kB writes, B = 10 MB/s. The leader's one FIFO NIC (as in the direct topology: both directions share it)
  // takes each write's body in (S) and sends its entry to each of the 4 followers (4 S): 5 S per write.
  const S = 10_000;
  const B = 10_000_000;

  it('NIC utilisation = (1 + 4) S lambda / B; followers move nothing; infinite bandwidth costs no time', () => {
    const lambda = 100; // utilisation 0.5, far from the CPU (1 us per write)
    const { result, summary } = simulate(store({}, { seed: 'nic-util', writes: lambda, size: S, bandwidth: B, duration: 50, replications: 3 }));
    const expected = (5 * S * lambda) / B;
    // bytesMoved counts the bytes of the writes that arrived in the window: a Poisson count of mean lambda T R =
    // 15 000, relative SD 0.8 %; 4 SD = 3.3 %.
    const leader = result.nodes.at(0);
    expect(Math.abs(leader.nicUtilization / expected - 1), `${leader.nicUtilization} vs ${expected}`).toBeLessThan(4 / Math.sqrt(lambda * 50 * 3));
    for (const follower of result.nodes.slice(1)) expect(follower.bytesMoved).toBe(0);
    expect(summary.elections!.count.value).toBe(0);
    expect(summary.requests.failed).toBe(0);

    // The same run with unbounded bandwidth moves the same bytes in no time: write latency is the quorum's 2 d.
    const free = simulate(store({}, { seed: 'nic-util', writes: lambda, size: S, duration: 50, replications: 1 }));
    expect(free.result.nodes.at(0).nicUtilization).toBe(0);
    expect(free.summary.classes.writes.responseTime.mean.value).toBeCloseTo(0.002 + 1e-6, 6);
    // With the NIC: each write also waits for its body (1 ms) and for its entry to reach the 2nd follower (2 ms
    // more), plus queueing on a NIC at 50 %: slower, and by more than the 3 ms of transfers.
    expect(summary.classes.writes.responseTime.mean.value).toBeGreaterThan(0.002 + 0.003);
  });

  it('the write throughput ceiling falls to B / (5 S) when the NIC, not the CPU, is the bottleneck', () => {
    // The NIC can carry B / (5 S) = 200 writes/s (the CPU 10^6/s). Below that every write is acknowledged:
    const ceiling = B / (5 * S);
    const below = simulate(store({}, { seed: 'nic-below', writes: 180, size: S, bandwidth: B, duration: 30, replications: 1 }));
    expect(below.result.nodes.at(0).nicUtilization).toBeCloseTo((180 * 5 * S) / B, 1);
    expect(below.summary.stoppedEarly).toBeNull();
    // Offered lambda = 300/s, above it. The FIFO NIC then serves, at each moment, what was queued one backlog ago:
    // bodies queued on arrival (lambda S per second) and entries queued as bodies finish (4 S x per second, x the
    // rate bodies finish). With dtau/dt = B / (S (lambda + 4 x)) seconds of queue served per second, bodies finish
    // at x = lambda dtau/dt, i.e. 4 x^2 + lambda x - lambda B / S = 0, and entries reach the followers, so writes
    // are acknowledged (quorum), at a = x dtau/dt = x^2 / lambda, below the ceiling (the bodies, admitted without
    // limit, take a growing share of the NIC): x = 238.9/s, a = 190.3/s.
    const lambda = 300;
    const x = (-lambda + Math.sqrt(lambda * lambda + 16 * lambda * (B / S))) / 8;
    const expected = (x * x) / lambda;
    expect(expected).toBeLessThan(ceiling);
    const { result } = simulate(store({}, { seed: 'nic-ceiling', writes: lambda, size: S, bandwidth: B, duration: 30, replications: 1 }));
    const secondHalf = result.timeseries.slice(result.timeseries.length / 2, result.timeseries.length);
    const throughput = secondHalf.reduce((a, r) => a + r.throughput, 0) / secondHalf.length;
    // Deterministic transfers at the bottleneck: the rate is the NIC's. a hardly depends on lambda here
    // (d ln a / d ln lambda = -0.15), so the Poisson noise of 4500 arrivals in the half window (1.5 %) moves it by
    // 0.2 %; 2 % leaves room for the writes in flight at the ends of the half window.
    expect(Math.abs(throughput / expected - 1), `throughput ${throughput} vs ${expected}`).toBeLessThan(0.02);
    expect(result.nodes.at(0).nicUtilization).toBeGreaterThan(0.99);
  });
});

describe('staleness of follower reads', () => {
  // Async: heartbeats at t_k = k h ship the entries appended in [t_(k-1), t_k); with a constant one-way delay d
  // they arrive at t_k + d and every follower's reply at t_k + 2d, when the leader commits the batch. Followers learn
  // that commit with the next heartbeat, at t_(k+1) + d. So a follower read at a uniform time (Poisson reads, served
  // 1 us after arrival) lacks one committed batch (lambda h writes on average) for (h - d) of every h:
  //   E[writes behind] = lambda (h - d), P(stale) = (h - d) / h,
  // and the oldest missing write was committed t - (t_k + 2d) ago, uniform on [0, h - d) while stale:
  //   E[time behind] = (h - d)^2 / (2 h).
  // Replication lag (entries of the leader's log a follower does not hold), sampled at uniform times: at t in
  // [t_k + d, t_(k+1) + d) the follower lacks what was appended since t_k, so E[lag] = lambda (h / 2 + d).
  const lambda = 200;
  const h = 0.05;
  const d = 0.005;

  it('async: writes behind, stale fraction, time behind and mean lag match the heartbeat cycle', () => {
    const { summary, result, outcomes } = simulate(
      store({ replication: 'async', heartbeat: h, delay: constant(d) }, { seed: 'stale-async', writes: lambda, reads: 400, duration: 40, replications: 6 }),
    );
    const staleness = summary.reads!.staleness;
    // Tolerances: 4 SE of the replication values (each replication covers 800 heartbeat cycles; the batch per cycle
    // is Poisson(10), the main noise), and at least the sketch's relative error on percentiles.
    const per = (f: (r: ReplicatedStoreOutcome) => number) =>
      meanAndSe(outcomes.map((o) => f(singleLeaderOf(o)!.replicated!)));
    const behind = per((r) => r.staleness.writesBehind.sum / r.staleness.writesBehind.count);
    expect(Math.abs(behind.mean - lambda * (h - d)), `writes behind ${behind.mean} (SE ${behind.se})`).toBeLessThan(4 * behind.se);
    expect(behind.se / (lambda * (h - d))).toBeLessThan(0.02);
    expect(staleness.writesBehind.mean.value).toBeCloseTo(behind.mean, 9);

    const stale = per((r) => r.staleness.stale / r.staleness.followerReads);
    // A read finds the batch of the cycle missing only if that batch has a write (P = 1 - e^(-lambda h)).
    const expectedStale = ((h - d) / h) * (1 - Math.exp(-lambda * h));
    expect(Math.abs(stale.mean - expectedStale), `stale ${stale.mean} (SE ${stale.se})`).toBeLessThan(Math.max(4 * stale.se, 0.002));

    const time = per((r) => r.staleness.timeBehind.sum / r.staleness.timeBehind.count);
    const expectedTime = ((h - d) ** 2 / (2 * h)) * (1 - Math.exp(-lambda * h));
    expect(Math.abs(time.mean - expectedTime), `time behind ${time.mean} (SE ${time.se})`).toBeLessThan(Math.max(4 * time.se, 0.002 * expectedTime));
    // Never more than one cycle behind.
    expect(staleness.timeBehind.max.value).toBeLessThan(h - d + 1e-6);
    expect(staleness.servedByFollowers.value).toBeCloseTo(0.8, 1);

    const lag = meanAndSe(
      outcomes.map((o) => {
        const series = singleLeaderOf(o)!.replicated!.replicationLag.mean;
        return series.reduce((a, b) => a + b, 0) / series.length;
      }),
    );
    expect(Math.abs(lag.mean - lambda * (h / 2 + d)), `lag ${lag.mean} (SE ${lag.se})`).toBeLessThan(4 * lag.se);
    expect(lag.se / (lambda * (h / 2 + d))).toBeLessThan(0.03);
    expect(replicationLagOf(result)).toHaveLength(100);
  });

  it('quorum: a follower is never more than a heartbeat and a delay behind; writes behind fall with the write rate', () => {
    // An entry appended at a commits at a + 2d; followers learn it with the next AppendEntries the leader sends after
    // that (the next write's entry, or the heartbeat, at most h later), d after it is sent: time behind <= h + d.
    const { summary } = simulate(
      store({ replication: 'quorum', heartbeat: h, delay: constant(d) }, { seed: 'stale-quorum', writes: lambda, reads: 400, duration: 20, replications: 2 }),
    );
    const staleness = summary.reads!.staleness;
    expect(staleness.timeBehind.max.value).toBeLessThanOrEqual(h + d + 1e-9);
    expect(staleness.timeBehind.max.value).toBeGreaterThan(0);
    // The next write usually carries the commit: about lambda x (1/lambda + 3d) writes behind at most on average,
    // far below async's lambda (h - d) = 9.
    expect(staleness.writesBehind.mean.value).toBeLessThan(lambda * (1 / lambda + 3 * d));
  });

  it('reads at the leader carry no staleness figures; the direct topology has no lag series', () => {
    const leaderReads = simulate(store({ reads: 'leader' }, { seed: 'leader-reads', writes: 50, reads: 50, duration: 5, replications: 1 }));
    expect(leaderReads.summary.reads).toBeUndefined();
    expect(replicationLagOf(leaderReads.result)).toBeDefined();
    const direct = store({}, { seed: 'direct', writes: 50, reads: 50, duration: 5, replications: 1 });
    delete direct.topology;
    const plain = simulate(direct);
    expect(plain.summary.reads).toBeUndefined();
    expect(replicationLagOf(plain.result)).toBeUndefined();
    expect(Object.keys(plain.summary)).not.toContain('writes');
  });
});
