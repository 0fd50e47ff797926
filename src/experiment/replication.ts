import type { RandomStreams } from '../engine/rng.js';
import { Simulator, type StopReason } from '../engine/simulator.js';
import { AvailabilityTracker, type Incident } from '../metrics/availability.js';
import { degradedIncidents } from '../metrics/degraded-periods.js';
import { Measurement } from '../metrics/measurement.js';
import type { RunningStatisticsData } from '../metrics/running-statistics.js';
import { classArrivalRate, isOpenArrivalProcess } from '../model/arrivals.js';
import { RequestTable } from '../model/request-table.js';
import type { NodeSpec, ScenarioSpec } from '../model/spec.js';
import type { TraceSink } from '../model/trace-sink.js';
import { WorkloadSource } from '../model/workload-source.js';
import { createPolicy, policyReadsOutstandingWork } from '../policies/create.js';
import type { PolicyDefinition } from '../policies/policy.js';
import { topologyOf } from '../topology/registry.js';
import { ClusterRuntime } from '../topology/runtime/cluster-runtime.js';
import type { Topology } from '../topology/topology.js';
import { prepareCompiler } from './compiler-budget.js';
import { estimateEvents } from './estimate-events.js';
import { installFailures } from './install-failures.js';
import { installScaling } from './install-scaling.js';

/**
 * Per node id, one column per figure (a million nodes: 48 MB of columns that cross a thread as one copy each, not a
 * million objects of boxed numbers).
 */
export interface NodeOutcomes {
  /** Seconds of the window the node existed (node-set.ts): the whole window unless it was added or removed in it. */
  existed: Float64Array;
  completed: Float64Array;
  busyArea: Float64Array;
  waitingArea: Float64Array;
  storageUsed: Float64Array;
  bytesMoved: Float64Array;
}

/** `count` nodes' columns, zero-filled. */
export function emptyNodeOutcomes(count: number): NodeOutcomes {
  return {
    existed: new Float64Array(count),
    completed: new Float64Array(count),
    busyArea: new Float64Array(count),
    waitingArea: new Float64Array(count),
    storageUsed: new Float64Array(count),
    bytesMoved: new Float64Array(count),
  };
}

/** Failures, detection and availability over one replication's measurement window. */
export interface ReliabilityOutcome {
  timeAvailability: number;
  /** Times relative to the end of the warm-up. */
  incidents: Incident[];
  /** From each crash to the detector's suspicion of it: count, sum, min and max, not every value. */
  detectionLatency: RunningStatisticsData;
  falseSuspicions: number;
  /** Per node: seconds up, crashes and repairs within the window. */
  nodeUptime: number[];
  crashes: number[];
  repairs: number[];
}

/**
 * The raw outcome of one replication. Requests that arrive in the measurement window are measured and followed to
 * their end, past the window if need be (the drain), so that slow requests are not dropped from the sample;
 * time-weighted figures and the time series cover the window itself.
 */
export interface ReplicationOutcome {
  index: number;
  reliability: ReliabilityOutcome | null;
  events: number;
  /** 'stop-condition' when the window closed and every measured request finished. */
  stopReason: StopReason | 'stop-condition' | 'drain-limit' | 'interrupted';
  warmupEnd: number;
  measuredTime: number;
  measurement: Measurement;
  /** Measured requests still in flight when the run stopped, counted in the request table. */
  inFlight: number;
  /** Per node id: the scenario's nodes, then those added during the run (`nodeSpecs` then lists them all). */
  nodes: NodeOutcomes;
  /** Every node's spec by id, when the node set changed during the run; absent: the scenario's nodes. */
  nodeSpecs?: NodeSpec[];
  /**
   * The report sections' plain data, by section id (src/topology/section.ts): the topology's, then the features'
   * (experiment/feature-sections.ts); {} when there is none.
   */
  sections: Record<string, unknown>;
}

export interface ReplicationOptions {
  /** Progress of this replication, 0 .. 1, reported between chunks of events. */
  onProgress?: (fraction: number) => void;
  /** Sees every arrival with what was drawn for it: for traces and for checking common random numbers. */
  onArrival?: (classIndex: number, time: number, work: number, bytes: number) => void;
  /** The definition of a plug-in policy named by `balancer.policy.module`, loaded beforehand. */
  policy?: PolicyDefinition;
  /**
   * Asked between chunks of events whether to stop now (a wall-clock budget kept by the caller: the model itself
   * never reads a clock). A run stopped this way says so in its summary.
   */
  shouldStop?: () => boolean;
  /** Sees the topology and the simulator once built, before the run: for tests that watch the protocol inside. */
  onTopology?: (topology: Topology, sim: Simulator) => void;
  /** `run --trace`: every arrival, final outcome and node state change of this replication (model/trace-sink.ts). */
  trace?: TraceSink;
}

/** Events run between progress reports and bound checks: large enough to cost nothing. */
const chunkEvents = 1 << 20;

/** The default number of time-series intervals in the measured window. */
const defaultIntervals = 100;

/** Runs replication `index` of a scenario on its own streams. */
export function runReplication(
  spec: ScenarioSpec,
  streams: RandomStreams,
  index: number,
  options: ReplicationOptions = {},
): ReplicationOutcome {
  prepareCompiler(estimateEvents(spec).eventsPerReplication);
  const sim = new Simulator();
  const requests = new RequestTable();
  const run = spec.run;
  const measurement = new Measurement(spec.workload.length, intervalWidth(spec));
  const reliability = spec.reliability ?? null;
  const tracker = reliability ? new AvailabilityTracker(spec.nodes.length, reliability.slo.minHealthy) : null;
  const makePolicy = (view: Parameters<typeof createPolicy>[1], rebuild = 0, family = 'policy') =>
    createPolicy(spec.balancer.policy, view, streams.stream(rebuild === 0 ? family : `${family}/rebuild-${rebuild}`), options.policy);
  const readsWork = policyReadsOutstandingWork(spec.balancer.policy, options.policy);
  const runtime = new ClusterRuntime(sim, requests, measurement, spec, streams, tracker, makePolicy, readsWork);
  const cluster: Topology = topologyOf(spec).create(runtime, spec.topology);
  const outcomes = runtime.outcomes;
  if (reliability) installFailures(spec, reliability, sim, cluster, streams, runtime);
  // The features' report sections (experiment/feature-sections.ts): each adds its data over the window by section id.
  const featureData: ((from: number, to: number) => Record<string, unknown>)[] = [];
  if (spec.scaling) featureData.push(installScaling(spec.scaling, sim, cluster, streams, runtime));
  const featureSectionData = (from: number, to: number): Record<string, unknown> =>
    Object.assign({}, ...featureData.map((data) => data(from, to)));
  options.onTopology?.(cluster, sim);
  const trace = options.trace;
  if (trace !== undefined) {
    outcomes.trace = trace;
    runtime.nodeSet.subscribe({ onStateChange: (node, from, to) => trace.event(sim.now, 'node', node, -1, `${from} -> ${to}`) });
  }
  const series = measurement.series;
  const nodeSet = runtime.nodeSet;
  // Cores of the nodes that exist, and their time integral (core-seconds), for utilisation over a changing set.
  let cores = spec.nodes.reduce((sum, node) => sum + node.cores, 0);
  let coreArea = 0;
  let coresSince = 0;
  let membershipChanged = false;
  const coreAreaNow = () => {
    coreArea += cores * (sim.now - coresSince);
    coresSince = sim.now;
    return coreArea;
  };
  // Without a failure tracker, nodes up is the count of nodes in state up, integrated over time (it changes only
  // when nodes are added, become up, drain or leave: auto-scaling or a timeline without failure models).
  let upCount = spec.nodes.length;
  let upArea = 0;
  let upSince = 0;
  const upAreaNow = () => {
    upArea += upCount * (sim.now - upSince);
    upSince = sim.now;
    return upArea;
  };
  let upAreaAtStart = 0;
  nodeSet.subscribe({
    onStateChange: (_node, from, to) => {
      if (from !== 'up' && to !== 'up') return;
      upAreaNow();
      upCount += to === 'up' ? 1 : -1;
    },
  });
  nodeSet.subscribe({
    onAdded: (node) => {
      coreAreaNow();
      cores += nodeSet.specs.fields(node).cores;
      membershipChanged = true;
    },
    onRemoved: (node) => {
      coreAreaNow();
      cores -= nodeSet.specs.fields(node).cores;
      membershipChanged = true;
    },
  });

  type Phase = 'warmup' | 'measuring' | 'draining';
  let phase: Phase = 'warmup';
  let warmupEnd = Infinity;
  let windowEnd = Infinity;
  const stopRequests = run.requests;
  // The window opens before any arrival due at the same instant (same-time events run in the order scheduled): a
  // trace's first row is at 0, and with warmup 0 it belongs to the window.
  const beginWindowKind = sim.register(() => beginWindow());
  if (run.warmupRequests === undefined) sim.at(run.warmup, beginWindowKind, 0);
  const source = new WorkloadSource(
    sim,
    requests,
    spec.workload,
    streams,
    (request) => {
      if (requests.isMeasured(request)) {
        measurement.arrived++;
        if (measurement.arrived === stopRequests) source.measuring = false;
      }
      cluster.arrive(request);
      if (phase === 'measuring' && !source.measuring) endWindow();
    },
    options.onArrival,
  );
  if (spec.workload.some((c) => !isOpenArrivalProcess(c.arrivals))) {
    outcomes.onFinished = (classIndex, client) => source.finished(classIndex, client);
  }

  // Time-weighted figures per interval: differences of running integrals between interval ends.
  let lastInSystemArea = 0;
  let lastBusyArea = 0;
  let lastHealthyArea = 0;
  let lastSampleTime = 0;
  let lastCoreArea = 0;
  const busyAreaNow = () => {
    let sum = 0;
    for (const station of cluster.stations) {
      station.flush();
      sum += station.busyArea;
    }
    return sum;
  };
  const closeInterval = () => {
    const now = sim.now;
    const width = now - lastSampleTime;
    if (width <= 0) return;
    const inSystemArea = outcomes.flushInSystemArea();
    const busyArea = busyAreaNow();
    // A fixed set keeps the fixed-set product (the golden figures depend on its exact rounding).
    const healthyArea = tracker
      ? tracker.healthyNodeArea(now)
      : nodeSet.changed
        ? upAreaNow() - upAreaAtStart
        : spec.nodes.length * (now - series.start);
    // Core-seconds of the interval: cores x width while the set stood still (the fixed-set arithmetic).
    const area = coreAreaNow();
    const coreSeconds = membershipChanged ? area - lastCoreArea : cores * width;
    membershipChanged = false;
    lastCoreArea = area;
    measurement.closeInterval(
      (inSystemArea - lastInSystemArea) / width,
      (busyArea - lastBusyArea) / coreSeconds,
      (healthyArea - lastHealthyArea) / width,
    );
    lastHealthyArea = healthyArea;
    lastInSystemArea = inSystemArea;
    lastBusyArea = busyArea;
    lastSampleTime = now;
  };
  const intervalKind = sim.register(() => {
    if (phase !== 'measuring') return;
    closeInterval();
    sim.at(series.start + (series.length + 1) * series.width, intervalKind, 0);
  });

  const beginWindow = () => {
    const now = sim.now;
    phase = 'measuring';
    warmupEnd = now;
    source.measuring = true;
    for (const station of cluster.stations) station.resetStatistics(now);
    outcomes.flushInSystemArea();
    outcomes.inSystemArea = 0;
    cluster.bytesMoved.fill(0);
    measurement.openSeries(now);
    tracker?.beginWindow(now);
    runtime.window.begin(now, series.width);
    lastHealthyArea = tracker ? tracker.healthyNodeArea(now) : 0;
    upAreaAtStart = upAreaNow();
    lastSampleTime = now;
    lastCoreArea = coreAreaNow();
    membershipChanged = false;
    sim.at(now + series.width, intervalKind, 0);
    if (run.duration !== undefined) sim.at(now + run.duration, endWindowKind, 0);
  };

  // What the window saw, taken when it closes; the drain after it only finishes measured requests.
  let nodes: NodeOutcomes | null = null;
  let reliabilityOutcome: ReliabilityOutcome | null = null;
  const endWindow = () => {
    if (phase !== 'measuring') return;
    const now = sim.now;
    phase = 'draining';
    windowEnd = now;
    source.measuring = false;
    closeInterval();
    runtime.window.end(now);
    const taken = emptyNodeOutcomes(cluster.stations.length);
    cluster.stations.forEach((station, i) => {
      taken.existed[i] = nodeSet.existedWithin(i, warmupEnd, now);
      taken.completed[i] = station.completed;
      taken.busyArea[i] = station.busyArea;
      taken.waitingArea[i] = station.waitingArea;
      taken.storageUsed[i] = cluster.storageUsed[i];
      taken.bytesMoved[i] = cluster.bytesMoved[i];
    });
    nodes = taken;
    const detector = runtime.detector;
    if (tracker && detector && reliability) {
      tracker.endWindow(now);
      const nodeIncidents = tracker.incidents.map((i) => ({ ...i, start: i.start - warmupEnd, end: i.end - warmupEnd }));
      // Down also where too few requests succeeded (or completed), though enough nodes were up: a collapse.
      const windowLength = now - warmupEnd;
      const degraded = degradedIncidents(series, windowLength, reliability.slo, nodeIncidents);
      const degradedTime = degraded.reduce((sum, i) => sum + (i.end - i.start), 0);
      reliabilityOutcome = {
        timeAvailability: windowLength > 0 ? tracker.timeAvailability(now) - degradedTime / windowLength : 1,
        incidents: [...nodeIncidents, ...degraded].sort((a, b) => a.start - b.start),
        detectionLatency: detector.detectionLatency.toData(),
        falseSuspicions: detector.falseSuspicions,
        nodeUptime: cluster.stations.map((_, i) => tracker.nodeUptime(i)),
        crashes: Array.from(tracker.crashes),
        repairs: Array.from(tracker.repairs),
      };
    }
    outcomes.onMeasuredFinished = drained;
    if (outstanding() === 0) sim.stop();
    // An overloaded system may never drain: give it as long again as the window, then stop and say so.
    else sim.at(now + Math.max(now - warmupEnd, 1), drainLimitKind, 0);
  };
  const endWindowKind = sim.register(endWindow);
  let drainLimitHit = false;
  const drainLimitKind = sim.register(() => {
    drainLimitHit = true;
    sim.stop();
  });
  const outstanding = () => measurement.arrived - measurement.completed - measurement.failed;
  const drained = () => {
    if (outstanding() === 0) sim.stop();
  };

  let delivered = 0;
  const warmupRequests = run.warmupRequests;
  if (warmupRequests !== undefined) {
    outcomes.onReplyDelivered = () => {
      if (++delivered === warmupRequests) {
        outcomes.onReplyDelivered = null;
        beginWindow();
      }
    };
  }

  const maxEvents = run.maxEvents ?? Infinity;
  let stopReason: StopReason = 'empty';
  let interrupted = false;
  for (;;) {
    const budget = Math.min(chunkEvents, maxEvents - sim.events);
    if (budget <= 0) {
      stopReason = 'max-events';
      break;
    }
    stopReason = sim.run({ maxEvents: budget });
    if (stopReason !== 'max-events') break;
    options.onProgress?.(progressOf(spec, sim.now, warmupEnd, measurement.arrived));
    if (options.shouldStop?.()) {
      interrupted = true;
      break;
    }
  }
  // Stopped early (max events, or the event queue ran dry): close the window where the run stands.
  if ((phase as Phase) === 'measuring') endWindow();
  source.close();
  measurement.finish();

  const start = warmupEnd === Infinity ? sim.now : warmupEnd;
  const end = windowEnd === Infinity ? sim.now : windowEnd;
  return {
    index,
    reliability: reliabilityOutcome,
    events: sim.events,
    stopReason: interrupted
      ? 'interrupted'
      : drainLimitHit
        ? 'drain-limit'
        : stopReason === 'stopped'
          ? 'stop-condition'
          : stopReason,
    warmupEnd: start,
    measuredTime: end - start,
    measurement,
    inFlight: requests.countMeasuredAlive(),
    nodes: nodes ?? unmeasuredNodes(cluster.stations, cluster.storageUsed),
    sections: { ...(cluster.sectionData?.(start, end) ?? {}), ...featureSectionData(start, end) },
    ...(nodeSet.changed ? { nodeSpecs: [...nodeSet.specs] } : {}),
  };
}

/** A run whose window never opened: what the nodes completed and store, no time-based figure. */
function unmeasuredNodes(stations: readonly { completed: number }[], storageUsed: ArrayLike<number>): NodeOutcomes {
  const nodes = emptyNodeOutcomes(stations.length);
  stations.forEach((station, i) => {
    nodes.completed[i] = station.completed;
    nodes.storageUsed[i] = storageUsed[i];
  });
  return nodes;
}

function intervalWidth(spec: ScenarioSpec): number {
  if (spec.run.interval !== undefined) return spec.run.interval;
  if (spec.run.duration !== undefined) return spec.run.duration / defaultIntervals;
  const rate = spec.workload.reduce((sum, c) => sum + classArrivalRate(c), 0);
  return (spec.run.requests ?? 1) / rate / defaultIntervals;
}

function progressOf(spec: ScenarioSpec, now: number, warmupEnd: number, measuredArrivals: number): number {
  const run = spec.run;
  if (run.duration !== undefined) return Math.min(1, now / (run.warmup + run.duration));
  if (run.requests !== undefined && warmupEnd !== Infinity) return Math.min(1, measuredArrivals / run.requests);
  return 0;
}
