import type { LatencySketch } from '../../../metrics/latency-sketch.js';
import type { AntiEntropyData } from '../anti-entropy.js';
import type { ClientRegionData } from '../client-region-figures.js';
import type { ConsistencyData } from '../consistency-tally.js';
import type { RebalanceRecord } from '../rebalance.js';
import type { RegionOutageData } from '../region-outages.js';

/** The id of the leaderless section: the key of its data in a replication's outcome and of summary.json. */
export const LEADERLESS_SECTION = 'leaderless';

/** One replication's latency of one operation (seconds). */
export interface LatencyFigures {
  count: number;
  mean: number;
  p50: number;
  p99: number;
  p999: number;
}

/** A sketch's figures, or null when it holds no sample (the figure is then absent, never 0). */
export function latencyFigures(sketch: LatencySketch): LatencyFigures | null {
  if (sketch.count === 0) return null;
  return { count: sketch.count, mean: sketch.mean, p50: sketch.quantile(0.5), p99: sketch.quantile(0.99), p999: sketch.quantile(0.999) };
}

/** Measured reads and writes: their latencies (null: none answered), how many were answered and how many failed for good. */
export interface ReadWriteFigures {
  reads: LatencyFigures | null;
  writes: LatencyFigures | null;
  readsDone: number;
  readsFailed: number;
  writesDone: number;
  writesFailed: number;
}

/** What a leaderless cluster hands out per replication, over the measured window: plain data. */
export interface LeaderlessData extends ReadWriteFigures {
  consistency: ConsistencyData;
  /**
   * With failures: the popularity-weighted fraction of the window in which a read's (write's) quorum of a key's
   * replicas was healthy; null without a read (write) class.
   */
  quorumTime?: { read: number | null; write: number | null };
  /**
   * With failures and a LOCAL level: per replica region, the fraction of the window in which that region's LOCAL
   * quorum of a key was healthy (popularity-weighted); null for an operation without a LOCAL level or a class.
   */
  quorumTimeByRegion?: { region: string; read: number | null; write: number | null }[];
  /** With classes in regions: their measured requests by client region. */
  clientRegions?: ClientRegionData[];
  /** With clients in regions: each loss of a whole region in the window (region-outages.ts; none: []). */
  regionOutages?: RegionOutageData[];
  /** With a region lost: the first lost region's; node-hours over the window of the nodes outside it (what the second region costs). */
  secondRegionNodeHours?: number;
  /** Read-repair writes sent in the window (0 with readRepair none). */
  readRepairs: number;
  /** With readFanout quorum: reads that asked one more replica (speculative retry) in the window. */
  speculativeRetries?: number;
  /** With a sloppy quorum: hints stored, handed over and expired in the window. */
  hints?: { stored: number; replayed: number; expired: number };
  /**
   * With a sloppy quorum: acknowledged writes whose last copies were hints that expired (no replica of the key holds
   * the version or a newer one). Without, no mechanism here loses an acknowledged write: absent.
   */
  acknowledgedLost?: number;
  /** Per node: its share of the hash circle. */
  ringShare: number[];
  /** Per node: replica tasks (its part of reads and writes) it received in the window. */
  replicaTasks: number[];
  /** With anti-entropy: its rounds, copies and bytes in the window. */
  antiEntropy?: AntiEntropyData;
  /** With a membership change: each rebalance (rebalance.ts), every node's name by id, and its storage at the end. */
  rebalances?: RebalanceRecord[];
  nodeNames?: string[];
  storage?: number[];
  /** coordinator: elected: per node, the attempts it was elected to coordinate in the window. */
  coordinated?: number[];
}
