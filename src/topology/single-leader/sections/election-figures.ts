import { nonNegative } from '../../../metrics/confidence.js';
import { replicationColumns } from '../../../metrics/replication-column.js';
import type { ReplicationView } from '../../section.js';
import type { SingleLeaderOutcome } from '../replicated-store.js';
import { SINGLE_LEADER_SECTION } from './ids.js';
import type { ElectionRow, Summary } from '../../../experiment/result.js';

/** A quantile of sorted values (linear interpolation between order statistics). */
function quantileOfSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** An election whose end the run did not see: no leader was back when it stopped. */
function isOpen(failover: { end: number }): boolean {
  return Number.isNaN(failover.end);
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * The single-leader topology's elections and lost writes (`elections`, `writes.acknowledgedLost`), and every
 * election as a row: per replication its failovers' figures, then across replications.
 */
export class ElectionFigures {
  private readonly columns = replicationColumns(
    'count',
    'timeMean',
    'timeP50',
    'timeP99',
    'timeMax',
    'rounds',
    'falseElections',
    'open',
    'acknowledgedLost',
  );
  private readonly electionRows: ElectionRow[] = [];
  private anySingleLeader = false;

  add(o: ReplicationView): void {
    const failovers = (o.sections[SINGLE_LEADER_SECTION] as SingleLeaderOutcome | undefined)?.failovers ?? [];
    this.anySingleLeader ||= o.sections[SINGLE_LEADER_SECTION] !== undefined;
    // An election without a leader back by the end of the run (split votes forever, a quorum never regained) is
    // censored: it counts up to the window's end (the failover times are relative to the warm-up's end, so the
    // window ends at measuredTime), a lower bound of its duration, rather than being left out as if it had cost
    // nothing.
    const durations = failovers
      .map((f) => (isOpen(f) ? Math.max(0, o.measuredTime - f.lostAt) : f.end - f.lostAt))
      .sort((a, b) => a - b);
    this.columns.count.push(failovers.length);
    // Replications without an election have no time without a leader and no rounds: left out of those figures.
    if (durations.length > 0) {
      this.columns.timeMean.push(mean(durations));
      this.columns.timeP50.push(quantileOfSorted(durations, 0.5));
      this.columns.timeP99.push(quantileOfSorted(durations, 0.99));
      this.columns.timeMax.push(durations[durations.length - 1]);
      this.columns.rounds.push(mean(failovers.map((f) => f.rounds)));
    }
    this.columns.falseElections.push(failovers.filter((f) => f.falseElection === true).length);
    this.columns.open.push(failovers.filter(isOpen).length);
    this.columns.acknowledgedLost.push((o.sections[SINGLE_LEADER_SECTION] as SingleLeaderOutcome | undefined)?.acknowledgedLost ?? 0);
    for (const f of failovers) {
      this.electionRows.push({
        replication: o.index,
        start: f.lostAt,
        end: f.end,
        duration: f.end - f.lostAt,
        term: f.term,
        rounds: f.rounds,
        cause: f.cause,
      });
    }
  }

  summary(): Required<Pick<Summary, 'elections' | 'writes'>> {
    return {
      elections: {
        count: this.columns.count.estimate(nonNegative),
        timeWithoutLeader: {
          mean: this.columns.timeMean.estimate(nonNegative),
          p50: this.columns.timeP50.estimate(nonNegative),
          p99: this.columns.timeP99.estimate(nonNegative),
          max: this.columns.timeMax.estimate(nonNegative),
        },
        rounds: { mean: this.columns.rounds.estimate(nonNegative) },
        falseElections: this.columns.falseElections.estimate(nonNegative),
        open: this.columns.open.estimate(nonNegative),
      },
      writes: { acknowledgedLost: this.columns.acknowledgedLost.estimate(nonNegative) },
    };
  }

  /** Every election of every replication in its measured window; undefined unless the topology is single-leader. */
  rows(): ElectionRow[] | undefined {
    return this.anySingleLeader ? this.electionRows : undefined;
  }
}
