import { describe, expect, it } from 'vitest';
import { atLeastAsUpToDate, commitIndexFor, RaftLog } from '../../../../src/topology/single-leader/index.js';

function logOf(terms: number[]): RaftLog {
  const log = new RaftLog();
  for (const t of terms) log.append(t);
  return log;
}

describe('the up-to-date rule (Raft section 5.4.1)', () => {
  it('compares the last terms first, then the lengths', () => {
    expect(atLeastAsUpToDate(3, 1, 2, 10)).toBe(true); // higher last term wins whatever the length
    expect(atLeastAsUpToDate(2, 10, 3, 1)).toBe(false);
    expect(atLeastAsUpToDate(2, 5, 2, 5)).toBe(true); // equal logs: granted
    expect(atLeastAsUpToDate(2, 6, 2, 5)).toBe(true);
    expect(atLeastAsUpToDate(2, 4, 2, 5)).toBe(false); // same last term, shorter: refused
    expect(atLeastAsUpToDate(0, 0, 0, 0)).toBe(true); // two empty logs
    expect(atLeastAsUpToDate(0, 0, 1, 1)).toBe(false);
  });
});

describe('RaftLog', () => {
  it('indexes from 1, index 0 being the empty prefix of term 0', () => {
    const log = logOf([1, 1, 2]);
    expect(log.lastIndex).toBe(3);
    expect(log.lastTerm).toBe(2);
    expect(log.termAt(0)).toBe(0);
    expect(log.termAt(3)).toBe(2);
    expect(log.termAt(4)).toBe(-1);
    expect(log.matches(0, 0)).toBe(true);
    expect(log.matches(2, 1)).toBe(true);
    expect(log.matches(3, 1)).toBe(false);
    expect(log.entriesFrom(2)).toEqual([1, 2]);
    expect(new RaftLog().lastTerm).toBe(0);
  });

  it('keeps entries that agree, so a delayed shorter AppendEntries never truncates newer ones', () => {
    const log = logOf([1, 1, 2, 2]);
    expect(log.merge(1, [1])).toBe(2);
    expect(log.allTerms()).toEqual([1, 1, 2, 2]);
    expect(log.merge(4, [])).toBe(4);
    expect(log.allTerms()).toEqual([1, 1, 2, 2]);
  });

  it('deletes a conflicting entry and all that follow it, then appends', () => {
    const log = logOf([1, 1, 2, 2, 2]);
    expect(log.merge(2, [3, 3])).toBe(4);
    expect(log.allTerms()).toEqual([1, 1, 3, 3]);
    expect(log.merge(4, [3])).toBe(5);
    expect(log.allTerms()).toEqual([1, 1, 3, 3, 3]);
  });

  it('hints where a leader should retry: its length when too short, else before the conflicting term', () => {
    const log = logOf([1, 1, 2, 2, 2]);
    expect(log.retryHint(8)).toBe(5);
    expect(log.retryHint(4)).toBe(2); // entry 4 has term 2, which starts at 3: retry after 2
    expect(log.retryHint(1)).toBe(0);
  });
});

describe('the commit rule', () => {
  it('commits the highest entry of the current term that a majority holds, and earlier ones with it', () => {
    const log = logOf([1, 1, 3, 3, 3]); // the leader (server 0) of term 3, five servers, majority 3
    expect(commitIndexFor(log, 3, 0, Int32Array.from([0, 4, 3, 0, 0]), 0, 3)).toBe(3); // 0 (own log), 1, 2 hold 3; only 0, 1 hold 4
    expect(commitIndexFor(log, 3, 0, Int32Array.from([0, 5, 5, 0, 0]), 0, 3)).toBe(5);
    expect(commitIndexFor(log, 3, 4, Int32Array.from([0, 2, 2, 2, 2]), 0, 3)).toBe(4); // nothing new
  });

  it('never commits an entry of an earlier term by counting replicas (figure 8)', () => {
    const log = logOf([1, 2]); // leader of term 4 holding entry 2 of term 2 on a majority
    expect(commitIndexFor(log, 4, 1, Int32Array.from([0, 2, 2, 0, 0]), 0, 3)).toBe(1);
    log.append(4);
    expect(commitIndexFor(log, 4, 1, Int32Array.from([0, 2, 2, 0, 0]), 0, 3)).toBe(1);
    expect(commitIndexFor(log, 4, 1, Int32Array.from([0, 3, 3, 0, 0]), 0, 3)).toBe(3); // with entry 3 of term 4
  });
});
