import type { Estimate } from './confidence.js';

/**
 * An objective judged on a figure's 95 % confidence interval, not on its point value: `pass` when the whole interval
 * meets the target, `fail` when none of it does, `inconclusive` when the interval straddles the target (more
 * replications would tell) or when there is no interval (a single replication cannot say how sure it is). `null`:
 * not judged, the figure has no sample.
 */
export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** Which side of the target meets it: `atMost` for a response time, `atLeast` for an availability. */
export type TargetSide = 'atMost' | 'atLeast';

export function verdictOf(figure: Estimate, target: number, side: TargetSide): Verdict | null {
  if (figure.value === null) return null;
  if (figure.ci95 === null) return 'inconclusive';
  const [low, high] = figure.ci95;
  const meets = (x: number) => (side === 'atMost' ? x <= target : x >= target);
  if (meets(low) && meets(high)) return 'pass';
  if (!meets(low) && !meets(high)) return 'fail';
  return 'inconclusive';
}

/** How `--inconclusive pass|fail` reads an inconclusive verdict in a gate; a failed objective always fails. */
export type InconclusiveAs = 'pass' | 'fail';

/** Whether a set of verdicts passes a gate (`run --fail-on-slo`, `size`): unjudged objectives do not pass. */
export function gatePasses(verdicts: readonly (Verdict | null)[], inconclusiveAs: InconclusiveAs): boolean {
  return verdicts.every((v) => v === 'pass' || (v === 'inconclusive' && inconclusiveAs === 'pass'));
}
