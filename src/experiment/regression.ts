/**
 * `clustersim check`: is each figure of a run significantly worse than in the baseline, by more than its tolerance?
 *
 * The test, per figure, is Welch's t on the replication means (Welch 1947, Biometrika 34: 28-35; NIST/SEMATECH
 * e-Handbook of Statistical Methods, 7.3.1), one-sided and shifted by the tolerance: with d the amount by which the
 * run is worse than the baseline (current - baseline for a figure where lower is better, baseline - current where
 * higher is), the null hypothesis is E[d] <= margin (worse by at most the tolerance) and a regression is its
 * rejection: t = (mean d - margin) / sqrt(s_c^2 / n_c + s_b^2 / n_b), Welch-Satterthwaite degrees of freedom, p the
 * upper tail of Student's t. Replication means of a long run are close to normal (central limit theorem over the
 * requests of a replication), which is what the t distribution assumes.
 *
 * False alarms: for one figure whose true change is within its tolerance, P(regression) <= its level. The levels are
 * Bonferroni-corrected (each figure tested at falseAlarm / number of figures tested), so a run whose every figure is
 * within tolerance is flagged with probability at most `falseAlarm` (default 5 %) in all.
 */
import jStat from 'jstat';
import { groupThousands } from '../metrics/group-thousands.js';
import { didYouMean } from '../scenario/suggest.js';
import type { Baseline } from './baseline.js';
import { COMPARED_FIGURES, type ComparedFigures, type FigureDefinition } from './compare-figures.js';

/** A tolerance: relative to the baseline's mean (`5%`), or absolute in the figure's unit (seconds, fraction, 1/s). */
export interface Tolerance {
  relative: boolean;
  amount: number;
}

/**
 * What is checked when no --tolerance names a figure: the figures a service is judged on, with tolerances a little
 * wider than the run-to-run noise of the examples' short CI runs. Any other figure is checked only when named.
 */
export const DEFAULT_TOLERANCES: Readonly<Record<string, Tolerance>> = {
  'responseTime.mean': { relative: true, amount: 0.05 },
  'responseTime.p99': { relative: true, amount: 0.1 },
  throughput: { relative: true, amount: 0.02 },
  blockingProbability: { relative: false, amount: 0.001 },
  'availability.request': { relative: false, amount: 0.0005 },
};

/** The family-wise false-alarm rate of a check (see the file comment). */
export const DEFAULT_FALSE_ALARM = 0.05;

export function formatTolerance(tolerance: Tolerance): string {
  return tolerance.relative ? `${+(tolerance.amount * 100).toPrecision(6)}%` : `${tolerance.amount}`;
}

/** `responseTime.p99=5%` or `availability.request=0.001`, checked against the compared figures. */
export function parseTolerance(text: string): { path: string; tolerance: Tolerance } | { error: string } {
  const equals = text.indexOf('=');
  const help = 'write figure=5% (relative) or figure=0.001 (absolute, in the figure\u2019s unit), e.g. responseTime.p99=5%';
  if (equals <= 0) return { error: `--tolerance '${text}': ${help}` };
  const path = text.slice(0, equals).trim();
  const amountText = text.slice(equals + 1).trim();
  if (!COMPARED_FIGURES.some((f) => f.path === path)) {
    const suggestion = didYouMean(path, COMPARED_FIGURES.map((f) => f.path));
    return {
      error:
        `--tolerance: unknown figure '${path}'. Valid: ${COMPARED_FIGURES.map((f) => f.path).join(', ')}` +
        (suggestion === undefined ? '' : `; did you mean '${suggestion}'?`),
    };
  }
  const relative = amountText.endsWith('%');
  const amount = Number(relative ? amountText.slice(0, -1) : amountText);
  if (amountText === '' || amountText === '%' || !Number.isFinite(amount) || amount < 0) {
    return { error: `--tolerance '${text}': bad value '${amountText}': ${help}` };
  }
  return { path, tolerance: { relative, amount: relative ? amount / 100 : amount } };
}

export interface FigureCheck {
  figure: FigureDefinition;
  tolerance: Tolerance;
  /** Means over the replications that have a value; null when none has. */
  baselineMean: number | null;
  currentMean: number | null;
  /** The tolerance in the figure's unit. */
  margin: number | null;
  t: number | null;
  degreesOfFreedom: number | null;
  pValue: number | null;
  /** The level this figure is tested at (Bonferroni share of the false-alarm rate). */
  level: number;
  verdict: 'pass' | 'regression' | 'skipped';
  /** Why, in words with the numbers (the JUnit failure message). */
  reason: string;
}

function present(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null);
}

function meanAndVariance(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

/** Welch's one-sided test that `worse` (current vs baseline, signed so positive is worse) exceeds `margin`. */
export function welchWorse(
  current: readonly number[],
  baseline: readonly number[],
  sign: 1 | -1,
  margin: number,
): { difference: number; t: number; degreesOfFreedom: number; pValue: number } {
  const c = meanAndVariance(current);
  const b = meanAndVariance(baseline);
  const difference = sign * (c.mean - b.mean);
  const vc = c.variance / current.length;
  const vb = b.variance / baseline.length;
  const se = Math.sqrt(vc + vb);
  if (se === 0) {
    // No spread on either side: the difference is exact.
    const worse = difference > margin;
    return { difference, t: worse ? Infinity : -Infinity, degreesOfFreedom: current.length + baseline.length - 2, pValue: worse ? 0 : 1 };
  }
  const t = (difference - margin) / se;
  const degreesOfFreedom = (vc + vb) ** 2 / (vc ** 2 / (current.length - 1) + vb ** 2 / (baseline.length - 1));
  return { difference, t, degreesOfFreedom, pValue: 1 - jStat.studentt.cdf(t, degreesOfFreedom) };
}

const number = (x: number) => (Number.isFinite(x) ? groupThousands(`${+x.toPrecision(4)}`) : String(x));
const UNIT = { duration: ' s', rate: '/s', fraction: '' } as const;

/**
 * Checks every figure that has a tolerance (the defaults, replaced or added to by `tolerances`): a regression when the
 * run is worse than the baseline by more than the tolerance with significance at the figure's level.
 */
export function checkFigures(
  baseline: Baseline,
  current: ComparedFigures<(number | null)[]>,
  tolerances: Readonly<Record<string, Tolerance>>,
  falseAlarm = DEFAULT_FALSE_ALARM,
): FigureCheck[] {
  const tested = COMPARED_FIGURES.filter((f) => tolerances[f.path] !== undefined);
  const level = falseAlarm / Math.max(1, tested.length);
  return tested.map((figure) => {
    const tolerance = tolerances[figure.path];
    const before = present(baseline.replicationValues[figure.path]);
    const after = present(figure.get(current));
    const base = { figure, tolerance, level, t: null, degreesOfFreedom: null, pValue: null };
    const baselineMean = before.length === 0 ? null : meanAndVariance(before).mean;
    const currentMean = after.length === 0 ? null : meanAndVariance(after).mean;
    if (before.length < 2 || after.length < 2) {
      const reason =
        `${figure.path}: skipped: ${before.length} baseline and ${after.length} current replications have a value; ` +
        'the test needs at least 2 on each side';
      return { ...base, baselineMean, currentMean, margin: null, verdict: 'skipped', reason };
    }
    const margin = tolerance.relative ? tolerance.amount * Math.abs(baselineMean!) : tolerance.amount;
    const sign = figure.higherIsBetter ? -1 : 1;
    const test = welchWorse(after, before, sign, margin);
    const regression = test.pValue < level;
    const relative = baselineMean === 0 ? '' : ` (${test.difference >= 0 ? '+' : ''}${number((test.difference / Math.abs(baselineMean!)) * 100)} %)`;
    const unit = UNIT[figure.kind];
    const reason =
      `${figure.path}: ${number(currentMean!)}${unit} against the baseline's ${number(baselineMean!)}${unit}: worse by ` +
      `${number(test.difference)}${unit}${relative}, tolerance ${formatTolerance(tolerance)} (${number(margin)}${unit}); Welch t = ` +
      `${number(test.t)}, df = ${number(test.degreesOfFreedom)}, p = ${number(test.pValue)} ` +
      `${regression ? '<' : '>='} ${number(level)}: ${regression ? 'significantly worse beyond the tolerance' : 'no regression'}`;
    return {
      ...base,
      baselineMean,
      currentMean,
      margin,
      t: test.t,
      degreesOfFreedom: test.degreesOfFreedom,
      pValue: test.pValue,
      verdict: regression ? 'regression' : 'pass',
      reason,
    };
  });
}
