import { columnsOf, toCsv } from '../../../report/csv.js';
import { formatBytes, formatDuration, formatEstimate, formatMeanCount } from '../../../report/format.js';
import type { RebalanceSummary } from '../sections/rebalance-figures.js';

export const REBALANCE_HEADER = ['change', 'at', 'keys moved', 'CI 95%', 'bytes streamed', 'CI 95%', 'duration', 'CI 95%'];

/** One table row per membership change: what moved and how long the streams took (the "Replicas and consistency" part). */
export function rebalanceRows(rebalances: readonly RebalanceSummary[]): string[][] {
  return rebalances.map((r) => {
    const keys = formatEstimate(r.keysMoved, formatMeanCount);
    const bytes = formatEstimate(r.bytes, formatBytes);
    const duration = formatEstimate(r.duration, formatDuration);
    const unfinished = r.unfinished > 0 ? ` (${r.unfinished} of ${r.replications} unfinished)` : '';
    return [
      `${r.node} ${r.kind === 'join' ? 'joins' : 'leaves'}`,
      formatEstimate(r.at, formatDuration).value,
      keys.value,
      keys.ci,
      bytes.value,
      bytes.ci,
      duration.value + unfinished,
      duration.ci,
    ];
  });
}

interface RebalanceCsvRow {
  kind: string;
  node: string;
  replications: number;
  at_s: number;
  keys_moved: number;
  keys_moved_ci95_low: number;
  keys_moved_ci95_high: number;
  bytes: number;
  bytes_ci95_low: number;
  bytes_ci95_high: number;
  duration_s: number;
  duration_ci95_low_s: number;
  duration_ci95_high_s: number;
  unfinished: number;
}

/** leaderless-rebalances.csv: the same, one row per membership change (an empty cell: no value or no interval). */
export function rebalancesCsv(rebalances: readonly RebalanceSummary[]): string {
  const columns = columnsOf<RebalanceCsvRow>({
    kind: 'kind',
    node: 'node',
    replications: 'replications',
    at_s: 'at_s',
    keys_moved: 'keys_moved',
    keys_moved_ci95_low: 'keys_moved_ci95_low',
    keys_moved_ci95_high: 'keys_moved_ci95_high',
    bytes: 'bytes',
    bytes_ci95_low: 'bytes_ci95_low',
    bytes_ci95_high: 'bytes_ci95_high',
    duration_s: 'duration_s',
    duration_ci95_low_s: 'duration_ci95_low_s',
    duration_ci95_high_s: 'duration_ci95_high_s',
    unfinished: 'unfinished',
  });
  const value = (x: number | null) => x ?? NaN;
  return toCsv(
    rebalances.map((r) => ({
      kind: r.kind,
      node: r.node,
      replications: r.replications,
      at_s: value(r.at.value),
      keys_moved: value(r.keysMoved.value),
      keys_moved_ci95_low: value(r.keysMoved.ci95?.[0] ?? null),
      keys_moved_ci95_high: value(r.keysMoved.ci95?.[1] ?? null),
      bytes: value(r.bytes.value),
      bytes_ci95_low: value(r.bytes.ci95?.[0] ?? null),
      bytes_ci95_high: value(r.bytes.ci95?.[1] ?? null),
      duration_s: value(r.duration.value),
      duration_ci95_low_s: value(r.duration.ci95?.[0] ?? null),
      duration_ci95_high_s: value(r.duration.ci95?.[1] ?? null),
      unfinished: r.unfinished,
    })),
    columns,
  );
}
