import { SlotPool } from '../runtime/slot-pool.js';
import { noEntries } from './raft-log.js';
import type { TermRuns } from './term-runs.js';

export type MessageType =
  | 'request-vote'
  | 'vote-reply'
  | 'append-entries'
  | 'append-reply'
  | 'install-snapshot'
  | 'snapshot-reply'
  /** Leadership transfer (Raft thesis, section 3.10): the leader asks an up-to-date voter to stand for election now. */
  | 'timeout-now';

/**
 * One message of the protocol, a mutable record reused through `MessagePool` (the fields a type does not use keep
 * stale values; handlers read only their own).
 */
export class RaftMessage {
  type: MessageType = 'request-vote';
  from = 0;
  to = 0;
  /** The sender's current term (every message carries it; a higher one makes the receiver step down). */
  term = 0;
  // RequestVote
  lastLogIndex = 0;
  lastLogTerm = 0;
  // vote reply
  granted = false;
  // AppendEntries (a heartbeat when `entries` is empty)
  prevLogIndex = 0;
  prevLogTerm = 0;
  entries: readonly number[] = noEntries;
  /** The entries' sizes in bytes, parallel to `entries`; empty when the cluster models no NIC. */
  entrySizes: readonly number[] = noEntries;
  /** Bytes this message puts on the sender's NIC: its entries' sizes, or the snapshot's (0 for every other message). */
  bytes = 0;
  leaderCommit = 0;
  // InstallSnapshot: a chunk of the leader's snapshot through (snapshotIndex, snapshotTerm), of snapshotSize bytes:
  // snapshotChunk bytes from snapshotOffset, the last one `snapshotDone`. Its reply: the snapshot's index, the bytes
  // received so far (snapshotOffset), and `success` once installed.
  snapshotIndex = 0;
  snapshotTerm = 0;
  snapshotSize = 0;
  snapshotOffset = 0;
  snapshotChunk = 0;
  snapshotDone = false;
  /** With the last chunk: the terms of the entries the snapshot covers (for the model's observers; see `RaftLog`). */
  snapshotTerms: TermRuns | null = null;
  // AppendEntries reply
  success = false;
  /**
   * On success, the index of the last entry the follower now shares with the leader. On a failed consistency
   * check, the last index the logs may still share (where the leader retries). -1 when refused for a stale term.
   */
  matchIndex = 0;
}

/** Raft's messages in flight (see `SlotPool`); a released message lets go of its entries. */
export class MessagePool extends SlotPool<RaftMessage> {
  constructor() {
    super(
      () => new RaftMessage(),
      (m) => {
        m.entries = noEntries;
        m.entrySizes = noEntries;
        m.snapshotTerms = null;
        m.bytes = 0;
      },
    );
  }
}
