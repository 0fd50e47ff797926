import type { NodeRow } from '../experiment/result.js';

const byName = (a: NodeRow, b: NodeRow): number => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);

/** Busiest first, ties by name: the hot spots lead, and the order is the same on every run. */
export function busiestFirst(nodes: readonly NodeRow[]): NodeRow[] {
  return [...nodes].sort((a, b) => b.utilization - a.utilization || byName(a, b));
}

/** Least available first, ties by name: the nodes that need attention lead, and the order is stable. */
export function leastAvailableFirst(nodes: readonly NodeRow[]): NodeRow[] {
  return [...nodes].sort((a, b) => a.uptime - b.uptime || byName(a, b));
}
