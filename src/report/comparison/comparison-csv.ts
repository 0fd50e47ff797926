/** comparison.csv: one row per point, figure and variant, raw numbers in SI units (seconds, fractions, per second). */
import type { Comparison } from '../../experiment/compare.js';
import { toCsv, type CsvColumn } from '../csv.js';
import { FIGURES, variantDifference, variantEstimate, verdictOf } from './comparison-figures.js';

export interface ComparisonCsvRow {
  point: number | null;
  figure: string;
  unit: string;
  variant: string;
  /** `true` or `false` (csv-stringify would write a boolean as 1 or nothing). */
  baseline: string;
  /** Empty without a value (no sample in any replication). */
  value: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  difference: number | null;
  differenceCiLow: number | null;
  differenceCiHigh: number | null;
  relativeDifference: number | null;
  /** `true`, `false`, or empty without a CI. */
  significant: string;
  verdict: string;
}

const UNITS = { duration: 's', fraction: 'fraction', rate: 'per_s' } as const;

export function comparisonCsvRows(comparison: Comparison): ComparisonCsvRow[] {
  const rows: ComparisonCsvRow[] = [];
  for (const point of comparison.points) {
    for (const figure of FIGURES) {
      for (const variant of point.variants) {
        const estimate = variantEstimate(variant, figure);
        const difference = variantDifference(variant, figure);
        rows.push({
          point: point.value,
          figure: figure.path,
          unit: UNITS[figure.kind],
          variant: variant.name,
          baseline: String(variant.baseline),
          value: estimate.value,
          ciLow: estimate.ci95?.[0] ?? null,
          ciHigh: estimate.ci95?.[1] ?? null,
          difference: difference.mean,
          differenceCiLow: difference.ci95?.[0] ?? null,
          differenceCiHigh: difference.ci95?.[1] ?? null,
          relativeDifference: difference.relative,
          significant: difference.significant === null ? '' : String(difference.significant),
          verdict: verdictOf(variant, difference, figure).text,
        });
      }
    }
  }
  return rows;
}

/** The header names the unit where it is fixed; `unit` says it per row where it is not. */
function columns(comparison: Comparison): CsvColumn<ComparisonCsvRow>[] {
  const all: CsvColumn<ComparisonCsvRow>[] = [
    { key: 'point', header: comparison.sweep?.parameter ?? 'point' },
    { key: 'figure', header: 'figure' },
    { key: 'unit', header: 'unit' },
    { key: 'variant', header: 'variant' },
    { key: 'baseline', header: 'baseline' },
    { key: 'value', header: 'value' },
    { key: 'ciLow', header: 'ci95_low' },
    { key: 'ciHigh', header: 'ci95_high' },
    { key: 'difference', header: 'difference' },
    { key: 'differenceCiLow', header: 'difference_ci95_low' },
    { key: 'differenceCiHigh', header: 'difference_ci95_high' },
    { key: 'relativeDifference', header: 'relative_difference' },
    { key: 'significant', header: 'significant' },
    { key: 'verdict', header: 'verdict' },
  ];
  return comparison.sweep === null ? all.slice(1) : all;
}

/**
 * Long format, one table for every figure (filter on `figure`): a missing CI (one replication) or relative
 * difference (a baseline of 0) is an empty cell, `significant` is true, false or empty.
 */
export function buildComparisonCsv(comparison: Comparison): string {
  return toCsv(comparisonCsvRows(comparison), columns(comparison));
}
