import type { SloCheck } from './result.js';
import type { Verdict } from '../metrics/verdict.js';

/**
 * `clustersim size`: the smallest value of one integer scenario field (nodes.0.count, ...) whose objectives all pass.
 *
 * Assumption (stated in the report): the objectives are monotone in the field, so that a larger value never fails
 * where a smaller one passed (more nodes never make p99 worse). That holds for the capacity of a cluster under a
 * fixed load, not for every field; the search does not check it beyond recording every point it ran.
 *
 * Search: a gallop from the low end (lo, lo+1, lo+3, lo+7, ...: steps that double) until a point passes, then a
 * bisection between the last point that did not pass and the first that did: O(log range) points. Every point runs
 * with the same root seed, so replication r of every point sees the same random streams (common random numbers:
 * experiment/streams.ts), and the differences between points are the field's, not the noise's. A point whose
 * verdict is inconclusive (an interval straddling a target) is rerun with twice the replications, up to
 * `maxReplications`; one still inconclusive there counts as not passing (it was not shown to pass).
 */
export interface SizingPoint {
  value: number;
  replications: number;
  objectives: SloCheck[];
  /** pass: every objective passed; fail: one failed; inconclusive: none failed, one is still undecided. */
  verdict: Verdict;
}

export interface SizingSearch {
  lo: number;
  hi: number;
  /** Replications of a point's first run (at least 2: one replication has no interval). */
  initialReplications: number;
  maxReplications: number;
  /** Runs the scenario with the field at `value` and `replications` replications, and returns its objectives. */
  evaluate: (value: number, replications: number) => Promise<SloCheck[]>;
}

export interface SizingResult {
  /** The smallest value that passed, or null when none in [lo, hi] did. */
  answer: number | null;
  /** Every point run (its last, largest run), by value. */
  points: SizingPoint[];
}

/** One verdict for all of a point's objectives: any failure fails it, any undecided one leaves it inconclusive. */
export function pointVerdict(objectives: readonly SloCheck[]): Verdict {
  if (objectives.some((o) => o.verdict === 'fail')) return 'fail';
  if (objectives.every((o) => o.verdict === 'pass')) return 'pass';
  // An objective without a sample (null) is not shown to pass either.
  return 'inconclusive';
}

export async function searchSmallestPassing(search: SizingSearch): Promise<SizingResult> {
  const { lo, hi } = search;
  const points = new Map<number, SizingPoint>();
  const passes = async (value: number): Promise<boolean> => {
    let replications = Math.max(2, Math.min(search.initialReplications, search.maxReplications));
    for (;;) {
      const objectives = await search.evaluate(value, replications);
      const verdict = pointVerdict(objectives);
      points.set(value, { value, replications, objectives, verdict });
      if (verdict !== 'inconclusive' || replications >= search.maxReplications) return verdict === 'pass';
      replications = Math.min(2 * replications, search.maxReplications);
    }
  };

  // Gallop: the last value known not to pass, and the first one that passes.
  let notPassing = lo - 1;
  let passing: number | null = null;
  for (let step = 1, value = lo; ; step *= 2) {
    if (await passes(value)) {
      passing = value;
      break;
    }
    notPassing = value;
    if (value === hi) break;
    value = Math.min(hi, value + step);
  }
  if (passing === null) return { answer: null, points: sorted(points) };

  // Bisection: notPassing < answer <= passing.
  while (passing - notPassing > 1) {
    const middle = Math.floor((notPassing + passing) / 2);
    if (await passes(middle)) passing = middle;
    else notPassing = middle;
  }
  return { answer: passing, points: sorted(points) };
}

function sorted(points: Map<number, SizingPoint>): SizingPoint[] {
  return [...points.values()].sort((a, b) => a.value - b.value);
}

/** One search of `size`: the further --vary fields fixed at `fixed`, and the cost of its answer (with --price). */
export interface SizingSeries {
  fixed: Record<string, number>;
  result: SizingResult;
  cost: number | null;
}

/** Every search, and the cheapest answer (with one search: its answer); null when no search found one. */
export interface SizingOutcome {
  series: SizingSeries[];
  best: SizingSeries | null;
}

/** The cheapest series with an answer; without prices (cost null) the smallest answer; ties keep the first. */
export function cheapest(series: readonly SizingSeries[]): SizingSeries | null {
  let best: SizingSeries | null = null;
  for (const s of series) {
    if (s.result.answer === null) continue;
    const key = s.cost ?? s.result.answer;
    if (best === null || key < (best.cost ?? (best.result.answer as number))) best = s;
  }
  return best;
}
