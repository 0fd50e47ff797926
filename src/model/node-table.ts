import type { NodeSpec } from './spec.js';

/** What a node has besides its name and group: shared by every node of a run of like nodes. */
export type NodeFields = Omit<NodeSpec, 'name' | 'group'>;

/** A node as a run of like nodes has it: all but its name. */
export type GroupNode = Omit<NodeSpec, 'name'>;

/**
 * A run of consecutive nodes of one group with the same fields, named `<group>-<base>`, `<group>-<base + 1>`, ...;
 * or a single node with a name of its own (`name`), for a spec built by hand.
 */
interface NodeRun {
  /** Id of the run's first node. */
  start: number;
  count: number;
  group: string;
  fields: NodeFields;
  base: number;
  name?: string;
}

/** A NodeTable's own fields: what its structured clone keeps. */
interface NodeTableData {
  runs: NodeRun[];
}

/** `k` of a name `<group>-<k>` (k a non-negative integer written without leading zeros), or -1. */
function nameIndex(name: string, group: string): number {
  if (!name.startsWith(`${group}-`)) return -1;
  const suffix = name.slice(group.length + 1);
  return /^(0|[1-9][0-9]{0,14})$/.test(suffix) ? Number(suffix) : -1;
}

function sameFields(a: NodeFields, b: NodeFields): boolean {
  const keys = Object.keys(a) as (keyof NodeFields)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key, i) => Object.keys(b)[i] === key && Object.is(a[key], b[key]));
}

/**
 * The scenario's nodes by id, as runs of like nodes rather than one object per node (issue 17: a million
 * `NodeSpec` objects cost about 200 MB, held by the main thread and again by the worker thread that runs the
 * replication; a group of a million like nodes is one run here). Read a node with `at(id)`, which builds its
 * `NodeSpec` (a new object each call), or, where that allocation matters, `fields(id)` (the run's shared fields)
 * and `name(id)`. It crosses a worker thread as plain data (its runs): `NodeTable.revived` gives the table back.
 *
 * `NodeTable.of(specs)` builds one from `NodeSpec`s (a spec built by hand); nodes named `<group>-<k>` in order with
 * the same fields share one run, any other node is a run of its own.
 */
/** Marks a NodeTable's structured clone (a field a clone keeps), so that reviveNodeTables can find it. */
const CLONE_MARK = 'clustersim/node-table';

export class NodeTable implements Iterable<Readonly<NodeSpec>> {
  private runs: NodeRun[] = [];
  private size = 0;
  private readonly mark = CLONE_MARK;

  static of(specs: Iterable<NodeSpec>): NodeTable {
    const table = new NodeTable();
    for (const spec of specs) table.push(spec);
    return table;
  }

  /** The table again from its structured clone (what a worker thread receives: its fields, not its class). */
  static revived(data: NodeTable): NodeTable {
    if (data instanceof NodeTable) return data;
    return NodeTable.fromRuns((data as unknown as NodeTableData).runs);
  }

  private static fromRuns(runs: readonly NodeRun[]): NodeTable {
    const table = new NodeTable();
    table.runs = runs.map((run) => ({ ...run }));
    table.size = runs.reduce((sum, run) => sum + run.count, 0);
    return table;
  }

  /** `count` nodes of `group`, named `<group>-0` to `<group>-<count - 1>`, each with `fields`. */
  pushGroup(group: string, count: number, fields: NodeFields): void {
    if (count <= 0) return;
    this.runs.push({ start: this.size, count, group, fields, base: 0 });
    this.size += count;
  }

  /** Appends one node (a node added during a run, or a spec built by hand). */
  push(spec: NodeSpec): void {
    const { name, group, ...fields } = spec;
    const last = this.runs.at(-1);
    if (
      last !== undefined &&
      last.name === undefined &&
      last.group === group &&
      name === `${group}-${last.base + last.count}` &&
      sameFields(last.fields, fields)
    ) {
      last.count++;
    } else {
      const base = nameIndex(name, group);
      this.runs.push(base >= 0 ? { start: this.size, count: 1, group, fields, base } : { start: this.size, count: 1, group, fields, base: 0, name });
    }
    this.size++;
  }

  /** A copy that may grow (push) without changing this one. */
  copy(): NodeTable {
    return NodeTable.fromRuns(this.runs);
  }

  /** A new table with node `id` replaced by `node` (as Array.prototype.with). */
  with(id: number, node: NodeSpec): NodeTable {
    this.runOf(id);
    return NodeTable.of(this.map((old, i) => (i === id ? node : old)));
  }

  get length(): number {
    return this.size;
  }

  /** Node `id`'s spec, a new object (its fields in the order the scenario loader gives them). */
  at(id: number): Readonly<NodeSpec> {
    const run = this.runOf(id);
    return { name: run.name ?? `${run.group}-${run.base + id - run.start}`, group: run.group, ...run.fields };
  }

  name(id: number): string {
    const run = this.runOf(id);
    return run.name ?? `${run.group}-${run.base + id - run.start}`;
  }

  group(id: number): string {
    return this.runOf(id).group;
  }

  /** Node `id`'s fields other than its name and group, shared with the nodes like it: read, never change them. */
  fields(id: number): Readonly<NodeFields> {
    return this.runOf(id).fields;
  }

  *[Symbol.iterator](): Iterator<Readonly<NodeSpec>> {
    for (let id = 0; id < this.size; id++) yield this.at(id);
  }

  toArray(): NodeSpec[] {
    return this.map((node) => node);
  }

  /** As the array of NodeSpec it stands for (JSON.stringify of a spec reads as before). */
  toJSON(): NodeSpec[] {
    return this.toArray();
  }

  map<U>(f: (node: Readonly<NodeSpec>, id: number) => U): U[] {
    const out = new Array<U>(this.size);
    for (let id = 0; id < this.size; id++) out[id] = f(this.at(id), id);
    return out;
  }

  flatMap<U>(f: (node: Readonly<NodeSpec>, id: number) => U[]): U[] {
    const out: U[] = [];
    for (let id = 0; id < this.size; id++) out.push(...f(this.at(id), id));
    return out;
  }

  filter(f: (node: Readonly<NodeSpec>, id: number) => boolean): Readonly<NodeSpec>[] {
    const out: Readonly<NodeSpec>[] = [];
    for (let id = 0; id < this.size; id++) {
      const node = this.at(id);
      if (f(node, id)) out.push(node);
    }
    return out;
  }

  find(f: (node: Readonly<NodeSpec>, id: number) => boolean): Readonly<NodeSpec> | undefined {
    const id = this.findIndex(f);
    return id < 0 ? undefined : this.at(id);
  }

  findIndex(f: (node: Readonly<NodeSpec>, id: number) => boolean): number {
    for (let id = 0; id < this.size; id++) if (f(this.at(id), id)) return id;
    return -1;
  }

  some(f: (node: Readonly<NodeSpec>, id: number) => boolean): boolean {
    return this.findIndex(f) >= 0;
  }

  every(f: (node: Readonly<NodeSpec>, id: number) => boolean): boolean {
    return this.findIndex((node, id) => !f(node, id)) < 0;
  }

  forEach(f: (node: Readonly<NodeSpec>, id: number) => void): void {
    for (let id = 0; id < this.size; id++) f(this.at(id), id);
  }

  reduce<U>(f: (acc: U, node: Readonly<NodeSpec>, id: number) => U, initial: U): U {
    let acc = initial;
    for (let id = 0; id < this.size; id++) acc = f(acc, this.at(id), id);
    return acc;
  }

  /**
   * `f` of every node summed in node order, as `nodes.map(f).reduce((a, b) => a + b, 0)` would (the same additions in
   * the same order), but `f` sees each run once, without a name: no object per node.
   */
  sumOf(f: (node: GroupNode) => number): number {
    let total = 0;
    for (const run of this.runs) {
      const value = f({ group: run.group, ...run.fields });
      for (let k = 0; k < run.count; k++) total += value;
    }
    return total;
  }

  /** The distinct values of `f` over the nodes in order of first appearance, as `[...new Set(nodes.map(f))]`. */
  distinct<T>(f: (node: GroupNode) => T): T[] {
    return [...new Set(this.runs.map((run) => f({ group: run.group, ...run.fields })))];
  }

  /** How many nodes give each value of `f`, in order of first appearance. */
  countBy<T>(f: (node: GroupNode) => T): Map<T, number> {
    const counts = new Map<T, number>();
    for (const run of this.runs) {
      const key = f({ group: run.group, ...run.fields });
      counts.set(key, (counts.get(key) ?? 0) + run.count);
    }
    return counts;
  }

  private runOf(id: number): NodeRun {
    const runs = this.runs;
    if (!(id >= 0 && id < this.size)) throw new RangeError(`node table: no node ${id} (${this.size} nodes)`);
    if (runs.length === 1) return runs[0];
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid].start <= id) lo = mid;
      else hi = mid - 1;
    }
    return runs[lo];
  }
}

/**
 * `value` (a structured clone or node:v8 deserialisation of data holding scenario specs: a shard folder's plan) with
 * every NodeTable it held a NodeTable again; a clone keeps a table's fields, not its class.
 */
export function reviveNodeTables<T>(value: T): T {
  return revive(value) as T;
}

function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || value instanceof NodeTable) return value;
  if ((value as { mark?: unknown }).mark === CLONE_MARK) return NodeTable.revived(value as NodeTable);
  if (Array.isArray(value)) {
    value.forEach((item, i) => (value[i] = revive(item)));
    return value;
  }
  if (value instanceof Map || value instanceof Set || value instanceof Date || value instanceof RegExp) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = revive(record[key]);
  return value;
}
