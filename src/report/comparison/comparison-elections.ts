/**
 * The single-leader figures of a comparison point: per variant, elections, false elections and the time without a
 * leader, each with its 95 % CI, as each variant's summary has them. They are not paired figures (no difference
 * against the baseline: they exist for the single-leader topology only), so they get a table of their own, shown in
 * comparison.md and comparison.html only when every variant of the point has them. A timeout-tuning sweep reads
 * them point by point.
 */
import type { ComparisonPoint } from '../../experiment/compare.js';
import type { Estimate } from '../../experiment/result.js';
import { formatDuration, formatEstimate, formatTrimmed, NO_INTERVAL } from '../format.js';

export const ELECTION_COMPARISON_TITLE = 'Leader elections';

export const ELECTION_COMPARISON_COLUMNS = [
  'variant',
  'elections per replication',
  'false elections per replication',
  'time without a leader (mean)',
] as const;

function cell(estimate: Estimate, format: (x: number) => string): string {
  const { value, ci } = formatEstimate(estimate, format);
  return ci === NO_INTERVAL ? value : `${value} (${ci})`;
}

/** One row per variant; null when a variant of the point has no elections (not a single-leader run). */
export function electionComparisonRows(point: ComparisonPoint): string[][] | null {
  if (point.variants.some((v) => v.summary.elections === undefined)) return null;
  const count = (x: number) => formatTrimmed(x, 4);
  return point.variants.map((v) => {
    const e = v.summary.elections!;
    const time = e.count.value === 0 ? 'no election' : cell(e.timeWithoutLeader.mean, formatDuration);
    return [v.name, cell(e.count, count), cell(e.falseElections, count), time];
  });
}
