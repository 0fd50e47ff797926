/**
 * NodeConditions keeps a byte per node, `heard`, that the request path tests instead of the crash and partition
 * counts (issue 17): it must say "up and reachable" exactly when no crash and no partition holds the node, through
 * overlapping episodes in any order, and after a removal for good.
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/engine/simulator.js';
import { NodeTable } from '../../../src/model/node-table.js';
import type { Station } from '../../../src/model/station.js';
import { NodeConditions } from '../../../src/topology/node-conditions.js';
import { nodes } from '../../helpers/scenarios.js';

function conditions(count: number): NodeConditions {
  const table = NodeTable.of(nodes(count, {}));
  const stations = Array.from({ length: count }, () => ({ setSpeed: () => {} }) as unknown as Station);
  return new NodeConditions(new Simulator(), table, stations, null);
}

describe('NodeConditions.heard', () => {
  it('follows the counts through overlapping crashes and partitions, in any order', () => {
    const c = conditions(3);
    const steps: [string, (node: number) => void][] = [
      ['crash', (n) => c.crash(n, 'test', () => {})],
      ['cut', (n) => c.cut(n, 'test')],
      ['crash', (n) => c.crash(n, 'test', () => {})],
      ['heal', (n) => c.heal(n)],
      ['restore', (n) => c.restore(n, () => {})],
      ['cut', (n) => c.cut(n, 'test')],
      ['restore', (n) => c.restore(n, () => {})],
      ['heal', (n) => c.heal(n)],
    ];
    const expected = [0, 0, 0, 0, 0, 0, 0, 1];
    steps.forEach(([name, step], i) => {
      step(1);
      const counts = `down ${c.downCount[1]} cut ${c.cutCount[1]}`;
      expect(c.heard[1], `after ${name} (step ${i}, ${counts})`).toBe(expected[i]);
      expect(c.heard[1] === 1, counts).toBe(c.downCount[1] === 0 && c.cutCount[1] === 0);
      expect(c.isHeard(1)).toBe(expected[i] === 1);
    });
    // The other nodes were never touched.
    expect([c.heard[0], c.heard[2]]).toEqual([1, 1]);
  });

  it('is 0 for good after a removal, and 1 for a node added at run time', () => {
    const c = conditions(2);
    c.removeForGood(0);
    expect(c.heard[0]).toBe(0);
    expect(c.downCount[0]).toBe(1);
    c.addNode(2);
    expect(Array.from(c.heard)).toEqual([0, 1, 1]);
  });
});
