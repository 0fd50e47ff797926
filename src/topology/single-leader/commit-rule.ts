import type { RaftLog } from './raft-log.js';

/**
 * The leader's commit rule (Raft figure 2, "Rules for Servers"): the highest N > commitIndex such that a majority
 * of servers hold entry N (matchIndex[j] >= N, the leader counting its own log) and the entry is of the leader's
 * current term. Entries of earlier terms are never committed by counting replicas (the paper's figure 8); they
 * commit with the first entry of the current term that does. Returns commitIndex when nothing new commits. Only the
 * servers flagged in `voters` count (every server when absent): a non-voter's copy makes no majority.
 */
export function commitIndexFor(
  log: RaftLog,
  currentTerm: number,
  commitIndex: number,
  matchIndex: Int32Array,
  self: number,
  majority: number,
  voters?: Uint8Array,
): number {
  for (let n = log.lastIndex; n > commitIndex; n--) {
    if (log.termAt(n) !== currentTerm) return commitIndex; // terms never decrease along a log
    let holders = 0;
    for (let j = 0; j < matchIndex.length; j++) {
      if (voters !== undefined && voters[j] === 0) continue;
      if ((j === self ? log.lastIndex : matchIndex[j]) >= n) holders++;
    }
    if (holders >= majority) return n;
  }
  return commitIndex;
}
