import { formatCount, formatDuration, formatEstimate, formatPercent, NO_VALUE } from '../../../report/format.js';
import { escapeHtml } from '../../../report/html-escape.js';
import { capitalized, htmlTable } from '../../../report/html-table.js';
import { markdownTable } from '../../../report/markdown-table.js';
import type { RegionsSummary } from './regions-figures.js';

/** The "Regions" part of summary.md and report.html, from the same rows so that the two always agree. */

export const REGIONS_TITLE = 'Regions';

const REGIONS_NOTE =
  'Leader: the share of the window the leader was a node of the region (mean across replications, 95 % CI). ' +
  'Writes: the measured writes of the classes whose clients are in the region (region: on a class), their response ' +
  'time from the client: the mean with its 95 % CI across replications, p50 and p99 over every write. A write ' +
  'waits for the round trip from its clients to the leader and for the leader to reach a majority of the voters: ' +
  'the price of where the quorum is.';

const COLUMNS = ['region', 'leader', 'writes', 'write mean', '95 % CI', 'p50', 'p99'];

function tables(regions: RegionsSummary): { rows: string[][]; extra: string[] } {
  const time = (x: number | null) => (x === null ? NO_VALUE : formatDuration(x));
  const names = [...Object.keys(regions.leadership), ...Object.keys(regions.writeLatency).filter((r) => !(r in regions.leadership))];
  const rows = names.map((region) => {
    const share = regions.leadership[region];
    const writes = regions.writeLatency[region];
    const leader = share === undefined ? NO_VALUE : formatEstimate(share, (x) => formatPercent(x, 1)).value;
    if (writes === undefined) return [region, leader, NO_VALUE, NO_VALUE, NO_VALUE, NO_VALUE, NO_VALUE];
    const mean = formatEstimate(writes.mean, formatDuration);
    return [region, leader, formatCount(writes.writes), mean.value, mean.ci, time(writes.p50), time(writes.p99)];
  });
  const transfers = formatEstimate(regions.transfers, (x) => x.toFixed(2));
  const extra = [`Leadership transfers to the preferred region per replication: ${transfers.value} (95 % CI ${transfers.ci}).`];
  const lag = regions.nonVoterLag;
  if (lag !== null) {
    const mean = formatEstimate(lag.mean, (x) => x.toFixed(2));
    extra.push(
      `Non-voters' replication lag: ${mean.value} entries on average (95 % CI ${mean.ci}), at most ` +
        `${lag.max === null ? NO_VALUE : formatCount(lag.max)}.`,
    );
  }
  const recovery = regions.recovery;
  if (recovery !== undefined) {
    const f = (e: Parameters<typeof formatEstimate>[0], format: (x: number) => string) => {
      const x = formatEstimate(e, format);
      return `${x.value} (95 % CI ${x.ci})`;
    };
    extra.push(
      `Loss of the leader's region (active/active, single leader): ${f(recovery.outages, (x) => x.toFixed(1))} per ` +
        `replication; RTO: the next leader after ${f(recovery.rto.election.mean, formatDuration)}, the first write ` +
        `answered under it after ${f(recovery.rto.write.mean, formatDuration)}; RPO: ` +
        `${f(recovery.rpo.writesLost.mean, (x) => x.toFixed(1))} acknowledged writes the next leader lacks; the nodes ` +
        `outside the lost region: ${f(recovery.cost.secondRegionNodeHours, (x) => x.toFixed(2))} node-hours per replication.`,
    );
  }
  return { rows, extra };
}

export function regionsMarkdown(regions: RegionsSummary | undefined): string[] {
  if (regions === undefined) return [];
  const t = tables(regions);
  return [
    '',
    `## ${REGIONS_TITLE}`,
    '',
    REGIONS_NOTE,
    '',
    ...markdownTable(COLUMNS, t.rows, [false, true, true, true, true, true, true]),
    '',
    ...t.extra.flatMap((line, i) => (i === 0 ? [line] : ['', line])),
  ];
}

export function regionsHtml(regions: RegionsSummary | undefined): string {
  if (regions === undefined) return '';
  const t = tables(regions);
  const columns = COLUMNS.map((header, i) => ({ header: capitalized(header), numeric: i > 0 }));
  return (
    `<section id="regions">\n<h2>${escapeHtml(REGIONS_TITLE)}</h2>\n<p class="note">${escapeHtml(REGIONS_NOTE)}</p>\n` +
    `${htmlTable('regions', columns, t.rows)}\n${t.extra.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}\n</section>\n`
  );
}
