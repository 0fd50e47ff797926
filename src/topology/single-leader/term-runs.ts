/**
 * The terms of log indices 1 .. lastIndex, stored as runs: one (first index, term) pair per stretch of equal terms.
 * Along a Raft log terms never decrease, and a leader appends every entry of its tenure with its own term, so a log of
 * any length holds about one run per term it saw: memory grows with elections, not with writes.
 */
export class TermRuns {
  /** First index of each run, increasing; `terms[k]` is the term of every index from `starts[k]` to the next start. */
  private starts: number[] = [];
  private terms: number[] = [];
  private last = 0;

  get lastIndex(): number {
    return this.last;
  }

  /** Number of runs (for tests and memory accounting). */
  get runs(): number {
    return this.starts.length;
  }

  /** The term of `index`: 0 for index 0, -1 outside 1 .. lastIndex. */
  termAt(index: number): number {
    if (index === 0) return 0;
    if (!(index > 0 && index <= this.last)) return -1;
    return this.terms[this.runOf(index)];
  }

  /** The first index of the run that holds `index` (1 .. lastIndex). */
  runStart(index: number): number {
    return this.starts[this.runOf(index)];
  }

  /** Appends index lastIndex + 1 with `term`. */
  push(term: number): void {
    const n = this.terms.length;
    this.last++;
    if (n > 0 && this.terms[n - 1] === term) return;
    this.starts.push(this.last);
    this.terms.push(term);
  }

  /** Keeps indices 1 .. `length` only. */
  truncate(length: number): void {
    if (length >= this.last) return;
    this.last = length < 0 ? 0 : length;
    let n = this.starts.length;
    while (n > 0 && this.starts[n - 1] > this.last) n--;
    this.starts.length = n;
    this.terms.length = n;
  }

  /** A copy of indices 1 .. `length` (at most lastIndex). */
  prefix(length: number): TermRuns {
    const copy = new TermRuns();
    copy.starts = this.starts.slice();
    copy.terms = this.terms.slice();
    copy.last = this.last;
    copy.truncate(length);
    return copy;
  }

  /** Every index's term, index 1 first (for tests: as long as the log). */
  expand(): number[] {
    const out: number[] = [];
    for (let i = 1; i <= this.last; i++) out.push(this.termAt(i));
    return out;
  }

  /** The run holding `index` (1 .. lastIndex): the last one in the common case of a recent index. */
  private runOf(index: number): number {
    const starts = this.starts;
    let hi = starts.length - 1;
    if (starts[hi] <= index) return hi;
    let lo = 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
