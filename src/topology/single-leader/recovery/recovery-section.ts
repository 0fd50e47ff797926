import { columnsOf, toCsv } from '../../../report/csv.js';
import { whenPresent, type SectionAccumulator, type SectionDefinition } from '../../section.js';
import { RECOVERY_SECTION } from '../sections/ids.js';
import { RecoveryFigures, type OutageRow, type RecoverySummary } from './recovery-figures.js';
import { recoveryHtml, recoveryMarkdown } from './recovery-report.js';

const outageColumns = columnsOf<OutageRow>({
  replication: 'replication',
  at: 'outage_s',
  detection: 'detection_s',
  promotion: 'promotion_s',
  redirection: 'redirection_s',
  writesLost: 'writes_lost',
  window: 'data_loss_window_s',
  rtoWrite: 'rto_write_s',
  rtoRead: 'rto_read_s',
});

/** `recovery` of summary.json, recovery.csv (one row per outage) and the "Disaster recovery" part of summary.md and report.html. */
export const recoverySection: SectionDefinition<OutageRow[], { recovery?: RecoverySummary }> = {
  id: RECOVERY_SECTION,
  accumulate() {
    const figures = new RecoveryFigures();
    const accumulator: SectionAccumulator<OutageRow[]> = {
      add: (replication) => figures.add(replication),
      summary: () => ({ recovery: figures.summary() }),
      result: () => figures.rows,
    };
    return whenPresent(RECOVERY_SECTION, accumulator, []);
  },
  files(rows, summary) {
    return summary.recovery === undefined ? [] : [{ name: 'recovery.csv', text: toCsv(rows, outageColumns) }];
  },
  markdown: (_rows, summary) => recoveryMarkdown(summary.recovery),
  html: (_rows, summary) => recoveryHtml(summary.recovery),
};
