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
  outages: Estimate;
  rpo: { writesLost: OutageFigure; window: OutageFigure };
  rto: { write: OutageFigure; read: OutageFigure; detection: OutageFigure; promotion: OutageFigure; redirection: OutageFigure };
  replicationLag: { mean: Estimate; p99: Estimate; max: Estimate };
}

/** One outage of one replication: a row of recovery.csv. */
export interface OutageRow extends OutageRecord {
  replication: number;
}

const OUTAGE_FIGURES = ['writesLost', 'window', 'rtoWrite', 'rtoRead', 'detection', 'promotion', 'redirection'] as const;
type OutageFigureName = (typeof OUTAGE_FIGURES)[number];

/** Folds each replication's standby outcome into `recovery` of summary.json and the rows of recovery.csv. */
export class RecoveryFigures {
  private readonly perReplication = replicationColumns('outages', ...OUTAGE_FIGURES, 'lagMean', 'lagP99', 'lagMax');
  readonly rows: OutageRow[] = [];

  add(view: ReplicationView): void {
    const outcome = view.sections[RECOVERY_SECTION] as RecoveryOutcome;
    const columns = this.perReplication;
    columns.outages.push(outcome.outages.length);
    for (const name of OUTAGE_FIGURES) columns[name].push(meanOf(outcome.outages.map((o) => o[name])));
    for (const outage of outcome.outages) this.rows.push({ replication: view.index, ...outage });
    columns.lagMean.push(outcome.lag.mean);
    columns.lagP99.push(outcome.lag.p99);
    columns.lagMax.push(outcome.lag.max);
  }

  summary(): RecoverySummary {
    const c = this.perReplication;
    const figure = (name: OutageFigureName) => this.outageFigure(name);
    return {
      outages: c.outages.estimate(nonNegative),
      rpo: { writesLost: figure('writesLost'), window: figure('window') },
      rto: {
        write: figure('rtoWrite'),
        read: figure('rtoRead'),
        detection: figure('detection'),
        promotion: figure('promotion'),
        redirection: figure('redirection'),
      },
      replicationLag: {
        mean: c.lagMean.estimate(nonNegative),
        p99: c.lagP99.estimate(nonNegative),
        max: c.lagMax.estimate(nonNegative),
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
