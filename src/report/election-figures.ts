/**
 * The single-leader topology's elections and lost writes as rows of formatted text, shared by summary.md and
 * report.html (like summary-figures.ts) so the two always agree. Only used when the summary has `elections`.
 */
import type { Estimate, Summary } from '../experiment/result.js';
import { formatCount, formatDuration, formatEstimate, formatPercent, formatTrimmed, NO_INTERVAL } from './format.js';
import type { FigureRow } from './summary-figures.js';

/** Counts per replication: a mean, so fractional (`4.8`); large ones grouped like formatCount. */
const perReplication = (x: number) => (Math.abs(x) >= 1000 ? formatCount(x) : formatTrimmed(x, 4));

function row(figure: string, estimate: Estimate, format: (x: number) => string): FigureRow {
  return { figure, ...formatEstimate(estimate, format) };
}

export const ELECTIONS_TITLE = 'Leader elections';

export const ELECTIONS_NOTE =
  'Single-leader topology. An election is a loss of the leader in the measured window (a crash, or too few ' +
  'followers left); the time without a leader runs from that loss to a new leader. Its mean, p50, p99 and max are ' +
  'taken per replication over its elections (replications without one left out), rounds are the terms tried per ' +
  'election, and an acknowledged write is lost when a later leader\u2019s log lacks it; then means over replications.';

/** The figures of the "Leader elections" section; empty when the summary has none (not a single-leader run). */
export function electionFigureRows(summary: Summary): FigureRow[] {
  const { elections, writes } = summary;
  if (elections === undefined) return [];
  const none = elections.count.value === 0;
  const plain = (figure: string, value: string): FigureRow => ({ figure, value, ci: NO_INTERVAL });
  const time = elections.timeWithoutLeader;
  const rows: FigureRow[] = [
    row('Elections per replication', elections.count, perReplication),
    ...(none
      ? [plain('Time without a leader', 'no election'), plain('Rounds per election', 'no election')]
      : [
          row('Time without a leader mean', time.mean, formatDuration),
          row('Time without a leader p50', time.p50, formatDuration),
          row('Time without a leader p99', time.p99, formatDuration),
          row('Time without a leader max', time.max, formatDuration),
          row('Rounds per election', elections.rounds.mean, (x) => formatTrimmed(x, 3)),
        ]),
  ];
  if (writes !== undefined) rows.push(row('Acknowledged writes lost per replication', writes.acknowledgedLost, perReplication));
  const scheduler = summary.scheduler;
  if (scheduler !== undefined) {
    rows.push(
      row('Scheduler (leader) utilisation', scheduler.leaderUtilization, formatPercent),
      row('Tasks reassigned per replication', scheduler.reassigned, perReplication),
      row('Duplicate executions per replication', scheduler.duplicates, perReplication),
    );
  }
  return rows;
}
