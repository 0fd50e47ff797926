/**
 * Reliability reference cases (test/fixtures/reference/reliability.yaml, copied from ../shared/reference/), plus
 * k-out-of-n with a single shared repair crew, solved here from its birth-death balance equations (issue 5, part 5).
 *
 * Run length: each case states its tolerance for a number of up/down cycles (the unavailability's relative SD is
 * about sqrt(2 / cycles)). Failure runs cost almost nothing per cycle (a crash, a repair, a few detector events),
 * so these tests run the stated length in full, 10 replications x 10^4 mean cycles, and use the stated tolerance
 * unchanged. The workload is a trickle (one request per 10 h) that keeps the accounting honest.
 */
import { describe, expect, it } from 'vitest';
import type { DistSpec, FailureSpec, ReliabilitySpec, ScenarioSpec } from '../../src/index.js';
import { expectation, referenceCase } from '../helpers/reference.js';
import { cluster, constant, exponential } from '../helpers/scenarios.js';
import { simulate } from '../helpers/simulate.js';
import { valueOf } from '../helpers/estimate.js';

const hour = 3600;
const mttf = 100 * hour;
const mttr = 10 * hour;

function reliabilityOf(failures: FailureSpec[], minHealthy: number, repairCrews = Infinity): ReliabilitySpec {
  return {
    failures,
    repairCrews,
    detection: { heartbeat: 0.1, timeout: 0.25 },
    clients: { timeout: Infinity, retries: 0, backoff: { base: 0.05, factor: 2, jitter: 'full' } },
    slo: { minHealthy, successRatio: 0 }, // the node rule alone: the reference values are for it
  };
}

/** n nodes that crash and are repaired, for `cycles` mean up/down cycles per replication. */
function repairable(options: {
  n: number;
  minHealthy: number;
  timeToFailure: DistSpec;
  repairCrews?: number;
  seed: string;
  cycles?: number;
  replications?: number;
}): ScenarioSpec {
  const cycles = options.cycles ?? 1e4;
  const spec = cluster({
    seed: options.seed,
    nodes: options.n,
    policy: 'random',
    rate: 1 / (10 * hour),
    work: exponential(1),
    latency: constant(0.005),
    run: { duration: cycles * (mttf + mttr), warmup: 0, replications: options.replications ?? 10 },
  });
  spec.reliability = reliabilityOf(
    [{ kind: 'crash', nodes: 'node', timeToFailure: options.timeToFailure, timeToRepair: exponential(mttr) }],
    options.minHealthy,
    options.repairCrews,
  );
  return spec;
}

function expectWithin(actual: number, value: number, relative: number, label: string): void {
  expect(Math.abs(actual - value), `${label}: ${actual} vs ${value} (tolerance ${relative * 100} %)`).toBeLessThanOrEqual(
    relative * value,
  );
}

describe('reliability reference cases', () => {
  const single = referenceCase('reliability.yaml', 'single-node-availability');
  const singleExpected = expectation(single, 'availability.time');

  it(`${single.id}: A = MTTF / (MTTF + MTTR), exponential time to failure (${single.source})`, () => {
    const { summary } = simulate(repairable({ n: 1, minHealthy: 1, timeToFailure: exponential(mttf), seed: 'rel-1' }));
    expectWithin(valueOf(summary.availability.time), singleExpected.value, singleExpected.tol!, single.id);
    // The observed MTBF and MTTR are the model's means within a few per cent over ~10^5 cycles.
    expectWithin(valueOf(summary.reliability!.mtbf!), mttf, 0.02, 'observed MTBF');
    expectWithin(valueOf(summary.reliability!.mttr!), mttr, 0.02, 'observed MTTR');
  });

  it(`${single.id}: the same with weibull time to failure, shape 2, same mean (alternating renewal: insensitive)`, () => {
    const { summary } = simulate(
      repairable({ n: 1, minHealthy: 1, timeToFailure: { dist: 'weibull', shape: 2, mean: mttf }, seed: 'rel-2' }),
    );
    expectWithin(valueOf(summary.availability.time), singleExpected.value, singleExpected.tol!, `${single.id} weibull`);
  });

  for (const [id, n, k] of [
    ['two-of-three-independent-repair', 3, 2],
    ['three-of-five-independent-repair', 5, 3],
  ] as const) {
    const reference = referenceCase('reliability.yaml', id);
    const expected = expectation(reference, 'availability.time');
    it(`${id}: k-out-of-n binomial (${reference.source})`, () => {
      const { summary } = simulate(repairable({ n, minHealthy: k, timeToFailure: exponential(mttf), seed: `rel-${id}` }));
      expectWithin(valueOf(summary.availability.time), expected.value, expected.tol!, id);
    });
  }

  it('k-out-of-n with one shared repair crew matches its birth-death chain (2 of 3, MTTF 100h, MTTR 10h)', () => {
    // States j = nodes down. Failure rate (n - j) / MTTF, repair rate 1 / MTTR while j > 0 (one crew).
    // Balance: pi_{j+1} = pi_j (n - j) (MTTR / MTTF). Up while j <= n - k. Source: any text on birth-death
    // processes, e.g. Trivedi, Probability and Statistics with Reliability, Queuing and Computer Science Applications,
    // ch. 8 (repairable systems with limited repair facilities).
    const n = 3;
    const k = 2;
    const pi = [1];
    for (let j = 0; j < n; j++) pi.push(pi[j] * (n - j) * (mttr / mttf));
    const total = pi.reduce((a, b) => a + b, 0);
    const theory = pi.slice(0, n - k + 1).reduce((a, b) => a + b, 0) / total;
    const { summary } = simulate(
      repairable({ n, minHealthy: k, timeToFailure: exponential(mttf), repairCrews: 1, seed: 'rel-crew' }),
    );
    // Same run length and cycle count as the independent-repair case of 2-of-3, whose stated tolerance is 0.003.
    expectWithin(valueOf(summary.availability.time), theory, 0.003, 'one crew');
    // And it is clearly below independent repair (0.9767): the crew is a bottleneck.
    expect(summary.availability.time.value).toBeLessThan(0.97);
  });

  const detection = referenceCase('reliability.yaml', 'heartbeat-detection-latency');
  it(`${detection.id}: detection latency uniform on (T + d - h, T + d] (${detection.source})`, () => {
    // h = 100 ms, d = 5 ms constant, T = 250 ms; 1000 crashes at uniformly random phases (the stated basis):
    // one node, exponential time to failure (phase is uniform relative to the heartbeat grid), 1000 cycles.
    const spec = cluster({
      seed: 'rel-detect',
      nodes: 1,
      policy: 'random',
      rate: 1 / hour,
      work: exponential(1),
      latency: constant(0.005),
      run: { duration: 1000 * (mttf + mttr), warmup: 0, replications: 1 },
    });
    spec.reliability = reliabilityOf(
      [{ kind: 'crash', nodes: 'node', timeToFailure: exponential(mttf), timeToRepair: exponential(mttr) }],
      1,
    );
    spec.reliability.detection = { heartbeat: 0.1, timeout: 0.25 };
    const { summary } = simulate(spec);
    const latency = summary.reliability!.detection.latency!;
    expect(latency.count).toBeGreaterThan(900);
    for (const quantity of ['mean', 'min', 'max'] as const) {
      const e = expectation(detection, `detectionLatency.${quantity}`);
      expect(Math.abs(latency[quantity] - e.value), `${quantity}: ${latency[quantity]} vs ${e.value}`).toBeLessThanOrEqual(
        e.tol_abs!,
      );
    }
    expect(summary.reliability!.detection.falseSuspicions.value).toBe(0);
  });
});
