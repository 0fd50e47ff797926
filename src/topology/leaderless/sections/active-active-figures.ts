import { estimate, nonNegative, type Estimate } from '../../../metrics/confidence.js';
import type { RegionOutageData } from '../region-outages.js';
import type { LeaderlessData } from './data.js';

/** A per-outage figure: the mean over replications of each one's mean, with its 95 % CI, and the largest outage's. */
export interface ActiveActiveFigure {
  mean: Estimate;
  /** Over every outage of every replication; null without one. */
  max: number | null;
}

/**
 * `leaderless.recovery` of summary.json: the active/active tier's figures per loss of a whole region (issue 14), a
 * subset of the standby's `recovery` shape (docs/disaster-recovery.md): no promotion or preparation (nothing is
 * promoted), `redirection` from the detection to the lost region's clients' first answered write, and the cost of
 * the second region.
 */
export interface ActiveActiveSummary {
  tier: 'active/active (leaderless)';
  outages: Estimate;
  rpo: { writesLost: ActiveActiveFigure };
  rto: { write: ActiveActiveFigure; read: ActiveActiveFigure; detection: ActiveActiveFigure; redirection: ActiveActiveFigure };
  /** Requests of the other regions' clients that failed for good during an outage: 0 means they never lost service. */
  otherRegionsFailed: ActiveActiveFigure;
  /** Node-hours per replication of the nodes outside the lost region (what the second region costs). */
  cost: { secondRegionNodeHours: Estimate };
}

type Figure = 'writesLost' | 'rtoWrite' | 'rtoRead' | 'detection' | 'redirection' | 'otherRegionsFailed';
const FIGURES: readonly Figure[] = ['writesLost', 'rtoWrite', 'rtoRead', 'detection', 'redirection', 'otherRegionsFailed'];

function valueOf(outage: RegionOutageData, figure: Figure): number | null {
  if (figure === 'redirection') return outage.rtoWrite === null || outage.detection === null ? null : outage.rtoWrite - outage.detection;
  return outage[figure];
}

/** Folds each replication's region losses, in replication order. */
export class ActiveActiveFigures {
  private readonly perReplication = new Map<Figure, number[]>(FIGURES.map((figure) => [figure, []]));
  private readonly all = new Map<Figure, number[]>(FIGURES.map((figure) => [figure, []]));
  private readonly outages: number[] = [];
  private readonly cost: number[] = [];
  private any = false;

  add(data: LeaderlessData): void {
    const outages = data.regionOutages;
    if (outages === undefined) return;
    if (outages.length > 0) this.any = true;
    this.outages.push(outages.length);
    if (data.secondRegionNodeHours !== undefined) this.cost.push(data.secondRegionNodeHours);
    for (const figure of FIGURES) {
      const values = outages.map((outage) => valueOf(outage, figure)).filter((v): v is number => v !== null);
      this.all.get(figure)!.push(...values);
      if (values.length > 0) this.perReplication.get(figure)!.push(values.reduce((a, b) => a + b, 0) / values.length);
    }
  }

  /** Absent (undefined) when no replication lost a whole region in its window. */
  summary(): ActiveActiveSummary | undefined {
    if (!this.any) return undefined;
    const figure = (name: Figure): ActiveActiveFigure => {
      const all = this.all.get(name)!;
      return { mean: estimate(this.perReplication.get(name)!, nonNegative), max: all.length === 0 ? null : Math.max(...all) };
    };
    return {
      tier: 'active/active (leaderless)',
      outages: estimate(this.outages, nonNegative),
      rpo: { writesLost: figure('writesLost') },
      rto: { write: figure('rtoWrite'), read: figure('rtoRead'), detection: figure('detection'), redirection: figure('redirection') },
      otherRegionsFailed: figure('otherRegionsFailed'),
      cost: { secondRegionNodeHours: estimate(this.cost, nonNegative) },
    };
  }
}
