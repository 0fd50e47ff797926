/**
 * The table a sweep's comparison.md and comparison.html open with: one row per point, one column per axis, then
 * each variant's p99 response time with its paired difference against the baseline when that is significant, and
 * which variant had the lowest. The per-point tables of every figure follow, collapsed.
 */
import type { Comparison, ComparisonPoint } from '../../experiment/compare.js';
import { formatTrimmed } from '../format.js';
import { FIGURES, figureRows, variantEstimate, type VerdictKind } from './comparison-figures.js';

/** The figure the summary table shows: the tail most service objectives are written on. */
export const SUMMARY_FIGURE = FIGURES.find((f) => f.path === 'responseTime.p99')!;

export interface SweepSummaryCell {
  text: string;
  /** How the variant compares with the baseline on the summary figure; colours the cell in comparison.html. */
  kind: VerdictKind;
}

export interface SweepSummary {
  header: string[];
  /** Per point: the axis values, then a cell per variant, then the variant with the lowest value. */
  rows: { axes: string[]; cells: SweepSummaryCell[]; lowest: string }[];
}

/** `12.3 ms (-8.1 %)` where the paired difference is significant, `12.3 ms (n.s.)` where it is not. */
export function cellOf(row: ReturnType<typeof figureRows>[number]): SweepSummaryCell {
  const kind = row.verdict.kind;
  if (kind === 'better' || kind === 'worse') return { text: `${row.value} (${row.relative})`, kind };
  if (kind === 'not-significant') return { text: `${row.value} (n.s.)`, kind };
  return { text: row.value, kind };
}

/** The variant with the lowest mean, with `(n.s.)` when it is not significantly lower than the baseline; `-` without values. */
function lowestOf(point: ComparisonPoint): string {
  const rows = figureRows(point, SUMMARY_FIGURE);
  let best: number | undefined;
  for (const [i, variant] of point.variants.entries()) {
    const value = variantEstimate(variant, SUMMARY_FIGURE).value;
    if (value === null) continue;
    if (best === undefined || value < (variantEstimate(point.variants[best], SUMMARY_FIGURE).value as number)) best = i;
  }
  if (best === undefined) return '-';
  const variant = point.variants[best];
  const kind = rows[best].verdict.kind;
  return variant.baseline || kind === 'better' ? variant.name : `${variant.name} (n.s.)`;
}

export function sweepSummary(comparison: Comparison): SweepSummary {
  const variants = comparison.points[0].variants;
  const header = [
    ...comparison.sweeps.map((axis) => axis.parameter),
    ...variants.map((v) => `${v.name}${v.baseline ? ' (baseline)' : ''} p99`),
    'lowest p99',
  ];
  const rows = comparison.points.map((point) => ({
    axes: point.values.map((v) => formatTrimmed(v, 6)),
    cells: figureRows(point, SUMMARY_FIGURE).map(cellOf),
    lowest: lowestOf(point),
  }));
  return { header, rows };
}

export const SWEEP_SUMMARY_NOTE =
  'p99 response time of each variant at each point (mean over replications); in brackets the paired difference ' +
  'against the baseline where its 95 % CI excludes 0, n.s. where it does not. Every figure of every point is in ' +
  'the per-point details below and in sweep.csv.';
