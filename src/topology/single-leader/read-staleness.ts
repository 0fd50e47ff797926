import { LatencySketch, type SketchData } from '../../metrics/latency-sketch.js';
import type { RaftCluster } from './raft-cluster.js';

/** The staleness of the measured reads of one replication, as plain data (it crosses worker threads). */
export interface StalenessData {
  /** Measured reads served (by any node), and those of them served by a follower. */
  reads: number;
  followerReads: number;
  /** Follower reads that lacked at least one committed write. */
  stale: number;
  /** Per follower read: committed writes it lacked, and how long ago the oldest of them was committed (seconds). */
  writesBehind: SketchData;
  timeBehind: SketchData;
}

/**
 * How stale the reads served by followers are (`reads: any`). A follower serves what it has applied, i.e. its log up
 * to its commit index (it learns the leader's commit index with the next AppendEntries). At the moment it serves a
 * read it is behind by the writes committed cluster-wide that it has not applied: the highest commit index of any
 * server that is up (the leader's, when there is one: followers only learn theirs from it) minus its applied index,
 * floor 0; and by the time since the first of those was committed (0 when none).
 *
 * The applied index is the commit index, except across a restart: Raft's commit index is volatile (0 after a
 * restart until the leader's next AppendEntries), but the store it was applied to is on disk, so a restarted
 * follower still serves what it had applied before its crash (`crashed` keeps it).
 *
 * Commit times (the first time any leader committed an index: a committed entry is never replaced) are kept for
 * the last `window` committed indices only, in a ring, so memory does not grow with the run. A server's applied index
 * never decreases, and a live follower's is close to the newest commit (it learns the leader's commit index with
 * every AppendEntries, or jumps to the leader's snapshot, at most the snapshot threshold behind): the window covers
 * it. A server left behind (down, cut off, far behind) keeps, as the window moves past it, the commit time of the
 * oldest write it lacks, which is all a read there needs. A read whose oldest missing write is outside both (an
 * applied index that moved forward and is still older than the window: not seen in any model run) gets the oldest
 * time the window holds, a lower bound of its staleness.
 */
export class ReadStaleness {
  private reads = 0;
  private followerReads = 0;
  private stale = 0;
  private readonly writesBehind = new LatencySketch();
  private readonly timeBehind = new LatencySketch();
  /** When index i was first committed, at [i % window], for the last `window` committed indices. */
  private readonly commitTime: Float64Array;
  private committedUpTo = 0;
  /** Per server: the index applied when it last crashed (what its store holds after the restart). */
  private readonly appliedAtCrash: Int32Array;
  /** Per server: the oldest index it lacked when the window moved past it, and when that index was committed. */
  private readonly keptIndex: Int32Array;
  private readonly keptTime: Float64Array;

  /** `window`: how many of the latest commit times are kept (>= 1). */
  constructor(
    private readonly raft: RaftCluster,
    private readonly window: number,
  ) {
    const n = raft.servers.length;
    this.appliedAtCrash = new Int32Array(n);
    this.keptIndex = new Int32Array(n);
    this.keptTime = new Float64Array(n);
    this.commitTime = new Float64Array(window);
  }

  /** Server `node` is about to crash: its applied state survives on disk. */
  crashed(node: number): void {
    const commit = this.raft.servers[node].commitIndex;
    if (commit > this.appliedAtCrash[node]) this.appliedAtCrash[node] = commit;
  }

  /** A leader committed `index` at `now` (each index once per leader that commits it). */
  committed(index: number, now: number): void {
    const upTo = this.committedUpTo;
    if (index <= upTo) return;
    const window = this.window;
    const oldest = this.oldestKept();
    const nextOldest = index - window + 1;
    if (nextOldest > oldest) {
      // Indices about to leave the window: a server whose oldest missing write is one of them keeps its time.
      for (let s = 0; s < this.keptIndex.length; s++) {
        const missing = this.applied(s) + 1;
        if (missing < oldest || missing >= nextOldest) continue;
        this.keptIndex[s] = missing;
        this.keptTime[s] = missing <= upTo ? this.commitTime[missing % window] : now;
      }
    }
    // Indices commit in order under one leader, and a new leader commits from its own commit index upwards.
    const from = upTo + 1 > nextOldest ? upTo + 1 : nextOldest;
    for (let k = from; k <= index; k++) this.commitTime[k % window] = now;
    this.committedUpTo = index;
  }

  /** A measured read is served by `node` at `now`. */
  served(node: number, now: number): void {
    this.reads++;
    const raft = this.raft;
    if (raft.role(node) === 'leader') return;
    this.followerReads++;
    let newest = 0;
    for (const s of raft.servers) if (s.up && s.commitIndex > newest) newest = s.commitIndex;
    const applied = this.applied(node);
    const behind = newest > applied ? newest - applied : 0;
    this.writesBehind.record(behind);
    if (behind === 0) {
      this.timeBehind.record(0);
      return;
    }
    this.stale++;
    const since = now - this.commitTimeOfMissing(node, applied + 1);
    this.timeBehind.record(since > 0 ? since : 0);
  }

  /** What server `s` has applied: its commit index, or what survived its last crash if more. */
  private applied(s: number): number {
    const commit = this.raft.servers[s].commitIndex;
    return commit > this.appliedAtCrash[s] ? commit : this.appliedAtCrash[s];
  }

  /** The oldest index whose commit time the window holds. */
  private oldestKept(): number {
    const oldest = this.committedUpTo - this.window + 1;
    return oldest > 1 ? oldest : 1;
  }

  /** When `missing` (a committed index, the oldest that `node` lacks) was committed; see the class comment. */
  private commitTimeOfMissing(node: number, missing: number): number {
    const oldest = this.oldestKept();
    if (missing >= oldest) return this.commitTime[missing % this.window];
    if (this.keptIndex[node] === missing) return this.keptTime[node];
    return this.commitTime[oldest % this.window];
  }

  toData(): StalenessData {
    return {
      reads: this.reads,
      followerReads: this.followerReads,
      stale: this.stale,
      writesBehind: this.writesBehind.toData(),
      timeBehind: this.timeBehind.toData(),
    };
  }
}
