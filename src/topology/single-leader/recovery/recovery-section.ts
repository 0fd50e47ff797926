import { columnsOf, toCsv } from '../../../report/csv.js';
import { whenPresent, type SectionAccumulator, type SectionDefinition } from '../../section.js';
import { RECOVERY_SECTION } from '../sections/ids.js';
import { RecoveryFigures, type OutageRow, type RecoverySummary, type StandbyLagRow } from './recovery-figures.js';
import { recoveryComparisonCharts, recoveryComparisonTable, standbyRecoveryPoint } from './recovery-comparison.js';
import { standbyLagChart } from './standby-lag-chart.js';
import { recoveryHtml, recoveryMarkdown } from './recovery-report.js';

const outageColumns = columnsOf<OutageRow>({
  replication: 'replication',
  at: 'outage_s',
  detection: 'detection_s',
  promotion: 'promotion_s',
  preparation: 'preparation_s',
  redirection: 'redirection_s',
  writesLost: 'writes_lost',
  window: 'data_loss_window_s',
  rtoWrite: 'rto_write_s',
  rtoRead: 'rto_read_s',
  failback: 'failback_s',
  failbackWritesLost: 'failback_writes_lost',
});

const lagColumns = columnsOf<StandbyLagRow>({
  start: 'start_s',
  end: 'end_s',
  meanLag: 'mean_lag_s',
  maxLag: 'max_lag_s',
});

/** What the section hands its renderers: every outage, and the standby's lag per interval. */
export interface RecoveryResult {
  outages: OutageRow[];
  lag: StandbyLagRow[];
}

/**
 * `recovery` of summary.json, recovery.csv (one row per outage), standby-lag.csv and its chart, and the "Disaster
 * recovery" part of summary.md and report.html.
 */
export const recoverySection: SectionDefinition<RecoveryResult, { recovery?: RecoverySummary; measuredTime: number }> = {
  id: RECOVERY_SECTION,
  accumulate() {
    const figures = new RecoveryFigures();
    const accumulator: SectionAccumulator<RecoveryResult> = {
      add: (replication) => figures.add(replication),
      summary: () => ({ recovery: figures.summary() }),
      result: () => ({ outages: figures.rows, lag: figures.lagRows() }),
    };
    return whenPresent(RECOVERY_SECTION, accumulator, { outages: [], lag: [] });
  },
  files(result, summary) {
    if (summary.recovery === undefined) return [];
    return [
      { name: 'recovery.csv', text: toCsv(result.outages, outageColumns) },
      { name: 'standby-lag.csv', text: toCsv(result.lag, lagColumns) },
    ];
  },
  markdown: (_rows, summary) => recoveryMarkdown(summary.recovery),
  comparisonTable: recoveryComparisonTable,
  recoveryPoint: standbyRecoveryPoint,
  comparisonCharts: recoveryComparisonCharts,
  html: (_rows, summary) => recoveryHtml(summary.recovery),
  charts(result, summary) {
    const chart = summary.recovery === undefined ? null : standbyLagChart(result.lag, summary.measuredTime);
    return chart === null ? [] : [chart];
  },
};
