import jStat from 'jstat';

/**
 * A figure across replications: its mean and 95 % confidence interval; both null when no replication had a sample
 * of the figure (no request in the window, no crash, ...): nothing is made up.
 */
export type Estimate = { value: number; ci95: [number, number] | null } | { value: null; ci95: null };

/** The estimate of a figure without any sample. */
export const NO_ESTIMATE: Estimate = Object.freeze({ value: null, ci95: null });

/** The range a figure can take: an interval is clipped to it (a probability's CI does not go past 100 %). */
export interface FigureRange {
  min?: number;
  max?: number;
}

export const fraction: FigureRange = { min: 0, max: 1 };
export const nonNegative: FigureRange = { min: 0 };

/**
 * The mean of independent replication values with a 95 % Student-t confidence interval (t with R - 1 degrees of
 * freedom times the standard error), clipped to the figure's range. With one replication there is no interval:
 * null, never a made-up one; with none there is no value either.
 */
export function estimate(values: readonly number[] | Float64Array, range: FigureRange = {}): Estimate {
  const n = values.length;
  if (n === 0) return { value: null, ci95: null };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n === 1) return { value: mean, ci95: null };
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  const standardError = Math.sqrt(squares / (n - 1) / n);
  const half = jStat.studentt.inv(0.975, n - 1) * standardError;
  const low = Math.max(mean - half, range.min ?? -Infinity);
  const high = Math.min(mean + half, range.max ?? Infinity);
  return { value: mean, ci95: [low, high] };
}
