import { RaftLog } from './raft-log.js';

export type Role = 'follower' | 'candidate' | 'leader';

/** Marks a timer that is not running (event times are never negative). */
export const timerOff = -1;

/**
 * One server's state. `currentTerm`, `votedFor` and `log` are persistent (they survive a crash); the rest is volatile
 * and reset by a restart.
 */
export class RaftServer {
  up = true;
  role: Role = 'follower';
  currentTerm = 0;
  /** The candidate this server voted for in `currentTerm`, or -1. */
  votedFor = -1;
  readonly log = new RaftLog();
  /** Highest index known committed (volatile, as in Raft: relearned from the leader after a restart). */
  commitIndex = 0;
  /** The leader this server follows in its current term, or -1. */
  leaderId = -1;
  /**
   * When the election timer expires, or `timerOff`. A timer is cancelled or reset by changing this: a pending timer
   * event whose time is not the current deadline is stale and ignored (the deadline plays the role of a token).
   */
  electionDeadline = timerOff;
  /** When a leader sends its next heartbeat, or `timerOff`. */
  heartbeatDeadline = timerOff;
  /** Votes received as a candidate in `currentTerm`, one flag per server. */
  readonly votes: Uint8Array;
  voteCount = 0;
  /** As a leader: the next entry to send to each server, and the highest entry known replicated on it. */
  readonly nextIndex: Int32Array;
  readonly matchIndex: Int32Array;
  /**
   * As a leader, per server: the last index of the snapshot being sent to it (0: none), its size, the bytes it has
   * acknowledged, and until when the chunk last sent may still be on its way.
   */
  readonly snapshotSent: Int32Array;
  readonly snapshotSize: Float64Array;
  readonly snapshotAcked: Float64Array;
  readonly snapshotWaitUntil: Float64Array;
  /** As a follower: the snapshot whose chunks are arriving (its last index, 0: none) and the bytes received. */
  receivingSnapshot = 0;
  receivedBytes = 0;

  constructor(
    readonly id: number,
    servers: number,
    /** Draws an election timeout (this server's own stream). */
    readonly drawTimeout: () => number,
  ) {
    this.votes = new Uint8Array(servers);
    this.nextIndex = new Int32Array(servers);
    this.matchIndex = new Int32Array(servers);
    this.snapshotSent = new Int32Array(servers);
    this.snapshotSize = new Float64Array(servers);
    this.snapshotAcked = new Float64Array(servers);
    this.snapshotWaitUntil = new Float64Array(servers);
  }

  /** A restart keeps the persistent state and forgets the rest. */
  resetVolatile(): void {
    this.role = 'follower';
    this.commitIndex = 0;
    this.leaderId = -1;
    this.electionDeadline = timerOff;
    this.heartbeatDeadline = timerOff;
    this.votes.fill(0);
    this.voteCount = 0;
    this.receivingSnapshot = 0;
    this.receivedBytes = 0;
  }
}
