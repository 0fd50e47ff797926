/**
 * Scenario specs built by hand for the tests, with every parameter explicit: the resolved `ScenarioSpec` the
 * scenario loader would produce, without going through a file.
 */
import type {
  ArrivalSpec,
  FailureSpec,
  ReliabilitySpec,
  Discipline,
  DistSpec,
  NodeSpec,
  Operation,
  RunSpec,
  ScenarioSpec,
  SingleLeaderTopologySpec,
  WorkloadClassSpec,
} from '../../src/index.js';
import { NodeTable } from '../../src/model/node-table.js';

/** Zero: no bytes, no latency. */
export const none: DistSpec = { dist: 'constant', value: 0 };
export const exponential = (mean: number): DistSpec => ({ dist: 'exponential', mean });
export const constant = (value: number): DistSpec => ({ dist: 'constant', value });

/**
 * The run length of the reference cases' "rep": start empty, discard the first `warmupRequests` completions, then
 * measure `requests` completions; `replications` independent replications. The reference tolerances assume
 * runLength(10, 1e6) (warm-up 1e5).
 */
export function runLength(replications: number, requests: number, warmupRequests = requests / 10): RunSpec {
  return { requests, warmupRequests, warmup: 0, replications };
}

export interface NodeOptions {
  cores?: number;
  speed?: number;
  storage?: number;
  bandwidth?: number;
  queue?: number;
  discipline?: Discipline;
  zone?: string;
}

/** `count` identical nodes named `<group>-<i>`. Defaults: 1 core, speed 1, unbounded storage/bandwidth/queue, FIFO. */
export function nodes(count: number, options: NodeOptions = {}, group = 'node'): NodeSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `${group}-${i}`,
    group,
    cores: options.cores ?? 1,
    speed: options.speed ?? 1,
    storage: options.storage ?? Infinity,
    bandwidth: options.bandwidth ?? Infinity,
    zone: options.zone ?? 'z1',
    queue: options.queue ?? Infinity,
    discipline: options.discipline ?? 'fifo',
  }));
}

export interface ClassOptions {
  name?: string;
  /** Poisson at this rate, unless `arrivals` is given. */
  rate?: number;
  arrivals?: ArrivalSpec;
  work: DistSpec;
  size?: DistSpec;
  op?: Operation;
}

export function workloadClass(options: ClassOptions): WorkloadClassSpec {
  const arrivals = options.arrivals ?? { process: 'poisson', rate: options.rate ?? NaN };
  const rated = arrivals.process === 'poisson' || arrivals.process === 'deterministic';
  if (rated && !(arrivals.rate > 0)) throw new Error('workloadClass: a positive rate is needed');
  return {
    name: options.name ?? 'requests',
    arrivals,
    work: options.work,
    size: options.size ?? none,
    op: options.op ?? 'compute',
  };
}

interface CommonOptions {
  seed: string;
  run: RunSpec;
  name?: string;
  /** One-way latency between dispatcher and node. */
  latency?: DistSpec;
  /** Several classes; otherwise one class from rate / work / size / op. */
  classes?: ClassOptions[];
  rate?: number;
  work?: DistSpec;
  size?: DistSpec;
  op?: Operation;
}

function classesOf(options: CommonOptions): WorkloadClassSpec[] {
  if (options.classes) return options.classes.map(workloadClass);
  if (options.work === undefined) throw new Error('scenario helper: work (or classes) is required');
  return [workloadClass({ rate: options.rate, work: options.work, size: options.size, op: options.op })];
}

export interface SingleNodeOptions extends CommonOptions, NodeOptions {}

/** One node behind the dispatcher (the policy is irrelevant with one node: round-robin). */
export function singleNode(options: SingleNodeOptions): ScenarioSpec {
  return {
    name: options.name ?? 'single-node',
    description: 'built by test/helpers/scenarios.ts',
    seed: options.seed,
    run: options.run,
    nodes: NodeTable.of(nodes(1, options)),
    network: { latency: options.latency ?? none },
    balancer: { policy: { name: 'round-robin', params: {} } },
    workload: classesOf(options),
  };
}

export interface ClusterOptions extends CommonOptions, NodeOptions {
  nodes: number;
  policy: string;
  params?: Record<string, unknown>;
}

/** `nodes` identical nodes behind one dispatcher with the given policy. */
export function cluster(options: ClusterOptions): ScenarioSpec {
  return {
    name: options.name ?? `cluster-${options.nodes}-${options.policy}`,
    description: 'built by test/helpers/scenarios.ts',
    seed: options.seed,
    run: options.run,
    nodes: NodeTable.of(nodes(options.nodes, options)),
    network: { latency: options.latency ?? none },
    balancer: { policy: { name: options.policy, params: options.params ?? {} } },
    workload: classesOf(options),
  };
}

/**
 * The reliability section the failure tests share: the given failures, independent repair, heartbeats every
 * 100 ms with a 300 ms timeout, clients without a timeout, the service up while one node is healthy.
 */
export function failuresOnly(failures: FailureSpec[]): ReliabilitySpec {
  return {
    failures,
    repairCrews: Infinity,
    detection: { heartbeat: 0.1, timeout: 0.3 },
    clients: { timeout: Infinity, retries: 0, backoff: { base: 0.05, factor: 2, jitter: 'full' } },
    slo: { minHealthy: 1, successRatio: 0 }, // successRatio 0: the node rule alone (issue 16.4)
  };
}

/**
 * A single-leader topology with the example settings (a replicated store, quorum replication, reads at the
 * leader, heartbeat 50 ms, election timeouts uniform on [150 ms, 300 ms]) and what a test changes.
 */
export function singleLeader(changes: Partial<SingleLeaderTopologySpec> = {}): SingleLeaderTopologySpec {
  return {
    kind: 'single-leader',
    mode: 'replicated',
    replication: 'quorum',
    reads: 'leader',
    heartbeat: 0.05,
    electionTimeout: [0.15, 0.3],
    ...changes,
  };
}
