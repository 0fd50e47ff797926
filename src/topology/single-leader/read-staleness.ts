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
 * Commit times are kept per index (the first time any leader committed it: a committed entry is never replaced),
 * one number per write, like the logs themselves.
 */
export class ReadStaleness {
  private reads = 0;
  private followerReads = 0;
  private stale = 0;
  private readonly writesBehind = new LatencySketch();
  private readonly timeBehind = new LatencySketch();
  /** commitTime[i] = when index i + 1 was first committed. */
  private commitTime = new Float64Array(1024);
  private committedUpTo = 0;
  /** Per server: the index applied when it last crashed (what its store holds after the restart). */
  private readonly appliedAtCrash: Int32Array;

  constructor(private readonly raft: RaftCluster) {
    this.appliedAtCrash = new Int32Array(raft.servers.length);
  }

  /** Server `node` is about to crash: its applied state survives on disk. */
  crashed(node: number): void {
    const commit = this.raft.servers[node].commitIndex;
    if (commit > this.appliedAtCrash[node]) this.appliedAtCrash[node] = commit;
  }

  /** A leader committed `index` at `now` (each index once per leader that commits it). */
  committed(index: number, now: number): void {
    if (index <= this.committedUpTo) return;
    if (index > this.commitTime.length) {
      const grown = new Float64Array(Math.max(index, 2 * this.commitTime.length));
      grown.set(this.commitTime);
      this.commitTime = grown;
    }
    // Indices commit in order under one leader, and a new leader commits from its own commit index upwards.
    for (let k = this.committedUpTo + 1; k <= index; k++) this.commitTime[k - 1] = now;
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
    const commit = raft.servers[node].commitIndex;
    const applied = commit > this.appliedAtCrash[node] ? commit : this.appliedAtCrash[node];
    const behind = newest > applied ? newest - applied : 0;
    this.writesBehind.record(behind);
    if (behind === 0) {
      this.timeBehind.record(0);
      return;
    }
    this.stale++;
    const since = now - this.commitTime[applied]; // index applied + 1, the oldest it lacks
    this.timeBehind.record(since > 0 ? since : 0);
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
