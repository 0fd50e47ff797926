/**
 * Coverage of the intervals `run --precision` stops on (issue 15.2): a sequential rule that stops when the interval
 * is narrow enough can under-cover (it stops on replications that happened to agree). Over 200 independent seeds of
 * an M/M/1 queue, the 95 % CI of the mean response time at stopping must contain the exact value,
 * E[T] = 1 / (mu - lambda) = 5 s at lambda = 0.8, mu = 1 (Kleinrock, Queueing Systems vol. 1, 1975, eq. 3.26), in
 * 93 % to 97 % of the seeds, the band the issue sets. At 200 trials with a true coverage of 95 % the count is
 * binomial(200, 0.95): standard deviation sqrt(200 x 0.95 x 0.05) = 3.1 trials, so 186-194 is about +-1.3 sd.
 *
 * Run length: replications of 4 000 measured requests after 1 000 warm-up ones (the M/M/1 at load 0.8 relaxes in
 * about 1 / (mu (1 - sqrt(rho))^2) = 90 s, 72 requests), a 10 % relative target (checked as 0.1 / 1.1 = 9.1 %), at
 * least 10 replications: the per-replication mean varies by about 20 %, so about 15-20 replications per seed. Slow
 * (about 6 minutes on two shared cores), so it runs only with CLUSTERSIM_SLOW=1: `npm run test:coverage`.
 *
 * MEASURED, AND FAILING: 89.5 % with a minimum of 10 replications (mean 14.2 per seed), 90.0 % with 20 (mean 20.2):
 * below the band. With about 20 replications the rule hardly acts (nearly a fixed-size interval), so the shortfall
 * is the across-replication t-interval itself on the right-skewed means of 4 000-request M/M/1 replications at load
 * 0.8 (busy periods), which issue 16.2 asks to fix in the method (longer replications, batch means or a bootstrap).
 * The test states the band and is left failing until then.
 */
import { describe, expect, it } from 'vitest';
import { runToPrecision, type PrecisionTarget } from '../../src/experiment/precision.js';
import { runScenario } from '../../src/experiment/run.js';
import { exponential, runLength, singleNode } from '../helpers/scenarios.js';

const LAMBDA = 0.8;
const MU = 1;
const EXACT_MEAN = 1 / (MU - LAMBDA);
const SEEDS = 200;
const TARGET: PrecisionTarget = { figure: 'responseTime.mean', kind: 'relative', width: 0.1, text: '10%' };

describe.runIf(process.env.CLUSTERSIM_SLOW === '1')('--precision coverage (slow)', () => {
  it(`covers the exact M/M/1 mean in 93-97 % of ${SEEDS} seeds`, async () => {
    let covered = 0;
    const replications: number[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const spec = singleNode({
        seed: `coverage-${seed}`,
        run: runLength(2, 4000, 1000),
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
    expect(coverage).toBeGreaterThanOrEqual(0.93);
    expect(coverage).toBeLessThanOrEqual(0.97);
  });
});
