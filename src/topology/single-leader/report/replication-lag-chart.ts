import type { ReplicationLagRow } from '../../../experiment/result.js';
import { isPlottable, overTimeLineSpec, type ChartSpec } from '../../../report/charts/chart-spec.js';
import { chartOfRows } from './chart-of-rows.js';
import { measuredWindow } from '../../../report/charts/time-unit.js';
import { shadingCaption, type TimeShading } from '../../../report/charts/time-shading.js';

interface LagPoint {
  start: number;
  lag: number;
  series: string;
}

/** Each interval's mean and max lag as two series of points; intervals without a leader are left out (a gap). */
export function replicationLagPoints(rows: readonly ReplicationLagRow[]): LagPoint[] {
  const points: LagPoint[] = [];
  for (const row of rows) {
    if (isPlottable(row.start, row.maxLag)) points.push({ start: row.start, lag: row.maxLag, series: 'max over followers' });
    if (isPlottable(row.start, row.meanLag)) points.push({ start: row.start, lag: row.meanLag, series: 'mean over followers' });
  }
  return points;
}

/** The chart, or null unless the result has a replication-lag series (single-leader replicated store only). */
export function replicationLagChart(rows: readonly ReplicationLagRow[] | undefined, shading?: TimeShading): ChartSpec | null {
  return chartOfRows(rows, replicationLagPoints, (values) => ({
    name: 'replication-lag',
    caption:
      'Entries of the leader\u2019s log that a live follower (up and reachable from the leader) does not hold yet, ' +
      'sampled ten times per interval: the mean over followers and samples, and the largest sampled, each averaged ' +
      'over replications. Gaps are intervals without a leader. Async replication ships entries with each ' +
      'heartbeat, so its lag is about rate x heartbeat / 2; a follower that was down catches up after its restart ' +
      `and shows as a peak. replication-lag.csv has the values.${shading === undefined ? '' : shadingCaption(shading)}`,
    spec: overTimeLineSpec({
      title: 'Replication lag over time',
      values,
      field: 'lag',
      axisTitle: 'Lag (entries)',
      color: { field: 'series', type: 'nominal', title: null },
      window: measuredWindow(0, rows ?? []),
      shading,
    }),
  }));
}
