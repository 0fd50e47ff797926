import { describe, expect, it } from 'vitest';
import { EntrySizes } from '../../../../src/topology/single-leader/entry-sizes.js';
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

describe('compaction (Raft section 7)', () => {
  function sizedLog(terms: number[], size = 10): RaftLog {
    const log = new RaftLog();
    for (const t of terms) log.append(t, size);
    return log;
  }

  it('drops the sizes up to the snapshot, keeps every term, and sums the bytes it covers', () => {
    const log = sizedLog([1, 1, 2, 2, 2, 3]);
    log.compactTo(4);
    expect(log.snapshotIndex).toBe(4);
    expect(log.snapshotTerm).toBe(2);
    expect(log.snapshotBytes).toBe(40);
    expect(log.heldEntries).toBe(2);
    expect(log.lastIndex).toBe(6);
    expect(log.lastTerm).toBe(3);
    expect(log.allTerms()).toEqual([1, 1, 2, 2, 2, 3]);
    expect(log.entriesFrom(5)).toEqual([2, 3]);
    expect(log.bytesFrom(5)).toBe(20);
    expect(log.sizesFrom(6)).toEqual([10]);
    expect(() => log.entriesFrom(4)).toThrow(/compacted/);
    expect(() => log.bytesFrom(1)).toThrow(/compacted/);
    log.compactTo(3); // already covered: nothing happens
    expect(log.snapshotIndex).toBe(4);
    expect(() => log.compactTo(7)).toThrow(RangeError);
  });

  it('a log compacted to its last entry answers lastIndex and lastTerm from the snapshot', () => {
    const log = sizedLog([1, 2, 2]);
    log.compactTo(3);
    expect(log.heldEntries).toBe(0);
    expect([log.lastIndex, log.lastTerm]).toEqual([3, 2]);
    // The voting rule on such a log: (3, 2) against candidates.
    expect(atLeastAsUpToDate(2, 3, log.lastTerm, log.lastIndex)).toBe(true);
    expect(atLeastAsUpToDate(2, 2, log.lastTerm, log.lastIndex)).toBe(false);
    expect(atLeastAsUpToDate(3, 1, log.lastTerm, log.lastIndex)).toBe(true);
    // Appending after it works as usual.
    expect(log.append(4, 5)).toBe(4);
    expect(log.bytesFrom(4)).toBe(5);
  });

  it('merges around the snapshot: entries below it are skipped, a conflict above it truncates as before', () => {
    const log = sizedLog([1, 1, 2, 2, 2]);
    log.compactTo(3);
    // A leader of term 3 resends 2 .. 5 with a new entry 5: entries 2, 3 are committed (skipped), 4 agrees, 5 conflicts.
    expect(log.merge(1, [1, 2, 2, 3], [7, 7, 7, 7])).toBe(5);
    expect(log.allTerms()).toEqual([1, 1, 2, 2, 3]);
    expect(log.sizesFrom(4)).toEqual([10, 7]);
  });

  it('hints a retry never below its snapshot (committed entries match every legitimate leader)', () => {
    const log = sizedLog([1, 1, 2, 2, 2, 2]);
    expect(log.retryHint(6)).toBe(2);
    log.compactTo(4);
    expect(log.retryHint(6)).toBe(4);
    expect(log.retryHint(9)).toBe(6);
  });

  it('installs a snapshot: keeps a matching suffix, replaces a conflicting log, ignores an older snapshot', () => {
    const leader = sizedLog([1, 1, 2, 2, 3, 3]);
    leader.compactTo(4);

    const behind = sizedLog([1, 1]);
    expect(behind.installSnapshot(4, 2, 40, leader.termsThrough(4))).toBe(true);
    expect([behind.snapshotIndex, behind.snapshotTerm, behind.snapshotBytes, behind.lastIndex]).toEqual([4, 2, 40, 4]);
    expect(behind.allTerms()).toEqual([1, 1, 2, 2]);

    const ahead = sizedLog([1, 1, 2, 2, 3, 3, 3]); // holds (4, 2): keeps 5 .. 7
    expect(ahead.installSnapshot(4, 2, 40, leader.termsThrough(4))).toBe(true);
    expect([ahead.snapshotIndex, ahead.lastIndex, ahead.heldEntries]).toEqual([4, 7, 3]);
    expect(ahead.allTerms()).toEqual([1, 1, 2, 2, 3, 3, 3]);

    const conflicting = sizedLog([1, 1, 1, 1, 1, 1, 1, 1]); // a stale term-1 suffix: replaced whole
    expect(conflicting.installSnapshot(4, 2, 40, leader.termsThrough(4))).toBe(true);
    expect(conflicting.allTerms()).toEqual([1, 1, 2, 2]);
    expect(conflicting.heldEntries).toBe(0);

    expect(conflicting.installSnapshot(3, 2, 30, leader.termsThrough(3))).toBe(false);
    expect(conflicting.snapshotIndex).toBe(4);
  });

  it('holds one term run per term, however many entries: the memory of a long log', () => {
    const log = new RaftLog();
    for (let term = 1; term <= 5; term++) for (let k = 0; k < 10_000; k++) log.append(term, 1);
    log.compactTo(49_990);
    expect(log.lastIndex).toBe(50_000);
    expect(log.heldEntries).toBe(10);
    expect(log.termsThrough(49_990).runs).toBe(5);
    expect(log.termAt(10_000)).toBe(1);
    expect(log.termAt(10_001)).toBe(2);
    expect(log.termAt(49_990)).toBe(5);
    expect(log.snapshotBytes).toBe(49_990);
  });
});

describe('EntrySizes: the queue of held sizes', () => {
  it('keeps its values in order across compactions, truncations and growth', () => {
    const sizes = new EntrySizes();
    const reference: number[] = [];
    let next = 0;
    // A mix driven by a fixed pattern: push 100, drop 70, truncate 5, ... over many rounds.
    for (let round = 0; round < 50; round++) {
      for (let k = 0; k < 100; k++) {
        sizes.push(next);
        reference.push(next++);
      }
      const dropped = sizes.dropFront(70);
      expect(dropped).toBe(reference.splice(0, 70).reduce((a, b) => a + b, 0));
      sizes.truncate(sizes.length - 5);
      reference.length -= 5;
    }
    expect(sizes.length).toBe(reference.length);
    expect(sizes.copyFrom(0)).toEqual(reference);
    expect(sizes.sumFrom(10)).toBe(reference.slice(10).reduce((a, b) => a + b, 0));
    expect(sizes.at(3)).toBe(reference[3]);
  });
});
