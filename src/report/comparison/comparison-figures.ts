/**
 * A comparison as rows: per figure, one row per variant with its value and CI, the paired difference against the
 * baseline with its CI, and a verdict in words. Shared by comparison.md, comparison.html and comparison.csv, so the
 * three always agree.
 */
import { COMPARED_FIGURES, summaryFigures, type FigureDefinition, type PairedDifference } from '../../experiment/compare-figures.js';
import type { Comparison, ComparisonPoint, ComparedVariant } from '../../experiment/compare.js';
import type { Estimate } from '../../experiment/result.js';
import { NO_ESTIMATE } from '../../metrics/confidence.js';
import {
  formatCount,
  formatDuration,
  formatEstimate,
  formatPercent,
  formatRate,
  formatTrimmed,
  NO_INTERVAL,
} from '../format.js';

/** How a difference reads: the words of comparison.md / .csv, and the class that colours it in comparison.html. */
export type VerdictKind = 'baseline' | 'no-interval' | 'not-significant' | 'better' | 'worse';

export const VERDICT_BASELINE = 'baseline';
export const VERDICT_NOT_SIGNIFICANT = 'no significant difference';
export const VERDICT_NO_INTERVAL = 'no CI (one replication)';
export const VERDICT_NO_SAMPLE = 'no sample to compare';

export interface Verdict {
  kind: VerdictKind;
  text: string;
}

/**
 * The verdict on one paired difference: significant only when its 95 % CI excludes 0, and then higher or lower
 * with whether that is better for this figure (lower response times, higher throughput and availability).
 */
export function verdictOf(variant: ComparedVariant, difference: PairedDifference, figure: FigureDefinition): Verdict {
  if (variant.baseline) return { kind: 'baseline', text: VERDICT_BASELINE };
  if (difference.mean === null) return { kind: 'no-interval', text: VERDICT_NO_SAMPLE };
  if (difference.significant === null) return { kind: 'no-interval', text: VERDICT_NO_INTERVAL };
  if (!difference.significant) {
    const equal = difference.mean === 0 && difference.ci95 !== null && difference.ci95[0] === 0 && difference.ci95[1] === 0;
    return { kind: 'not-significant', text: equal ? `${VERDICT_NOT_SIGNIFICANT} (equal in every replication)` : VERDICT_NOT_SIGNIFICANT };
  }
  const higher = difference.mean > 0;
  const better = higher === figure.higherIsBetter;
  return {
    kind: better ? 'better' : 'worse',
    text: `significantly ${higher ? 'higher' : 'lower'} (${better ? 'better' : 'worse'})`,
  };
}

/** Availability needs more digits than the other fractions: 99.95 % and 99.99 % are different service levels. */
function fractionDecimals(figure: FigureDefinition): number {
  return figure.path.startsWith('availability.') ? 3 : 2;
}

/** The figure's own unit: durations in s/ms/µs, fractions in %, rates in req/s. */
export function valueFormat(figure: FigureDefinition): (x: number) => string {
  switch (figure.kind) {
    case 'duration':
      return formatDuration;
    case 'fraction':
      return (x) => formatPercent(x, fractionDecimals(figure));
    case 'rate':
      return formatRate;
  }
}

/** A difference of fractions is in percentage points: 90 % against 80 % is +10 pp, not +12.5 %. */
function differenceFormat(figure: FigureDefinition): (x: number) => string {
  if (figure.kind !== 'fraction') return valueFormat(figure);
  const decimals = fractionDecimals(figure);
  return (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(decimals)} pp` : 'n/a');
}

/** `+1.234 s`: a difference always shows its sign. */
function signed(text: string, x: number): string {
  return x > 0 ? `+${text}` : text;
}

export interface FigureRowCells {
  variant: string;
  value: string;
  ci: string;
  difference: string;
  differenceCi: string;
  relative: string;
  verdict: Verdict;
}

export const FIGURE_TABLE_COLUMNS = (baseline: string): string[] => [
  'variant',
  'value',
  '95 % CI',
  `difference vs ${baseline}`,
  '95 % CI of the difference',
  'relative',
  'verdict',
];

/** The variant's Estimate of a figure, as in its summary.json. */
export function variantEstimate(variant: ComparedVariant, figure: FigureDefinition): Estimate {
  return figure.get(summaryFigures(variant.summary));
}

export function variantDifference(variant: ComparedVariant, figure: FigureDefinition): PairedDifference {
  return figure.get(variant.differences);
}

/** One formatted row per variant for one figure at one point. */
export function figureRows(point: ComparisonPoint, figure: FigureDefinition): FigureRowCells[] {
  const format = valueFormat(figure);
  const formatDifference = differenceFormat(figure);
  return point.variants.map((variant) => {
    const { value, ci } = formatEstimate(variantEstimate(variant, figure), format);
    const difference = variantDifference(variant, figure);
    const verdict = verdictOf(variant, difference, figure);
    if (variant.baseline) {
      const none = NO_INTERVAL;
      return { variant: `${variant.name} (baseline)`, value, ci, difference: none, differenceCi: none, relative: none, verdict };
    }
    const formatted = formatEstimate(
      difference.mean === null ? NO_ESTIMATE : { value: difference.mean, ci95: difference.ci95 },
      formatDifference,
    );
    return {
      variant: variant.name,
      value,
      ci,
      difference: difference.mean === null ? formatted.value : signed(formatted.value, difference.mean),
      differenceCi: formatted.ci,
      relative:
        difference.relative === null ? NO_INTERVAL : signed(formatPercent(difference.relative, 1), difference.relative),
      verdict,
    };
  });
}

export function rowCells(row: FigureRowCells): string[] {
  return [row.variant, row.value, row.ci, row.difference, row.differenceCi, row.relative, row.verdict.text];
}

/** Every compared figure, in summary.json's order. */
export const FIGURES = COMPARED_FIGURES;

/** `load 0.9`, `nodes.0.count 4, load 0.9`: a point's title; empty without a sweep. */
export function pointTitle(comparison: Comparison, point: ComparisonPoint): string {
  return comparison.sweeps.map((axis, i) => `${axis.parameter} ${formatTrimmed(point.values[i], 6)}`).join(', ');
}

/** The point the CDF and per-variant charts show with a sweep: the last one (the heaviest load, for a load sweep). */
export function chartPoint(comparison: Comparison): ComparisonPoint {
  return comparison.points[comparison.points.length - 1];
}

export interface LabelledValue {
  label: string;
  value: string;
}

/** The facts that identify the comparison and qualify its figures. */
export function comparisonFacts(comparison: Comparison): LabelledValue[] {
  const variants = comparison.points[0].variants;
  const facts: LabelledValue[] = [
    { label: 'Baseline', value: comparison.baseline },
    { label: 'Variants', value: variants.map((v) => v.name).join(', ') },
    { label: 'Seed', value: comparison.seed },
    { label: 'Replications per variant', value: formatCount(comparison.replications) },
    {
      label: 'Common random numbers',
      value: 'yes: replication r of every variant runs on the same random streams (the same arrivals and work)',
    },
    { label: 'Percentile relative error', value: `±${formatTrimmed(comparison.percentileRelativeError * 100, 3)} %` },
  ];
  const axes = comparison.sweeps.map((axis) => {
    const values = axis.values.map((v) => formatTrimmed(v, 6)).join(', ');
    const what =
      axis.kind === 'load' ? 'offered load (every class’s arrival rate scaled alike)' : `the scenario field ${axis.parameter}`;
    return `${what}: ${values}`;
  });
  if (axes.length === 1) facts.push({ label: 'Sweep', value: axes[0] });
  if (axes.length > 1) {
    facts.push({ label: 'Sweep', value: `a grid of ${formatCount(comparison.points.length)} points, every combination of ${axes.join('; ')}` });
  }
  const files = variants.filter((v) => v.file !== null);
  if (files.length > 0) facts.push({ label: 'Files', value: files.map((v) => `${v.name}: ${v.file}`).join(', ') });
  return facts;
}

/** How to read the tables, in the report's words. */
export function readingNote(comparison: Comparison): string {
  const intervals =
    comparison.replications < 2
      ? 'With one replication there are no confidence intervals, so no difference can be called significant.'
      : `Each value carries a 95 % Student-t CI over ${comparison.replications} replications. The difference is ` +
        `paired: replication r of a variant minus replication r of the baseline (${comparison.baseline}), both ` +
        'run on the same random numbers, averaged over r with its own 95 % CI. A difference whose CI contains 0 ' +
        'reads "no significant difference": it is smaller than the noise of this run, whatever its sign. ' +
        'Relative: the mean difference over the baseline\u2019s value.';
  return `${intervals} A difference of fractions is in percentage points (pp).`;
}
