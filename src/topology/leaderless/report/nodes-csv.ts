import { columnsOf, toCsv } from '../../../report/csv.js';
import type { NodeShareRow } from '../sections/leaderless-figures.js';

/**
 * leaderless-nodes.csv: each node's share of the ring and of the replica tasks, averaged over replications; with
 * coordinator: elected, also its share of the elections.
 */
export function nodeSharesCsv(rows: readonly NodeShareRow[]): string {
  const columns = columnsOf<Required<NodeShareRow>>({
    node: 'node',
    ring_share: 'ring_share',
    request_share: 'request_share',
    coordinator_share: 'coordinator_share',
  });
  const elected = rows.some((row) => row.coordinator_share !== undefined);
  return toCsv(rows as Required<NodeShareRow>[], elected ? columns : columns.filter((c) => c.key !== 'coordinator_share'));
}
