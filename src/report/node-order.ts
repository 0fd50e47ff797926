import type { NodeFigure, NodeRowTable } from '../experiment/node-row-table.js';
import type { NodeRow } from '../experiment/result.js';

const byName = (a: NodeRow, b: NodeRow): number => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);

/** Busiest first, ties by name: the hot spots lead, and the order is the same on every run. */
export const busiestOrder = (a: NodeRow, b: NodeRow): number => b.utilization - a.utilization || byName(a, b);

/** The `limit` busiest nodes in busiestOrder. */
export function busiestFirst(nodes: NodeRowTable, limit: number): NodeRow[] {
  return firstRows(nodes, 'utilization', -1, limit, busiestOrder);
}

/** The `limit` least available nodes, least available first, ties by name: the nodes that need attention lead. */
export function leastAvailableFirst(nodes: NodeRowTable, limit: number): NodeRow[] {
  return firstRows(nodes, 'uptime', 1, limit, (a, b) => a.uptime - b.uptime || byName(a, b));
}

/**
 * Up to this many rows are sorted as objects; above it only the first `limit` rows are built (a million rows as
 * objects were 290 MB for a table that shows 1 000).
 */
const SORTED_AS_OBJECTS = 10_000;

/**
 * The first `limit` rows in the order of `compare` (by `figure` times `sign` ascending, then by name). A large table
 * picks them from the figure's column: the rows ahead of the limit-th key, then the rows tied with it by name, so
 * that only those become objects. A NaN figure (no sample) sorts last there.
 */
function firstRows(
  nodes: NodeRowTable,
  figure: NodeFigure,
  sign: 1 | -1,
  limit: number,
  compare: (a: NodeRow, b: NodeRow) => number,
): NodeRow[] {
  if (nodes.length <= SORTED_AS_OBJECTS) return nodes.toArray().sort(compare).slice(0, limit);
  const column = nodes.column(figure);
  const keys = Float64Array.from(column, (value) => sign * value);
  const take = Math.min(limit, keys.length);
  if (take === 0) return [];
  // A typed array sorts numerically, NaN last.
  const threshold = keys.slice().sort()[take - 1];
  const ahead: number[] = [];
  const tied: number[] = [];
  keys.forEach((key, row) => {
    if (key < threshold) ahead.push(row);
    else if (key === threshold || (Number.isNaN(key) && Number.isNaN(threshold))) tied.push(row);
  });
  const names = tied.map((row) => nodes.name(row));
  const byTiedName = tied.map((_, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  const firstTied = byTiedName.slice(0, take - ahead.length).map((i) => tied[i]);
  const rows = [...ahead, ...firstTied].map((row) => nodes.at(row));
  return Number.isNaN(threshold)
    ? [...rows.filter((row) => !Number.isNaN(row[figure])).sort(compare), ...rows.filter((row) => Number.isNaN(row[figure]))]
    : rows.sort(compare);
}
