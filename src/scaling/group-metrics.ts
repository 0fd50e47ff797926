import type { ScalingMetric } from '../model/spec.js';
import type { ScalingControl, StationAreas } from './scaling-control.js';

/** A metric per node, from a node's station areas over `span` seconds. */
const perNode: Record<ScalingMetric, (delta: StationAreas, span: number) => number> = {
  utilization: (d, span) => d.busy / (d.cores * span),
  inFlightPerNode: (d, span) => (d.busy + d.waiting) / span,
  queueLengthPerNode: (d, span) => d.waiting / span,
};

/**
 * A reading of the group's metric as a metrics pipeline delivers it: averaged over [start, end) (the window), handed
 * to the controller `metricsDelay` later. Only nodes ready at both ends count (a node that became ready inside the
 * window has no full sample; Kubernetes likewise leaves out pods without a fresh metric). A window that straddles
 * the restart of the station statistics (the end of the warm-up) averages over its part after the restart.
 */
export class WindowReading {
  private start: number;
  private readonly from = new Map<number, StationAreas>();

  constructor(
    private readonly control: ScalingControl,
    private readonly group: string,
    private readonly metric: ScalingMetric,
  ) {
    this.start = control.now();
    for (const node of control.members(group).ready) this.from.set(node, control.areas(node));
  }

  /** The stations restarted their statistics: from now on, differences are against 0. */
  restart(): void {
    this.start = this.control.now();
    for (const node of this.from.keys()) this.from.set(node, { busy: 0, waiting: 0, cores: this.control.areas(node).cores });
  }

  /** The average over the nodes ready at both ends; null without such a node or with an empty span. */
  finish(): number | null {
    const span = this.control.now() - this.start;
    if (!(span > 0)) return null;
    let sum = 0;
    let count = 0;
    for (const [node, before] of this.from) {
      if (!this.control.isReady(node)) continue;
      const after = this.control.areas(node);
      sum += perNode[this.metric]({ busy: after.busy - before.busy, waiting: after.waiting - before.waiting, cores: after.cores }, span);
      count++;
    }
    return count === 0 ? null : sum / count;
  }
}
