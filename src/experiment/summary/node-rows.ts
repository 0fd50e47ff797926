import type { NodeSpec, ScenarioSpec } from '../../model/spec.js';
import type { ReplicationOutcome } from '../replication.js';
import type { NodeRow } from '../result.js';
import { share } from '../../metrics/share.js';
import { nodeSpecsOf } from './node-seconds.js';

type NodeFigure = Exclude<keyof NodeRow, 'node' | 'group' | 'zone'>;

/**
 * Each per-node figure and how one replication gives it for node i; null when that replication has no sample of it
 * (an empty window; no crash or repair of the node, for its MTBF and MTTR). Time-based figures are over the time
 * the node existed in the window (`existed`: the whole window unless it was added or removed in it), so a node
 * added half-way through is judged on its own lifetime.
 */
const NODE_FIGURES: readonly [NodeFigure, (o: ReplicationOutcome, i: number, node: NodeSpec) => number | null][] = [
  ['completed', (o, i) => o.nodes[i].completed],
  ['utilization', (o, i, node) => share(o.nodes[i].busyArea, node.cores * o.nodes[i].existed)],
  ['meanQueueLength', (o, i) => share(o.nodes[i].waitingArea, o.nodes[i].existed)],
  ['storageUsed', (o, i) => o.nodes[i].storageUsed],
  ['bytesMoved', (o, i) => o.nodes[i].bytesMoved],
  [
    'nicUtilization',
    (o, i, node) => (node.bandwidth === Infinity ? 0 : share(o.nodes[i].bytesMoved / node.bandwidth, o.nodes[i].existed)),
  ],
  [
    'uptime',
    (o, i) => (o.reliability ? share(o.reliability.nodeUptime[i], o.nodes[i].existed) : o.nodes[i].existed > 0 ? 1 : null),
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
  ['mttr', (o, i) => (o.reliability ? [o.nodes[i].existed - o.reliability.nodeUptime[i], o.reliability.repairs[i]] : null)],
];

/**
 * nodes.csv: one row per node that existed in some replication's window (the scenario's nodes always, then nodes
 * added during the run, by name in order of first appearance), each figure its mean over the replications that
 * have a value of it (a running sum and count per node and figure); NaN, an empty cell, when none has one (an MTBF
 * without a crash).
 */
export class NodeRows {
  /** NODE_FIGURES.length sums (and counts) per row, row after row; grown when a node appears. */
  private sums: number[] = [];
  private counts: number[] = [];
  /** NODE_RATIOS.length numerator and denominator sums per row. */
  private numerators: number[] = [];
  private denominators: number[] = [];
  private readonly specs: NodeSpec[] = [];
  private readonly rowOf = new Map<string, number>();

  constructor(private readonly spec: ScenarioSpec) {
    for (const node of spec.nodes) this.rowFor(node);
  }

  add(o: ReplicationOutcome): void {
    const width = NODE_FIGURES.length;
    const specs = nodeSpecsOf(o, this.spec);
    specs.forEach((node, i) => {
      // A node that did not exist in this window (added after it, removed before it) has nothing to say.
      if (o.nodeSpecs !== undefined && o.nodes[i].existed <= 0) return;
      const row = this.rowFor(node);
      for (let f = 0; f < width; f++) {
        const value = NODE_FIGURES[f][1](o, i, node);
        if (value === null) continue;
        this.sums[row * width + f] += value;
        this.counts[row * width + f]++;
      }
      NODE_RATIOS.forEach(([, read], f) => {
        const pair = read(o, i);
        if (pair === null) return;
        this.numerators[row * NODE_RATIOS.length + f] += pair[0];
        this.denominators[row * NODE_RATIOS.length + f] += pair[1];
      });
    });
  }

  rows(): NodeRow[] {
    const width = NODE_FIGURES.length;
    return this.specs.map((node, i) => {
      const row: NodeRow = { node: node.name, group: node.group, zone: node.zone } as NodeRow;
      NODE_FIGURES.forEach(([figure], f) => {
        const at = i * width + f;
        row[figure] = this.counts[at] > 0 ? this.sums[at] / this.counts[at] : NaN;
      });
      NODE_RATIOS.forEach(([figure], f) => {
        const at = i * NODE_RATIOS.length + f;
        row[figure] = this.denominators[at] > 0 ? this.numerators[at] / this.denominators[at] : NaN;
      });
      return row;
    });
  }

  private rowFor(node: NodeSpec): number {
    let row = this.rowOf.get(node.name);
    if (row !== undefined) return row;
    row = this.specs.length;
    this.rowOf.set(node.name, row);
    this.specs.push(node);
    for (let f = 0; f < NODE_FIGURES.length; f++) {
      this.sums.push(0);
      this.counts.push(0);
    }
    for (let f = 0; f < NODE_RATIOS.length; f++) {
      this.numerators.push(0);
      this.denominators.push(0);
    }
    return row;
  }
}
