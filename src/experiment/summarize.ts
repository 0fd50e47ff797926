import { createHash } from 'node:crypto';
import { estimate, fraction, nonNegative, type Estimate, type FigureRange } from '../metrics/confidence.js';
import { commonCauseCount, failureCauseNames, FailureCause } from '../metrics/failure-causes.js';
import { LatencySketch } from '../metrics/latency-sketch.js';
import type { ScenarioSpec, SingleLeaderTopologySpec } from '../model/spec.js';
import type { ReliabilityOutcome, ReplicationOutcome } from './replication.js';
import { readStaleness, writeUnavailability } from './summarize-replicated.js';
import type {
  HistogramRow,
  ElectionRow,
  IncidentRow,
  NodeRow,
  ReliabilitySummary,
  SloCheck,
  Summary,
  TimeFigures,
  TimeseriesRow,
} from './result.js';

/** Pools a replication's per-class sketches into one. */
function pooled(outcome: ReplicationOutcome, pick: 'response' | 'wait'): LatencySketch {
  const sketch = new LatencySketch();
  for (const c of outcome.measurement.classes) sketch.merge(c[pick]);
  return sketch;
}

function timeFigures(sketches: LatencySketch[]): TimeFigures {
  const across = (f: (s: LatencySketch) => number): Estimate => estimate(sketches.map(f), nonNegative);
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
  const perRep = (f: (o: ReplicationOutcome, i: number) => number, range: FigureRange = nonNegative) =>
    estimate(outcomes.map(f), range);
  const failedByCause: Record<string, number> = {};
  const singleLeader = spec.topology?.kind === 'single-leader';
  failureCauseNames.forEach((name, i) => {
    const count = outcomes.reduce((sum, o) => sum + o.measurement.failedByCause[i], 0);
    // Causes only the single-leader topology produces stay out of the direct topology's summaries.
    if (i < commonCauseCount || singleLeader || count > 0) failedByCause[name] = count;
  });
  const sum = (f: (o: ReplicationOutcome) => number) => outcomes.reduce((acc, o) => acc + f(o), 0);

  const classes: Summary['classes'] = {};
  spec.workload.forEach((c, ci) => {
    classes[c.name] = {
      responseTime: timeFigures(outcomes.map((o) => o.measurement.classes[ci].response)),
      throughput: estimate(
        outcomes.map((o) => ratio(o.measurement.classes[ci].response.count, o.measuredTime)),
        nonNegative,
      ),
    };
  });

  const stopped = outcomes.filter((o) => o.stopReason === 'max-events');
  // Without failures every node is up for the whole window, so the service always had a node.
  const timeAvailability = perRep((o) => o.reliability?.timeAvailability ?? 1, fraction);
  const requestAvailability = perRep(
    (o) => ratio(o.measurement.completed, o.measurement.completed + o.measurement.failed),
    fraction,
  );
  const summary: Summary = {
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
    probWait: perRep(
      (o) =>
        ratio(
          o.measurement.classes.reduce((acc, c) => acc + c.waited, 0),
          o.measurement.completed,
        ),
      fraction,
    ),
    throughput: perRep((o) => ratio(o.measurement.completed, o.measuredTime)),
    utilization: perRep((o) => ratio(o.nodes.reduce((acc, n) => acc + n.busyArea, 0), totalCores * o.measuredTime), fraction),
    blockingProbability: perRep(
      (o) => ratio(o.measurement.failedByCause[FailureCause.rejected], o.measurement.arrived),
      fraction,
    ),
    availability: {
      time: timeAvailability,
      request: requestAvailability,
      timeNines: nines(timeAvailability.value),
      requestNines: nines(requestAvailability.value),
    },
    reliability: reliabilitySummary(spec, outcomes, responses),
    classes,
    measuredTime: outcomes.length > 0 ? outcomes.reduce((acc, o) => acc + o.measuredTime, 0) / outcomes.length : 0,
    stoppedEarly: stoppedEarly(spec, outcomes, stopped.length),
  };
  if (singleLeader) Object.assign(summary, singleLeaderSummary(outcomes));
  // The replicated store's write unavailability and (reads: any) read staleness; nothing for other runs.
  const unavailability = writeUnavailability(spec, outcomes);
  if (unavailability !== undefined && summary.writes !== undefined) Object.assign(summary.writes, unavailability);
  const staleness = readStaleness(spec, outcomes);
  if (staleness !== undefined) summary.reads = { staleness };
  if ((spec.topology as SingleLeaderTopologySpec | undefined)?.mode === 'scheduler') {
    // A scheduler acknowledges no writes: it has elections but no lost writes, and its own figures.
    delete summary.writes;
    summary.scheduler = {
      reassigned: perRep((o) => o.scheduler?.reassigned ?? 0),
      duplicates: perRep((o) => o.scheduler?.duplicates ?? 0),
      leaderUtilization: perRep((o) => o.scheduler?.leaderUtilization ?? 0, fraction),
    };
    // The leader's NIC is a limit only with a finite bandwidth: without one the figure (always 0) is left out.
    if (spec.nodes.some((node) => node.bandwidth !== Infinity)) {
      summary.scheduler.leaderNicUtilization = perRep((o) => o.scheduler?.leaderNicUtilization ?? 0, fraction);
    }
  }
  return summary;
}

/** A quantile of sorted values (linear interpolation between order statistics). */
function quantileOfSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** An election whose end the run did not see: no leader was back when it stopped. */
function isOpen(failover: { end: number }): boolean {
  return Number.isNaN(failover.end);
}

/** `elections` and `writes` of the summary, from each replication's failovers and lost writes. */
function singleLeaderSummary(outcomes: ReplicationOutcome[]): Pick<Summary, 'elections' | 'writes'> {
  const failovers = outcomes.map((o) => o.singleLeader?.failovers ?? []);
  // An election without a leader back by the end of the run (split votes forever, a quorum never regained) is
  // censored: it counts up to the window's end (the failover times are relative to the warm-up's end, so the window
  // ends at measuredTime), a lower bound of its duration, rather than being left out as if it had cost nothing.
  const durations = outcomes
    .map((o, r) =>
      failovers[r]
        .map((f) => (isOpen(f) ? Math.max(0, o.measuredTime - f.lostAt) : f.end - f.lostAt))
        .sort((a, b) => a - b),
    )
    .filter((list) => list.length > 0);
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const over = (f: (sorted: number[]) => number) => estimate(durations.map(f), nonNegative);
  return {
    elections: {
      count: estimate(
        failovers.map((list) => list.length),
        nonNegative,
      ),
      timeWithoutLeader: {
        mean: over(mean),
        p50: over((d) => quantileOfSorted(d, 0.5)),
        p99: over((d) => quantileOfSorted(d, 0.99)),
        max: over((d) => d[d.length - 1]),
      },
      rounds: {
        mean: estimate(
          failovers.filter((list) => list.length > 0).map((list) => mean(list.map((f) => f.rounds))),
          nonNegative,
        ),
      },
      falseElections: estimate(
        failovers.map((list) => list.filter((f) => f.falseElection === true).length),
        nonNegative,
      ),
      open: estimate(
        failovers.map((list) => list.filter(isOpen).length),
        nonNegative,
      ),
    },
    writes: {
      acknowledgedLost: estimate(
        outcomes.map((o) => o.singleLeader?.acknowledgedLost ?? 0),
        nonNegative,
      ),
    },
  };
}

function stoppedEarly(spec: ScenarioSpec, outcomes: ReplicationOutcome[], atMaxEvents: number): string | null {
  const notes: string[] = [];
  if (atMaxEvents > 0) {
    notes.push(`${atMaxEvents} of ${outcomes.length} replications stopped at maxEvents (${spec.run.maxEvents}) before their stop condition`);
  }
  const interrupted = outcomes.filter((o) => o.stopReason === 'interrupted');
  if (interrupted.length > 0 || outcomes.length < spec.run.replications) {
    notes.push(
      `stopped at the wall-clock limit: ${outcomes.length} of ${spec.run.replications} replications ran, ` +
        `${interrupted.length} of them cut short; the figures cover what ran and are not reproducible`,
    );
  }
  const undrained = outcomes.filter((o) => o.stopReason === 'drain-limit');
  if (undrained.length > 0) {
    const left = undrained.reduce((acc, o) => acc + o.inFlight, 0);
    notes.push(
      `${undrained.length} of ${outcomes.length} replications could not finish their measured requests within as long ` +
        `again as the window (${left} still in flight): the system is overloaded, and response times leave those out`,
    );
  }
  return notes.length > 0 ? notes.join('; ') : null;
}

/** Nines of an availability: -log10(1 - a), capped at 9 (a run cannot show more). */
export function nines(availability: number): number {
  if (availability >= 1 - 1e-9) return 9;
  return Math.round(-Math.log10(1 - availability) * 100) / 100;
}

function reliabilitySummary(
  spec: ScenarioSpec,
  outcomes: ReplicationOutcome[],
  responses: LatencySketch[],
): ReliabilitySummary | null {
  const reliability = spec.reliability;
  if (!reliability) return null;
  const rel = outcomes.map((o) => o.reliability!);
  const perRep = (f: (r: ReliabilityOutcome, o: ReplicationOutcome) => number) =>
    estimate(
      rel.map((r, i) => f(r, outcomes[i])),
      nonNegative,
    );
  const sumOf = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const anyCrash = rel.some((r) => sumOf(r.crashes) > 0);
  const anyRepair = rel.some((r) => sumOf(r.repairs) > 0);
  const latencies = rel.flatMap((r) => r.detectionLatencies);
  const healthy = outcomes.map((o) => o.measurement.healthyResponse);
  const degraded = outcomes.map((o) => o.measurement.degradedResponse);
  const condition = (sketches: LatencySketch[]) => {
    const present = sketches.filter((s) => s.count > 0);
    return {
      mean: estimate(
        present.map((s) => s.mean),
        nonNegative,
      ),
      p99: estimate(
        present.map((s) => s.quantile(0.99)),
        nonNegative,
      ),
      count: sketches.reduce((acc, s) => acc + s.count, 0),
    };
  };
  const summary: ReliabilitySummary = {
    minHealthy: reliability.slo.minHealthy,
    crashes: perRep((r) => sumOf(r.crashes)),
    mtbf: anyCrash ? perRep((r) => ratio(sumOf(r.nodeUptime), sumOf(r.crashes))) : null,
    mttr: anyRepair
      ? perRep((r, o) => ratio(spec.nodes.length * o.measuredTime - sumOf(r.nodeUptime), sumOf(r.repairs)))
      : null,
    incidents: perRep((r) => r.incidents.length),
    downtime: perRep((r) => sumOf(r.incidents.map((i) => i.end - i.start))),
    detection: {
      latency:
        latencies.length > 0
          ? {
              mean: sumOf(latencies) / latencies.length,
              min: latencies.reduce((a, b) => Math.min(a, b), Infinity),
              max: latencies.reduce((a, b) => Math.max(a, b), -Infinity),
              count: latencies.length,
            }
          : null,
      falseSuspicions: perRep((r) => r.falseSuspicions),
    },
    retries: estimate(
      outcomes.map((o) => o.measurement.retries),
      nonNegative,
    ),
    responseTime: { healthy: condition(healthy), degraded: condition(degraded) },
    slo: [],
  };
  const slo = reliability.slo;
  const checks: SloCheck[] = [];
  const p99 = estimate(responses.map((s) => s.quantile(0.99))).value;
  const mean = estimate(responses.map((s) => s.mean)).value;
  if (slo.p99 !== undefined) checks.push({ objective: 'p99', target: slo.p99, actual: p99, pass: p99 <= slo.p99 });
  if (slo.mean !== undefined) checks.push({ objective: 'mean', target: slo.mean, actual: mean, pass: mean <= slo.mean });
  if (slo.availability !== undefined) {
    const time = estimate(rel.map((r) => r.timeAvailability)).value;
    const request = estimate(
      outcomes.map((o) => ratio(o.measurement.completed, o.measurement.completed + o.measurement.failed)),
    ).value;
    checks.push({ objective: 'availability.time', target: slo.availability, actual: time, pass: time >= slo.availability });
    checks.push({
      objective: 'availability.request',
      target: slo.availability,
      actual: request,
      pass: request >= slo.availability,
    });
  }
  summary.slo = checks;
  return summary;
}

export function incidentRows(outcomes: ReplicationOutcome[]): IncidentRow[] {
  return outcomes.flatMap((o) =>
    (o.reliability?.incidents ?? []).map((incident) => ({
      replication: o.index,
      start: incident.start,
      end: incident.end,
      duration: incident.end - incident.start,
      cause: incident.cause,
      requestsFailed: incident.requestsFailed,
    })),
  );
}

/** Every election of every replication in its measured window; undefined unless the topology is single-leader. */
export function electionRows(outcomes: ReplicationOutcome[]): ElectionRow[] | undefined {
  if (!outcomes.some((o) => o.singleLeader !== undefined)) return undefined;
  return outcomes.flatMap((o) =>
    (o.singleLeader?.failovers ?? []).map((f) => ({
      replication: o.index,
      start: f.lostAt,
      end: f.end,
      duration: f.end - f.lostAt,
      term: f.term,
      rounds: f.rounds,
      cause: f.cause,
    })),
  );
}

/** A hash of every replication's raw results: equal fingerprints mean equal runs. */
export function fingerprint(outcomes: ReplicationOutcome[]): string {
  const hash = createHash('sha256');
  for (const o of outcomes) {
    const m = o.measurement;
    // Causes past the common ones enter the hash only when counted, so that direct runs keep their fingerprints.
    const extra = m.failedByCause.subarray(commonCauseCount);
    const causes = m.failedByCause.subarray(0, commonCauseCount).join(',') + (extra.some((c) => c > 0) ? `,${extra.join(',')}` : '');
    hash.update(`${o.index}|${o.events}|${o.warmupEnd}|${o.measuredTime}|${m.arrived}|${m.completed}|${causes}|${o.inFlight}\n`);
    for (const c of m.classes) hash.update(`${c.response.digest()}|${c.wait.digest()}|${c.waited}\n`);
    for (const n of o.nodes) hash.update(`${n.completed},${n.busyArea},${n.waitingArea},${n.storageUsed},${n.bytesMoved}\n`);
    if (o.reliability) hash.update(JSON.stringify(o.reliability));
    if (o.singleLeader) hash.update(JSON.stringify(o.singleLeader));
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
    uptime: mean((o) => (o.reliability ? ratio(o.reliability.nodeUptime[i], o.measuredTime) : 1)),
    crashes: mean((o) => o.reliability?.crashes[i] ?? 0),
    mtbf: mean((o) => (o.reliability ? ratio(o.reliability.nodeUptime[i], o.reliability.crashes[i]) : 0)),
    mttr: mean((o) =>
      o.reliability ? ratio(o.measuredTime - o.reliability.nodeUptime[i], o.reliability.repairs[i]) : 0,
    ),
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
      // No completion in the interval: no response time to show (an empty cell in the CSV, a gap in the charts).
      meanResponse: completions > 0 ? responseSum / completions : NaN,
      p50Response: completions > 0 ? merged.quantile(0.5) : NaN,
      p99Response: completions > 0 ? merged.quantile(0.99) : NaN,
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
