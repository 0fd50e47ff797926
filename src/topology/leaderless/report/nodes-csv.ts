import { columnsOf, toCsv } from '../../../report/csv.js';
import type { NodeShareRow } from '../sections/leaderless-figures.js';

/** leaderless-nodes.csv: each node's share of the ring and of the replica tasks, averaged over replications. */
export function nodeSharesCsv(rows: readonly NodeShareRow[]): string {
  return toCsv(rows, columnsOf<NodeShareRow>({ node: 'node', ring_share: 'ring_share', request_share: 'request_share' }));
}
