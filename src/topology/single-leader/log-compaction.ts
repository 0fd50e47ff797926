import type { RaftServer } from './raft-server.js';

/**
 * Up to where server `s` may compact its log (Raft section 7: each server snapshots its committed entries on its
 * own). Only committed entries go, and of those a server keeps up to `threshold` below its commit index for the
 * followers that lag: a follower may turn leader, and a leader sends a lagging follower entries, not a snapshot, as
 * long as it holds them. A leader also drops at once what every follower is known to hold (its `matchIndex`; a
 * crashed follower counts with what it held when last heard of, so a follower down for a short while still catches
 * up from the log, and one down for long pins at most `threshold` entries). So the entries held stay within
 * `threshold` plus the uncommitted ones: memory follows the model, not the length of the run. A leader keeps the
 * entries after a snapshot it is sending too (`now`: the time), until the follower has installed it and been sent
 * them, or the transfer stalled.
 */
export function compactionPoint(s: RaftServer, threshold: number, now = 0): number {
  const commit = s.commitIndex;
  let point = commit - threshold;
  if (s.role === 'leader') {
    let heldByAll = commit;
    const match = s.matchIndex;
    for (let j = 0; j < match.length; j++) if (j !== s.id && match[j] < heldByAll) heldByAll = match[j];
    if (heldByAll > point) point = heldByAll;
    // A follower with a snapshot on its way needs the entries after it next: kept while its last chunk may still be
    // answered (at most the writes of one transfer; a stalled one, lost with a crash, pins nothing), else each
    // snapshot would be the threshold behind again by the time it arrives.
    const sent = s.snapshotSent;
    for (let j = 0; j < sent.length; j++) {
      if (sent[j] > 0 && sent[j] < point && now < s.snapshotWaitUntil[j]) point = sent[j];
    }
  }
  return point;
}
