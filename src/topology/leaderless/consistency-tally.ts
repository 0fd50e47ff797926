/** k-staleness is counted for k = 1 .. K_MAX - 1 one by one, and k >= K_MAX together in the last entry. */
export const K_MAX = 5;

/** One replication's staleness counts, as plain data (it crosses worker threads). */
export interface ConsistencyData {
  /** Measured reads of a key with a committed version when they started. */
  reads: number;
  /** Of which returned an older version than the newest committed one. */
  stale: number;
  /** Stale reads by k, versions behind: index k - 1 (the last entry: k >= K_MAX). */
  staleByK: number[];
  /** Per t-visibility bucket (by `edges`): reads that started in it, and those that returned the newest version. */
  bucketReads: number[];
  bucketFresh: number[];
  /** Measured reads answered, and of them those that returned an older version than a read of the same key had
   * returned before they started (a monotonic-read violation across clients). */
  answered: number;
  regressed: number;
}

/**
 * Staleness as a user of a leaderless store would measure it (Bailis, Venkataraman, Franklin, Hellerstein and
 * Stoica, "Probabilistically Bounded Staleness for Practical Partial Quorums", VLDB 2012): a read is stale when it
 * returns a version older than the newest committed version of its key at the read's start; k-staleness counts how
 * many versions behind (versions are numbered in issue order, so an uncommitted version between counts too); and
 * t-visibility is the fraction of reads that start t after that version's commit and return it (or newer), per
 * bucket of t.
 */
export class ConsistencyTally {
  private reads = 0;
  private stale = 0;
  private readonly staleByK = new Array<number>(K_MAX).fill(0);
  private readonly bucketReads: number[];
  private readonly bucketFresh: number[];
  private answered = 0;
  private regressed = 0;

  constructor(private readonly edges: readonly number[]) {
    this.bucketReads = new Array<number>(edges.length).fill(0);
    this.bucketFresh = new Array<number>(edges.length).fill(0);
  }

  /**
   * A read that started `sinceCommit` seconds after the commit of `newest` (the newest committed version then)
   * returned `returned`.
   */
  record(sinceCommit: number, newest: number, returned: number): void {
    this.reads++;
    const fresh = returned >= newest;
    if (!fresh) {
      this.stale++;
      this.staleByK[Math.min(newest - returned, K_MAX) - 1]++;
    }
    let bucket = this.edges.length - 1;
    while (bucket > 0 && sinceCommit < this.edges[bucket]) bucket--;
    this.bucketReads[bucket]++;
    if (fresh) this.bucketFresh[bucket]++;
  }

  /** A measured read answered; `regressed`: older than what an earlier-answered read of its key returned. */
  recordOrder(regressed: boolean): void {
    this.answered++;
    if (regressed) this.regressed++;
  }

  reset(): void {
    this.answered = 0;
    this.regressed = 0;
    this.reads = 0;
    this.stale = 0;
    this.staleByK.fill(0);
    this.bucketReads.fill(0);
    this.bucketFresh.fill(0);
  }

  toData(): ConsistencyData {
    return {
      reads: this.reads,
      stale: this.stale,
      staleByK: [...this.staleByK],
      bucketReads: [...this.bucketReads],
      bucketFresh: [...this.bucketFresh],
      answered: this.answered,
      regressed: this.regressed,
    };
  }
}
