import { isPlottable, overTimeLineSpec, type ChartSpec } from '../../../report/charts/chart-spec.js';
import { measuredWindow } from '../../../report/charts/time-unit.js';
import type { StandbyLagRow } from './recovery-figures.js';

interface LagPoint {
  start: number;
  lag: number;
  series: string;
}

/** Each interval's mean and max lag, in milliseconds, as two series; intervals without a write are a gap. */
function lagPoints(rows: readonly StandbyLagRow[]): LagPoint[] {
  const points: LagPoint[] = [];
  for (const row of rows) {
    if (isPlottable(row.start, row.maxLag)) points.push({ start: row.start, lag: row.maxLag * 1e3, series: 'max' });
    if (isPlottable(row.start, row.meanLag)) points.push({ start: row.start, lag: row.meanLag * 1e3, series: 'mean' });
  }
  return points;
}

/** The standby's replication lag over the measured window, or null without a point. */
export function standbyLagChart(rows: readonly StandbyLagRow[], measuredTime: number): ChartSpec | null {
  const values = lagPoints(rows);
  if (values.length === 0) return null;
  return {
    name: 'standby-lag',
    caption:
      'Time from a write\u2019s acknowledgement to its arrival at the standby region, by the interval of the ' +
      'acknowledgement: the mean and the largest of each interval, averaged over replications. The link\u2019s ' +
      'queue makes it grow with a burst of writes or a thin link; it ends with the primary (no write is shipped ' +
      'after the outage). standby-lag.csv has the values.',
    spec: overTimeLineSpec({
      title: 'Replication lag to the standby region',
      values,
      field: 'lag',
      axisTitle: 'Lag (ms)',
      color: { field: 'series', type: 'nominal', title: null },
      window: measuredWindow(measuredTime, rows),
    }),
  };
}
