/**
 * Sweep axes and the grid they span, shared by `--sweep` on the command line and the `sweep:` block of a scenario:
 * a range from:to:step into its values, and the checks on a grid (each parameter once, at most MAX_SWEEP_POINTS).
 */
import type { SweepAxisSpec } from '../model/spec.js';

/** A sweep of more points than this is a typo (a step of 0.0001), not a plan. */
export const MAX_SWEEP_POINTS = 1000;

/** The parameter of an axis: `load`, or a dotted scenario path with list indices (`nodes.0.count`). */
export const SWEEP_PARAMETER_PATTERN = '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$';

/** Decimal places of a number as written, so 0.5 + 9 x 0.05 prints as 0.95, not 0.9500000000000001. */
export function decimalsOf(text: string): number {
  const trimmed = text.trim();
  if (/e/i.test(trimmed)) return 12; // exponent notation: keep what floating point gives, within reason
  const dot = trimmed.indexOf('.');
  return dot < 0 ? 0 : trimmed.length - dot - 1;
}

/**
 * from, from + step, ... up to `to` (included when the step divides the range), each rounded to `decimals`; or the
 * reason there is no such list.
 */
export function rangeValues(from: number, to: number, step: number, decimals: number): { values: number[] } | { problem: string } {
  if (!(step > 0)) return { problem: 'the step must be positive' };
  if (to < from) return { problem: `'to' (${to}) is below 'from' (${from})` };
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_SWEEP_POINTS) return { problem: `${count} points; at most ${MAX_SWEEP_POINTS}` };
  return { values: Array.from({ length: count }, (_, i) => Number((from + i * step).toFixed(Math.min(15, decimals)))) };
}

/** The kind of an axis by its parameter: `load` scales the arrival rates, anything else is a scenario path. */
export function axisKind(parameter: string): SweepAxisSpec['kind'] {
  return parameter === 'load' ? 'load' : 'path';
}

/** Number of points of the grid the axes span (1 without an axis). */
export function gridSize(axes: readonly SweepAxisSpec[]): number {
  return axes.reduce((product, axis) => product * axis.values.length, 1);
}

/** Each parameter once, and the grid within MAX_SWEEP_POINTS points. */
export function gridProblem(axes: readonly SweepAxisSpec[]): string | undefined {
  const seen = new Set<string>();
  for (const axis of axes) {
    if (seen.has(axis.parameter)) return `'${axis.parameter}' is swept twice; sweep each parameter once`;
    seen.add(axis.parameter);
  }
  const size = gridSize(axes);
  if (size > MAX_SWEEP_POINTS) {
    const counts = axes.map((a) => `${a.values.length}`).join(' x ');
    return `the grid has ${counts} = ${size} points; at most ${MAX_SWEEP_POINTS}`;
  }
  return undefined;
}

/** Every point of the grid as the value on each axis, in axis order; the last axis varies fastest. */
export function gridPoints(axes: readonly SweepAxisSpec[]): number[][] {
  let points: number[][] = [[]];
  for (const axis of axes) points = points.flatMap((point) => axis.values.map((value) => [...point, value]));
  return points;
}
