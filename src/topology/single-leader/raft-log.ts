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
 */
export class RaftLog {
  private readonly terms: number[] = [];
  /** Bytes of each entry, parallel to `terms`. */
  private readonly sizes: number[] = [];

  get lastIndex(): number {
    return this.terms.length;
  }

  get lastTerm(): number {
    const n = this.terms.length;
    return n === 0 ? 0 : this.terms[n - 1];
  }

  /** The term of entry `index`: 0 for index 0, -1 when the log has no such entry. */
  termAt(index: number): number {
    if (index === 0) return 0;
    return index > 0 && index <= this.terms.length ? this.terms[index - 1] : -1;
  }

  /** Appends an entry of `term` and `size` bytes and returns its index. */
  append(term: number, size = 0): number {
    this.terms.push(term);
    this.sizes.push(size);
    return this.terms.length;
  }

  /** Bytes of entries `from` .. lastIndex (what an AppendEntries carrying them puts on the wire). */
  bytesFrom(from: number): number {
    let bytes = 0;
    for (let k = from > 1 ? from - 1 : 0; k < this.sizes.length; k++) bytes += this.sizes[k];
    return bytes;
  }

  /** Copies of the sizes of entries `from` .. lastIndex, parallel to `entriesFrom(from)`. */
  sizesFrom(from: number): number[] {
    return this.sizes.slice(from - 1);
  }

  /** Whether the log holds an entry at `index` of `term` (the AppendEntries consistency check). */
  matches(index: number, term: number): boolean {
    return this.termAt(index) === term;
  }

  /** Copies of the terms of entries `from` .. lastIndex. */
  entriesFrom(from: number): number[] {
    return this.terms.slice(from - 1);
  }

  /**
   * The follower's side of AppendEntries once the consistency check passed: entries[k] goes to index
   * prevIndex + 1 + k. An existing entry that conflicts (same index, other term) is deleted with all that follow it;
   * an existing entry that agrees is kept, so a delayed, shorter AppendEntries never truncates newer entries.
   * Returns the index of the last entry sent (prevIndex + entries.length). `sizes`, parallel to `entries`, are the
   * entries' bytes (missing: 0).
   */
  merge(prevIndex: number, entries: readonly number[], sizes: readonly number[] = noEntries): number {
    const terms = this.terms;
    for (let k = 0; k < entries.length; k++) {
      const at = prevIndex + k; // 0-based position of index prevIndex + 1 + k
      if (at < terms.length) {
        if (terms[at] === entries[k]) continue;
        terms.length = at;
        this.sizes.length = at;
      }
      terms.push(entries[k]);
      this.sizes.push(k < sizes.length ? sizes[k] : 0);
    }
    return prevIndex + entries.length;
  }

  /**
   * Where a leader should retry after this log failed the consistency check at `prevIndex`: the last index the two
   * logs may still share. A log too short answers its length; a conflicting entry answers the index before the
   * first entry of the conflicting term (skipping the whole term at once).
   */
  retryHint(prevIndex: number): number {
    if (prevIndex > this.terms.length) return this.terms.length;
    const conflicting = this.termAt(prevIndex);
    let k = prevIndex - 1;
    while (k > 0 && this.termAt(k) === conflicting) k--;
    return k;
  }

  /** A copy of every entry's term, index 1 first. */
  snapshot(): number[] {
    return this.terms.slice();
  }
}
