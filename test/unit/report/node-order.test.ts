import { describe, expect, it } from 'vitest';
import { NodeRowTable } from '../../../src/experiment/node-row-table.js';
import type { NodeRow } from '../../../src/experiment/result.js';
import { busiestFirst, leastAvailableFirst } from '../../../src/report/node-order.js';

function row(i: number, utilization: number, uptime: number): NodeRow {
  return {
    node: `n-${i}`,
    group: 'n',
    zone: 'a',
    completed: i,
    utilization,
    meanQueueLength: 0,
    storageUsed: 0,
    bytesMoved: 0,
    nicUtilization: 0,
    uptime,
    crashes: 0,
    mtbf: NaN,
    mttr: NaN,
  };
}

const byName = (a: NodeRow, b: NodeRow) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);

/**
 * 30 000 rows (above the 10 000 sorted as objects): utilisation in 100 steps, so that a thousand rows share each
 * value and the limit falls inside a tie; uptime 1 for all but a few. The expected order is a plain sort of every
 * row as an object, the way the report ordered them before it read the columns.
 */
const ROWS = Array.from({ length: 30_000 }, (_, i) => row(i, ((i * 7919) % 100) / 100, i % 9_973 === 5 ? 0.5 : 1));

describe('the first rows of a large node table', () => {
  const table = NodeRowTable.of(ROWS);

  it('the busiest 1 000, ties by name, as a full sort of the rows gives them', () => {
    const expected = [...ROWS].sort((a, b) => b.utilization - a.utilization || byName(a, b)).slice(0, 1000);
    expect(busiestFirst(table, 1000)).toEqual(expected);
  });

  it('the 50 least available, then the rest of the tie by name', () => {
    const expected = [...ROWS].sort((a, b) => a.uptime - b.uptime || byName(a, b)).slice(0, 50);
    const first = leastAvailableFirst(table, 50);
    expect(first).toEqual(expected);
    expect(first.slice(0, 4).map((r) => r.node)).toEqual(['n-19951', 'n-29924', 'n-5', 'n-9978']);
  });

  it('a limit beyond the table gives every row', () => {
    expect(busiestFirst(NodeRowTable.of(ROWS.slice(0, 3)), 10).map((r) => r.node)).toEqual(['n-2', 'n-1', 'n-0']);
  });
});
