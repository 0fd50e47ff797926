import { formatCount, formatDuration, formatEstimate, NO_VALUE } from '../../../report/format.js';
import { escapeHtml } from '../../../report/html-escape.js';
import { capitalized, htmlTable } from '../../../report/html-table.js';
import { markdownTable } from '../../../report/markdown-table.js';
import type { OutageFigure, RecoverySummary } from './recovery-figures.js';

/**
 * The "Disaster recovery" part of summary.md and of report.html, from the same rows so that the two always agree.
 */

export const RECOVERY_TITLE = 'Disaster recovery';

const RECOVERY_NOTE =
  'Per outage of the primary that the standby took over from (one per replication at most). RPO: ' +
  'acknowledged writes the promoted standby lacks, and the data-loss window (ack time of the newest write lost minus ' +
  'that of the newest kept). RTO: from the outage to the first write and read served after the redirection; ' +
  'detection, promotion (with a manual decision), preparation (the tier\'s restore or provisioning) and ' +
  'redirection are its parts. Mean with its 95 % CI across ' +
  'replications; p50, p99 and max over every outage. Failback (standby.failback): from its start, when the ' +
  'standby is fenced, to the clients back on the old primary, and the acknowledged writes it lacks then. Replication lag: acknowledgement to arrival at the standby, per ' +
  'write. Served by the standby: the response time of the measured requests the promoted standby answered, each ' +
  'replication\'s mean and p99 (a warm standby\'s queue while small shows here). Cost: node-hours over the window per replication, of the standby region as the tier runs it and of the ' +
  'primary (provisioned for the whole window).';

const FIGURE_COLUMNS = ['figure', 'mean', '95 % CI', 'p50', 'p99', 'max'];
const LAG_COLUMNS = ['replication lag', 'mean', 'p99', 'max'];
const COST_COLUMNS = ['node-hours', 'standby', 'primary'];
const SERVED_COLUMNS = ['served by the standby', 'mean', 'p99'];

interface RecoveryTables {
  outages: string;
  figures: string[][];
  lag: string[][];
  cost: string[][];
  served: string[][];
}

function hoursCell(e: RecoverySummary['cost']['standbyNodeHours']): string {
  const f = formatEstimate(e, (x) => x.toFixed(2));
  return `${f.value} (${f.ci})`;
}

function tables(recovery: RecoverySummary): RecoveryTables {
  const time = (x: number | null) => (x === null ? NO_VALUE : formatDuration(x));
  const count = (x: number | null) => (x === null ? NO_VALUE : formatCount(x));
  const row = (name: string, f: OutageFigure, format: (x: number) => string, pooled: (x: number | null) => string) => {
    const mean = formatEstimate(f.mean, format);
    return [name, mean.value, mean.ci, pooled(f.p50), pooled(f.p99), pooled(f.max)];
  };
  const outages = formatEstimate(recovery.outages, (x) => x.toFixed(2));
  const lag = recovery.replicationLag;
  const lagCell = (e: typeof lag.mean) => {
    const f = formatEstimate(e, formatDuration);
    return `${f.value} (${f.ci})`;
  };
  return {
    outages: `Tier: ${recovery.tier}. Outages per replication: ${outages.value} (95 % CI ${outages.ci}).`,
    figures: [
      row('RPO: writes lost', recovery.rpo.writesLost, (x) => x.toFixed(1), count),
      row('RPO: data-loss window', recovery.rpo.window, formatDuration, time),
      row('RTO: first write', recovery.rto.write, formatDuration, time),
      row('RTO: first read', recovery.rto.read, formatDuration, time),
      row('detection', recovery.rto.detection, formatDuration, time),
      row('promotion', recovery.rto.promotion, formatDuration, time),
      row('preparation', recovery.rto.preparation, formatDuration, time),
      row('redirection', recovery.rto.redirection, formatDuration, time),
      row('failback', recovery.failback.time, formatDuration, time),
      row('failback: writes lost', recovery.failback.writesLost, (x) => x.toFixed(1), count),
    ],
    lag: [['value (95 % CI)', lagCell(lag.mean), lagCell(lag.p99), lagCell(lag.max)]],
    served: [['response time (95 % CI)', lagCell(recovery.standbyResponseTime.mean), lagCell(recovery.standbyResponseTime.p99)]],
    cost: [['per replication (95 % CI)', hoursCell(recovery.cost.standbyNodeHours), hoursCell(recovery.cost.primaryNodeHours)]],
  };
}

export function recoveryMarkdown(recovery: RecoverySummary | undefined): string[] {
  if (recovery === undefined) return [];
  const t = tables(recovery);
  return [
    '',
    `## ${RECOVERY_TITLE}`,
    '',
    RECOVERY_NOTE,
    '',
    t.outages,
    '',
    ...markdownTable(FIGURE_COLUMNS, t.figures, [false, true, true, true, true, true]),
    '',
    ...markdownTable(LAG_COLUMNS, t.lag, [false, true, true, true]),
    '',
    ...markdownTable(SERVED_COLUMNS, t.served, [false, true, true]),
    '',
    ...markdownTable(COST_COLUMNS, t.cost, [false, true, true]),
  ];
}

export function recoveryHtml(recovery: RecoverySummary | undefined): string {
  if (recovery === undefined) return '';
  const t = tables(recovery);
  const columns = (headers: string[]) => headers.map((header, i) => ({ header: capitalized(header), numeric: i > 0 }));
  return (
    `<section id="recovery">\n<h2>${escapeHtml(RECOVERY_TITLE)}</h2>\n<p class="note">${escapeHtml(RECOVERY_NOTE)}</p>\n` +
    `<p>${escapeHtml(t.outages)}</p>\n${htmlTable('recovery', columns(FIGURE_COLUMNS), t.figures)}\n` +
    `${htmlTable('recovery-lag', columns(LAG_COLUMNS), t.lag)}\n` +
    `${htmlTable('recovery-served', columns(SERVED_COLUMNS), t.served)}\n` +
    `${htmlTable('recovery-cost', columns(COST_COLUMNS), t.cost)}\n</section>\n`
  );
}
