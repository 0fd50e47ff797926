import { distMean } from '../engine/distributions/index.js';
import { classArrivalRate, isOpenArrivalProcess, lastArrivalTime } from '../model/arrivals.js';
import type { FailureModelDefinition } from '../failures/failure-model.js';
import { failureModels } from '../failures/registry.js';
import { selectNodes } from '../failures/selector.js';
import { clientLatencyOfZone } from '../model/zones.js';
import { warnUnusedPaths } from './warnings-network.js';
import { policies as builtInPolicies } from '../policies/registry.js';
import { topologyOf } from '../topology/registry.js';
import type { FailureSpec, ScenarioSpec } from '../model/spec.js';
import type { Findings } from './issues.js';
import type { FieldPath } from './paths.js';
import { bytes, percent, round, seconds, sum } from './wording.js';

export { seconds };

/**
 * Things that are allowed but probably not meant: a workload the cluster cannot keep up with, a warm-up longer than
 * the measurement. A capacity planner may well run an overloaded scenario on purpose (to see how bad it gets), so
 * these are warnings, never errors.
 */
export function scenarioWarnings(spec: ScenarioSpec, findings: Findings): void {
  warnCpuOverload(spec, findings);
  topologyOf(spec).warnings?.(spec, spec.topology, findings);
  warnBandwidthOverload(spec, findings);
  warnStorageFills(spec, findings);
  warnRunLengths(spec, findings);
  warnArrivalsEndEarly(spec, findings);
  warnDetectionSlack(spec, findings);
  warnUnusedPaths(spec, findings, topologyOf(spec).regionsBeyondNodes?.(spec.topology) ?? []);
  warnFailureTimes(spec, findings);
  warnRareFailures(spec, findings);
  warnAffinityWithoutIds(spec, findings);
  warnInfoUnread(spec, findings);
}

/** How the CPU overload warning begins: `compare` drops it where a load sweep sets the load anyway. */
export const CPU_OVERLOAD_RULE_START = 'offered load is ';

function warnCpuOverload(spec: ScenarioSpec, findings: Findings): void {
  // A closed loop cannot overload: its clients wait for their replies (at most `population` requests out at once).
  const open = spec.workload.filter((c) => isOpenArrivalProcess(c.arrivals));
  const offered = sum(open.map((c) => classArrivalRate(c) * distMean(c.work)));
  const capacity = spec.nodes.sumOf((n) => n.cores * n.speed);
  // An auto-scaled group can grow: judge it at its largest (its first node's cores and speed times max).
  const scaledGroups = new Set((spec.scaling ?? []).map((s) => s.group));
  const fixed = spec.nodes.sumOf((n) => (scaledGroups.has(n.group) ? 0 : n.cores * n.speed));
  const largest = (spec.scaling ?? []).reduce((total, s) => {
    const node = spec.nodes.find((n) => n.group === s.group);
    return node === undefined ? total : total + node.cores * node.speed * Math.max(s.max, spec.nodes.sumOf((n) => (n.group === s.group ? 1 : 0)));
  }, fixed);
  if (!Number.isFinite(offered) || offered < Math.max(capacity, largest)) return;
  findings.warning({
    path: ['workload'],
    rule:
      `${CPU_OVERLOAD_RULE_START}${percent(offered / capacity)} of capacity (${round(offered)} work-seconds/s arrive, ` +
      `the nodes serve ${round(capacity)}: cores x speed summed): queues grow for as long as the run lasts, ` +
      'so the figures depend on the run length',
    valid: 'below 100 %: more nodes, cores or speed, or lower rates or work',
  });
}

function warnBandwidthOverload(spec: ScenarioSpec, findings: Findings): void {
  const open = spec.workload.filter((c) => isOpenArrivalProcess(c.arrivals));
  const offered = sum(open.map((c) => classArrivalRate(c) * distMean(c.size)));
  const capacity = spec.nodes.sumOf((n) => n.bandwidth);
  if (!Number.isFinite(offered) || !Number.isFinite(capacity) || offered === 0 || offered < capacity) return;
  findings.warning({
    path: ['workload'],
    rule:
      `offered traffic is ${percent(offered / capacity)} of the NICs' bandwidth (${bytes(offered)}/s arrive, the ` +
      `nodes move ${bytes(capacity)}/s): transfers queue for as long as the run lasts`,
    valid: 'below 100 %: more nodes or bandwidth, or smaller sizes',
  });
}

function warnStorageFills(spec: ScenarioSpec, findings: Findings): void {
  const writes = spec.workload.filter((c) => c.op === 'write');
  const written = sum(writes.map((c) => classArrivalRate(c) * distMean(c.size)));
  const storage = spec.nodes.sumOf((n) => n.storage);
  const horizon = spec.run.duration === undefined ? undefined : spec.run.warmup + spec.run.duration;
  if (horizon === undefined || !Number.isFinite(written) || written === 0 || !Number.isFinite(storage)) return;
  if (written * horizon <= storage) return;
  findings.warning({
    path: ['workload'],
    rule:
      `writes of about ${bytes(written)}/s fill the cluster's ${bytes(storage)} of storage after about ` +
      `${seconds(storage / written)} of the ${seconds(horizon)} run; later writes fail with storage-full`,
    valid: 'more storage or fewer or smaller writes, unless storage-full failures are what you want to see',
  });
}

function warnRunLengths(spec: ScenarioSpec, findings: Findings): void {
  const { duration, warmup, interval } = spec.run;
  if (duration === undefined) return;
  if (warmup > duration) {
    findings.warning({
      path: ['warmup'],
      rule:
        `the warm-up (${seconds(warmup)}) is longer than the measured duration (${seconds(duration)}): ` +
        'most simulated time is thrown away',
      valid: 'a warm-up shorter than duration',
    });
  }
  if (interval !== undefined && interval > duration) {
    findings.warning({
      path: ['interval'],
      rule:
        `the time-series interval (${seconds(interval)}) is longer than the measured duration ` +
        `(${seconds(duration)}): the time series has one point`,
      valid: 'an interval well below duration (default duration / 100)',
    });
  }
}

/**
 * A trace whose last row comes before the window ends leaves the rest of the window without its arrivals: the
 * figures average over a quiet tail the trace never had. Judged on windows given as a duration.
 */
function warnArrivalsEndEarly(spec: ScenarioSpec, findings: Findings): void {
  const { duration, warmup } = spec.run;
  if (duration === undefined || spec.run.warmupRequests !== undefined) return;
  const end = warmup + duration;
  spec.workload.forEach((c, index) => {
    const last = lastArrivalTime(c.arrivals);
    // Rows end within the last 1 % of the window, or an interval's width: no tail worth a word.
    if (!(last < end - Math.max(end / 100, spec.run.interval ?? 0))) return;
    findings.warning({
      path: ['workload', index, 'arrivals', 'file'],
      rule:
        `class '${c.name}' has its last arrival at ${seconds(last)}, before the run ends at ${seconds(end)} ` +
        '(warm-up + duration): the rest of the window has none of its requests',
      valid: 'a duration that ends with the trace (its last row / speedup), or a longer trace',
    });
  });
}

/**
 * Heartbeats arrive `heartbeat` apart plus the difference of two network latencies (the clients' latency to the
 * node's zone: the dispatcher sits with the clients); with a timeout that leaves less slack than a mean latency, a
 * delayed heartbeat makes a running node look dead. A constant latency delays every heartbeat alike and cannot.
 * Checked against the zone with the largest mean among those with a varying latency.
 */
function warnDetectionSlack(spec: ScenarioSpec, findings: Findings): void {
  const reliability = spec.reliability;
  if (reliability === undefined || reliability.failures.length === 0) return;
  const { heartbeat, timeout } = reliability.detection;
  const zones = spec.nodes.distinct((node) => node.zone);
  const varying = zones.map((zone) => clientLatencyOfZone(spec.network, zone)).filter((latency) => latency.dist !== 'constant');
  if (varying.length === 0) return;
  const meanLatency = Math.max(...varying.map(distMean));
  if (!(timeout < heartbeat + meanLatency)) return;
  findings.warning({
    path: ['detection', 'timeout'],
    rule:
      `the detection timeout (${seconds(timeout)}) is shorter than the heartbeat interval plus the mean network ` +
      `latency (${seconds(heartbeat)} + ${seconds(meanLatency)}): a heartbeat delayed on the way arrives after the ` +
      'timeout, so false suspicions are expected',
    valid: `a timeout of at least ${seconds(heartbeat + meanLatency)}, typically 3 to 5 heartbeats`,
  });
}

/** A failure at a fixed time that falls in the warm-up is not measured; one after the end never happens. */
function warnFailureTimes(spec: ScenarioSpec, findings: Findings): void {
  const reliability = spec.reliability;
  const { duration, warmup } = spec.run;
  if (reliability === undefined) return;
  const end = duration === undefined ? Infinity : warmup + duration;
  const check = (time: number, path: FieldPath): void => {
    if (time >= end) {
      findings.warning({
        path,
        rule: `is at or after the end of the run (${seconds(end)}, warm-up included): this failure never happens`,
        valid: `a time before ${seconds(end)}`,
      });
    } else if (time < warmup) {
      findings.warning({
        path,
        rule: `falls in the warm-up (${seconds(warmup)}), which is not measured: the report will not show this failure`,
        valid: `a time after the warm-up, from ${seconds(warmup)} (times count from the start of the run)`,
      });
    }
  };
  reliability.failures.forEach((failure, index) => {
    if (failure.kind === 'timeline') {
      failure.steps.forEach((step, i) => check(step.at, ['failures', index, 'steps', i, 'at']));
    } else if (failure.kind !== 'crash') {
      (failure.at ?? []).forEach((time, i) => check(time, ['failures', index, 'at', i]));
    }
  });
}

/**
 * A failure model that hardly fires in the measured windows gives figures resting on almost no events (issue 16.6):
 * every model that can say how many events it expects (its definition's `expectedEvents`) is checked.
 */
function warnRareFailures(spec: ScenarioSpec, findings: Findings): void {
  const reliability = spec.reliability;
  const { duration, replications, warmup } = spec.run;
  if (reliability === undefined || duration === undefined) return;
  reliability.failures.forEach((failure: FailureSpec, index) => {
    const model = failureModels.get(failure.kind) as FailureModelDefinition | undefined;
    if (model?.expectedEvents === undefined) return;
    const selector = 'nodes' in failure ? failure.nodes : '*';
    const nodes = selectNodes(spec.nodes, selector, spec.network)?.length ?? 0;
    const expected = model.expectedEvents(failure, nodes, { start: warmup, end: warmup + duration });
    const total = expected.count * replications;
    // Fixed times alone: warnFailureTimes already says when they miss the window.
    if (expected.cycle === undefined || !Number.isFinite(total) || total >= 1) return;
    const basis = [
      expected.nodes === undefined ? undefined : `${expected.nodes} ${expected.nodes === 1 ? 'node' : 'nodes'}`,
      `${replications} x ${seconds(duration)} measured`,
      expected.cycle === undefined ? undefined : `${/^[aeiou]/.test(expected.cycle.name) ? 'an' : 'a'} ${expected.cycle.name} of ${seconds(expected.cycle.seconds)} on average`,
    ].filter((part) => part !== undefined);
    findings.warning({
      path: ['failures', index, expected.key],
      rule:
        `about ${round(total)} ${expected.events} are expected in the whole run (${basis.join(', ')}): ` +
        `most replications see no ${expected.event}, so ${expected.figures} rest on almost nothing`,
      valid: `a longer duration, more replications, or a shorter ${expected.key}`,
    });
  });
}

/** Policies that route by what a request carries, and the workload key that gives it. */
const AFFINITY: Readonly<Record<string, { key: 'keys' | 'clients'; what: string }>> = {
  'consistent-hash': { key: 'keys', what: 'request key' },
  'client-hash': { key: 'clients', what: 'client id' },
};

/** A key-affine policy over classes whose requests carry no key (or no client id) spreads them at random. */
function warnAffinityWithoutIds(spec: ScenarioSpec, findings: Findings): void {
  if (!topologyOf(spec).balancerUse(spec.topology).policy) return; // no dispatch policy routes requests
  if (spec.balancer.policy.module !== undefined) return; // a plug-in's name says nothing about what it reads
  const policy = spec.balancer.policy.name;
  const affinity = AFFINITY[policy];
  if (affinity === undefined) return;
  const without = spec.workload.filter((c) => c[affinity.key] === undefined).map((c) => `'${c.name}'`);
  if (without.length === 0) return;
  const classes = without.length === 1 ? `class ${without[0]} has` : `classes ${without.join(', ')} have`;
  findings.warning({
    path: ['balancer', 'policy'],
    rule:
      `${policy} routes by ${affinity.what}, but ${classes} no ${affinity.key}: ` +
      'those requests go to random nodes, with no affinity',
    valid: `${affinity.key} on each class (${affinity.key === 'keys' ? 'keys: { count: 100000 }' : 'clients: 5000'}), or another policy`,
  });
}

/**
 * The built-in policies that read the queue lengths the nodes report (`view.queueLength` or `onQueueLength`); the
 * others use the dispatcher's own counts (connections, outstanding work, response times) or nothing.
 */
export const QUEUE_LENGTH_READERS: readonly string[] = ['join-shortest-queue', 'power-of-d', 'join-idle-queue'];

/**
 * `info` decides how stale the queue lengths are; a built-in policy that never reads them behaves the same under every
 * setting. A plug-in may read them or not: nothing to say about it.
 */
function warnInfoUnread(spec: ScenarioSpec, findings: Findings): void {
  const { policy, info } = spec.balancer;
  if (!topologyOf(spec).balancerUse(spec.topology).info) return; // the topology's own warning says so
  if (info === undefined || info.mode === 'exact' || policy.module !== undefined) return;
  if (!builtInPolicies.has(policy.name) || QUEUE_LENGTH_READERS.includes(policy.name)) return;
  findings.warning({
    path: ['balancer', 'info'],
    anchor: 'key',
    rule: `has no effect with policy '${policy.name}', which does not read queue lengths`,
    valid: QUEUE_LENGTH_READERS.join(', '),
  });
}
