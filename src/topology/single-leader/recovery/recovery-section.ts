import { columnsOf, toCsv } from '../../../report/csv.js';
import { formatCount, formatDuration, formatEstimate, NO_VALUE } from '../../../report/format.js';
import { markdownTable } from '../../../report/markdown-table.js';
import { whenPresent, type SectionAccumulator, type SectionDefinition } from '../../section.js';
import { RECOVERY_SECTION } from '../sections/ids.js';
import { RecoveryFigures, type OutageFigure, type OutageRow, type RecoverySummary } from './recovery-figures.js';

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

export const RECOVERY_TITLE = 'Disaster recovery';

const RECOVERY_NOTE =
  'Per outage of the primary that the standby took over from (one per replication at most: no failback). RPO: ' +
  'acknowledged writes the promoted standby lacks, and the data-loss window (ack time of the newest write lost minus ' +
  'that of the newest kept). RTO: from the outage to the first write and read served after the redirection; ' +
  'detection, promotion (with a manual decision) and redirection are its parts. Mean with its 95 % CI across ' +
  'replications; p50, p99 and max over every outage. Replication lag: acknowledgement to arrival at the standby, per write.';

/** `recovery` of summary.json, recovery.csv (one row per outage) and the "Disaster recovery" part of summary.md. */
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
  markdown(_rows, summary) {
    const recovery = summary.recovery;
    if (recovery === undefined) return [];
    const time = (x: number | null) => (x === null ? NO_VALUE : formatDuration(x));
    const count = (x: number | null) => (x === null ? NO_VALUE : formatCount(x));
    const row = (name: string, f: OutageFigure, format: (x: number) => string, pooled: (x: number | null) => string) => {
      const mean = formatEstimate(f.mean, format);
      return [name, mean.value, mean.ci, pooled(f.p50), pooled(f.p99), pooled(f.max)];
    };
    const outages = formatEstimate(recovery.outages, (x) => x.toFixed(2));
    const lag = recovery.replicationLag;
    const lagCell = (e: typeof lag.mean) => formatEstimate(e, formatDuration);
    return [
      '',
      `## ${RECOVERY_TITLE}`,
      '',
      RECOVERY_NOTE,
      '',
      `Outages per replication: ${outages.value} (95 % CI ${outages.ci}).`,
      '',
      ...markdownTable(
        ['figure', 'mean', '95 % CI', 'p50', 'p99', 'max'],
        [
          row('RPO: writes lost', recovery.rpo.writesLost, (x) => x.toFixed(1), count),
          row('RPO: data-loss window', recovery.rpo.window, formatDuration, time),
          row('RTO: first write', recovery.rto.write, formatDuration, time),
          row('RTO: first read', recovery.rto.read, formatDuration, time),
          row('detection', recovery.rto.detection, formatDuration, time),
          row('promotion', recovery.rto.promotion, formatDuration, time),
          row('redirection', recovery.rto.redirection, formatDuration, time),
        ],
        [false, true, true, true, true, true],
      ),
      '',
      ...markdownTable(
        ['replication lag', 'mean', 'p99', 'max'],
        [['value (95 % CI)', ...[lag.mean, lag.p99, lag.max].map((e) => `${lagCell(e).value} (${lagCell(e).ci})`)]],
        [false, true, true, true],
      ),
    ];
  },
};
