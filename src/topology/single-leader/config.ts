import type { DistSpec } from '../../engine/distributions/index.js';
import { distProblems } from '../../engine/distributions/index.js';
import type { MessageType } from './messages.js';

/**
 * One-way message delay: a distribution sampled per message (from the sender's own stream), or a function of the
 * sender, the receiver and the message type (for a network model with zones, or a receiver that persists its state
 * before it replies; the function then owns its randomness).
 */
export type DelayModel = DistSpec | ((from: number, to: number, type: MessageType) => number);

export interface RaftConfig {
  /** Number of servers, >= 1. */
  servers: number;
  /** The leader sends AppendEntries (a heartbeat, with any entries a follower lacks) every `heartbeat` seconds. */
  heartbeat: number;
  /** Election timeout range [min, max] in seconds; a timeout is drawn uniformly from it on every reset. */
  electionTimeout: readonly [number, number];
  /** One-way delay of every message. */
  delay: DelayModel;
  /** Send a new entry to every caught-up follower as soon as it is appended (default true); else on heartbeats. */
  replicateOnAppend?: boolean;
  /**
   * Deliver the messages of each (sender, receiver) link in the order sent, as over one TCP connection (default
   * false: each message takes its own delay, so messages may overtake each other). A message then arrives at
   * max(sent + its delay, the arrival of the message sent before it on the link).
   */
  fifoLinks?: boolean;
  /**
   * On a successful AppendEntries reply from a follower that still lacks entries the leader has not sent it (they
   * were appended while it was behind, so `replicateOnAppend` skipped it), send them at once rather than on the next
   * heartbeat (default false).
   */
  catchUpOnReply?: boolean;
  /**
   * The senders' NICs (and the network's shared links), when a topology models them: called for every message sent,
   * with its receiver and the bytes it carries (the sizes of its entries; 0 for any other message), it returns when
   * the message has left the sender (now, or later behind the transfers already queued on that NIC or link); the
   * one-way delay runs from then. Absent: messages leave at once, and entries carry no sizes.
   */
  departure?: (from: number, to: number, bytes: number) => number;
  /** Prefix of the random stream names: `<prefix>/node-i` (timeouts), `<prefix>-delay/node-i` (delays). */
  streamPrefix?: string;
  /** Keep every vote granted (for the once-per-term check; default true). */
  recordVotes?: boolean;
  /**
   * Keep every leadership change and every election won (`ElectionLog.changes`, `elected`: for `leaderAt` at any
   * time and the safety checks; default true). Off, the log keeps the last change only: memory then grows with
   * nothing but the election records themselves.
   */
  recordHistory?: boolean;
  /**
   * Log compaction (see `compactionPoint`): committed entries a server keeps below its commit index for followers
   * that lag, at most (default `DEFAULT_SNAPSHOT_THRESHOLD`). A follower further behind is sent the leader's snapshot.
   */
  snapshotThreshold?: number;
  /**
   * Bytes of one InstallSnapshot chunk sent by server i (default: Infinity, the whole snapshot in one message). With
   * NICs, a chunk holds the sender's NIC for chunk / bandwidth: keep it well under the heartbeat interval's worth.
   */
  snapshotChunk?: (server: number) => number;
  /**
   * Check leader completeness on every election against every committed entry (default true). Costs O(committed
   * entries) per election, and a number per committed entry in memory: turn it off for long runs with many writes.
   */
  checkSafety?: boolean;
}

export const defaultStreamPrefix = 'election';

/**
 * Committed entries kept for lagging followers by default: at the example rates (200 to 500 writes/s) a follower may
 * be down 20 to 50 s and still catch up from the log; the cost is 8 bytes per entry held (its size).
 */
export const DEFAULT_SNAPSHOT_THRESHOLD = 10_000;

/** A majority of n servers. */
export function majorityOf(servers: number): number {
  return Math.floor(servers / 2) + 1;
}

/** Everything wrong with a configuration, one phrase each; empty when it is valid. */
export function raftConfigProblems(config: RaftConfig): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(config.servers) || config.servers < 1) problems.push(`servers must be an integer >= 1 (got ${config.servers})`);
  if (!(config.heartbeat > 0) || !Number.isFinite(config.heartbeat)) problems.push(`heartbeat must be > 0 (got ${config.heartbeat})`);
  const [min, max] = config.electionTimeout;
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) {
    problems.push(`electionTimeout must be [min, max] with 0 < min <= max (got [${min}, ${max}])`);
  }
  const threshold = config.snapshotThreshold;
  if (threshold !== undefined && !(Number.isInteger(threshold) && threshold >= 0)) {
    problems.push(`snapshotThreshold must be an integer >= 0 (got ${threshold})`);
  }
  if (typeof config.delay !== 'function') {
    for (const p of distProblems(config.delay)) problems.push(`delay: ${p}`);
  }
  return problems;
}
