import type { NodeTable } from '../model/node-table.js';
import type { NodeRow } from './result.js';

/** A node row's figures (every field but its name, group and zone). */
export type NodeFigure = Exclude<keyof NodeRow, 'node' | 'group' | 'zone'>;

/** The figures of a row in NodeRow's field order. */
export const NODE_ROW_FIGURES: readonly NodeFigure[] = [
  'completed',
  'utilization',
  'meanQueueLength',
  'storageUsed',
  'bytesMoved',
  'nicUtilization',
  'uptime',
  'crashes',
  'mtbf',
  'mttr',
];

/** Who row i is about. */
interface RowIdentity {
  name(row: number): string;
  group(row: number): string;
  zone(row: number): string;
}

/**
 * nodes.csv's rows (ScenarioResult.nodes) as one Float64Array per figure and the node table for the names, not an
 * object per node (issue 17: a million NodeRow objects of ten boxed numbers were about 290 MB, held while the
 * report was written; the columns are 80 MB). `at(i)` builds row i (a new object each call); `column(figure)` reads
 * a figure of every row without one; `slice`, iteration, `map` and `filter` read as on the array it stands for.
 * `NodeRowTable.of(rows)` builds one from NodeRow objects (a result built by hand).
 */
export class NodeRowTable implements Iterable<NodeRow> {
  private constructor(
    private readonly identity: RowIdentity,
    private readonly columns: Readonly<Record<NodeFigure, Float64Array>>,
    readonly length: number,
  ) {}

  /** Rows by node id of `nodes`, each figure's column indexed by id. */
  static ofColumns(nodes: NodeTable, columns: Readonly<Record<NodeFigure, Float64Array>>): NodeRowTable {
    const identity: RowIdentity = { name: (i) => nodes.name(i), group: (i) => nodes.group(i), zone: (i) => nodes.fields(i).zone };
    return new NodeRowTable(identity, columns, nodes.length);
  }

  static of(rows: readonly NodeRow[]): NodeRowTable {
    const names = rows.map((row) => row.node);
    const groups = rows.map((row) => row.group);
    const zones = rows.map((row) => row.zone);
    const columns = Object.fromEntries(
      NODE_ROW_FIGURES.map((figure) => [figure, Float64Array.from(rows, (row) => row[figure])]),
    ) as Record<NodeFigure, Float64Array>;
    return new NodeRowTable({ name: (i) => names[i], group: (i) => groups[i], zone: (i) => zones[i] }, columns, rows.length);
  }

  /** Figure `figure` of every row, by row: read it, never change it. */
  column(figure: NodeFigure): Readonly<Float64Array> {
    return this.columns[figure];
  }

  name(row: number): string {
    return this.identity.name(row);
  }

  /** Row `row` as an object, its fields in NodeRow's order. */
  at(row: number): NodeRow {
    if (!(row >= 0 && row < this.length)) throw new RangeError(`node rows: no row ${row} (${this.length} rows)`);
    const c = this.columns;
    const id = this.identity;
    // One literal of every field: one shape for every row.
    return {
      node: id.name(row),
      group: id.group(row),
      zone: id.zone(row),
      completed: c.completed[row],
      utilization: c.utilization[row],
      meanQueueLength: c.meanQueueLength[row],
      storageUsed: c.storageUsed[row],
      bytesMoved: c.bytesMoved[row],
      nicUtilization: c.nicUtilization[row],
      uptime: c.uptime[row],
      crashes: c.crashes[row],
      mtbf: c.mtbf[row],
      mttr: c.mttr[row],
    };
  }

  /** Rows `start` to `end` (exclusive) as objects, as Array.prototype.slice. */
  slice(start = 0, end = this.length): NodeRow[] {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    return Array.from({ length: to - from }, (_, i) => this.at(from + i));
  }

  toArray(): NodeRow[] {
    return this.slice();
  }

  toJSON(): NodeRow[] {
    return this.toArray();
  }

  *[Symbol.iterator](): Iterator<NodeRow> {
    for (let row = 0; row < this.length; row++) yield this.at(row);
  }

  map<U>(f: (row: NodeRow, index: number) => U): U[] {
    return Array.from({ length: this.length }, (_, i) => f(this.at(i), i));
  }

  filter(f: (row: NodeRow, index: number) => boolean): NodeRow[] {
    const out: NodeRow[] = [];
    for (let i = 0; i < this.length; i++) {
      const row = this.at(i);
      if (f(row, i)) out.push(row);
    }
    return out;
  }

  forEach(f: (row: NodeRow, index: number) => void): void {
    for (let i = 0; i < this.length; i++) f(this.at(i), i);
  }

  /** A new table with row `index` replaced by `row` (as Array.prototype.with). */
  with(index: number, row: NodeRow): NodeRowTable {
    this.at(index);
    return NodeRowTable.of(this.map((old, i) => (i === index ? row : old)));
  }

  find(f: (row: NodeRow, index: number) => boolean): NodeRow | undefined {
    for (let i = 0; i < this.length; i++) {
      const row = this.at(i);
      if (f(row, i)) return row;
    }
    return undefined;
  }
}
