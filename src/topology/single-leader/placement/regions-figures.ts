import { estimate, fraction, nonNegative, type Estimate } from '../../../metrics/confidence.js';
import { LatencySketch } from '../../../metrics/latency-sketch.js';
import { ReplicationColumn } from '../../../metrics/replication-column.js';
import type { ReplicationView } from '../../section.js';
import { REGIONS_SECTION } from '../sections/ids.js';
import type { RegionsData } from './region-figures.js';

/** Write response times of one client region: pooled over the replications, mean with its CI across them. */
export interface RegionWrites {
  writes: number;
  mean: Estimate;
  p50: number | null;
  p99: number | null;
}

/** summary.json `regions`. */
export interface RegionsSummary {
  /** Per region of the nodes: the fraction of the window its node led the cluster. */
  leadership: Record<string, Estimate>;
  /** Leadership transfers to a preferred leader per replication. */
  transfers: Estimate;
  /** The non-voters' replication lag in entries (mean of the replications' means; largest of any); null without. */
  nonVoterLag: { mean: Estimate; max: number | null } | null;
  /** Per client region: the measured writes' response times (the price of where the quorum is). */
  writeLatency: Record<string, RegionWrites>;
  /**
   * With a placement and the leader's whole region lost in the window: the single-leader active/active tier's RPO,
   * RTO and cost per loss (means over replications of each one's mean, with their CIs): `election` from the loss to
   * the next leader, `write` to the first answered write, `writesLost` the acknowledged writes the next leader lacks.
   */
  recovery?: {
    tier: 'active/active (single leader)';
    outages: Estimate;
    rpo: { writesLost: { mean: Estimate } };
    rto: { election: { mean: Estimate }; write: { mean: Estimate } };
    cost: { secondRegionNodeHours: Estimate };
  };
}

/** One row of regions.csv: a region of the nodes or of clients. */
export interface RegionRow {
  region: string;
  leaderShare: number | null;
  writes: number | null;
  writeMean: number | null;
  writeP50: number | null;
  writeP99: number | null;
}

/** Folds the replications' `RegionsData` in replication order. */
export class RegionsFigures {
  private readonly leadership = new Map<string, ReplicationColumn>();
  private readonly transfers = new ReplicationColumn();
  private readonly lagMean = new ReplicationColumn();
  private lagMax: number | null = null;
  private anyLag = false;
  private readonly writes = new Map<string, { pooled: LatencySketch; mean: ReplicationColumn }>();
  private replications = 0;
  private readonly losses = { outages: [] as number[], election: [] as number[], write: [] as number[], writesLost: [] as number[], cost: [] as number[], any: false };

  add(view: ReplicationView): void {
    const data = view.sections[REGIONS_SECTION] as RegionsData;
    const r = this.replications++;
    data.regions.forEach((region, i) => {
      this.column(this.leadership, region, r).push(data.window > 0 ? data.ledSeconds[i] / data.window : null);
    });
    for (const column of this.leadership.values()) if (column.replications <= r) column.push(null);
    this.transfers.push(data.transfers);
    if (data.nonVoterLag !== null) {
      this.anyLag = true;
      this.lagMean.push(data.nonVoterLag.mean);
      this.lagMax = Math.max(this.lagMax ?? 0, data.nonVoterLag.max);
    } else this.lagMean.push(null);
    for (const [region, sketchData] of Object.entries(data.writes)) {
      const sketch = LatencySketch.fromData(sketchData);
      let entry = this.writes.get(region);
      if (entry === undefined) {
        entry = { pooled: new LatencySketch(), mean: new ReplicationColumn() };
        for (let k = 0; k < r; k++) entry.mean.push(null);
        this.writes.set(region, entry);
      }
      entry.pooled.merge(sketch);
      entry.mean.push(sketch.count > 0 ? sketch.mean : null);
    }
    for (const entry of this.writes.values()) if (entry.mean.replications <= r) entry.mean.push(null);
    this.addLosses(data);
  }

  private addLosses(data: RegionsData): void {
    const losses = data.leaderRegionLosses ?? [];
    const l = this.losses;
    l.outages.push(losses.length);
    if (losses.length === 0) return;
    l.any = true;
    const meanOf = (values: (number | null)[], into: number[]) => {
      const present = values.filter((v): v is number => v !== null);
      if (present.length > 0) into.push(present.reduce((a, b) => a + b, 0) / present.length);
    };
    meanOf(losses.map((x) => x.election), l.election);
    meanOf(losses.map((x) => x.rtoWrite), l.write);
    meanOf(losses.map((x) => x.writesLost), l.writesLost);
    if (data.secondRegionNodeHours !== undefined) l.cost.push(data.secondRegionNodeHours);
  }

  summary(): RegionsSummary {
    const leadership: Record<string, Estimate> = {};
    for (const [region, column] of this.leadership) leadership[region] = column.estimate(fraction);
    const writeLatency: Record<string, RegionWrites> = {};
    for (const [region, { pooled, mean }] of this.writes) {
      const any = pooled.count > 0;
      writeLatency[region] = {
        writes: pooled.count,
        mean: mean.estimate(nonNegative),
        p50: any ? pooled.quantile(0.5) : null,
        p99: any ? pooled.quantile(0.99) : null,
      };
    }
    return {
      leadership,
      transfers: this.transfers.estimate(nonNegative),
      nonVoterLag: this.anyLag ? { mean: this.lagMean.estimate(nonNegative), max: this.lagMax } : null,
      writeLatency,
      ...(this.losses.any
        ? {
            recovery: {
              tier: 'active/active (single leader)' as const,
              outages: estimate(this.losses.outages, nonNegative),
              rpo: { writesLost: { mean: estimate(this.losses.writesLost, nonNegative) } },
              rto: { election: { mean: estimate(this.losses.election, nonNegative) }, write: { mean: estimate(this.losses.write, nonNegative) } },
              cost: { secondRegionNodeHours: estimate(this.losses.cost, nonNegative) },
            },
          }
        : {}),
    };
  }

  /** A row per region of the nodes, then per client region with no node. */
  rows(summary: RegionsSummary): RegionRow[] {
    const names = [...Object.keys(summary.leadership), ...Object.keys(summary.writeLatency).filter((r) => !(r in summary.leadership))];
    return names.map((region) => {
      const writes = summary.writeLatency[region];
      return {
        region,
        leaderShare: summary.leadership[region]?.value ?? null,
        writes: writes?.writes ?? null,
        writeMean: writes?.mean.value ?? null,
        writeP50: writes?.p50 ?? null,
        writeP99: writes?.p99 ?? null,
      };
    });
  }

  /** The column of `region`, made with `replications` replications without a value before this one. */
  private column(columns: Map<string, ReplicationColumn>, region: string, replications: number): ReplicationColumn {
    let column = columns.get(region);
    if (column === undefined) {
      column = new ReplicationColumn();
      for (let k = 0; k < replications; k++) column.push(null);
      columns.set(region, column);
    }
    return column;
  }
}
