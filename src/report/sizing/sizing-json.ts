import type { SizingOutcome } from '../../experiment/sizing.js';
import type { Verdict } from '../../metrics/verdict.js';

/** What `clustersim size` searched: one scenario, one field over an integer range, optionally further fields. */
export interface SizingPlan {
  scenario: string;
  seed: string;
  /** The dotted path searched, as given to the first --vary (nodes.0.count). */
  path: string;
  lo: number;
  hi: number;
  /** Further --vary fields, every combination searched. */
  others: { path: string; values: number[] }[];
  maxReplications: number;
}

export interface SizingJson {
  scenario: string;
  seed: string;
  vary: { path: string; from: number; to: number; others: { path: string; values: number[] }[] };
  maxReplications: number;
  answer: Record<string, number> | null;
  /** With --price: the answer's cost; null without prices or answer. */
  cost: number | null;
  /** The answer's verdict (pass), or fail when no configuration passed. */
  verdict: 'pass' | 'fail';
  /** With further --vary fields: each combination's smallest passing value and its cost. */
  candidates: { values: Record<string, number> | null; fixed: Record<string, number>; cost: number | null }[];
  points: {
    values: Record<string, number>;
    replications: number;
    verdict: Verdict;
    objectives: { objective: string; target: number; actual: number | null; ci95: [number, number] | null; verdict: Verdict | null }[];
  }[];
}

/** sizing.json: the shape issue 15.3 gives, plus what was searched and, with several fields, the candidates. */
export function buildSizingJson(plan: SizingPlan, outcome: SizingOutcome): SizingJson {
  const best = outcome.best;
  return {
    scenario: plan.scenario,
    seed: plan.seed,
    vary: { path: plan.path, from: plan.lo, to: plan.hi, others: plan.others },
    maxReplications: plan.maxReplications,
    answer: best === null ? null : { [plan.path]: best.result.answer as number, ...best.fixed },
    cost: best?.cost ?? null,
    verdict: best === null ? 'fail' : 'pass',
    candidates: outcome.series.map((s) => ({
      values: s.result.answer === null ? null : { [plan.path]: s.result.answer, ...s.fixed },
      fixed: s.fixed,
      cost: s.cost,
    })),
    points: outcome.series.flatMap((s) =>
      s.result.points.map((point) => ({
        values: { [plan.path]: point.value, ...s.fixed },
        replications: point.replications,
        verdict: point.verdict,
        objectives: point.objectives.map(({ objective, target, actual, ci95, verdict }) => ({ objective, target, actual, ci95, verdict })),
      })),
    ),
  };
}
