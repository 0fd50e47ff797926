import { nonNegative, type Estimate } from '../../../metrics/confidence.js';
import { replicationColumns } from '../../../metrics/replication-column.js';
import type { ReplicationView } from '../../section.js';
import { RECOVERY_SECTION } from '../sections/ids.js';
import type { OutageRecord, RecoveryOutcome } from './standby.js';

/** A per-outage figure: the mean across replications (of each replication's mean) with its CI, and pooled order statistics. */
export interface OutageFigure {
  mean: Estimate;
  /** Over every outage of every replication (nearest rank); null without one. */
  p50: number | null;
  p99: number | null;
  max: number | null;
}

/** `recovery` of summary.json (issue 14). Times in seconds, per outage, across replications. */
export interface RecoverySummary {
  /** The disaster-recovery tier (`standby.tier.kind`). */
  tier: string;
  outages: Estimate;
  rpo: { writesLost: OutageFigure; window: OutageFigure };
  rto: { write: OutageFigure; read: OutageFigure; detection: OutageFigure; promotion: OutageFigure; preparation: OutageFigure; redirection: OutageFigure };
  /** Failback: from its start (the standby fenced) to the clients back on the old primary, and the writes it lost. */
  failback: { time: OutageFigure; writesLost: OutageFigure };
  replicationLag: { mean: Estimate; p99: Estimate; max: Estimate };
  /** Response time of the measured requests the promoted standby served: each replication's mean and p99 (null: none). */
  standbyResponseTime: { mean: Estimate; p99: Estimate };
  /** Node-hours over the window per replication: the standby region's nodes as the tier runs them, and the primary's. */
  cost: { standbyNodeHours: Estimate; primaryNodeHours: Estimate };
}

/** The standby's replication lag in one interval of the window, averaged over replications (standby-lag.csv). */
export interface StandbyLagRow {
  /** Interval start and end, seconds since the end of the warm-up. */
  start: number;
  end: number;
  /** Seconds: the mean lag of the writes acknowledged in the interval, and the largest. NaN: no write. */
  meanLag: number;
  maxLag: number;
}

/** One outage of one replication: a row of recovery.csv. */
export interface OutageRow extends OutageRecord {
  replication: number;
}

const OUTAGE_FIGURES = ['writesLost', 'window', 'rtoWrite', 'rtoRead', 'detection', 'promotion', 'preparation', 'redirection', 'failback', 'failbackWritesLost'] as const;
type OutageFigureName = (typeof OUTAGE_FIGURES)[number];

/** Folds each replication's standby outcome into `recovery` of summary.json and the rows of recovery.csv. */
export class RecoveryFigures {
  private readonly perReplication = replicationColumns('outages', ...OUTAGE_FIGURES, 'lagMean', 'lagP99', 'lagMax', 'standbyNodeHours', 'primaryNodeHours', 'servedMean', 'servedP99');
  private tier = '';
  readonly rows: OutageRow[] = [];
  /** Per interval: the sums over replications of the mean and max lag, and how many replications had a write. */
  private lagWidth = 1;
  private readonly lagSums: { mean: number; max: number; count: number }[] = [];

  add(view: ReplicationView): void {
    const outcome = view.sections[RECOVERY_SECTION] as RecoveryOutcome;
    const columns = this.perReplication;
    this.tier = outcome.tier;
    columns.outages.push(outcome.outages.length);
    columns.standbyNodeHours.push(outcome.cost.standbyNodeHours);
    columns.primaryNodeHours.push(outcome.cost.primaryNodeHours);
    for (const name of OUTAGE_FIGURES) columns[name].push(meanOf(outcome.outages.map((o) => o[name])));
    for (const outage of outcome.outages) this.rows.push({ replication: view.index, ...outage });
    columns.servedMean.push(outcome.served.mean);
    columns.servedP99.push(outcome.served.p99);
    columns.lagMean.push(outcome.lag.mean);
    columns.lagP99.push(outcome.lag.p99);
    columns.lagMax.push(outcome.lag.max);
    const series = outcome.lagSeries;
    this.lagWidth = series.width;
    series.mean.forEach((mean, k) => {
      this.lagSums[k] ??= { mean: 0, max: 0, count: 0 };
      if (Number.isNaN(mean)) return;
      this.lagSums[k].mean += mean;
      this.lagSums[k].max += series.max[k];
      this.lagSums[k].count++;
    });
  }

  /** The lag per interval, each averaged over the replications that shipped a write in it. */
  lagRows(): StandbyLagRow[] {
    const width = this.lagWidth;
    return Array.from(this.lagSums, (sums, k) => ({
      start: k * width,
      end: (k + 1) * width,
      meanLag: sums !== undefined && sums.count > 0 ? sums.mean / sums.count : NaN,
      maxLag: sums !== undefined && sums.count > 0 ? sums.max / sums.count : NaN,
    }));
  }

  summary(): RecoverySummary {
    const c = this.perReplication;
    const figure = (name: OutageFigureName) => this.outageFigure(name);
    return {
      tier: this.tier,
      outages: c.outages.estimate(nonNegative),
      rpo: { writesLost: figure('writesLost'), window: figure('window') },
      rto: {
        write: figure('rtoWrite'),
        read: figure('rtoRead'),
        detection: figure('detection'),
        promotion: figure('promotion'),
        preparation: figure('preparation'),
        redirection: figure('redirection'),
      },
      failback: { time: figure('failback'), writesLost: figure('failbackWritesLost') },
      replicationLag: {
        mean: c.lagMean.estimate(nonNegative),
        p99: c.lagP99.estimate(nonNegative),
        max: c.lagMax.estimate(nonNegative),
      },
      standbyResponseTime: { mean: c.servedMean.estimate(nonNegative), p99: c.servedP99.estimate(nonNegative) },
      cost: {
        standbyNodeHours: c.standbyNodeHours.estimate(nonNegative),
        primaryNodeHours: c.primaryNodeHours.estimate(nonNegative),
      },
    };
  }

  private outageFigure(name: OutageFigureName): OutageFigure {
    const values = this.rows.map((row) => row[name]).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    const rank = (q: number) => (values.length === 0 ? null : values[Math.ceil(q * values.length) - 1]);
    return { mean: this.perReplication[name].estimate(nonNegative), p50: rank(0.5), p99: rank(0.99), max: rank(1) };
  }
}

/** The mean of the values present; NaN (no value) without one. */
function meanOf(values: readonly number[]): number {
  const present = values.filter((v) => !Number.isNaN(v));
  return present.length === 0 ? NaN : present.reduce((a, b) => a + b, 0) / present.length;
}
