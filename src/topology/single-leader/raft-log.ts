import { EntrySizes } from './entry-sizes.js';
import { TermRuns } from './term-runs.js';

/**
 * Raft's voting restriction (Ongaro and Ousterhout 2014, section 5.4.1): a voter grants its vote only to a candidate
 * whose log is at least as up to date as its own, comparing the term of the last entries first and the length
 * second.
 */
export function atLeastAsUpToDate(
  candidateLastTerm: number,
  candidateLastIndex: number,
  voterLastTerm: number,
  voterLastIndex: number,
): boolean {
  return candidateLastTerm > voterLastTerm || (candidateLastTerm === voterLastTerm && candidateLastIndex >= voterLastIndex);
}

/** The entries a follower lacks are sent as their terms; an entry is identified by (index, term). */
export const noEntries: readonly number[] = Object.freeze([]);

/**
 * A server's log. An entry is its term and its size in bytes: under Raft's Log Matching property (index, term)
 * identifies an entry and its whole prefix, so the payload is not needed to model elections, replication and the
 * safety checks; the size is kept so that replication can charge the sender's NIC (0 when nobody models it).
 * Indices start at 1; index 0 is the empty prefix, of term 0.
 *
 * Compaction (Raft section 7): `compactTo(i)` replaces entries 1 .. i, which must be committed, by a snapshot of the
 * state they built, (snapshotIndex, snapshotTerm), of `snapshotBytes` (the sum of the sizes of the entries it covers:
 * the model's state is every write's bytes). Their sizes are dropped, so the log holds sizes for the entries above
 * its snapshot only, and such entries can no longer be sent: a follower that needs them gets the snapshot instead
 * (`installSnapshot`). The terms of all entries stay known, as runs (`TermRuns`, one pair per term), because the
 * observers of the model (the lost-write check, replication lag, the safety checks) compare logs index by index;
 * the protocol itself never reads the term of an entry below the snapshot but that of the snapshot's last entry.
 */
export class RaftLog {
  private termRuns = new TermRuns();
  /** Bytes of the entries snapshotIndex + 1 .. lastIndex. */
  private readonly sizes = new EntrySizes();
  private snapshotLast = 0;
  private snapshotLastTerm = 0;
  private snapshotSize = 0;

  get lastIndex(): number {
    return this.termRuns.lastIndex;
  }

  get lastTerm(): number {
    return this.termRuns.termAt(this.termRuns.lastIndex);
  }

  /** The last index the snapshot covers (0: nothing compacted). Entries above it are held in full. */
  get snapshotIndex(): number {
    return this.snapshotLast;
  }

  /** The term of entry `snapshotIndex` (0 with no snapshot). */
  get snapshotTerm(): number {
    return this.snapshotLastTerm;
  }

  /** The snapshot's size in bytes: what an InstallSnapshot puts on the wire. */
  get snapshotBytes(): number {
    return this.snapshotSize;
  }

  /** Entries held above the snapshot (what the log costs in memory, beyond one pair per term). */
  get heldEntries(): number {
    return this.termRuns.lastIndex - this.snapshotLast;
  }

  /** The term of entry `index`: 0 for index 0, -1 when the log has no such entry. Compacted entries keep theirs. */
  termAt(index: number): number {
    return this.termRuns.termAt(index);
  }

  /** Appends an entry of `term` and `size` bytes and returns its index. */
  append(term: number, size = 0): number {
    this.termRuns.push(term);
    this.sizes.push(size);
    return this.termRuns.lastIndex;
  }

  /** Bytes of entries `from` .. lastIndex (what an AppendEntries carrying them puts on the wire). */
  bytesFrom(from: number): number {
    this.checkHeld(from);
    return this.sizes.sumFrom(from - 1 - this.snapshotLast);
  }

  /** Copies of the sizes of entries `from` .. lastIndex, parallel to `entriesFrom(from)`. */
  sizesFrom(from: number): number[] {
    this.checkHeld(from);
    return this.sizes.copyFrom(from - 1 - this.snapshotLast);
  }

  /** Whether the log holds an entry at `index` of `term` (the AppendEntries consistency check). */
  matches(index: number, term: number): boolean {
    return this.termAt(index) === term;
  }

  /** Copies of the terms of entries `from` .. lastIndex; `from` must be above the snapshot. */
  entriesFrom(from: number): number[] {
    this.checkHeld(from);
    const out: number[] = [];
    for (let i = from; i <= this.termRuns.lastIndex; i++) out.push(this.termRuns.termAt(i));
    return out;
  }

  /**
   * The follower's side of AppendEntries once the consistency check passed: entries[k] goes to index
   * prevIndex + 1 + k. An existing entry that conflicts (same index, other term) is deleted with all that follow it;
   * an existing entry that agrees is kept, so a delayed, shorter AppendEntries never truncates newer entries.
   * Entries at or below the snapshot are committed, so the leader's agree with them: they are skipped.
   * Returns the index of the last entry sent (prevIndex + entries.length). `sizes`, parallel to `entries`, are the
   * entries' bytes (missing: 0).
   */
  merge(prevIndex: number, entries: readonly number[], sizes: readonly number[] = noEntries): number {
    const runs = this.termRuns;
    for (let k = 0; k < entries.length; k++) {
      const index = prevIndex + 1 + k;
      if (index <= this.snapshotLast) continue;
      if (index <= runs.lastIndex) {
        if (runs.termAt(index) === entries[k]) continue;
        runs.truncate(index - 1);
        this.sizes.truncate(index - 1 - this.snapshotLast);
      }
      runs.push(entries[k]);
      this.sizes.push(k < sizes.length ? sizes[k] : 0);
    }
    return prevIndex + entries.length;
  }

  /**
   * Where a leader should retry after this log failed the consistency check at `prevIndex`: the last index the two
   * logs may still share. A log too short answers its length; a conflicting entry answers the index before the
   * first entry of the conflicting term (skipping the whole term at once), but never below the snapshot (committed
   * entries agree with every legitimate leader's).
   */
  retryHint(prevIndex: number): number {
    const runs = this.termRuns;
    if (prevIndex > runs.lastIndex) return runs.lastIndex;
    if (prevIndex < 1) return 0;
    const hint = runs.runStart(prevIndex) - 1;
    return hint > this.snapshotLast ? hint : this.snapshotLast;
  }

  /**
   * Replaces entries 1 .. `index` (committed; at most lastIndex) by the snapshot of the state they built. Nothing
   * happens if the snapshot already covers them.
   */
  compactTo(index: number): void {
    if (index <= this.snapshotLast) return;
    if (index > this.termRuns.lastIndex) throw new RangeError(`raft log: cannot compact to ${index} beyond the last entry ${this.lastIndex}`);
    this.snapshotSize += this.sizes.dropFront(index - this.snapshotLast);
    this.snapshotLast = index;
    this.snapshotLastTerm = this.termRuns.termAt(index);
  }

  /**
   * The follower's side of InstallSnapshot (Raft figure 13): a snapshot through (`index`, `term`) of `bytes`, whose
   * entries' terms are `terms` (the leader's, 1 .. index). A snapshot older than this log's own changes nothing. If
   * the log holds entry (`index`, `term`), the entries after it are kept (they may be newer than the snapshot);
   * otherwise the whole log is replaced by the snapshot. Returns whether the log changed.
   */
  installSnapshot(index: number, term: number, bytes: number, terms: TermRuns): boolean {
    if (index <= this.snapshotLast) return false;
    if (this.termRuns.termAt(index) === term) {
      this.compactTo(index);
    } else {
      this.termRuns = terms.prefix(index);
      this.sizes.clear();
      this.snapshotLast = index;
      this.snapshotLastTerm = term;
    }
    this.snapshotSize = bytes;
    return true;
  }

  /** A copy of the terms of entries 1 .. `index` (for an InstallSnapshot: what its entries were). */
  termsThrough(index: number): TermRuns {
    return this.termRuns.prefix(index);
  }

  /** Every entry's term, index 1 first, compacted entries included (for tests). */
  allTerms(): number[] {
    return this.termRuns.expand();
  }

  private checkHeld(from: number): void {
    if (from <= this.snapshotLast) {
      throw new RangeError(`raft log: entries from ${from} were compacted (snapshot through ${this.snapshotLast})`);
    }
  }
}
