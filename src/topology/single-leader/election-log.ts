/**
 * Why the cluster lost its leader:
 * - `start`: the cluster started without one;
 * - `leader-crash`: the leader crashed;
 * - `partition`: a partition cut the leader off from a majority;
 * - `quorum-lost`: too many followers crashed for the leader to reach a majority;
 * - `step-down`: the leader learned of a higher term (a follower's election timer fired while the leader lived: a
 *   late heartbeat, or a server returning from a partition with an inflated term);
 * - `timeout`: a follower's timer fired and it won before the old leader noticed (a handover without a gap).
 */
export type ElectionCause = 'start' | 'leader-crash' | 'partition' | 'quorum-lost' | 'step-down' | 'timeout';

/** A server whose election timer fired: it became a candidate for `term` at `time`. */
export interface Candidacy {
  time: number;
  server: number;
  term: number;
  /**
   * Whether the candidate was in the term of the cluster's leader of that moment and the network joined them: the
   * timer fired although the leader was alive, led a majority and could be heard (its heartbeats came late, or the
   * timeout is shorter than their gaps), not because it crashed or was cut off, and not on the return of a server
   * cut off earlier (its term had moved past the leader's).
   */
  leaderReachable: boolean;
}

/** A candidate won its term's election (every win, including one that is soon cut off by a partition). */
export interface LeaderElected {
  time: number;
  term: number;
  leader: number;
}

/** The cluster's leader from `time` on: -1 when none (see `ElectionLog`). */
export interface LeadershipChange {
  time: number;
  leader: number;
  term: number;
}

/** One interval without a leader, from losing it to having one again (normally by an election). */
export interface ElectionRecord {
  cause: ElectionCause;
  /** When the cluster lost its leader (for `start`, when it started; for `timeout`, the handover time). */
  lostAt: number;
  /** The leader lost and its term (-1 and 0 for `start`). */
  previousLeader: number;
  previousTerm: number;
  /** The first candidacy of this election (NaN when there was none: the old leader regained a majority). */
  start: number;
  /** When a leader with a majority of servers behind it was back (NaN while open). */
  end: number;
  /** The leader at `end` and its term (-1 and NaN while open). */
  leader: number;
  term: number;
  /**
   * Number of distinct terms tried by candidates so far (0 when the old leader came back without an election).
   */
  rounds: number;
  /** Every candidacy counted in this election, in time order. */
  candidacies: Candidacy[];
  /**
   * A false election: the leader was deposed (`step-down`) or replaced (`timeout`) by a candidacy started while it was
   * alive and reachable by a majority and by the candidate (see `Candidacy.leaderReachable`), not lost to a crash
   * or a partition. A server that stood for election while cut off and deposes the leader on its return does not
   * count: it could not hear the leader.
   */
  falseElection: boolean;
}

/**
 * Every election of a cluster and the leadership over time.
 *
 * "The cluster has a leader" means: some server that is up, believes it leads, and can reach a majority of the
 * servers (itself included; only servers that are up and have not moved to a higher term count) through the network;
 * among several (a deposed leader that has not yet heard of the higher term), the one of the highest term. A deposed
 * leader cut off in a minority is therefore not the cluster's leader, even while it still believes it is. The
 * cluster reports its leader after every event that can change it; each interval without one becomes an
 * `ElectionRecord`.
 *
 * Candidacies count towards the election in progress. A candidacy while the cluster has a leader (a follower cut
 * off in a minority, or whose heartbeats came late) counts in `candidaciesWhileLed`; if it deposes the leader (its
 * higher term makes the leader step down) or wins outright, the election that follows counts it and every
 * candidacy after it.
 */
export class ElectionLog {
  readonly records: ElectionRecord[] = [];
  /** Every leadership change, in time order (with `recordHistory`; else the last one only). */
  readonly changes: LeadershipChange[] = [];
  /** Every election won (with `recordHistory`; else empty). */
  readonly elected: LeaderElected[] = [];
  /** Candidacies started while the cluster had a leader (false or disruptive timeouts). */
  candidaciesWhileLed = 0;
  private open: ElectionRecord | null = null;
  /** The terms tried in the open election. */
  private openTerms = new Set<number>();
  /** Candidacies while the cluster had a leader, within `lookback` seconds. */
  private recent: Candidacy[] = [];
  private ledBy = -1;
  private ledTerm = 0;

  /**
   * `lookback`: how long a candidacy made while the cluster had a leader may still be counted by the next election.
   * `recordHistory`: keep every change and win (false: the last change only, so `leaderAt` answers for times since
   * then only; what a long run needs, whose memory must not grow with its length).
   */
  constructor(
    private readonly lookback: number,
    private readonly recordHistory = true,
  ) {}

  /** The latest leadership change, if any. */
  get lastChange(): LeadershipChange | undefined {
    return this.changes[this.changes.length - 1];
  }

  /** The cluster's leader now, or -1. */
  get leader(): number {
    return this.ledBy;
  }

  get leaderTerm(): number {
    return this.ledTerm;
  }

  /** The election in progress, if any. */
  get current(): ElectionRecord | null {
    return this.open;
  }

  /** The cluster starts without a leader at `time`. */
  begin(time: number): void {
    if (this.open === null && this.ledBy === -1) this.openRecord(time, 'start', 0);
  }

  /** The cluster starts with `leader` already in office (no election recorded). */
  establish(time: number, leader: number, term: number): void {
    this.open = null;
    this.ledBy = leader;
    this.ledTerm = term;
    this.recordChange({ time, leader, term });
  }

  /** `leaderReachable`: `server` is in the term of the cluster's leader and reaches it (see `Candidacy`). */
  candidacy(time: number, server: number, term: number, leaderReachable = false): void {
    const c: Candidacy = { time, server, term, leaderReachable };
    if (this.open !== null) {
      this.open.candidacies.push(c);
      if (Number.isNaN(this.open.start)) this.open.start = time;
      this.openTerms.add(term);
      this.open.rounds = this.openTerms.size;
      return;
    }
    this.candidaciesWhileLed++;
    const recent = this.recent;
    let drop = 0;
    while (drop < recent.length && recent[drop].time < time - this.lookback) drop++;
    if (drop > 0) recent.splice(0, drop);
    recent.push(c);
  }

  leaderElected(time: number, leader: number, term: number): void {
    if (this.recordHistory) this.elected.push({ time, term, leader });
  }

  /**
   * The cluster's leader after an event at `time` (-1 for none). `cause` explains a loss; `causeTerm` is the term
   * that deposed the leader (`step-down`) or the winner's term (`timeout`). Returns whether the leader changed.
   */
  leadership(time: number, leader: number, term: number, cause: ElectionCause, causeTerm = 0): boolean {
    if (leader === this.ledBy && (leader === -1 || term === this.ledTerm)) return false;
    this.recordChange({ time, leader, term });
    if (leader === -1) {
      this.openRecord(time, cause, cause === 'step-down' ? causeTerm : 0);
    } else {
      if (this.open === null) this.openRecord(time, this.ledBy === -1 ? 'start' : 'timeout', term);
      this.close(time, leader, term);
    }
    this.ledBy = leader;
    this.ledTerm = leader === -1 ? 0 : term;
    return true;
  }

  /** The cluster's leader at `time` (after every change at that time), or -1. */
  leaderAt(time: number): number {
    const changes = this.changes;
    let lo = 0;
    let hi = changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (changes[mid].time <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? -1 : changes[lo - 1].leader;
  }

  /** Closed records. */
  finished(): ElectionRecord[] {
    return this.records.filter((r) => !Number.isNaN(r.end));
  }

  /** For every closed record, the time without a leader: end - lostAt. */
  timesWithoutLeader(): number[] {
    return this.finished().map((r) => r.end - r.lostAt);
  }

  private recordChange(change: LeadershipChange): void {
    if (!this.recordHistory) this.changes.length = 0;
    this.changes.push(change);
  }

  private openRecord(time: number, cause: ElectionCause, causeTerm: number): void {
    // A deposing or winning candidacy made while the cluster still had its leader opens the window early.
    let windowStart = time;
    if (causeTerm > 0) {
      const first = this.recent.find((c) => c.term === causeTerm && c.time >= time - this.lookback);
      if (first !== undefined && first.time < windowStart) windowStart = first.time;
    }
    const candidacies = this.recent.filter((c) => c.time >= windowStart && c.time >= time - this.lookback);
    this.recent = [];
    this.openTerms = new Set(candidacies.map((c) => c.term));
    const record: ElectionRecord = {
      cause,
      lostAt: time,
      previousLeader: this.ledBy,
      previousTerm: this.ledTerm,
      start: candidacies.length > 0 ? candidacies[0].time : NaN,
      end: NaN,
      leader: -1,
      term: NaN,
      rounds: this.openTerms.size,
      candidacies,
      falseElection:
        (cause === 'step-down' || cause === 'timeout') && candidacies.length > 0 && candidacies[0].leaderReachable,
    };
    this.records.push(record);
    this.open = record;
  }

  private close(time: number, leader: number, term: number): void {
    const record = this.open!;
    record.end = time;
    record.leader = leader;
    record.term = term;
    this.open = null;
    this.recent = [];
  }
}
