/**
 * `warmup: auto` against theory (issue 16.3): from an empty start at load 0.95, the mean response time with
 * `warmup: auto` is within the tolerance of the M/M/1 value (20 s) where `warmup: 0s` is not.
 *
 * The reference is test/helpers/mm1-transient.ts: E[N(t)] from empty by the forward Kolmogorov equations, and the
 * expected mean response of the requests arriving in a window, (1 + mean E[N]) s. From it, over a window of T s
 * after a warm-up d: T = 4 000 s: 18.13 s uncut (bias 1.87 s), 19.52 after 1 000 s, 19.83 after 2 000 s; the bias of
 * the uncut mean is about ρ / (1 − ρ)³ / T = 7 600 s / T (checked below).
 *
 * Sizing (the tolerance rule, mm1Load095Tolerance: 3 % at 10^7 requests, 2.4 standard errors at any length): the
 * uncut bias must be well past the tolerance, and the bias `auto` leaves well inside it. With T = 4 000 s and
 * R = 1 200 replications (4.6 million requests) the tolerance is 0.89 s and the standard error 0.37 s: the uncut mean
 * (bias 1.87 s = 5.0 standard errors) falls within the tolerance with probability Φ(2.4 − 5.0) = 0.4 %. `auto` cuts
 * at MSER-5 on the mean of as many pilots as replications (experiment/auto-warmup.ts); modelled from 480 simulated
 * pilots (docs/statistics.md "Warm-up"), it cuts at 1 200-2 000 s (10th-90th percentile), leaving a bias of
 * 0.25 s on average, and the mean is within the tolerance with probability 95 %. Both together: about 95 %.
 *
 * That campaign (about 4.6 million requests three times: the pilots, the auto run, the uncut run) runs only with
 * CLUSTERSIM_SLOW=1 (`npm run test:coverage`); 310 s here at a load average of 16-18. Measured: cut 1 200 s (theory
 * leaves 0.39 s), auto mean 19.838 s, uncut 18.315 s, tolerance 0.888 s: passed. The regular suite checks the
 * reference and a small case.
 */
import { describe, expect, it } from 'vitest';
import { chooseWarmup, PILOT_REPLICATIONS } from '../../src/experiment/auto-warmup.js';
import { runScenario } from '../../src/experiment/run.js';
import type { ScenarioSpec } from '../../src/model/spec.js';
import { mm1Load095Tolerance, mm1MeanInSystemFromEmpty, windowMeanResponse } from '../helpers/mm1-transient.js';
import { exponential, singleNode } from '../helpers/scenarios.js';

const EXACT = 20;

/** M/M/1 (μ = 1) at `load` measured for `duration` s, `replications` replications, warm-up auto or stated. */
function mm1(duration: number, replications: number, warmup: 'auto' | number, load = 0.95): ScenarioSpec {
  const run = warmup === 'auto' ? { duration, warmup: 0, warmupAuto: true, replications } : { duration, warmup, replications };
  return singleNode({ seed: 'warmup-validation', rate: load, work: exponential(1), run });
}

describe('the M/M/1 transient from empty (the reference)', () => {
  it('reaches the stationary mean ρ / (1 − ρ), and the area it lags by is ρ / (1 − ρ)³', () => {
    // Load 0.8: relaxation time 1 / (1 − √ρ)² = 89 s (Morse 1955); 4 000 s is 45 of them.
    const mean = mm1MeanInSystemFromEmpty(0.8, 4000);
    expect(mean[4000]).toBeCloseTo(4, 6);
    // Early on the queue barely forms: E[N(t)] ≈ ρ t for small t (arrivals minus the few departures).
    expect(mean[1]).toBeGreaterThan(0.8 * (1 - 0.5));
    expect(mean[1]).toBeLessThan(0.8);
    let lag = 0;
    for (let t = 0; t < 4000; t++) lag += 4 - (mean[t] + mean[t + 1]) / 2;
    // Integrated numerically here at three loads (0.5: 3.975 of 4, 0.8: 99.90 of 100, 0.95: 7 599.5 of 7 600, with
    // the Euler step's O(dt) error); not a value this test's code produces by construction.
    expect(lag).toBeGreaterThan(100 * 0.998);
    expect(lag).toBeLessThan(100 * 1.0005);
  });

  it('gives the window means the sizing above uses (load 0.95, 4 000 s windows)', () => {
    const mean = mm1MeanInSystemFromEmpty(0.95, 6000);
    expect(windowMeanResponse(mean, 0, 4000)).toBeCloseTo(18.13, 2);
    expect(windowMeanResponse(mean, 1000, 4000)).toBeCloseTo(19.52, 2);
    expect(windowMeanResponse(mean, 2000, 4000)).toBeCloseTo(19.83, 2);
  });
});

describe('warmup: auto at load 0.95, small', () => {
  it('cuts where the transient leaves a bias below a quarter of the run’s tolerance, with as many pilots as replications', () => {
    // 20 replications of 4 000 s: tolerance 6.9 s. At this size even the uncut bias (1.87 s) is inside it, so this
    // checks the rule's mechanics and where the cut lands, not the separation (the campaign below does that).
    // Modelled (docs/statistics.md), 20 pilots cut at 200-2 000 s (10th-90th percentile), median 800 s.
    const replications = 20;
    const { warmup } = chooseWarmup(mm1(4000, replications, 'auto'));
    expect(warmup.pilotReplications).toBe(replications);
    expect(warmup.seconds).toBeGreaterThan(0);
    expect(warmup.seconds).toBeLessThanOrEqual(2000);
    const mean = mm1MeanInSystemFromEmpty(0.95, 6000);
    const left = EXACT - windowMeanResponse(mean, warmup.seconds, 4000);
    const { tolerance } = mm1Load095Tolerance(replications * 0.95 * 4000);
    console.log(`[warmup small] cut ${warmup.seconds} s, bias left ${left.toFixed(3)} s, tolerance ${tolerance.toFixed(2)} s`);
    expect(left).toBeLessThan(tolerance / 4);
    expect(left).toBeLessThan(EXACT - windowMeanResponse(mean, 0, 4000));
  });

  it('keeps 10 pilots for 10 replications or fewer', () => {
    expect(PILOT_REPLICATIONS).toBe(10);
    expect(chooseWarmup(mm1(1000, 3, 'auto', 0.8)).warmup.pilotReplications).toBe(10);
  });
});

const SLOW = process.env.CLUSTERSIM_SLOW === '1';

describe.runIf(SLOW)('warmup: auto at load 0.95, the validation campaign', () => {
  it('the mean with warmup: auto is within the tolerance of 20 s where warmup: 0s is not', { timeout: 3_600_000 }, async () => {
    const duration = 4000;
    const replications = 1200;
    const auto = await runScenario(mm1(duration, replications, 'auto'), { workers: 2 });
    const uncut = await runScenario(mm1(duration, replications, 0), { workers: 2 });
    const { tolerance, standardError } = mm1Load095Tolerance(auto.summary.requests.completed);
    const autoMean = auto.summary.responseTime.mean.value;
    const uncutMean = uncut.summary.responseTime.mean.value;
    if (autoMean === null || uncutMean === null) throw new Error('no request completed');
    const transient = mm1MeanInSystemFromEmpty(0.95, duration + 3000);
    const chosen = auto.summary.warmup!.seconds;
    console.log(
      `[warmup campaign] cut ${chosen} s (theory leaves ${(EXACT - windowMeanResponse(transient, chosen, duration)).toFixed(3)} s); ` +
        `auto mean ${autoMean.toFixed(3)} s, uncut ${uncutMean.toFixed(3)} s (theory ${windowMeanResponse(transient, 0, duration).toFixed(3)}); ` +
        `tolerance ${tolerance.toFixed(3)} s, standard error ${standardError.toFixed(3)} s, ${auto.summary.requests.completed} requests`,
    );
    expect(Math.abs(autoMean - EXACT)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(uncutMean - EXACT)).toBeGreaterThan(tolerance);
  });
});
