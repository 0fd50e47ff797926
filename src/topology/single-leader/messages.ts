import { SlotPool } from '../runtime/slot-pool.js';
import { noEntries } from './raft-log.js';

export type MessageType = 'request-vote' | 'vote-reply' | 'append-entries' | 'append-reply';

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
  /** Bytes this message puts on the sender's NIC: its entries' sizes (0 for every other message). */
  bytes = 0;
  leaderCommit = 0;
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
        m.bytes = 0;
      },
    );
  }
}
