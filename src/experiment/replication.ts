import { createSampler, type DistSpec } from '../engine/distributions/index.js';
import type { RandomStreams } from '../engine/rng.js';
import { Simulator, type StopReason } from '../engine/simulator.js';
import { Measurement } from '../metrics/measurement.js';
import { createArrivalProcess, meanArrivalRate } from '../model/arrivals.js';
import { createKeySampler } from '../model/key-popularity.js';
import { RequestTable } from '../model/request-table.js';
import type { ReliabilitySpec, ScenarioSpec } from '../model/spec.js';
import type { ClusterControl } from '../model/cluster-control.js';
import { AvailabilityTracker, type Incident } from '../metrics/availability.js';
import { installFailure } from '../failures/registry.js';
import { RepairShop } from '../failures/repair-shop.js';
import { selectNodes } from '../failures/selector.js';
import { createPolicy } from '../policies/create.js';
import { DirectCluster } from '../topology/direct.js';

export interface NodeOutcome {
  completed: number;
  busyArea: number;
  waitingArea: number;
  storageUsed: number;
  bytesMoved: number;
}

/** Failures, detection and availability over one replication's measurement window. */
export interface ReliabilityOutcome {
  timeAvailability: number;
  /** Times relative to the end of the warm-up. */
  incidents: Incident[];
  detectionLatencies: number[];
  falseSuspicions: number;
  /** Per node: seconds up, crashes and repairs within the window. */
  nodeUptime: number[];
  crashes: number[];
  repairs: number[];
}

/** The raw outcome of one replication: counts, sketches and time integrals over its measurement window. */
export interface ReplicationOutcome {
  index: number;
  reliability: ReliabilityOutcome | null;
  events: number;
  stopReason: StopReason | 'stop-condition';
  warmupEnd: number;
  measuredTime: number;
  measurement: Measurement;
  /** Measured requests still in flight when the run stopped, counted in the request table. */
  inFlight: number;
  nodes: NodeOutcome[];
}

export interface ReplicationOptions {
  /** Progress of this replication, 0 .. 1, reported between chunks of events. */
  onProgress?: (fraction: number) => void;
  /** Sees every arrival with what was drawn for it: for traces and for checking common random numbers. */
  onArrival?: (classIndex: number, time: number, work: number, bytes: number) => void;
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
  const sim = new Simulator();
  const requests = new RequestTable();
  const run = spec.run;
  const measurement = new Measurement(spec.workload.length, intervalWidth(spec));
  const reliability = spec.reliability ?? null;
  const tracker = reliability ? new AvailabilityTracker(spec.nodes.length, reliability.slo.minHealthy) : null;
  const cluster = new DirectCluster(
    sim,
    requests,
    measurement,
    spec.nodes,
    spec,
    streams,
    (view) => createPolicy(spec.balancer.policy, view, streams.stream('policy')),
    tracker,
  );
  if (reliability) installFailures(spec, reliability, sim, cluster, streams);
  const totalCores = spec.nodes.reduce((sum, node) => sum + node.cores, 0);

  const classes = spec.workload;
  const nextArrival = classes.map((c) =>
    createArrivalProcess(c.arrivals, streams.stream(`arrivals/${c.name}`), streams.stream(`arrivals/${c.name}/phase`)),
  );
  const drawWork = classes.map((c) => createSampler(c.work, streams.stream(`work/${c.name}`)));
  const drawSize = classes.map((c) => (isZero(c.size) ? null : createSampler(c.size, streams.stream(`size/${c.name}`))));
  const drawKey = classes.map((c) => (c.keys ? createKeySampler(c.keys, streams.stream(`keys/${c.name}`)) : null));
  const drawClient = classes.map((c) => {
    if (c.clients === undefined) return null;
    const clients = c.clients;
    const rng = streams.stream(`clients/${c.name}`);
    return () => (rng() * clients) | 0;
  });

  const onArrival = options.onArrival;
  const arrivalKind = sim.register((classIndex) => {
    const now = sim.now;
    const next = nextArrival[classIndex](now);
    if (next !== Infinity) sim.at(next, arrivalKind, classIndex);
    const request = requests.allocate();
    requests.classIndex[request] = classIndex;
    requests.arrival[request] = now;
    requests.work[request] = drawWork[classIndex]();
    const size = drawSize[classIndex];
    requests.bytes[request] = size === null ? 0 : size();
    const key = drawKey[classIndex];
    requests.key[request] = key === null ? -1 : key();
    const client = drawClient[classIndex];
    requests.client[request] = client === null ? -1 : client();
    if (now >= cluster.windowStart) {
      requests.measured[request] = 1;
      measurement.arrived++;
    } else {
      requests.measured[request] = 0;
    }
    onArrival?.(classIndex, now, requests.work[request], requests.bytes[request]);
    cluster.arrive(request);
  });

  let lastInSystemArea = 0;
  let lastBusyArea = 0;
  let lastHealthyArea = 0;
  let lastSampleTime = 0;
  let stopConditionMet = false;
  const series = measurement.series;

  const busyAreaNow = () => {
    let sum = 0;
    for (const station of cluster.stations) {
      station.flush();
      sum += station.busyArea;
    }
    return sum;
  };
  const sampleInterval = () => {
    const now = sim.now;
    const width = now - lastSampleTime;
    if (width <= 0) return;
    const inSystemArea = cluster.flushInSystemArea();
    const busyArea = busyAreaNow();
    const healthyArea = tracker ? tracker.healthyNodeArea(now) : spec.nodes.length * (now - series.start);
    measurement.closeInterval(
      (inSystemArea - lastInSystemArea) / width,
      (busyArea - lastBusyArea) / (totalCores * width),
      (healthyArea - lastHealthyArea) / width,
    );
    lastHealthyArea = healthyArea;
    lastInSystemArea = inSystemArea;
    lastBusyArea = busyArea;
    lastSampleTime = now;
  };
  const intervalKind = sim.register(() => {
    sampleInterval();
    sim.at(series.start + (series.length + 1) * series.width, intervalKind, 0);
  });
  const endKind = sim.register(() => {
    stopConditionMet = true;
    sim.stop();
  });

  const beginMeasurement = () => {
    const now = sim.now;
    cluster.windowStart = now;
    for (const station of cluster.stations) station.resetStatistics(now);
    cluster.flushInSystemArea();
    cluster.inSystemArea = 0;
    cluster.bytesMoved.fill(0);
    measurement.openSeries(now);
    tracker?.beginWindow(now);
    cluster.detector?.resetStatistics();
    lastHealthyArea = tracker ? tracker.healthyNodeArea(now) : 0;
    lastSampleTime = now;
    sim.at(now + series.width, intervalKind, 0);
    if (run.duration !== undefined) sim.at(now + run.duration, endKind, 0);
  };
  const beginKind = sim.register(beginMeasurement);

  let delivered = 0;
  const warmupRequests = run.warmupRequests;
  const stopRequests = run.requests;
  cluster.onReplyDelivered = () => {
    delivered++;
    if (warmupRequests !== undefined && delivered === warmupRequests) beginMeasurement();
    if (stopRequests !== undefined && measurement.completed >= stopRequests) {
      stopConditionMet = true;
      sim.stop();
    }
  };

  for (let c = 0; c < classes.length; c++) {
    const first = nextArrival[c](0);
    if (first !== Infinity) sim.at(first, arrivalKind, c);
  }
  if (warmupRequests === undefined) sim.at(run.warmup, beginKind, 0);

  const maxEvents = run.maxEvents ?? Infinity;
  let stopReason: StopReason = 'empty';
  for (;;) {
    const budget = Math.min(chunkEvents, maxEvents - sim.events);
    if (budget <= 0) {
      stopReason = 'max-events';
      break;
    }
    stopReason = sim.run({ maxEvents: budget });
    if (stopReason !== 'max-events') break;
    options.onProgress?.(progressOf(spec, sim.now, cluster.windowStart, measurement.completed));
  }
  if (stopConditionMet || cluster.windowStart !== Infinity) sampleInterval();
  measurement.finish();
  tracker?.endWindow(sim.now);

  const warmupEnd = cluster.windowStart === Infinity ? sim.now : cluster.windowStart;
  return {
    index,
    reliability:
      tracker && cluster.detector
        ? {
            timeAvailability: tracker.timeAvailability(sim.now),
            incidents: tracker.incidents.map((i) => ({ ...i, start: i.start - warmupEnd, end: i.end - warmupEnd })),
            detectionLatencies: cluster.detector.detectionLatencies,
            falseSuspicions: cluster.detector.falseSuspicions,
            nodeUptime: spec.nodes.map((_, i) => tracker.nodeUptime(i)),
            crashes: Array.from(tracker.crashes),
            repairs: Array.from(tracker.repairs),
          }
        : null,
    events: sim.events,
    stopReason: stopConditionMet ? 'stop-condition' : stopReason,
    warmupEnd,
    measuredTime: sim.now - warmupEnd,
    measurement,
    inFlight: requests.countMeasuredAlive(),
    nodes: cluster.stations.map((station, i) => ({
      completed: station.completed,
      busyArea: station.busyArea,
      waitingArea: station.waitingArea,
      storageUsed: cluster.storageUsed[i],
      bytesMoved: cluster.bytesMoved[i],
    })),
  };
}

/** Builds the control that failure models act through, and installs every declared failure. */
function installFailures(
  spec: ScenarioSpec,
  reliability: ReliabilitySpec,
  sim: Simulator,
  cluster: DirectCluster,
  streams: RandomStreams,
): void {
  const now = () => sim.now;
  const schedule = (time: number, action: () => void) => sim.schedule(time, action);
  const shop = new RepairShop(reliability.repairCrews, now, schedule);
  const control: ClusterControl = {
    nodes: spec.nodes,
    now,
    schedule,
    stream: (name) => streams.stream(name),
    select: (selector) => {
      const selected = selectNodes(spec.nodes, selector);
      if (selected === null) throw new Error(`failures: '${selector}' names no node`);
      return selected;
    },
    crash: (node, cause) => cluster.crash(node, cause),
    restore: (node) => cluster.restore(node),
    cut: (node, cause) => cluster.cut(node, cause),
    heal: (node) => cluster.heal(node),
    slow: (node, factor) => cluster.slow(node, factor),
    unslow: (node, factor) => cluster.unslow(node, factor),
    repair: (_node, duration, done) => shop.request(duration, done),
  };
  reliability.failures.forEach((failure, index) => installFailure(failure, control, index));
}

function isZero(spec: DistSpec): boolean {
  return spec.dist === 'constant' && spec.value === 0;
}

function intervalWidth(spec: ScenarioSpec): number {
  if (spec.run.interval !== undefined) return spec.run.interval;
  if (spec.run.duration !== undefined) return spec.run.duration / defaultIntervals;
  const rate = spec.workload.reduce((sum, c) => sum + meanArrivalRate(c.arrivals), 0);
  return (spec.run.requests ?? 1) / rate / defaultIntervals;
}

function progressOf(spec: ScenarioSpec, now: number, windowStart: number, completed: number): number {
  const run = spec.run;
  if (run.duration !== undefined) return Math.min(1, now / (run.warmup + run.duration));
  if (run.requests !== undefined && windowStart !== Infinity) return Math.min(1, completed / run.requests);
  return 0;
}
