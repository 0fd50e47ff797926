import { createHash } from 'node:crypto';
import { estimate, type Estimate } from '../metrics/confidence.js';
import { failureCauseNames, FailureCause } from '../metrics/failure-causes.js';
import { LatencySketch } from '../metrics/latency-sketch.js';
import type { ScenarioSpec } from '../model/spec.js';
import type { ReplicationOutcome } from './replication.js';
import type { HistogramRow, NodeRow, Summary, TimeFigures, TimeseriesRow } from './result.js';

/** Pools a replication's per-class sketches into one. */
function pooled(outcome: ReplicationOutcome, pick: 'response' | 'wait'): LatencySketch {
  const sketch = new LatencySketch();
  for (const c of outcome.measurement.classes) sketch.merge(c[pick]);
  return sketch;
}

function timeFigures(sketches: LatencySketch[]): TimeFigures {
  const across = (f: (s: LatencySketch) => number): Estimate => estimate(sketches.map(f));
  return {
    mean: across((s) => s.mean),
    p50: across((s) => s.quantile(0.5)),
    p90: across((s) => s.quantile(0.9)),
    p99: across((s) => s.quantile(0.99)),
    p999: across((s) => s.quantile(0.999)),
    max: across((s) => s.max),
  };
}

/** Divides, reading 0/0 as 0 (no request measured). */
function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

/** The summary.json contract from the replications' outcomes. */
export function summarize(spec: ScenarioSpec, outcomes: ReplicationOutcome[]): Summary {
  const responses = outcomes.map((o) => pooled(o, 'response'));
  const waits = outcomes.map((o) => pooled(o, 'wait'));
  const totalCores = spec.nodes.reduce((sum, n) => sum + n.cores, 0);
  const perRep = (f: (o: ReplicationOutcome, i: number) => number) => estimate(outcomes.map(f));
  const failedByCause: Record<string, number> = {};
  failureCauseNames.forEach((name, i) => {
    failedByCause[name] = outcomes.reduce((sum, o) => sum + o.measurement.failedByCause[i], 0);
  });
  const sum = (f: (o: ReplicationOutcome) => number) => outcomes.reduce((acc, o) => acc + f(o), 0);

  const classes: Summary['classes'] = {};
  spec.workload.forEach((c, ci) => {
    classes[c.name] = {
      responseTime: timeFigures(outcomes.map((o) => o.measurement.classes[ci].response)),
      throughput: perRep((o) => ratio(o.measurement.classes[ci].response.count, o.measuredTime)),
    };
  });

  const stopped = outcomes.filter((o) => o.stopReason === 'max-events');
  return {
    scenario: spec.name,
    seed: spec.seed,
    replications: outcomes.length,
    fingerprint: fingerprint(outcomes),
    percentileRelativeError: LatencySketch.relativeAccuracy,
    requests: {
      arrived: sum((o) => o.measurement.arrived),
      completed: sum((o) => o.measurement.completed),
      failed: sum((o) => o.measurement.failed),
      inFlight: sum((o) => o.inFlight),
      failedByCause,
    },
    responseTime: timeFigures(responses),
    waitTime: timeFigures(waits),
    probWait: perRep((o) =>
      ratio(
        o.measurement.classes.reduce((acc, c) => acc + c.waited, 0),
        o.measurement.completed,
      ),
    ),
    throughput: perRep((o) => ratio(o.measurement.completed, o.measuredTime)),
    utilization: perRep((o) => ratio(o.nodes.reduce((acc, n) => acc + n.busyArea, 0), totalCores * o.measuredTime)),
    blockingProbability: perRep((o) => ratio(o.measurement.failedByCause[FailureCause.rejected], o.measurement.arrived)),
    availability: {
      // No failure model runs yet: every node is up for the whole window, so the service always had a node.
      time: perRep(() => 1),
      request: perRep((o) => ratio(o.measurement.completed, o.measurement.completed + o.measurement.failed)),
    },
    classes,
    measuredTime: outcomes.length > 0 ? outcomes.reduce((acc, o) => acc + o.measuredTime, 0) / outcomes.length : 0,
    stoppedEarly:
      stopped.length > 0
        ? `${stopped.length} of ${outcomes.length} replications stopped at maxEvents (${spec.run.maxEvents}) before their stop condition`
        : null,
  };
}

/** A hash of every replication's raw results: equal fingerprints mean equal runs. */
export function fingerprint(outcomes: ReplicationOutcome[]): string {
  const hash = createHash('sha256');
  for (const o of outcomes) {
    const m = o.measurement;
    hash.update(`${o.index}|${o.events}|${o.warmupEnd}|${o.measuredTime}|${m.arrived}|${m.completed}|${m.failedByCause.join(',')}|${o.inFlight}\n`);
    for (const c of m.classes) hash.update(`${c.response.digest()}|${c.wait.digest()}|${c.waited}\n`);
    for (const n of o.nodes) hash.update(`${n.completed},${n.busyArea},${n.waitingArea},${n.storageUsed},${n.bytesMoved}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

export function nodeRows(spec: ScenarioSpec, outcomes: ReplicationOutcome[]): NodeRow[] {
  const mean = (f: (o: ReplicationOutcome) => number) => outcomes.reduce((acc, o) => acc + f(o), 0) / Math.max(1, outcomes.length);
  return spec.nodes.map((node, i) => ({
    node: node.name,
    group: node.group,
    zone: node.zone,
    completed: mean((o) => o.nodes[i].completed),
    utilization: mean((o) => ratio(o.nodes[i].busyArea, node.cores * o.measuredTime)),
    meanQueueLength: mean((o) => ratio(o.nodes[i].waitingArea, o.measuredTime)),
    storageUsed: mean((o) => o.nodes[i].storageUsed),
    bytesMoved: mean((o) => o.nodes[i].bytesMoved),
    nicUtilization:
      node.bandwidth === Infinity ? 0 : mean((o) => ratio(o.nodes[i].bytesMoved / node.bandwidth, o.measuredTime)),
  }));
}

export function timeseriesRows(outcomes: ReplicationOutcome[]): TimeseriesRow[] {
  const length = Math.max(0, ...outcomes.map((o) => o.measurement.series.length));
  const rows: TimeseriesRow[] = [];
  for (let k = 0; k < length; k++) {
    const present = outcomes.filter((o) => k < o.measurement.series.length);
    const width = present[0].measurement.series.width;
    const merged = new LatencySketch();
    let completions = 0;
    let responseSum = 0;
    for (const o of present) {
      const s = o.measurement.series;
      merged.merge(s.responses[k]);
      completions += s.completions[k];
      responseSum += s.responseSum[k];
    }
    const mean = (f: (o: ReplicationOutcome) => number) => present.reduce((acc, o) => acc + f(o), 0) / present.length;
    rows.push({
      start: k * width,
      end: (k + 1) * width,
      throughput: completions / present.length / width,
      meanResponse: ratio(responseSum, completions),
      p50Response: merged.quantile(0.5),
      p99Response: merged.quantile(0.99),
      inFlight: mean((o) => o.measurement.series.inFlight[k]),
      nodesUp: mean((o) => o.measurement.series.nodesUp[k]),
      utilization: mean((o) => o.measurement.series.utilization[k]),
    });
  }
  return rows;
}

export function histogramRows(outcomes: ReplicationOutcome[]): HistogramRow[] {
  const all = new LatencySketch();
  for (const o of outcomes) all.merge(pooled(o, 'response'));
  const total = all.count;
  let cumulative = 0;
  return all.buckets().map((b) => {
    cumulative += b.count;
    return { lower: b.lower, upper: b.upper, count: b.count, cumulative: ratio(cumulative, total) };
  });
}
