import { columnsOf, toCsv } from '../../../report/csv.js';
import type { NodeShareRow } from '../sections/leaderless-figures.js';

/**
 * leaderless-nodes.csv: each node's share of the ring and of the replica tasks, averaged over replications; with
 * coordinator: elected, also its share of the elections; with membership changes, its stored bytes at the end.
 */
export function nodeSharesCsv(rows: readonly NodeShareRow[]): string {
  const columns = columnsOf<Required<NodeShareRow>>({
    node: 'node',
    ring_share: 'ring_share',
    request_share: 'request_share',
    coordinator_share: 'coordinator_share',
    storage_bytes: 'storage_bytes',
  });
  const present = (key: keyof NodeShareRow) => key !== 'coordinator_share' && key !== 'storage_bytes' ? true : rows.some((row) => row[key] !== undefined);
  return toCsv(rows as Required<NodeShareRow>[], columns.filter((c) => present(c.key)));
}
