/**
 * Validation of the leaderless topology (issue 12) against theory, each expected value computed here from its
 * formula or from a Monte Carlo of the paper's model written in this file, never by the code under test:
 * - quorum latency: with zero service time and i.i.d. one-way delays, a write's latency is the W-th order statistic
 *   of N round trips and a read's the R-th (round trip = two exponential delays, Erlang-2);
 * - k-staleness: a read of the first R of N replies, when exactly W replicas hold the newest version, misses it with
 *   probability C(N - W, R) / C(N, R) (Bailis et al., VLDB 2012, section 3.1);
 * - t-visibility against the WARS model of the same paper (section 5): per replica a write delay W, an ack delay A,
 *   a read-request delay R and a read-response delay S, i.i.d.; the write commits at the W-th smallest W_i + A_i;
 *   a read starting t later is consistent if one of its first R responders (smallest R_i + S_i) had received the
 *   write before the read request arrived (W_i <= commit + t + R_i);
 * - strict quorum availability under independent node failures: P(at least k of N replicas up), binomial on the
 *   node availability MTTF / (MTTF + MTTR).
 * Tolerances: 4 standard errors of the mean over independent replications (shared/reference/README.md: the run
 * length sizes the tolerance), plus the Monte Carlo's own standard error where there is one.
 */
import { describe, expect, it } from 'vitest';
import type { DistSpec, ScenarioSpec } from '../../src/index.js';
import type { LeaderlessTopologySpec } from '../../src/topology/leaderless/spec.js';
import type { LeaderlessSummary } from '../../src/topology/leaderless/sections/leaderless-figures.js';
import { cluster, constant, exponential, failuresOnly } from '../helpers/scenarios.js';
import { simulate } from '../helpers/simulate.js';
import { NodeTable } from '../../src/model/node-table.js';

function leaderless(changes: Partial<LeaderlessTopologySpec> = {}): LeaderlessTopologySpec {
  return {
    kind: 'leaderless',
    replicas: 3,
    replicasPerRegion: null,
    virtualNodes: 16,
    writeQuorum: 2,
    readQuorum: 2,
    writeLevel: 'quorum',
    readLevel: 'quorum',
    coordinator: 'client',
    readFanout: 'all',
    speculativeRetry: { kind: 'none' },
    antiEntropy: null,
    sloppyQuorum: false,
    hintedHandoff: { replay: 10, maxHintAge: 10800 },
    readRepair: 'none',
    requestTimeout: 2,
    tVisibility: [0, 0.0001, 0.001, 0.01, 0.1],
    ...changes,
  };
}

interface StoreOptions {
  seed: string;
  topology: Partial<LeaderlessTopologySpec>;
  readRate: number;
  writeRate: number;
  keys: number;
  duration: number;
  replications: number;
  latency?: DistSpec;
  size?: DistSpec;
}

/** N = 3 nodes (every key on every node), zero service time, exponential one-way delays of mean 1 ms by default. */
function store(options: StoreOptions): ScenarioSpec {
  const spec = cluster({
    seed: options.seed,
    nodes: 3,
    policy: 'random',
    latency: options.latency ?? exponential(0.001),
    classes: [
      { name: 'get', op: 'read', rate: options.readRate, work: constant(0) },
      { name: 'put', op: 'write', rate: options.writeRate, work: constant(0), size: options.size },
    ],
    run: { duration: options.duration, warmup: 1, replications: options.replications },
  });
  for (const c of spec.workload) c.keys = { count: options.keys, popularity: 'uniform', exponent: 0 };
  spec.topology = leaderless(options.topology);
  return spec;
}

function section(summary: unknown): LeaderlessSummary {
  return (summary as { leaderless: LeaderlessSummary }).leaderless;
}

/** Mean and standard error of replication values. */
function meanAndSe(values: number[]): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, v) => a + (v - mean) * (v - mean), 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

function choose(n: number, r: number): number {
  let c = 1;
  for (let i = 0; i < r; i++) c = (c * (n - i)) / (i + 1);
  return c;
}

/**
 * E[X_(k)], the k-th smallest of m i.i.d. Erlang-2 round trips (two exponential delays of mean d): the integral of
 * P(X_(k) > t) = sum_{j < k} C(m, j) F(t)^j (1 - F(t))^(m - j), F(t) = 1 - e^(-t/d) (1 + t/d), by Simpson's rule.
 */
function erlang2OrderStatistic(k: number, m: number, d: number): number {
  const survival = (t: number) => {
    const F = 1 - Math.exp(-t / d) * (1 + t / d);
    let p = 0;
    for (let j = 0; j < k; j++) p += choose(m, j) * F ** j * (1 - F) ** (m - j);
    return p;
  };
  const upper = 40 * d;
  const steps = 4000;
  const h = upper / steps;
  let sum = survival(0) + survival(upper);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * survival(i * h);
  return (sum * h) / 3;
}

/** Per-replication values of a section figure, from the raw outcomes (each replication's own data). */
function perReplication<T>(outcomes: { sections: Record<string, unknown> }[], pick: (data: T) => number | null): number[] {
  return outcomes.map((o) => pick(o.sections.leaderless as T)).filter((v): v is number => v !== null);
}

interface LatencyData {
  reads: { mean: number } | null;
  writes: { mean: number } | null;
}

describe('quorum latency is the W-th (R-th) order statistic of N round trips', () => {
  for (const [w, r] of [
    [1, 3],
    [2, 2],
    [3, 1],
  ] as const) {
    it(`N = 3, W = ${w}, R = ${r}, coordinator client, zero service time`, () => {
      const d = 0.001;
      const sim = simulate(
        store({
          seed: `ll-latency-${w}-${r}`,
          topology: { writeQuorum: w, readQuorum: r },
          readRate: 2000,
          writeRate: 2000,
          keys: 100,
          duration: 20,
          replications: 5,
        }),
      );
      const reads = meanAndSe(perReplication<LatencyData>(sim.outcomes, (s) => s.reads?.mean ?? null));
      const writes = meanAndSe(perReplication<LatencyData>(sim.outcomes, (s) => s.writes?.mean ?? null));
      // 5 replications x 40 000 requests per operation: the standard error is about 0.2 % of the mean.
      expect(Math.abs(writes.mean - erlang2OrderStatistic(w, 3, d))).toBeLessThan(4 * writes.se + 1e-6);
      expect(Math.abs(reads.mean - erlang2OrderStatistic(r, 3, d))).toBeLessThan(4 * reads.se + 1e-6);
      expect(writes.se / writes.mean).toBeLessThan(0.01);
    });
  }
});

describe('k-staleness: a read misses a version held by exactly W of N replicas with probability C(N - W, R) / C(N, R)', () => {
  // Nodes without storage refuse every write (storage-full): the newest version is held by exactly the nodes with
  // storage, W of them, and the write is acknowledged by those W. Reads take the first R of N i.i.d. replies.
  for (const [w, r] of [
    [1, 1],
    [1, 2],
    [2, 1],
  ] as const) {
    it(`N = 3, W = ${w}, R = ${r}: expected ${choose(3 - w, r)}/${choose(3, r)}`, () => {
      const spec = store({
        seed: `ll-kstale-${w}-${r}`,
        topology: { writeQuorum: w, readQuorum: r },
        readRate: 4000,
        writeRate: 200,
        keys: 10,
        duration: 10,
        replications: 5,
        size: constant(100),
      });
      spec.nodes = NodeTable.of(spec.nodes.map((node, i) => ({ ...node, storage: i < w ? Infinity : 0 })));
      const sim = simulate(spec);
      const expected = choose(3 - w, r) / choose(3, r);
      const fractions = perReplication<{ consistency: { reads: number; stale: number } }>(sim.outcomes, (s) =>
        s.consistency.reads > 0 ? s.consistency.stale / s.consistency.reads : null,
      );
      const { mean, se } = meanAndSe(fractions);
      // About 40 000 reads per replication: a binomial standard error near 0.002.
      expect(Math.abs(mean - expected)).toBeLessThan(4 * se + 1e-4);
      expect(se).toBeLessThan(0.01);
    });
  }
});

/** A small deterministic generator (mulberry32) for the Monte Carlo: independent of the simulator's streams. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * WARS (Bailis et al., VLDB 2012, section 5.1): P(consistent) for a read that starts t after the commit, t uniform
 * on [from, to), with i.i.d. exponential delays of mean d; N replicas, W acks to commit, the first R responders.
 */
function warsMonteCarlo(n: number, w: number, r: number, d: number, from: number, to: number, trials: number, seed: number): number {
  const rng = mulberry32(seed);
  const exp = () => -d * Math.log(1 - rng());
  let consistent = 0;
  const writeArrival = new Float64Array(n);
  const roundTrips = new Float64Array(n);
  const readRequest = new Float64Array(n);
  const readTotal = new Float64Array(n);
  for (let trial = 0; trial < trials; trial++) {
    for (let i = 0; i < n; i++) {
      writeArrival[i] = exp();
      roundTrips[i] = writeArrival[i] + exp();
      readRequest[i] = exp();
      readTotal[i] = readRequest[i] + exp();
    }
    const commit = [...roundTrips].sort((a, b) => a - b)[w - 1];
    const t = from + rng() * (to - from);
    const order = [0, 1, 2].slice(0, n).sort((a, b) => readTotal[a] - readTotal[b]);
    let fresh = false;
    for (let j = 0; j < r; j++) {
      const i = order[j];
      if (writeArrival[i] <= commit + t + readRequest[i]) fresh = true;
    }
    if (fresh) consistent++;
  }
  return consistent / trials;
}

describe('t-visibility follows the WARS model (Bailis et al., VLDB 2012)', () => {
  const d = 0.001;
  const edges = [0, 0.0005, 0.001, 0.002, 0.004];
  for (const [w, r] of [
    [1, 1],
    [1, 2],
  ] as const) {
    it(`N = 3, W = ${w}, R = ${r}, coordinator client, exponential delays of mean 1 ms`, () => {
      // Writes rare per key (2 per second per key, 500 ms apart against round trips of about 2 ms), so that a read
      // meets one write at a time as WARS assumes, and the time since the last commit is close to uniform within
      // each bucket (its density falls by at most 1 % over the 4 ms of the buckets compared).
      const sim = simulate(
        store({
          seed: `ll-wars-${w}-${r}`,
          topology: { writeQuorum: w, readQuorum: r, tVisibility: edges },
          readRate: 20000,
          writeRate: 20,
          keys: 10,
          duration: 20,
          replications: 4,
        }),
      );
      const buckets = section(sim.summary).staleness.tVisibility;
      for (let b = 0; b + 1 < edges.length; b++) {
        const fractions = perReplication<{ consistency: { bucketReads: number[]; bucketFresh: number[] } }>(sim.outcomes, (s) =>
          s.consistency.bucketReads[b] > 0 ? s.consistency.bucketFresh[b] / s.consistency.bucketReads[b] : null,
        );
        const { mean, se } = meanAndSe(fractions);
        const trials = 200_000;
        const expected = warsMonteCarlo(3, w, r, d, edges[b], edges[b + 1], trials, 1000 * w + 10 * r + b);
        const mcSe = Math.sqrt((expected * (1 - expected)) / trials);
        expect(buckets[b].reads, `bucket ${b} has reads`).toBeGreaterThan(1000);
        expect(Math.abs(mean - expected), `bucket [${edges[b]}, ${edges[b + 1]}): simulated ${mean}, WARS ${expected}`).toBeLessThan(
          4 * se + 4 * mcSe,
        );
      }
    });
  }
});

describe('strict quorum availability under independent node failures is binomial', () => {
  it('N = 3, W = 2, R = 1: P(at least 2 of 3 up) for writes, P(at least 1) for reads', () => {
    const mttf = 4;
    const mttr = 1;
    const a = mttf / (mttf + mttr);
    const spec = store({
      seed: 'll-availability',
      // A short coordinator timeout against repairs of about 1 s: a request sees the replicas as they were at its start.
      topology: { writeQuorum: 2, readQuorum: 1, requestTimeout: 0.01 },
      readRate: 500,
      writeRate: 500,
      keys: 100,
      duration: 200,
      replications: 6,
    });
    spec.reliability = failuresOnly([{ kind: 'crash', nodes: 'node', timeToFailure: exponential(mttf), timeToRepair: exponential(mttr) }]);
    const sim = simulate(spec);
    const writes = meanAndSe(
      perReplication<{ writesDone: number; writesFailed: number }>(sim.outcomes, (s) => s.writesDone / (s.writesDone + s.writesFailed)),
    );
    const reads = meanAndSe(
      perReplication<{ readsDone: number; readsFailed: number }>(sim.outcomes, (s) => s.readsDone / (s.readsDone + s.readsFailed)),
    );
    const atLeast = (k: number) => {
      let p = 0;
      for (let j = k; j <= 3; j++) p += choose(3, j) * a ** j * (1 - a) ** (3 - j);
      return p;
    };
    // 0.896 for writes, 0.992 for reads; a request in flight when its replica crashes is lost too, which the
    // binomial ignores: crashes every 4 s against requests of about 2 ms, a bias below 0.1 %.
    expect(Math.abs(writes.mean - atLeast(2))).toBeLessThan(4 * writes.se + 0.002);
    expect(Math.abs(reads.mean - atLeast(1))).toBeLessThan(4 * reads.se + 0.002);
    // Time-based: the fraction of the window in which a quorum of a key's replicas is up, the same binomial (every
    // node starts up: a bias of about (1 - a) x MTTR / window = 0.1 %, inside the allowance).
    type Timed = { quorumTime?: { read: number | null; write: number | null } };
    const writeTime = meanAndSe(perReplication<Timed>(sim.outcomes, (s) => s.quorumTime?.write ?? null));
    const readTime = meanAndSe(perReplication<Timed>(sim.outcomes, (s) => s.quorumTime?.read ?? null));
    expect(Math.abs(writeTime.mean - atLeast(2))).toBeLessThan(4 * writeTime.se + 0.002);
    expect(Math.abs(readTime.mean - atLeast(1))).toBeLessThan(4 * readTime.se + 0.002);
    const summary = section(sim.summary);
    expect(summary.availability.write.time?.value).toBeCloseTo(writeTime.mean, 12);
  });
});
