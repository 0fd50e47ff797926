import type { NodeFields, NodeTable } from '../../model/node-table.js';
import type { NodeSpec, ScenarioSpec } from '../../model/spec.js';
import type { ReplicationOutcome } from '../replication.js';
import { NODE_ROW_FIGURES, NodeRowTable, type NodeFigure } from '../node-row-table.js';
import { share } from '../../metrics/share.js';
import { nodeSpecsOf } from './node-seconds.js';
import { grownFloat64, grownInt32 } from '../../engine/growable.js';

/**
 * Each per-node figure and how one replication gives it for node i; null when that replication has no sample of it
 * (an empty window; no crash or repair of the node, for its MTBF and MTTR). Time-based figures are over the time
 * the node existed in the window (`existed`: the whole window unless it was added or removed in it), so a node
 * added half-way through is judged on its own lifetime.
 */
const NODE_FIGURES: readonly [NodeFigure, (o: ReplicationOutcome, i: number, node: Readonly<NodeFields>) => number | null][] = [
  ['completed', (o, i) => o.nodes.completed[i]],
  ['utilization', (o, i, node) => share(o.nodes.busyArea[i], node.cores * o.nodes.existed[i])],
  ['meanQueueLength', (o, i) => share(o.nodes.waitingArea[i], o.nodes.existed[i])],
  ['storageUsed', (o, i) => o.nodes.storageUsed[i]],
  ['bytesMoved', (o, i) => o.nodes.bytesMoved[i]],
  [
    'nicUtilization',
    (o, i, node) => (node.bandwidth === Infinity ? 0 : share(o.nodes.bytesMoved[i] / node.bandwidth, o.nodes.existed[i])),
  ],
  [
    'uptime',
    (o, i) => (o.reliability ? share(o.reliability.nodeUptime[i], o.nodes.existed[i]) : o.nodes.existed[i] > 0 ? 1 : null),
  ],
  ['crashes', (o, i) => o.reliability?.crashes[i] ?? 0],
];

/**
 * Figures that are a ratio of totals, pooled over the replications: sum of numerators / sum of denominators. MTBF is
 * the node's up time per crash and MTTR its down time per repair, the definition the Reliability table uses for the
 * whole cluster (issue 16.7). A mean of per-replication ratios would leave out every replication without a crash
 * and so read too short; NaN (an empty cell) when the node never crashed (was never repaired).
 */
const NODE_RATIOS: readonly [NodeFigure, (o: ReplicationOutcome, i: number) => [number, number] | null][] = [
  ['mtbf', (o, i) => (o.reliability ? [o.reliability.nodeUptime[i], o.reliability.crashes[i]] : null)],
  ['mttr', (o, i) => (o.reliability ? [o.nodes.existed[i] - o.reliability.nodeUptime[i], o.reliability.repairs[i]] : null)],
];

/**
 * nodes.csv: one row per node that existed in some replication's window (the scenario's nodes always, then nodes
 * added during the run, by name in order of first appearance), each figure its mean over the replications that
 * have a value of it (a running sum and count per node and figure); NaN, an empty cell, when none has one (an MTBF
 * without a crash).
 *
 * The sums are typed-array columns, row after row, and the scenario's nodes are rows 0 .. n - 1 by id (a node set
 * gives them the same ids in every replication): only nodes added during a run are looked up by name. A million
 * nodes cost 128 bytes each here (eight float64 sums, their int32 counts, two float64 ratio sums of two), not a boxed
 * number per figure and a map entry.
 */
export class NodeRows {
  /**
   * NODE_FIGURES.length sums (and counts) per row, row after row; grown (doubled) when a node appears. Allocated
   * with the first outcome, not before the run: the 128 MB of a million nodes are not held while a worker runs.
   * A count is at most the number of replications: int32.
   */
  private sums = new Float64Array(0);
  private counts = new Int32Array(0);
  /** NODE_RATIOS.length numerator and denominator sums per row. */
  private numerators = new Float64Array(0);
  private denominators = new Float64Array(0);
  /** The specs of the rows after the scenario's: nodes added during a run, in order of first appearance. */
  private readonly added: NodeSpec[] = [];
  private readonly addedRowOf = new Map<string, number>();

  constructor(private readonly spec: ScenarioSpec) {}

  add(o: ReplicationOutcome): void {
    this.ensureRows(this.spec.nodes.length);
    const width = NODE_FIGURES.length;
    const specs = nodeSpecsOf(o, this.spec);
    for (let i = 0; i < specs.length; i++) {
      // The node's shared fields, not a NodeSpec per node (a million nodes: a million objects per outcome).
      const node = specs.fields(i);
      // A node that did not exist in this window (added after it, removed before it) has nothing to say.
      if (o.nodeSpecs !== undefined && o.nodes.existed[i] <= 0) continue;
      const row = this.rowFor(specs, i);
      for (let f = 0; f < width; f++) {
        const value = NODE_FIGURES[f][1](o, i, node);
        if (value === null) continue;
        this.sums[row * width + f] += value;
        this.counts[row * width + f]++;
      }
      for (let f = 0; f < NODE_RATIOS.length; f++) {
        const pair = NODE_RATIOS[f][1](o, i);
        if (pair === null) continue;
        this.numerators[row * NODE_RATIOS.length + f] += pair[0];
        this.denominators[row * NODE_RATIOS.length + f] += pair[1];
      }
    }
  }

  rows(): NodeRowTable {
    this.ensureRows(this.spec.nodes.length);
    const width = NODE_FIGURES.length;
    const nodes = this.spec.nodes.copy();
    for (const node of this.added) nodes.push(node);
    const count = nodes.length;
    const columns = Object.fromEntries(NODE_ROW_FIGURES.map((name) => [name, new Float64Array(count)])) as Record<NodeFigure, Float64Array>;
    for (const [name, f] of NODE_FIGURES.map(([name], f) => [name, f] as const)) {
      const column = columns[name];
      for (let i = 0; i < count; i++) {
        const at = i * width + f;
        column[i] = this.counts[at] > 0 ? this.sums[at] / this.counts[at] : NaN;
      }
    }
    for (const [name, f] of NODE_RATIOS.map(([name], f) => [name, f] as const)) {
      const column = columns[name];
      for (let i = 0; i < count; i++) {
        const at = i * NODE_RATIOS.length + f;
        column[i] = this.denominators[at] > 0 ? this.numerators[at] / this.denominators[at] : NaN;
      }
    }
    return NodeRowTable.ofColumns(nodes, columns);
  }

  /** The row of node id `id` of a replication: its id for the scenario's nodes, by name for a node added in a run. */
  private rowFor(specs: NodeTable, id: number): number {
    const scenarioNodes = this.spec.nodes.length;
    if (id < scenarioNodes) return id;
    const node = specs.at(id);
    let row = this.addedRowOf.get(node.name);
    if (row !== undefined) return row;
    row = scenarioNodes + this.added.length;
    this.addedRowOf.set(node.name, row);
    this.added.push(node);
    this.ensureRows(row + 1);
    return row;
  }

  private ensureRows(rows: number): void {
    if (rows * NODE_FIGURES.length <= this.sums.length) return;
    const capacity = this.sums.length === 0 ? rows : Math.max(rows, 2 * (this.sums.length / NODE_FIGURES.length));
    this.sums = grownFloat64(this.sums, capacity * NODE_FIGURES.length);
    this.counts = grownInt32(this.counts, capacity * NODE_FIGURES.length);
    this.numerators = grownFloat64(this.numerators, capacity * NODE_RATIOS.length);
    this.denominators = grownFloat64(this.denominators, capacity * NODE_RATIOS.length);
  }
}
