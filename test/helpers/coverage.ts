/**
 * Coverage of the across-replication 95 % intervals (issue 16.2): run a queue with an exact answer under many
 * seeds and count how often summary.json's interval of the mean, p50 and p99 response time contains the exact
 * value. The exact values come from queueing theory, never from the code under test.
 */
import { resultOf, runReplications, type ScenarioSpec, type Summary } from '../../src/index.js';
import { exponential, runLength, singleNode } from './scenarios.js';

export const COVERED_FIGURES = ['mean', 'p50', 'p99'] as const;
export type CoveredFigure = (typeof COVERED_FIGURES)[number];

/** An M/M/c queue (mu = 1) with its exact response-time mean and percentiles. */
export interface ExactQueue {
  label: string;
  cores: number;
  lambda: number;
  exact: Record<CoveredFigure, number>;
}

/**
 * M/M/c response time T = W + S (FIFO, mu = 1, theta = c mu - lambda): with C the Erlang C probability of waiting,
 * P(T > t) = (1 - C) e^{-mu t} + C (theta e^{-mu t} - mu e^{-theta t}) / (theta - mu) for theta != mu (W is 0 with
 * probability 1 - C and exponential(theta) otherwise, independent of S: Gross, Shortle, Thompson and Harris,
 * Fundamentals of Queueing Theory, 4th ed., 2008, section 2.3, eqs. 2.35-2.37); for c = 1 it is T ~ Exp(mu - lambda)
 * (Kleinrock, Queueing Systems vol. 1, 1975, eq. 3.26). Percentiles are solved by bisection on P(T > t).
 */
export function mmc(cores: number, lambda: number, label: string): ExactQueue {
  const mu = 1;
  const theta = cores * mu - lambda;
  let survival: (t: number) => number;
  let mean: number;
  if (cores === 1) {
    survival = (t) => Math.exp(-theta * t);
    mean = 1 / theta;
  } else {
    const a = lambda / mu;
    let term = 1;
    let below = 0;
    for (let k = 0; k < cores; k++) {
      if (k > 0) term *= a / k;
      below += term;
    }
    const top = ((term * a) / cores) / (1 - a / cores);
    const erlangC = top / (below + top);
    survival = (t) =>
      (1 - erlangC) * Math.exp(-mu * t) + (erlangC * (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t))) / (theta - mu);
    mean = 1 / mu + erlangC / theta;
  }
  const quantile = (p: number) => {
    let low = 0;
    let high = 1e4;
    for (let i = 0; i < 200; i++) {
      const mid = (low + high) / 2;
      if (survival(mid) > 1 - p) low = mid;
      else high = mid;
    }
    return (low + high) / 2;
  };
  return { label, cores, lambda, exact: { mean, p50: quantile(0.5), p99: quantile(0.99) } };
}

export function queueSpec(queue: ExactQueue, seed: string, replications: number, requests: number, warmupRequests: number): ScenarioSpec {
  return singleNode({
    seed,
    cores: queue.cores,
    rate: queue.lambda,
    work: exponential(1),
    run: runLength(replications, requests, warmupRequests),
  });
}

function covers(summary: Summary, figure: CoveredFigure, exact: number): boolean {
  const ci = summary.responseTime[figure].ci95;
  if (ci === null) throw new Error(`no interval of responseTime.${figure}`);
  return ci[0] <= exact && exact <= ci[1];
}

/** Per R, per figure: how many of the seeds' intervals contained the exact value. */
export type CoverageCounts = Record<number, Record<CoveredFigure, number>>;

/**
 * Runs `seeds` seeds of the queue with max(Rs) replications each; the summary for R replications is that of the
 * first R (what a user asking for R replications of that seed gets: replication r's streams depend on r alone).
 */
export function measureCoverage(
  queue: ExactQueue,
  seeds: number,
  replicationCounts: readonly number[],
  requests: number,
  warmupRequests: number,
): CoverageCounts {
  const counts: CoverageCounts = {};
  for (const r of replicationCounts) counts[r] = { mean: 0, p50: 0, p99: 0 };
  const most = Math.max(...replicationCounts);
  for (let seed = 1; seed <= seeds; seed++) {
    const spec = queueSpec(queue, `coverage-${queue.label}-${seed}`, most, requests, warmupRequests);
    const outcomes = runReplications(spec);
    for (const r of replicationCounts) {
      const summary = resultOf({ ...spec, run: { ...spec.run, replications: r } }, outcomes.slice(0, r)).summary;
      for (const figure of COVERED_FIGURES) if (covers(summary, figure, queue.exact[figure])) counts[r][figure]++;
    }
  }
  return counts;
}

/**
 * The band a correct 95 % procedure's coverage count over n trials falls in: binomial(n, 0.95) with the normal
 * approximation, n 0.95 ± z sqrt(n 0.95 0.05). For one cell z = 1.96 (95 % ± 3.0 % at n = 200, docs/statistics.md).
 * A test that checks `cells` counts at once uses Bonferroni's z for 0.05 / cells two-sided, so that a correct
 * procedure fails the whole test at most 5 % of the time: with 6 cells per band of 1.96 each, it would fail about
 * 1 - 0.95^6 = 26 % of the time (measured: one of twelve cells fell one count outside 184-196 in each of two
 * campaigns).
 */
export function binomialBand(trials: number, cells = 1): [number, number] {
  const z = cells === 1 ? 1.96 : normalQuantile(1 - 0.025 / cells);
  const sd = Math.sqrt(trials * 0.95 * 0.05);
  return [Math.ceil(trials * 0.95 - z * sd), Math.min(trials, Math.floor(trials * 0.95 + z * sd))];
}

/** The standard normal quantile, by bisection on the error function (jstat's normal.inv would do; kept local). */
function normalQuantile(p: number): number {
  let low = 0;
  let high = 10;
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (0.5 * (1 + erf(mid / Math.SQRT2)) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** Abramowitz and Stegun 7.1.26 (|error| < 1.5e-7): enough for a band rounded to whole counts. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return 1 - poly * Math.exp(-x * x);
}
