import type { NodeSpec, ScenarioSpec } from '../../model/spec.js';
import type { ReplicationOutcome } from '../replication.js';
import type { NodeRow } from '../result.js';
import { share } from '../../metrics/share.js';

type NodeFigure = Exclude<keyof NodeRow, 'node' | 'group' | 'zone'>;

/**
 * Each per-node figure and how one replication gives it for node i; null when that replication has no sample of it
 * (an empty window; no crash or repair of the node, for its MTBF and MTTR).
 */
const NODE_FIGURES: readonly [NodeFigure, (o: ReplicationOutcome, i: number, node: NodeSpec) => number | null][] = [
  ['completed', (o, i) => o.nodes[i].completed],
  ['utilization', (o, i, node) => share(o.nodes[i].busyArea, node.cores * o.measuredTime)],
  ['meanQueueLength', (o, i) => share(o.nodes[i].waitingArea, o.measuredTime)],
  ['storageUsed', (o, i) => o.nodes[i].storageUsed],
  ['bytesMoved', (o, i) => o.nodes[i].bytesMoved],
  [
    'nicUtilization',
    (o, i, node) => (node.bandwidth === Infinity ? 0 : share(o.nodes[i].bytesMoved / node.bandwidth, o.measuredTime)),
  ],
  ['uptime', (o, i) => (o.reliability ? share(o.reliability.nodeUptime[i], o.measuredTime) : o.measuredTime > 0 ? 1 : null)],
  ['crashes', (o, i) => o.reliability?.crashes[i] ?? 0],
  ['mtbf', (o, i) => (o.reliability ? share(o.reliability.nodeUptime[i], o.reliability.crashes[i]) : null)],
  [
    'mttr',
    (o, i) => (o.reliability ? share(o.measuredTime - o.reliability.nodeUptime[i], o.reliability.repairs[i]) : null),
  ],
];

/**
 * nodes.csv: one row per node, each figure its mean over the replications that have a value of it (a running sum
 * and count per node and figure); NaN, an empty cell, when none has one (an MTBF without a crash).
 */
export class NodeRows {
  /** NODE_FIGURES.length sums (and counts) per node, node after node. */
  private readonly sums: Float64Array;
  private readonly counts: Float64Array;

  constructor(private readonly spec: ScenarioSpec) {
    this.sums = new Float64Array(spec.nodes.length * NODE_FIGURES.length);
    this.counts = new Float64Array(spec.nodes.length * NODE_FIGURES.length);
  }

  add(o: ReplicationOutcome): void {
    const width = NODE_FIGURES.length;
    this.spec.nodes.forEach((node, i) => {
      for (let f = 0; f < width; f++) {
        const value = NODE_FIGURES[f][1](o, i, node);
        if (value === null) continue;
        this.sums[i * width + f] += value;
        this.counts[i * width + f]++;
      }
    });
  }

  rows(): NodeRow[] {
    const width = NODE_FIGURES.length;
    return this.spec.nodes.map((node, i) => {
      const row: NodeRow = { node: node.name, group: node.group, zone: node.zone } as NodeRow;
      NODE_FIGURES.forEach(([figure], f) => {
        const at = i * width + f;
        row[figure] = this.counts[at] > 0 ? this.sums[at] / this.counts[at] : NaN;
      });
      return row;
    });
  }
}
