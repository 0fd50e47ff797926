import type { LeaderElected } from './election-log.js';
import type { RaftLog } from './raft-log.js';
import { TermRuns } from './term-runs.js';

/** A vote granted: `voter` voted for `candidate` in `term` (a candidate's vote for itself included). */
export interface VoteRecord {
  time: number;
  voter: number;
  candidate: number;
  term: number;
}

/** Raft's Election Safety: at most one leader per term. One message per term that had two. */
export function electionSafetyViolations(elected: readonly LeaderElected[]): string[] {
  const leaderOf = new Map<number, number>();
  const problems: string[] = [];
  for (const e of elected) {
    const other = leaderOf.get(e.term);
    if (other === undefined) leaderOf.set(e.term, e.leader);
    else if (other !== e.leader) problems.push(`term ${e.term} has two leaders: ${other} and ${e.leader} (t = ${e.time})`);
  }
  return problems;
}

/** A server votes at most once per term: one message per (voter, term) that granted votes to two candidates. */
export function doubleVotes(votes: readonly VoteRecord[]): string[] {
  const votedFor = new Map<string, number>();
  const problems: string[] = [];
  for (const v of votes) {
    const key = `${v.voter}/${v.term}`;
    const other = votedFor.get(key);
    if (other === undefined) votedFor.set(key, v.candidate);
    else if (other !== v.candidate) {
      problems.push(`server ${v.voter} voted for ${other} and ${v.candidate} in term ${v.term} (t = ${v.time})`);
    }
  }
  return problems;
}

/**
 * Checks Raft's safety properties as the run goes (Ongaro and Ousterhout 2014, figure 3):
 * - Election Safety: at most one leader per term;
 * - State Machine Safety, as seen by commits: an index is never committed with two different entries;
 * - Leader Completeness: an entry committed in term T is in the log of every leader of a term > T, checked when
 *   each leader is elected (optional: it costs O(committed entries) per election, and memory per committed entry).
 *
 * The committed entries' terms are kept as runs (they never decrease along the committed prefix): without the
 * completeness check, memory grows with terms, not with commits.
 */
export class SafetyMonitor {
  readonly violations: string[] = [];
  private readonly leaderOfTerm = new Map<number, number>();
  /** The committed entries' terms, index 1 first (-1 for an index skipped by a commit gap). */
  private readonly committedTerm = new TermRuns();
  /** For committed index i at [i - 1]: the lowest leader term in which it was committed (completeness check only). */
  private readonly committedIn: number[] = [];

  constructor(private readonly checkCompleteness: boolean) {}

  /** Number of distinct committed indices. */
  get committedEntries(): number {
    return this.committedTerm.lastIndex;
  }

  violation(message: string): void {
    this.violations.push(message);
  }

  leaderElected(time: number, term: number, leader: number, log: RaftLog): void {
    const other = this.leaderOfTerm.get(term);
    if (other === undefined) this.leaderOfTerm.set(term, leader);
    else if (other !== leader) this.violations.push(`election safety: term ${term} has leaders ${other} and ${leader} (t = ${time})`);
    if (!this.checkCompleteness) return;
    const terms = this.committedTerm;
    for (let k = 0; k < terms.lastIndex; k++) {
      const entryTerm = terms.termAt(k + 1);
      if (this.committedIn[k] < term && log.termAt(k + 1) !== entryTerm) {
        this.violations.push(
          `leader completeness: leader ${leader} of term ${term} lacks committed entry ${k + 1} (term ${entryTerm}, ` +
            `committed in term ${this.committedIn[k]}); it has term ${log.termAt(k + 1)} there (t = ${time})`,
        );
        return;
      }
    }
  }

  committed(time: number, index: number, entryTerm: number, leaderTerm: number, leader: number): void {
    const k = index - 1;
    const terms = this.committedTerm;
    if (index > terms.lastIndex) {
      if (index > terms.lastIndex + 1) {
        this.violations.push(`commit gap: leader ${leader} committed index ${index} with ${terms.lastIndex} known (t = ${time})`);
        while (terms.lastIndex < k) terms.push(-1);
      }
      terms.push(entryTerm);
      if (this.checkCompleteness) this.committedIn[k] = leaderTerm;
      return;
    }
    const known = terms.termAt(index);
    if (known === -1) return; // skipped by a gap, already reported
    if (known !== entryTerm) {
      this.violations.push(
        `state machine safety: index ${index} committed with term ${known} and, by leader ${leader} in term ${leaderTerm}, with term ${entryTerm} (t = ${time})`,
      );
    } else if (this.checkCompleteness && leaderTerm < this.committedIn[k]) {
      this.committedIn[k] = leaderTerm;
    }
  }
}
