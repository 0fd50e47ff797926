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
  /**
   * Per server, whether it votes (default: every server). A non-voter (a learner, as etcd's: "Learner", etcd design
   * docs v3.4, https://etcd.io/docs/v3.4/learning/design-learner/) receives the log like any follower but never stands
   * for election, is never asked for its vote, and does not count toward the commit majority or the leader's
   * majority: the majority is that of the voters.
   */
  voters?: readonly boolean[];
  /**
   * Per server, whether it is a preferred leader (default: none). A leader that is not preferred hands the leadership
   * to a preferred voter that is up, reachable and holds its whole log, by leadership transfer (Ongaro, "Consensus:
   * Bridging Theory and Practice", PhD thesis, Stanford 2014, section 3.10: the leader sends TimeoutNow and the target
   * stands for election at once), as CockroachDB moves a range's lease to its `lease_preferences`
   * (https://www.cockroachlabs.com/docs/v2.1/configure-replication-zones). Every preferred server must vote.
   */
  preferredLeaders?: readonly boolean[];
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
  const { voters, preferredLeaders } = config;
  if (voters !== undefined) {
    if (voters.length !== config.servers) problems.push(`voters must hold one flag per server (got ${voters.length} for ${config.servers})`);
    else if (!voters.includes(true)) problems.push('voters must name at least one voter');
  }
  if (preferredLeaders !== undefined) {
    if (preferredLeaders.length !== config.servers) {
      problems.push(`preferredLeaders must hold one flag per server (got ${preferredLeaders.length} for ${config.servers})`);
    } else if (preferredLeaders.some((preferred, i) => preferred && voters !== undefined && !voters[i])) {
      problems.push('a preferred leader must be a voter');
    }
  }
  if (typeof config.delay !== 'function') {
    for (const p of distProblems(config.delay)) problems.push(`delay: ${p}`);
  }
  return problems;
}
