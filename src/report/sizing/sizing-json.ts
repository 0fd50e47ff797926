import type { SizingResult } from '../../experiment/sizing.js';
import type { Verdict } from '../../metrics/verdict.js';

/** What `clustersim size` searched: one scenario, one field over an integer range. */
export interface SizingPlan {
  scenario: string;
  seed: string;
  /** The dotted path varied, as given to --vary (nodes.0.count). */
  path: string;
  lo: number;
  hi: number;
  maxReplications: number;
}

export interface SizingJson {
  scenario: string;
  seed: string;
  vary: { path: string; from: number; to: number };
  maxReplications: number;
  answer: Record<string, number> | null;
  /** The answer's verdict (pass), or fail when no value in the range passed. */
  verdict: 'pass' | 'fail';
  points: {
    values: Record<string, number>;
    replications: number;
    verdict: Verdict;
    objectives: { objective: string; target: number; actual: number | null; ci95: [number, number] | null; verdict: Verdict | null }[];
  }[];
}

/** sizing.json: the shape issue 15.3 gives, plus what was searched. */
export function buildSizingJson(plan: SizingPlan, result: SizingResult): SizingJson {
  return {
    scenario: plan.scenario,
    seed: plan.seed,
    vary: { path: plan.path, from: plan.lo, to: plan.hi },
    maxReplications: plan.maxReplications,
    answer: result.answer === null ? null : { [plan.path]: result.answer },
    verdict: result.answer === null ? 'fail' : 'pass',
    points: result.points.map((point) => ({
      values: { [plan.path]: point.value },
      replications: point.replications,
      verdict: point.verdict,
      objectives: point.objectives.map(({ objective, target, actual, ci95, verdict }) => ({ objective, target, actual, ci95, verdict })),
    })),
  };
}
