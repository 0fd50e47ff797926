import type { SloCheck } from '../experiment/result.js';
import { gatePasses, type InconclusiveAs } from '../metrics/verdict.js';

/**
 * `run --fail-on-slo`: the line that says which objectives kept the run from passing, or undefined when all passed.
 * An objective without a verdict (no sample) does not pass: a gate that cannot see the figure must not say yes.
 */
export function missedObjectives(checks: readonly SloCheck[], inconclusiveAs: InconclusiveAs): string | undefined {
  if (checks.length === 0) return undefined;
  const missed = checks.filter((check) => !gatePasses([check.verdict], inconclusiveAs));
  if (missed.length === 0) return undefined;
  const list = missed.map((c) => `${c.objective} ${c.verdict ?? 'not judged (no sample)'}`).join(', ');
  return `objectives not met (--fail-on-slo${inconclusiveAs === 'pass' ? ' --inconclusive pass' : ''}): ${list}`;
}

/** What --fail-on-slo says of a scenario that declares no objective: it passes, but the gate checked nothing. */
export const NO_OBJECTIVE_NOTE = 'warning: --fail-on-slo: no objective declared (slo: p99, mean, availability): nothing to check';
