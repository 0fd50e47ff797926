/**
 * The single-leader topology's elections and lost writes as rows of formatted text, shared by summary.md and
 * report.html (like summary-figures.ts) so the two always agree. Only used when the summary has `elections`.
 */
import type { ElectionRow, Estimate, Summary } from '../../../experiment/result.js';
import { formatCount, formatDuration, formatEstimate, formatPercent, formatTrimmed, NO_INTERVAL } from '../../../report/format.js';
import { formatInstant } from '../../../report/reliability-figures.js';
import type { FigureRow } from '../../../report/summary-figures.js';

/** Counts per replication: a mean, so fractional (`4.8`); large ones grouped like formatCount. */
const perReplication = (x: number) => (Math.abs(x) >= 1000 ? formatCount(x) : formatTrimmed(x, 4));

function row(figure: string, estimate: Estimate, format: (x: number) => string): FigureRow {
  return { figure, ...formatEstimate(estimate, format) };
}

export const ELECTIONS_TITLE = 'Leader elections';

export const ELECTIONS_NOTE =
  'Single-leader topology. An election is a loss of the leader in the measured window (a crash, a partition, too ' +
  'few followers left, or a follower\u2019s timeout); the time without a leader runs from that loss to a new ' +
  'leader. Its mean, p50, p99 and max are ' +
  'taken per replication over its elections (replications without one left out), rounds are the terms tried per ' +
  'election, and an acknowledged write is lost when a later leader\u2019s log lacks it; then means over replications. ' +
  'A false election deposed a leader that was alive and reachable by a majority: a follower\u2019s timeout fired ' +
  'because heartbeats came late, not because the leader crashed or was cut off. An election still open when the ' +
  'run stopped (no leader back: split votes forever, or no majority left) counts up to the end of the window, a ' +
  'lower bound of its time without a leader (censored); the elections still open are counted when there are any.';

/** The figures of the "Leader elections" section; empty when the summary has none (not a single-leader run). */
export function electionFigureRows(summary: Summary): FigureRow[] {
  const { elections, writes } = summary;
  if (elections === undefined) return [];
  const none = elections.count.value === 0;
  const plain = (figure: string, value: string): FigureRow => ({ figure, value, ci: NO_INTERVAL });
  const time = elections.timeWithoutLeader;
  const rows: FigureRow[] = [
    row('Elections per replication', elections.count, perReplication),
    row('False elections per replication', elections.falseElections, perReplication),
    // Shown only when some election stayed open, so that the usual table is what it was.
    ...((elections.open.value ?? 0) > 0
      ? [row('Elections still open at the end per replication', elections.open, perReplication)]
      : []),
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
  rows.push(...replicatedFigureRows(summary));
  const scheduler = summary.scheduler;
  if (scheduler !== undefined) {
    rows.push(
      row('Scheduler (leader) utilisation', scheduler.leaderUtilization, formatPercent),
      ...(scheduler.leaderNicUtilization === undefined
        ? []
        : [row('Scheduler (leader) NIC utilisation', scheduler.leaderNicUtilization, formatPercent)]),
      row('Tasks reassigned per replication', scheduler.reassigned, perReplication),
      row('Duplicate executions per replication', scheduler.duplicates, perReplication),
    );
  }
  return rows;
}

/**
 * The replicated store's write unavailability (time- and request-based) and, with `reads: any`, the staleness of
 * follower reads; empty for other runs.
 */
function replicatedFigureRows(summary: Summary): FigureRow[] {
  const rows: FigureRow[] = [];
  const writes = summary.writes;
  if (writes?.unavailableTime !== undefined) {
    rows.push(row('Write unavailability: time without a leader per replication', writes.unavailableTime, formatDuration));
    if (writes.unavailableFraction) {
      rows.push(row('Write unavailability: fraction of the window', writes.unavailableFraction, formatPercent));
    }
    if (writes.failedFraction) rows.push(row('Writes failed (any cause)', writes.failedFraction, formatPercent));
    if (writes.noLeaderFraction) rows.push(row('Writes failed: no leader', writes.noLeaderFraction, formatPercent));
    if (writes.failedDuringFailover) {
      rows.push(row('Requests failed during failovers per replication', writes.failedDuringFailover, perReplication));
    }
  }
  const staleness = summary.reads?.staleness;
  if (staleness !== undefined) {
    const count = (x: number) => formatTrimmed(x, 4);
    rows.push(
      row('Reads served by followers', staleness.servedByFollowers, formatPercent),
      row('Stale follower reads', staleness.staleFraction, formatPercent),
      row('Follower read: writes behind mean', staleness.writesBehind.mean, count),
      row('Follower read: writes behind p99', staleness.writesBehind.p99, count),
      row('Follower read: writes behind max', staleness.writesBehind.max, count),
      row('Follower read: time behind mean', staleness.timeBehind.mean, formatDuration),
      row('Follower read: time behind p50', staleness.timeBehind.p50, formatDuration),
      row('Follower read: time behind p99', staleness.timeBehind.p99, formatDuration),
      row('Follower read: time behind max', staleness.timeBehind.max, formatDuration),
    );
  }
  return rows;
}

/** How to read the replicated store's figures; null when the summary has none of them. */
export function replicatedFiguresNote(summary: Summary): string | null {
  const parts: string[] = [];
  if (summary.writes?.unavailableTime !== undefined) {
    parts.push(
      'Write unavailability: the time without a leader is every failover overlapping the measured window, clipped ' +
        'to it (time-based); writes failed are the measured writes that failed, of those that finished ' +
        '(request-based); requests failed during failovers failed while there was no leader or in the crash that ' +
        'took it. summary.json has the writes failed per cause.',
    );
  }
  if (summary.reads?.staleness !== undefined) {
    parts.push(
      'Read staleness (reads: any): a follower serves what it has applied (its log up to its commit index). A ' +
        'follower read is stale when committed writes were missing: writes behind counts them, time behind is how ' +
        'long ago the oldest of them was committed (0 when none). Figures over follower reads, per replication, ' +
        'then means over replications.',
    );
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The HTML and markdown tables of elections stop here; elections.csv always has every row. */
export const MAX_ELECTION_ROWS_SHOWN = 50;

export const ELECTION_LIST_TITLE = 'Elections';

export const ELECTION_COLUMNS = ['replication', 'start', 'end', 'time without leader', 'term', 'rounds', 'cause'] as const;

export interface ElectionTable {
  /** At most MAX_ELECTION_ROWS_SHOWN rows, in the producer's order (by replication, then start). */
  rows: string[][];
  /** Says what the table is and, when it was cut, that elections.csv has the rest. */
  note: string;
}

export const NO_ELECTION_TEXT = 'No election: the leader was never lost in the measured window of any replication.';

/** A count that may be missing (NaN: no leader came back before the run ended). */
function formatWhole(x: number): string {
  return Number.isFinite(x) ? String(x) : formatTrimmed(x);
}

export function electionTable(elections: readonly ElectionRow[]): ElectionTable {
  const shown = elections.slice(0, MAX_ELECTION_ROWS_SHOWN);
  const rows = shown.map((e) => [
    String(e.replication),
    formatInstant(e.start),
    formatInstant(e.end),
    formatDuration(e.duration),
    formatWhole(e.term),
    formatWhole(e.rounds),
    e.cause,
  ]);
  const times =
    'Every election: start (the leader lost) and end (a leader back) in seconds after the warm-up, the new ' +
    'leader\u2019s term, the terms tried (rounds) and why the leader was lost.';
  const note =
    elections.length > shown.length
      ? `Showing the first ${formatCount(shown.length)} of ${formatCount(elections.length)} elections; elections.csv ` +
        `lists all of them. ${times}`
      : `${times} elections.csv has the exact values.`;
  return { rows, note };
}
