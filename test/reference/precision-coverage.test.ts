/**
 * Coverage of the intervals `run --precision` stops on (issue 15.2): a sequential rule that stops when the interval
 * is narrow enough can under-cover (it stops on replications that happened to agree). Over 200 independent seeds of
 * an M/M/1 queue, the 95 % CI of the mean response time at stopping must contain the exact value,
 * E[T] = 1 / (mu - lambda) = 5 s at lambda = 0.8, mu = 1 (Kleinrock, Queueing Systems vol. 1, 1975, eq. 3.26), in
 * as many seeds as a correct 95 % procedure would: the count is binomial(200, 0.95), standard deviation
 * sqrt(200 x 0.95 x 0.05) = 3.1 trials, so the band below.
 *
 * Run length: replications of 40 000 measured requests after 2 000 warm-up ones, a 2 % relative target (checked as
 * 0.02 / 1.02 = 1.96 %), at least 20 replications. The per-replication mean of 40 000 requests varies by about 4.4 %
 * (measured), so the rule stops after about 20-30 replications.
 *
 * History: with 4 000-request replications and a 10 % target this covered 89.5 % (minimum 10) and 90.0 % (minimum
 * 20). Issue 16.2 measured why (docs/statistics.md, "Coverage"): at that length the replication means are skewed
 * (skewness 1.1; a fixed R = 20 t-interval covers 93.3 %), and stopping when the interval happens to be narrow,
 * which for right-skewed means is when the sample happens to be low, costs the rest. Ten times longer replications
 * make the means nearly normal (skewness about 0.35), which is the method's fix: the t-interval, sequential or not,
 * needs replications long enough for their values to be nearly normal.
 *
 * Measured: 188 of 200 seeds (94.0 %, band 184-196), 25.4 replications on average, at most 47 (510 s); with 30
 * seeds 29 (96.7 %, band 27-30).
 *
 * Slow (200 seeds of about 25 x 42 000 requests: 510 s measured here), so it runs only with
 * CLUSTERSIM_SLOW=1: `npm run test:coverage`; CLUSTERSIM_COVERAGE_SEEDS=n runs fewer seeds (the band is then
 * binomial(n, 0.95)'s central 95 % range). The band: 184-196 of 200 (95 % ± 3.0 %, docs/statistics.md); the
 * issue's 93-97 % is about ± 1.3 standard deviations, which a correct procedure misses about 20 % of the time.
 */
import { describe, expect, it } from 'vitest';
import { runToPrecision, type PrecisionTarget } from '../../src/experiment/precision.js';
import { runScenario } from '../../src/experiment/run.js';
import { binomialBand } from '../helpers/coverage.js';
import { exponential, runLength, singleNode } from '../helpers/scenarios.js';

const LAMBDA = 0.8;
const MU = 1;
const EXACT_MEAN = 1 / (MU - LAMBDA);
const SEEDS = Number(process.env.CLUSTERSIM_COVERAGE_SEEDS ?? 200);
const TARGET: PrecisionTarget = { figure: 'responseTime.mean', kind: 'relative', width: 0.02, text: '2%' };

describe.runIf(process.env.CLUSTERSIM_SLOW === '1')('--precision coverage (slow)', () => {
  it(`covers the exact M/M/1 mean within the binomial band over ${SEEDS} seeds`, async () => {
    let covered = 0;
    const replications: number[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const spec = singleNode({
        seed: `coverage-${seed}`,
        run: runLength(2, 40_000, 2_000),
        rate: LAMBDA,
        work: exponential(1 / MU),
      });
      const result = await runToPrecision(spec, [TARGET], 100, (s) => runScenario(s));
      const [low, high] = result.summary.responseTime.mean.ci95!;
      if (low <= EXACT_MEAN && EXACT_MEAN <= high) covered++;
      replications.push(result.summary.replications);
    }
    const coverage = covered / SEEDS;
    const mean = replications.reduce((a, b) => a + b, 0) / SEEDS;
    console.log(`precision coverage ${(coverage * 100).toFixed(1)} % over ${SEEDS} seeds; replications mean ${mean.toFixed(1)}, max ${Math.max(...replications)}`);
    const [low, high] = binomialBand(SEEDS);
    expect(covered).toBeGreaterThanOrEqual(low);
    expect(covered).toBeLessThanOrEqual(high);
  }, 4 * 3600_000);
});
