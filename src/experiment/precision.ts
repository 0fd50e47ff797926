import type { Estimate } from '../metrics/confidence.js';
import type { ScenarioSpec } from '../model/spec.js';
import type { PrecisionSummary, ScenarioResult, Summary } from './result.js';

/** `--precision responseTime.p99=2%` (relative to the figure's mean) or `=5ms`-free plain `=0.002` (absolute). */
export interface PrecisionTarget {
  /** A dotted path to an estimate of summary.json: responseTime.p99, availability.request, throughput, ... */
  figure: string;
  kind: 'relative' | 'absolute';
  /** A fraction of the mean (relative) or a half-width in the figure's unit (absolute). */
  width: number;
  /** As typed, for the report. */
  text: string;
}

/**
 * Replications before the first check. Law and Kelton's sequential procedure asks for n0 >= 10 (A. M. Law,
 * Simulation Modeling and Analysis, 5th ed., 2015, sec. 9.4.1) and reports coverage below nominal for small n0: a rule
 * that stops as soon as the interval is narrow stops more often on replications that happen to agree; 20 makes that
 * rarer. Measured (test/reference/precision-coverage.test.ts, 200 seeds of M/M/1 at load 0.8, replications of 4 000
 * requests, a 10 % target): 89.5 % coverage with n0 = 10 and 90.0 % with n0 = 20 (about 20 replications, so nearly a
 * fixed-size interval): the shortfall there comes from the t-interval on skewed per-replication means of short
 * replications, not from the stopping; see the test.
 */
export const MINIMUM_REPLICATIONS = 20;

export const PRECISION_RULE =
  `Law and Kelton's sequential procedure (Simulation Modeling and Analysis, sec. 9.4.1): at least ` +
  `${MINIMUM_REPLICATIONS} replications, then more until every named figure's 95 % CI half-width is within its ` +
  'target; a relative target g is checked as half-width <= g / (1 + g) times |mean|, which makes the actual ' +
  "relative error at most g. Rather than one replication at a time, each check runs as many as the current " +
  'variance says are needed (at least one more); every run reuses the same seed, so replications already run are ' +
  'the same ones (common random numbers).';

/** The estimate at a dotted path of the summary, or undefined when the path does not name one. */
export function figureAt(summary: Summary, path: string): Estimate | undefined {
  let node: unknown = summary;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  if (node === null || typeof node !== 'object' || !('value' in node) || !('ci95' in node)) return undefined;
  return node as Estimate;
}

/** The half-width a target allows for an estimate; null when it cannot be judged (no value). */
function allowedHalfWidth(target: PrecisionTarget, estimate: Estimate): number | null {
  if (estimate.value === null) return null;
  if (target.kind === 'absolute') return target.width;
  return (target.width / (1 + target.width)) * Math.abs(estimate.value);
}

function halfWidth(estimate: Estimate): number | null {
  return estimate.ci95 === null ? null : (estimate.ci95[1] - estimate.ci95[0]) / 2;
}

interface Check {
  met: boolean;
  /** Replications the current variance says every target needs. */
  needed: number;
  rows: PrecisionSummary['targets'];
}

function check(summary: Summary, targets: readonly PrecisionTarget[]): Check {
  let met = true;
  let needed = summary.replications;
  const rows = targets.map((target) => {
    const estimate = figureAt(summary, target.figure) ?? { value: null, ci95: null };
    const allowed = allowedHalfWidth(target, estimate);
    const half = halfWidth(estimate);
    // A CI clipped to the figure's range (a probability at 100 %) is half its width: it only errs on the long side.
    const ok = allowed !== null && half !== null && half <= allowed;
    if (!ok) {
      met = false;
      // Half-widths shrink as 1/sqrt(R): (half / allowed)^2 times as many replications; with no interval, double.
      const ratio = half !== null && allowed !== null && allowed > 0 ? (half / allowed) ** 2 : 2;
      needed = Math.max(needed, Math.ceil(summary.replications * ratio));
    }
    return { figure: target.figure, target: target.text, halfWidth: half, allowedHalfWidth: allowed, met: ok };
  });
  return { met, needed, rows };
}

/**
 * Runs a scenario until the named figures are precise enough or `maxReplications` is reached; the result is that
 * of the last run, with `summary.precision` saying what was asked, what was reached and how many replications it
 * took. `run` runs the given spec in full (its replications from 0: same seed, same streams).
 */
export async function runToPrecision(
  spec: ScenarioSpec,
  targets: readonly PrecisionTarget[],
  maxReplications: number,
  run: (spec: ScenarioSpec) => Promise<ScenarioResult>,
): Promise<ScenarioResult> {
  let replications = Math.min(maxReplications, Math.max(MINIMUM_REPLICATIONS, spec.run.replications));
  for (;;) {
    const result = await run({ ...spec, run: { ...spec.run, replications } });
    const outcome = check(result.summary, targets);
    // A run cut short (wall-clock budget) has fewer replications than asked: more would not be honoured either.
    const cut = result.summary.replications < replications;
    if (outcome.met || replications >= maxReplications || cut) {
      result.summary.precision = {
        rule: PRECISION_RULE,
        minimumReplications: MINIMUM_REPLICATIONS,
        maxReplications,
        replications: result.summary.replications,
        met: outcome.met,
        targets: outcome.rows,
      };
      if (!outcome.met) {
        const missed = outcome.rows.filter((t) => !t.met).map((t) => `${t.figure}=${t.target}`);
        result.warnings.push(`--precision not reached after ${result.summary.replications} replications: ${missed.join(', ')}`);
      }
      return result;
    }
    replications = Math.min(maxReplications, Math.max(replications + 1, outcome.needed));
  }
}
