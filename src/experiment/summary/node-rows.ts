import type { NodeSpec, ScenarioSpec } from '../../model/spec.js';
import type { ReplicationOutcome } from '../replication.js';
import type { NodeRow } from '../result.js';

/** Divides, reading 0/0 as 0. */
function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

type NodeFigure = Exclude<keyof NodeRow, 'node' | 'group' | 'zone'>;

/** Each per-node figure and how one replication gives it for node i. */
const NODE_FIGURES: readonly [NodeFigure, (o: ReplicationOutcome, i: number, node: NodeSpec) => number][] = [
  ['completed', (o, i) => o.nodes[i].completed],
  ['utilization', (o, i, node) => ratio(o.nodes[i].busyArea, node.cores * o.measuredTime)],
  ['meanQueueLength', (o, i) => ratio(o.nodes[i].waitingArea, o.measuredTime)],
  ['storageUsed', (o, i) => o.nodes[i].storageUsed],
  ['bytesMoved', (o, i) => o.nodes[i].bytesMoved],
  [
    'nicUtilization',
    (o, i, node) => (node.bandwidth === Infinity ? 0 : ratio(o.nodes[i].bytesMoved / node.bandwidth, o.measuredTime)),
  ],
  ['uptime', (o, i) => (o.reliability ? ratio(o.reliability.nodeUptime[i], o.measuredTime) : 1)],
  ['crashes', (o, i) => o.reliability?.crashes[i] ?? 0],
  ['mtbf', (o, i) => (o.reliability ? ratio(o.reliability.nodeUptime[i], o.reliability.crashes[i]) : 0)],
  [
    'mttr',
    (o, i) => (o.reliability ? ratio(o.measuredTime - o.reliability.nodeUptime[i], o.reliability.repairs[i]) : 0),
  ],
];

/** nodes.csv: one row per node, each figure its mean over replications (a running sum per node and figure). */
export class NodeRows {
  /** NODE_FIGURES.length sums per node, node after node. */
  private readonly sums: Float64Array;
  private replications = 0;

  constructor(private readonly spec: ScenarioSpec) {
    this.sums = new Float64Array(spec.nodes.length * NODE_FIGURES.length);
  }

  add(o: ReplicationOutcome): void {
    this.replications++;
    const width = NODE_FIGURES.length;
    this.spec.nodes.forEach((node, i) => {
      for (let f = 0; f < width; f++) this.sums[i * width + f] += NODE_FIGURES[f][1](o, i, node);
    });
  }

  rows(): NodeRow[] {
    const divisor = Math.max(1, this.replications);
    const width = NODE_FIGURES.length;
    return this.spec.nodes.map((node, i) => {
      const row: NodeRow = { node: node.name, group: node.group, zone: node.zone } as NodeRow;
      NODE_FIGURES.forEach(([figure], f) => {
        row[figure] = this.sums[i * width + f] / divisor;
      });
      return row;
    });
  }
}
