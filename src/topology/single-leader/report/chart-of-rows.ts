import type { ChartSpec } from '../../../report/charts/chart-spec.js';

/** The chart `build` draws of the points of `rows`, or null without rows (another topology) or without a point. */
export function chartOfRows<Row, Point>(
  rows: readonly Row[] | undefined,
  pointsOf: (rows: readonly Row[]) => Point[],
  build: (values: Point[]) => ChartSpec,
): ChartSpec | null {
  if (rows === undefined) return null;
  const values = pointsOf(rows);
  return values.length === 0 ? null : build(values);
}
