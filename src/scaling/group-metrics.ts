import { LatencySketch } from '../metrics/latency-sketch.js';
import type { ScalingMetric } from '../model/spec.js';
import type { ScalingControl, StationAreas } from './scaling-control.js';

/** What a controller reads over one window: begun when the window opens, finished when it closes. */
interface MetricReading {
  /** The stations restarted their statistics (the end of the warm-up). */
  restart(): void;
  /** The metric over the window; null without a sample. */
  finish(): number | null;
}

/** A metric per node, from a node's station areas over `span` seconds. */
type PerNode = (delta: StationAreas, span: number) => number;

/** How each metric is read (the registry of metrics: one line each). */
const readings: Record<ScalingMetric, (control: ScalingControl, group: string) => MetricReading> = {
  utilization: (control, group) => new StationReading(control, group, (d, span) => d.busy / (d.cores * span)),
  inFlightPerNode: (control, group) => new StationReading(control, group, (d, span) => (d.busy + d.waiting) / span),
  queueLengthPerNode: (control, group) => new StationReading(control, group, (d, span) => d.waiting / span),
  p99: (control) => new ResponseReading(control),
  rate: (control, group) => new ArrivalReading(control, group),
};

/**
 * A station metric as a metrics pipeline delivers it: averaged over [start, end) (the window), per node. Only nodes
 * ready at both ends count (a node that became ready inside the window has no full sample; Kubernetes likewise
 * leaves out pods without a fresh metric). A window that straddles the restart of the station statistics (the end
 * of the warm-up) averages over its part after the restart.
 */
class StationReading implements MetricReading {
  private start: number;
  private readonly from = new Map<number, StationAreas>();

  constructor(
    private readonly control: ScalingControl,
    group: string,
    private readonly perNode: PerNode,
  ) {
    this.start = control.now();
    for (const node of control.members(group).ready) this.from.set(node, control.areas(node));
  }

  restart(): void {
    this.start = this.control.now();
    for (const node of this.from.keys()) this.from.set(node, { busy: 0, waiting: 0, cores: this.control.areas(node).cores });
  }

  finish(): number | null {
    const span = this.control.now() - this.start;
    if (!(span > 0)) return null;
    let sum = 0;
    let count = 0;
    for (const [node, before] of this.from) {
      if (!this.control.isReady(node)) continue;
      const after = this.control.areas(node);
      sum += this.perNode({ busy: after.busy - before.busy, waiting: after.waiting - before.waiting, cores: after.cores }, span);
      count++;
    }
    return count === 0 ? null : sum / count;
  }
}

/**
 * `p99`: the 99th percentile of the response times of the replies delivered in the window (all requests of the
 * cluster: in the direct topology every node serves every request), from a sketch of 0.2 % relative accuracy kept
 * only while the window is open; null when no reply came.
 */
class ResponseReading implements MetricReading {
  private readonly sketch = new LatencySketch();
  private readonly stop: () => void;

  constructor(control: ScalingControl) {
    this.stop = control.onReply((response) => this.sketch.record(response));
  }

  restart(): void {}

  finish(): number | null {
    this.stop();
    return this.sketch.count === 0 ? null : this.sketch.quantile(0.99);
  }
}

/** `rate`: the cluster's arrivals per second over the window, per node of the group ready at its end; null with none. */
class ArrivalReading implements MetricReading {
  private readonly start: number;
  private readonly arrivals: number;

  constructor(
    private readonly control: ScalingControl,
    private readonly group: string,
  ) {
    this.start = control.now();
    this.arrivals = control.arrivals();
  }

  restart(): void {}

  finish(): number | null {
    const span = this.control.now() - this.start;
    const ready = this.control.members(this.group).ready.length;
    if (!(span > 0) || ready === 0) return null;
    return (this.control.arrivals() - this.arrivals) / span / ready;
  }
}

/**
 * Readings every `syncPeriod`, as a controller sees them: reading k is handed to `onReading` at k x syncPeriod (from
 * the first multiple that leaves room for the window and the delay) and averages [t - delay - window, t - delay).
 * A reading open when the stations restart their statistics (the end of the warm-up) restarts with them.
 */
export function periodicReadings(
  control: ScalingControl,
  group: string,
  metric: ScalingMetric,
  timing: { syncPeriod: number; window: number; metricsDelay: number },
  onReading: (value: number | null) => void,
): void {
  const { syncPeriod, window, metricsDelay } = timing;
  const open = new Set<MetricReading>();
  control.onStatisticsReset(() => open.forEach((reading) => reading.restart()));
  const lead = metricsDelay + window;
  const beginReading = (syncTime: number) => {
    const reading = readings[metric](control, group);
    open.add(reading);
    control.schedule(syncTime - metricsDelay, () => {
      open.delete(reading);
      const value = reading.finish();
      control.schedule(syncTime, () => onReading(value));
    });
    const nextSync = syncTime + syncPeriod;
    control.schedule(Math.max(control.now(), nextSync - lead), () => beginReading(nextSync));
  };
  let first = syncPeriod;
  while (first - lead < 0) first += syncPeriod;
  control.schedule(first - lead, () => beginReading(first));
}
