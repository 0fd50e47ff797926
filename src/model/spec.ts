import type { DistSpec } from '../engine/distributions/spec.js';

/**
 * The resolved scenario: every unit parsed into plain numbers (seconds, bytes, bytes/s, requests/s), every group
 * expanded into nodes, every default applied. The scenario loader produces it; the model and the experiment consume
 * it; library users may build it by hand.
 */
export interface ScenarioSpec {
  name: string;
  description: string;
  /** The root seed; every random stream derives from it. */
  seed: string;
  run: RunSpec;
  nodes: NodeSpec[];
  network: NetworkSpec;
  balancer: BalancerSpec;
  workload: WorkloadClassSpec[];
}

export interface RunSpec {
  /** Measured simulated time in seconds after the warm-up; the run stops at warmup + duration. */
  duration?: number;
  /** Alternatively (or also): stop after this many requests have completed after the warm-up. */
  requests?: number;
  /** Warm-up cut before measuring, in seconds of simulated time. */
  warmup: number;
  /** Alternatively: warm-up ends when this many requests have completed. */
  warmupRequests?: number;
  replications: number;
  /** A safety bound on processed events per replication; the run says so when it stops on it. */
  maxEvents?: number;
  /** Width of one time-series interval in seconds; default: measured duration / 100. */
  interval?: number;
}

export type Discipline = 'fifo' | 'ps';

export interface NodeSpec {
  /** Unique: `<group>-<index>`. */
  name: string;
  group: string;
  /** Parallel service slots in front of one queue. */
  cores: number;
  /** Work units per second per core; work w takes w / speed seconds. */
  speed: number;
  /** Bytes; Infinity when unbounded. A write that does not fit fails with cause `storage-full`. */
  storage: number;
  /** NIC bandwidth in bytes per second; Infinity when unbounded. One transfer at a time per NIC. */
  bandwidth: number;
  zone: string;
  /** Waiting-room size (requests waiting, not in service); Infinity when unbounded; 0 makes a loss system. */
  queue: number;
  discipline: Discipline;
}

export interface NetworkSpec {
  /** One-way latency between the dispatcher and a node, each way. */
  latency: DistSpec;
}

export interface PolicySpec {
  name: string;
  params: Record<string, unknown>;
}

export interface BalancerSpec {
  policy: PolicySpec;
}

export type ArrivalSpec =
  | { process: 'poisson'; rate: number }
  | { process: 'deterministic'; rate: number }
  /**
   * Two-state Markov-modulated Poisson process: `rateOn` while on, `rateOff` while off, exponential sojourns with
   * means `meanOn` and `meanOff` (seconds). rateOff = 0 gives classic on/off bursts.
   */
  | { process: 'onoff'; rateOn: number; rateOff: number; meanOn: number; meanOff: number };

export type Operation = 'compute' | 'read' | 'write';

export interface WorkloadClassSpec {
  name: string;
  arrivals: ArrivalSpec;
  /** Seconds of service on a speed-1 core. */
  work: DistSpec;
  /** Bytes moved through the node's NIC (request body for a write, reply body otherwise). */
  size: DistSpec;
  /**
   * compute and read: CPU then the reply goes out through the NIC; write: the body comes in through the NIC, then
   * CPU, then it is stored (and fails if the node's storage is full).
   */
  op: Operation;
}
