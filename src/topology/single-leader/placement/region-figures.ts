import { LatencySketch, type SketchData } from '../../../metrics/latency-sketch.js';
import type { LeaderRegionLoss } from './leader-region-losses.js';

/** What a replication reports of the store's regions over its window (plain data: it crosses worker threads). */
export interface RegionsData {
  /** The regions of the nodes, in the order of their first node. */
  regions: string[];
  /** Per region: seconds of the window the cluster's leader was a node there. */
  ledSeconds: number[];
  /** Seconds of the window. */
  window: number;
  /** Leadership transfers to a preferred leader started in the window. */
  transfers: number;
  /**
   * The non-voters' replication lag in entries (the leader's last index minus what a live non-voter holds), its mean
   * and largest over the samples that saw a leader and a live non-voter; null without non-voters or without samples.
   */
  nonVoterLag: { mean: number; max: number } | null;
  /** Per client region (a class's `region`): response times of the measured writes, a sketch. */
  writes: Record<string, SketchData>;
  /** With a placement: each loss of the leader's whole region in the window (absent: none). */
  leaderRegionLosses?: LeaderRegionLoss[];
  /** With such a loss: node-hours over the window of the nodes outside the first lost region. */
  secondRegionNodeHours?: number;
}

/**
 * Where the leader was over the measured window, by region, and the measured writes' response times by the region of
 * their clients. Memory: one number per region and one sketch per client region.
 */
export class RegionFigures {
  private readonly ledSeconds: Float64Array;
  private readonly writeSketches = new Map<string, LatencySketch>();
  private leaderRegion = -1;
  private since = 0;
  private start = 0;
  private end = NaN;
  private transfersAtStart = 0;
  private transfersAtEnd = NaN;

  constructor(
    readonly regions: readonly string[],
    /** The region index of each node. */
    private readonly regionOfNode: readonly number[],
  ) {
    this.ledSeconds = new Float64Array(regions.length);
  }

  /** The cluster's leader is `leader` (-1: none) from `now`. */
  leader(now: number, leader: number): void {
    this.close(now);
    this.leaderRegion = leader < 0 ? -1 : this.regionOfNode[leader];
  }

  /** The window opens at `now` (the leadership so far is not counted); `transfers`: those started so far. */
  begin(now: number, transfers: number): void {
    this.ledSeconds.fill(0);
    this.start = this.since = now;
    this.transfersAtStart = transfers;
  }

  /** The window closes at `now`. */
  finish(now: number, transfers: number): void {
    this.close(now);
    this.end = now;
    this.transfersAtEnd = transfers;
  }

  /** A measured write of a class of client region `region` answered after `seconds`. */
  write(region: string, seconds: number): void {
    let sketch = this.writeSketches.get(region);
    if (sketch === undefined) this.writeSketches.set(region, (sketch = new LatencySketch()));
    sketch.record(seconds);
  }

  toData(nonVoterLag: RegionsData['nonVoterLag'], now: number, transfers: number): RegionsData {
    const open = Number.isNaN(this.end);
    const ledSeconds = Array.from(this.ledSeconds);
    if (open && this.leaderRegion >= 0) ledSeconds[this.leaderRegion] += now - this.since;
    const writes: Record<string, SketchData> = {};
    for (const [region, sketch] of [...this.writeSketches].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      writes[region] = sketch.toData();
    }
    return {
      regions: [...this.regions],
      ledSeconds,
      window: (open ? now : this.end) - this.start,
      transfers: (open ? transfers : this.transfersAtEnd) - this.transfersAtStart,
      nonVoterLag,
      writes,
    };
  }

  private close(now: number): void {
    if (!Number.isNaN(this.end)) return; // the window closed: nothing more counts
    if (this.leaderRegion >= 0 && now > this.since) this.ledSeconds[this.leaderRegion] += now - this.since;
    this.since = now;
  }
}
