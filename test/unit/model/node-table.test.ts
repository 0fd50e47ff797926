import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from 'node:v8';
import { NodeTable, reviveNodeTables } from '../../../src/model/node-table.js';
import type { NodeSpec } from '../../../src/model/spec.js';
import { loadScenario } from '../../../src/scenario/index.js';

const fields = { cores: 1, speed: 1, storage: Infinity, bandwidth: Infinity, zone: 'a', queue: Infinity, discipline: 'fifo' } as const;
const node = (name: string, group: string, more: Partial<NodeSpec> = {}): NodeSpec => ({ name, group, ...fields, ...more });

/** Nodes as a spec built by hand may list them: runs of like nodes, odd names, a node unlike its neighbours. */
const MIXED: NodeSpec[] = [
  node('web-0', 'web'),
  node('web-1', 'web'),
  node('web-2', 'web', { cores: 4 }),
  node('web-3', 'web'),
  node('db-primary', 'db', { storage: 1e12 }),
  node('db-7', 'db'),
  node('db-8', 'db'),
  node('db-010', 'db'),
  node('cache-1', 'cache', { priority: 2, cost: 0.001 }),
];

describe('the node table', () => {
  it('gives back, node by node, in order, exactly the NodeSpecs it was built from', () => {
    const table = NodeTable.of(MIXED);
    expect(table.length).toBe(9);
    expect(table.toArray()).toEqual(MIXED);
    expect([...table]).toEqual(MIXED);
    MIXED.forEach((spec, id) => {
      expect(table.at(id)).toEqual(spec);
      expect(table.name(id)).toBe(spec.name);
      expect(table.group(id)).toBe(spec.group);
      expect(table.fields(id).cores).toBe(spec.cores);
    });
    expect(JSON.stringify(table)).toBe(JSON.stringify(MIXED));
  });

  it('reads like the array it stands for: map, filter, find, findIndex, some, every, reduce, flatMap', () => {
    const table = NodeTable.of(MIXED);
    expect(table.map((n, i) => `${i}:${n.name}`)).toEqual(MIXED.map((n, i) => `${i}:${n.name}`));
    expect(table.filter((n) => n.group === 'db').map((n) => n.name)).toEqual(['db-primary', 'db-7', 'db-8', 'db-010']);
    expect(table.find((n) => n.cores === 4)?.name).toBe('web-2');
    expect(table.findIndex((n) => n.name === 'db-8')).toBe(6);
    expect(table.findIndex((n) => n.name === 'none')).toBe(-1);
    expect(table.some((n) => n.priority === 2)).toBe(true);
    expect(table.every((n) => n.speed === 1)).toBe(true);
    expect(table.reduce((sum, n) => sum + n.cores, 0)).toBe(12);
    expect(table.flatMap((n, i) => (n.group === 'web' ? [i] : []))).toEqual([0, 1, 2, 3]);
  });

  it('sums, counts and lists distinct values per run, as the same over the array of nodes gives them', () => {
    const table = NodeTable.of(MIXED);
    const third = (n: { speed: number }) => n.speed / 3;
    expect(table.sumOf(third)).toBe(MIXED.map(third).reduce((a, b) => a + b, 0));
    expect(table.sumOf((n) => n.cores)).toBe(12);
    expect(table.sumOf((n) => n.storage)).toBe(Infinity);
    expect(table.distinct((n) => n.group)).toEqual(['web', 'db', 'cache']);
    expect([...table.countBy((n) => n.group)]).toEqual([['web', 4], ['db', 4], ['cache', 1]]);
    const big = new NodeTable();
    big.pushGroup('n', 1_000_000, { ...fields, speed: 0.1 });
    // A million additions of 0.1 in order, not 10^6 x 0.1: the figure a sum over the nodes gave before.
    let expected = 0;
    for (let i = 0; i < 1_000_000; i++) expected += 0.1;
    expect(big.sumOf((n) => n.speed)).toBe(expected);
    expect(expected).not.toBe(1_000_000 * 0.1);
  });

  it("holds a scenario's group of a million nodes as one run, read at any id", () => {
    const table = new NodeTable();
    table.pushGroup('n', 1_000_000, fields);
    table.pushGroup('m', 2, { ...fields, cores: 2 });
    expect(table.length).toBe(1_000_002);
    expect(table.at(999_999)).toEqual(node('n-999999', 'n'));
    expect(table.at(1_000_001)).toEqual(node('m-1', 'm', { cores: 2 }));
    // One shared fields object per run, not a copy per node.
    expect(table.fields(0)).toBe(table.fields(999_999));
    expect(() => table.at(1_000_002)).toThrow(RangeError);
    expect(() => table.at(-1)).toThrow(RangeError);
  });

  it('crosses a thread as plain data (a structured clone) and comes back whole', () => {
    const table = NodeTable.of(MIXED);
    const clone = structuredClone(table);
    expect(clone).not.toBeInstanceOf(NodeTable);
    const revived = NodeTable.revived(clone);
    expect(revived.toArray()).toEqual(MIXED);
    expect(revived.name(7)).toBe('db-010');
  });

  it('comes back a table from a node:v8 serialisation of data that holds specs (a shard folder\'s plan)', () => {
    const plan = { scenarios: [{ spec: { name: 's', nodes: NodeTable.of(MIXED) } }], other: new Float64Array([1, 2]) };
    const back = reviveNodeTables(deserialize(serialize(plan)) as typeof plan);
    expect(back.scenarios[0].spec.nodes).toBeInstanceOf(NodeTable);
    expect(back.scenarios[0].spec.nodes.toArray()).toEqual(MIXED);
    expect(back.other).toEqual(new Float64Array([1, 2]));
  });

  it('grows by copy without changing the original; with() replaces one node', () => {
    const table = NodeTable.of(MIXED.slice(0, 2));
    const grown = table.copy();
    grown.push(node('web-2', 'web'));
    grown.push(node('web-3', 'web'));
    expect(grown.map((n) => n.name)).toEqual(['web-0', 'web-1', 'web-2', 'web-3']);
    expect(table.map((n) => n.name)).toEqual(['web-0', 'web-1']);
    const changed = grown.with(1, node('web-1', 'web', { speed: 0.5 }));
    expect(changed.map((n) => n.speed)).toEqual([1, 0.5, 1, 1]);
    expect(grown.map((n) => n.speed)).toEqual([1, 1, 1, 1]);
  });

  it('the scenario loader gives one run per group, the nodes as before (<group>-<i>, defaults applied)', () => {
    const loaded = loadScenario(
      [
        'name: t',
        'duration: 10s',
        'nodes: [{ group: web, count: 3, cores: 2, zone: a }, { group: db, count: 2, storage: 1GB }]',
        'workload: [{ class: c, arrivals: { process: poisson, rate: 1 }, work: 0.1 }]',
      ].join('\n'),
      { file: 't.yaml' },
    );
    expect(loaded.errors).toEqual([]);
    const nodes = loaded.spec!.nodes;
    const web = { cores: 2, speed: 1, storage: Infinity, bandwidth: Infinity, zone: 'a', queue: Infinity, discipline: 'fifo' };
    const db = { cores: 1, speed: 1, storage: 1e9, bandwidth: Infinity, zone: 'default', queue: Infinity, discipline: 'fifo' };
    expect(nodes.toArray()).toEqual([
      { name: 'web-0', group: 'web', ...web },
      { name: 'web-1', group: 'web', ...web },
      { name: 'web-2', group: 'web', ...web },
      { name: 'db-0', group: 'db', ...db },
      { name: 'db-1', group: 'db', ...db },
    ]);
    expect(nodes.fields(0)).toBe(nodes.fields(2));
  });
});
