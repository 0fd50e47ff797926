import { NO_ESTIMATE, estimate, fraction, nonNegative, type Estimate } from '../../../metrics/confidence.js';
import type { ScenarioSpec } from '../../../model/spec.js';
import { K_MAX } from '../consistency-tally.js';
import { isRegionLevel, regionLevelPart } from '../region-levels.js';
import { coordinatorLabel, type LeaderlessTopologySpec, type QuorumLevel } from '../spec.js';
import type { ReplicationView } from '../../section.js';
import { LEADERLESS_SECTION, type LatencyFigures, type LeaderlessData } from './data.js';
import { RebalanceFigures, type RebalanceSummary } from './rebalance-figures.js';
import { ActiveActiveFigures, type ActiveActiveSummary } from './active-active-figures.js';

export interface LatencySummary {
  mean: Estimate;
  p50: Estimate;
  p99: Estimate;
  p999: Estimate;
}

export interface TVisibilityBucket {
  /** Seconds after the commit: [from, to); `to` null for the last, open bucket. */
  from: number;
  to: number | null;
  /** Measured reads that started in the bucket, over every replication. */
  reads: number;
  /** The fraction of them that returned the newest committed version (or newer). */
  probability: Estimate;
}

/** summary.json `leaderless` (times in seconds). */
/**
 * With replicas per region: the levels as written and, per region, its replicas and what W and R ask of them (a
 * LOCAL level's count with the coordinator there, EACH_QUORUM's majority there; null for a level over all N).
 */
export interface RegionConsistency {
  writeLevel: string;
  readLevel: string;
  regions: { region: string; replicas: number; writeQuorum: number | null; readQuorum: number | null }[];
}

/** One client region's requests: latency per operation and the share answered. */
export interface ClientRegionSummary {
  region: string;
  reads: ClientOpSummary;
  writes: ClientOpSummary;
}

/**
 * One operation of one client region: latency, the share answered, and the longest time in the window without an
 * answer (after a region's loss, an upper bound of the time its clients took to be served again).
 */
export interface ClientOpSummary {
  latency: LatencySummary;
  availability: Estimate;
  longestGap: Estimate;
}

export interface LeaderlessSummary {
  consistency: { replicas: number; writeQuorum: number; readQuorum: number; coordinator: string; perRegion?: RegionConsistency };
  reads: { latency: LatencySummary };
  writes: { latency: LatencySummary; acknowledgedLost?: Estimate };
  staleness: {
    staleFraction: Estimate;
    /** P(a read is exactly k versions behind); the last entry (orMore) is k or more. */
    kStaleness: { k: number; orMore?: true; probability: Estimate }[];
    tVisibility: TVisibilityBucket[];
    /**
     * The fraction of answered reads that returned an older version than a read of the same key had answered with
     * before they started (monotonic-read violations across clients; 0 with blocking read repair and R + R > N).
     */
    monotonicViolations: Estimate;
  };
  availability: {
    read: { time?: Estimate; request: Estimate };
    write: { time?: Estimate; request: Estimate };
    /** With failures and a LOCAL level: per replica region, the time its LOCAL quorum of a key was healthy. */
    timeByRegion?: { region: string; read?: Estimate; write?: Estimate }[];
  };
  /** With classes in regions: their requests by client region. */
  byClientRegion?: ClientRegionSummary[];
  /** Read-repair writes per replication. */
  readRepairs: Estimate;
  /** With a sloppy quorum: hints stored, handed over and expired per replication. */
  hints?: { stored: Estimate; replayed: Estimate; expired: Estimate };
  /** With readFanout quorum: reads that asked one more replica, per replication. */
  speculativeRetries?: Estimate;
  /**
   * With anti-entropy, per replication: rounds, rounds that copied, copies and bytes; and the mean time from a
   * copying round's start to its last copy's landing (seconds; absent when no round copied).
   */
  antiEntropy?: { rounds: Estimate; copyingRounds: Estimate; copies: Estimate; bytes: Estimate; timeToAgree: Estimate };
  /** With membership changes in the window: each one's token-range movement (rebalance-figures.ts). */
  rebalances?: RebalanceSummary[];
  /** With clients in regions and a whole region lost: the active/active tier's RPO, RTO and cost (active-active-figures.ts). */
  recovery?: ActiveActiveSummary;
}

export interface NodeShareRow {
  node: string;
  ring_share: number;
  request_share: number;
  /** coordinator: elected: its share of the elections. */
  coordinator_share?: number;
  /** With membership changes: its stored bytes at the window's end (mean over replications). */
  storage_bytes?: number;
}

/** What the renderers get: the summary part, and the per-node rows averaged over replications. */
export interface LeaderlessResult {
  summary: LeaderlessSummary;
  nodes: NodeShareRow[];
}

const latencyKeys = ['mean', 'p50', 'p99', 'p999'] as const;

/** Folds replications in order: each figure is the mean over replications with its 95 % Student-t interval. */
export class LeaderlessFigures {
  private readonly latency = { reads: new Map<string, number[]>(), writes: new Map<string, number[]>() };
  private readonly staleFractions: number[] = [];
  private readonly kFractions: number[][] = Array.from({ length: K_MAX }, () => []);
  private readonly bucketFractions: number[][];
  private readonly bucketReads: number[];
  private readonly readAvailability: number[] = [];
  private readonly writeAvailability: number[] = [];
  private readonly readRepairs: number[] = [];
  private readonly speculativeRetries: number[] = [];
  private readonly violations: number[] = [];
  private readonly antiEntropy = { rounds: [] as number[], copyingRounds: [] as number[], copies: [] as number[], bytes: [] as number[], timeToAgree: [] as number[] };
  private antiEntropyOn = false;
  private readonly readTime: number[] = [];
  private readonly writeTime: number[] = [];
  private timed = false;
  private readonly hints = { stored: [] as number[], replayed: [] as number[], expired: [] as number[] };
  private hinted = false;
  private readonly acknowledgedLost: number[] = [];
  private ringShare: number[] = [];
  private requestShare: number[] = [];
  private coordinatorShare: number[] | null = null;
  private readonly rebalances = new RebalanceFigures();
  private readonly activeActive = new ActiveActiveFigures();
  /** With membership changes: node names by id (added nodes included) and stored bytes summed over replications. */
  private names: string[] | null = null;
  private storage: number[] | null = null;
  private replications = 0;
  private readonly topology: LeaderlessTopologySpec;
  /** Per replica region (LOCAL levels): the read and write quorum-time fractions, over replications. */
  private timeByRegion: { region: string; read: number[]; write: number[] }[] | null = null;
  /** Per client region: latency figures and answered shares per operation, over replications. */
  private readonly clientRegions = new Map<string, { reads: ClientOp; writes: ClientOp }>();

  constructor(spec: ScenarioSpec) {
    this.topology = spec.topology as LeaderlessTopologySpec;
    const buckets = this.topology.tVisibility.length;
    this.bucketFractions = Array.from({ length: buckets }, () => []);
    this.bucketReads = new Array<number>(buckets).fill(0);
    for (const key of latencyKeys) {
      this.latency.reads.set(key, []);
      this.latency.writes.set(key, []);
    }
  }

  add(replication: ReplicationView): void {
    const data = replication.sections[LEADERLESS_SECTION] as LeaderlessData | undefined;
    if (data === undefined) return;
    this.replications++;
    this.addLatency('reads', data.reads);
    this.addLatency('writes', data.writes);
    const c = data.consistency;
    if (c.reads > 0) {
      this.staleFractions.push(c.stale / c.reads);
      c.staleByK.forEach((count, i) => this.kFractions[i].push(count / c.reads));
    }
    c.bucketReads.forEach((reads, i) => {
      this.bucketReads[i] += reads;
      if (reads > 0) this.bucketFractions[i].push(c.bucketFresh[i] / reads);
    });
    if (data.readsDone + data.readsFailed > 0) this.readAvailability.push(data.readsDone / (data.readsDone + data.readsFailed));
    if (data.writesDone + data.writesFailed > 0) this.writeAvailability.push(data.writesDone / (data.writesDone + data.writesFailed));
    this.readRepairs.push(data.readRepairs);
    if (data.speculativeRetries !== undefined) this.speculativeRetries.push(data.speculativeRetries);
    if (c.answered > 0) this.violations.push(c.regressed / c.answered);
    if (data.antiEntropy !== undefined) {
      const a = data.antiEntropy;
      this.antiEntropyOn = true;
      this.antiEntropy.rounds.push(a.rounds);
      this.antiEntropy.copyingRounds.push(a.copyingRounds);
      this.antiEntropy.copies.push(a.copies);
      this.antiEntropy.bytes.push(a.bytes);
      if (a.copyingRounds > 0) this.antiEntropy.timeToAgree.push(a.agreeSeconds / a.copyingRounds);
    }
    if (data.quorumTime !== undefined) {
      this.timed = true;
      if (data.quorumTime.read !== null) this.readTime.push(data.quorumTime.read);
      if (data.quorumTime.write !== null) this.writeTime.push(data.quorumTime.write);
    }
    if (data.quorumTimeByRegion !== undefined) {
      this.timeByRegion ??= data.quorumTimeByRegion.map((entry) => ({ region: entry.region, read: [], write: [] }));
      data.quorumTimeByRegion.forEach((entry, r) => {
        if (entry.read !== null) this.timeByRegion![r].read.push(entry.read);
        if (entry.write !== null) this.timeByRegion![r].write.push(entry.write);
      });
    }
    for (const entry of data.clientRegions ?? []) {
      let figures = this.clientRegions.get(entry.region);
      if (figures === undefined) this.clientRegions.set(entry.region, (figures = { reads: new ClientOp(), writes: new ClientOp() }));
      figures.reads.add(entry.reads, entry.readsDone, entry.readsFailed, entry.readsGap);
      figures.writes.add(entry.writes, entry.writesDone, entry.writesFailed, entry.writesGap);
    }
    if (data.hints !== undefined) {
      this.hinted = true;
      this.hints.stored.push(data.hints.stored);
      this.hints.replayed.push(data.hints.replayed);
      this.hints.expired.push(data.hints.expired);
      this.acknowledgedLost.push(data.acknowledgedLost ?? 0);
    }
    if (data.coordinated !== undefined) {
      const elections = data.coordinated.reduce((a, b) => a + b, 0);
      const previous = this.coordinatorShare ?? [];
      this.coordinatorShare = data.coordinated.map((count, i) => (previous[i] ?? 0) + (elections > 0 ? count / elections : 0));
    }
    if (data.rebalances !== undefined) this.rebalances.add(data.rebalances);
    this.activeActive.add(data);
    if (data.nodeNames !== undefined && (this.names === null || data.nodeNames.length > this.names.length)) this.names = data.nodeNames;
    if (data.storage !== undefined) this.storage = data.storage.map((bytes, i) => (this.storage?.[i] ?? 0) + bytes);
    const tasks = data.replicaTasks.reduce((a, b) => a + b, 0);
    this.ringShare = data.ringShare.map((share, i) => (this.ringShare[i] ?? 0) + share);
    this.requestShare = data.replicaTasks.map((count, i) => (this.requestShare[i] ?? 0) + (tasks > 0 ? count / tasks : 0));
  }

  private addLatency(op: 'reads' | 'writes', figures: LatencyFigures | null): void {
    if (figures === null) return;
    for (const key of latencyKeys) this.latency[op].get(key)!.push(figures[key]);
  }

  private latencySummary(op: 'reads' | 'writes'): LatencySummary {
    const of = (key: (typeof latencyKeys)[number]) => estimate(this.latency[op].get(key)!, nonNegative);
    return { mean: of('mean'), p50: of('p50'), p99: of('p99'), p999: of('p999') };
  }

  summary(): LeaderlessSummary {
    const edges = this.topology.tVisibility;
    const summary: LeaderlessSummary = {
      consistency: {
        replicas: this.topology.replicas,
        writeQuorum: this.topology.writeQuorum,
        readQuorum: this.topology.readQuorum,
        coordinator: coordinatorLabel(this.topology.coordinator),
      },
      reads: { latency: this.latencySummary('reads') },
      writes: { latency: this.latencySummary('writes') },
      staleness: {
        staleFraction: estimate(this.staleFractions, fraction),
        kStaleness: this.kFractions.map((values, i) => ({
          k: i + 1,
          ...(i === K_MAX - 1 ? { orMore: true as const } : {}),
          probability: estimate(values, fraction),
        })),
        tVisibility: edges.map((from, i) => ({
          from,
          to: i + 1 < edges.length ? edges[i + 1] : null,
          reads: this.bucketReads[i],
          probability: this.bucketFractions[i].length === 0 ? NO_ESTIMATE : estimate(this.bucketFractions[i], fraction),
        })),
        monotonicViolations: estimate(this.violations, fraction),
      },
      availability: {
        read: { request: estimate(this.readAvailability, fraction) },
        write: { request: estimate(this.writeAvailability, fraction) },
      },
      readRepairs: estimate(this.readRepairs, nonNegative),
    };
    if (this.timed) {
      summary.availability = {
        read: { time: estimate(this.readTime, fraction), request: summary.availability.read.request },
        write: { time: estimate(this.writeTime, fraction), request: summary.availability.write.request },
      };
    }
    if (this.antiEntropyOn) {
      const a = this.antiEntropy;
      summary.antiEntropy = {
        rounds: estimate(a.rounds, nonNegative),
        copyingRounds: estimate(a.copyingRounds, nonNegative),
        copies: estimate(a.copies, nonNegative),
        bytes: estimate(a.bytes, nonNegative),
        timeToAgree: a.timeToAgree.length === 0 ? NO_ESTIMATE : estimate(a.timeToAgree, nonNegative),
      };
    }
    const perRegion = this.regionConsistency();
    if (perRegion !== null) summary.consistency.perRegion = perRegion;
    if (this.timeByRegion !== null) {
      summary.availability.timeByRegion = this.timeByRegion.map((entry) => ({
        region: entry.region,
        ...(entry.read.length === 0 ? {} : { read: estimate(entry.read, fraction) }),
        ...(entry.write.length === 0 ? {} : { write: estimate(entry.write, fraction) }),
      }));
    }
    if (this.clientRegions.size > 0) {
      summary.byClientRegion = [...this.clientRegions].map(([region, figures]) => ({ region, reads: figures.reads.summary(), writes: figures.writes.summary() }));
    }
    if (this.rebalances.any) summary.rebalances = this.rebalances.summary();
    const recovery = this.activeActive.summary();
    if (recovery !== undefined) summary.recovery = recovery;
    if (this.speculativeRetries.length > 0) summary.speculativeRetries = estimate(this.speculativeRetries, nonNegative);
    if (this.hinted) {
      summary.writes.acknowledgedLost = estimate(this.acknowledgedLost, nonNegative);
      summary.hints = {
        stored: estimate(this.hints.stored, nonNegative),
        replayed: estimate(this.hints.replayed, nonNegative),
        expired: estimate(this.hints.expired, nonNegative),
      };
    }
    return summary;
  }

  /** W and R per region, with replicas per region; null without. */
  private regionConsistency(): RegionConsistency | null {
    const { replicasPerRegion, writeLevel, readLevel } = this.topology;
    if (replicasPerRegion === null) return null;
    const quotas = replicasPerRegion.map((entry) => entry.replicas);
    const part = (level: QuorumLevel, region: number) => (isRegionLevel(level) ? regionLevelPart(level, quotas, region) : null);
    return {
      writeLevel: String(writeLevel),
      readLevel: String(readLevel),
      regions: replicasPerRegion.map((entry, r) => ({ region: entry.region, replicas: entry.replicas, writeQuorum: part(writeLevel, r), readQuorum: part(readLevel, r) })),
    };
  }

  nodeRows(names: readonly string[]): NodeShareRow[] {
    const r = this.replications;
    const coordinators = this.coordinatorShare;
    const storage = this.storage;
    const ids = Math.max(this.ringShare.length, this.requestShare.length);
    return Array.from({ length: ids }, (_, i) => this.ringShare[i] ?? 0).map((share, i) => ({
      node: this.names?.[i] ?? names[i] ?? `node-${i}`,
      ring_share: r > 0 ? share / r : NaN,
      request_share: r > 0 ? (this.requestShare[i] ?? 0) / r : NaN,
      ...(coordinators === null ? {} : { coordinator_share: r > 0 ? (coordinators[i] ?? 0) / r : NaN }),
      ...(storage === null ? {} : { storage_bytes: r > 0 ? (storage[i] ?? 0) / r : NaN }),
    }));
  }
}

/** One operation of one client region, folded over replications: latency figures and the share answered. */
class ClientOp {
  private readonly latency = new Map<string, number[]>(latencyKeys.map((key) => [key, []]));
  private readonly answered: number[] = [];
  private readonly gaps: number[] = [];

  /** A replication's figures; an operation these clients never sent has no share answered and no gap. */
  add(figures: LatencyFigures | null, done: number, failed: number, gap: number): void {
    if (figures !== null) for (const key of latencyKeys) this.latency.get(key)!.push(figures[key]);
    if (done + failed === 0) return;
    this.answered.push(done / (done + failed));
    this.gaps.push(gap);
  }

  summary(): ClientOpSummary {
    const of = (key: (typeof latencyKeys)[number]) => estimate(this.latency.get(key)!, nonNegative);
    return {
      latency: { mean: of('mean'), p50: of('p50'), p99: of('p99'), p999: of('p999') },
      availability: estimate(this.answered, fraction),
      longestGap: estimate(this.gaps, nonNegative),
    };
  }
}
