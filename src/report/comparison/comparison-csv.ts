/**
 * comparison.csv and sweep.csv: long format (one row per point, figure and variant), raw numbers in SI units
 * (seconds, fractions, per second). A sweep axis is a column named after its parameter.
 */
import type { Comparison } from '../../experiment/compare.js';
import { toCsv, type CsvColumn } from '../csv.js';
import { FIGURES, variantDifference, variantEstimate, verdictOf } from './comparison-figures.js';

export interface ComparisonCsvRow {
  /** The value on each sweep axis, in the comparison's axis order; empty without a sweep. */
  point: number[];
  figure: string;
  unit: string;
  variant: string;
  /** The replications the variant ran at this point. */
  replications: number;
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

/** Rows point by point; within a point, `figureFirst` orders them figure by figure (else variant by variant). */
export function comparisonCsvRows(comparison: Comparison, figureFirst = true): ComparisonCsvRow[] {
  const rows: ComparisonCsvRow[] = [];
  for (const point of comparison.points) {
    const pairs = figureFirst
      ? FIGURES.flatMap((figure) => point.variants.map((variant) => ({ figure, variant })))
      : point.variants.flatMap((variant) => FIGURES.map((figure) => ({ figure, variant })));
    for (const { figure, variant } of pairs) {
      const estimate = variantEstimate(variant, figure);
      const difference = variantDifference(variant, figure);
      rows.push({
        point: point.values,
        figure: figure.path,
        unit: UNITS[figure.kind],
        variant: variant.name,
        replications: variant.summary.replications,
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
  return rows;
}

type FlatRow = Record<string, string | number | null>;

/** A row with its point spread over one column per axis (`axis0`, `axis1`, ...), for the CSV writer. */
function flatten(row: ComparisonCsvRow): FlatRow {
  const { point, ...rest } = row;
  return { ...Object.fromEntries(point.map((v, i) => [`axis${i}`, v])), ...rest };
}

function axisColumns(comparison: Comparison): CsvColumn<FlatRow>[] {
  return comparison.sweeps.map((axis, i) => ({ key: `axis${i}`, header: axis.parameter }));
}

/** Each field's one header, in whichever file it appears. */
const HEADERS: Record<string, string> = {
  figure: 'figure',
  unit: 'unit',
  variant: 'variant',
  baseline: 'baseline',
  replications: 'replications',
  value: 'value',
  ciLow: 'ci95_low',
  ciHigh: 'ci95_high',
  difference: 'difference',
  differenceCiLow: 'difference_ci95_low',
  differenceCiHigh: 'difference_ci95_high',
  relativeDifference: 'relative_difference',
  significant: 'significant',
  verdict: 'verdict',
};

const columnsOf = (keys: readonly string[]): CsvColumn<FlatRow>[] => keys.map((key) => ({ key, header: HEADERS[key] ?? key }));

const ESTIMATE_AND_DIFFERENCE = ['value', 'ciLow', 'ciHigh', 'difference', 'differenceCiLow', 'differenceCiHigh'];

const FIGURE_COLUMNS = columnsOf(['figure', 'unit', 'variant', 'baseline', ...ESTIMATE_AND_DIFFERENCE, 'relativeDifference', 'significant', 'verdict']);

/**
 * comparison.csv, one table for every figure (filter on `figure`), point by point and figure by figure: a missing
 * CI (one replication) or relative difference (a baseline of 0) is an empty cell, `significant` is true, false or
 * empty.
 */
export function buildComparisonCsv(comparison: Comparison): string {
  return toCsv(comparisonCsvRows(comparison).map(flatten), [...axisColumns(comparison), ...FIGURE_COLUMNS]);
}

const SWEEP_COLUMNS = columnsOf(['variant', 'figure', 'unit', 'replications', ...ESTIMATE_AND_DIFFERENCE, 'significant']);

/**
 * sweep.csv, written with a sweep: the study as one tidy table for a data-frame (pandas, R, DuckDB), one row per
 * point, variant and figure in that order, each axis a column, the replication count beside each value and its CI.
 */
export function buildSweepCsv(comparison: Comparison): string {
  return toCsv(comparisonCsvRows(comparison, false).map(flatten), [...axisColumns(comparison), ...SWEEP_COLUMNS]);
}
