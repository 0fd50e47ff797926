import type { RandomStreams } from '../../engine/rng.js';
import type { Simulator } from '../../engine/simulator.js';
import { commitIndexFor } from './commit-rule.js';
import { DEFAULT_SNAPSHOT_THRESHOLD, defaultStreamPrefix, majorityOf, raftConfigProblems, type RaftConfig } from './config.js';
import { ElectionLog, type ElectionCause, type LeadershipChange } from './election-log.js';
import { compactionPoint } from './log-compaction.js';
import { MessagePool, type MessageType, type RaftMessage } from './messages.js';
import { RaftNetwork } from './network.js';
import { atLeastAsUpToDate, noEntries } from './raft-log.js';
import { RaftServer, timerOff, type Role } from './raft-server.js';
import { SafetyMonitor, type VoteRecord } from './safety.js';

/** What a topology built on the cluster wants to hear about. */
export interface RaftListeners {
  /** The cluster's leader changed (see `ElectionLog` for what counts as the leader). */
  onLeadershipChange?: (change: LeadershipChange) => void;
  /** `leader` committed entry `index` of `term` (each index once per leader that commits it). */
  onCommit?: (leader: number, index: number, term: number) => void;
  /**
   * `leader` learned that `follower` holds its log up to `matchIndex`, up from `previous` (after any commit that
   * follows from it).
   */
  onReplicated?: (leader: number, follower: number, matchIndex: number, previous: number) => void;
  /**
   * `server` stopped leading: it saw a higher term. Heard for every deposed leader, also one the cluster no longer
   * counted as its leader (cut off in a minority), whose step-down changes no leadership.
   */
  onStepDown?: (server: number) => void;
}

/**
 * Raft's leader election and log replication (Ongaro and Ousterhout, "In Search of an Understandable Consensus
 * Algorithm", USENIX ATC 2014, figure 2) as a discrete-event model on the engine's simulator.
 *
 * Servers are followers, candidates or leaders. A leader sends AppendEntries to every other server every
 * `heartbeat` (the entries a follower lacks, or none: a heartbeat), carrying its term and commit index. A follower
 * or candidate whose election timer expires (timeout drawn uniformly from [min, max], redrawn on every reset:
 * AppendEntries from the current leader, a vote granted, a new candidacy) becomes a candidate of a new term, votes
 * for itself and sends RequestVote to everyone. A server grants one vote per term, to a candidate whose log is at
 * least as up to date as its own. A majority makes a leader, which sends AppendEntries at once. A server that sees a
 * higher term in any message adopts it and becomes a follower. Messages take a one-way delay and are lost to a
 * crashed server and across a partition.
 *
 * Timers are events of registered kinds with the server index as target; the server's deadline is the token: an
 * event firing at a time other than the current deadline was cancelled or superseded, and is ignored.
 *
 * Log compaction (section 7): every server compacts its committed entries as `compactionPoint` allows, after each
 * change of its commit index (and, for a leader, of what its followers hold). A leader that must send a follower
 * entries it has compacted sends its snapshot instead (InstallSnapshot, figure 13: the state's bytes on its NIC), in
 * chunks of `snapshotChunk` bytes, each sent when the previous one is acknowledged, so that heartbeats to the other
 * followers wait behind one chunk at most, never the whole snapshot. One transfer at a time per follower: until it
 * has the snapshot, that follower gets heartbeats only (which keep its election timer from firing), and its failed
 * consistency checks are not retried while a chunk may still be on its way (a delivery plus the longest election
 * timeout). A transfer that stalls (a chunk lost to a crash or a partition) starts over when the follower is next
 * heard from, so a dead follower costs one chunk per leader, not a snapshot per heartbeat.
 *
 * Placement (`voters`, `preferredLeaders`): a non-voter gets the log but no election timer and no RequestVote, and
 * counts toward no majority (the majority is the voters'). A leader that is not preferred, on a heartbeat, starts
 * handing the leadership to the first preferred voter that is up, reachable and holds every committed entry (Raft
 * thesis section 3.10, as etcd's raft does it): it takes no new entry from then on (`append` refuses, as etcd drops
 * proposals during a transfer), and once the target holds its whole log it sends TimeoutNow, on which the target
 * stands for election at once. A transfer that has not changed the leader within the longest election timeout is
 * abandoned; the next one may start one such timeout later.
 */
export class RaftCluster {
  readonly servers: readonly RaftServer[];
  readonly network: RaftNetwork;
  readonly elections: ElectionLog;
  readonly safety: SafetyMonitor;
  /** Every vote granted, when `recordVotes` (default). */
  readonly votes: VoteRecord[] = [];
  readonly majority: number;
  readonly heartbeat: number;
  /** Leadership transfers to a preferred voter started (each may end in TimeoutNow to it, or be abandoned). */
  transfersStarted = 0;
  listeners: RaftListeners = {};
  messagesSent = 0;
  messagesDelivered = 0;
  /** Messages lost to a partition or a crashed receiver. */
  messagesLost = 0;
  /** Snapshot transfers started (InstallSnapshot), and the bytes of every chunk sent. */
  snapshotsSent = 0;
  snapshotBytesSent = 0;

  private readonly pool = new MessagePool();
  private readonly deliverKind: number;
  private readonly electionKind: number;
  private readonly heartbeatKind: number;
  private readonly replicateOnAppend: boolean;
  private readonly catchUpOnReply: boolean;
  private readonly recordVotes: boolean;
  private readonly snapshotThreshold: number;
  /** How long a leader waits beyond a snapshot chunk's delivery for its answer: the longest election timeout. */
  private readonly snapshotPatience: number;
  /** Bytes of one InstallSnapshot chunk, per sender (Infinity: the whole snapshot in one message). */
  private readonly snapshotChunk: Float64Array;
  /** The senders' NICs (`RaftConfig.departure`), or null: messages leave at once. */
  private readonly departure: ((from: number, to: number, bytes: number) => number) | null;
  /** Last arrival time per link (from * n + to) when links are FIFO; null otherwise. */
  private readonly linkArrival: Float64Array | null;
  /** 1 per voter; null when every server votes (the common case costs nothing). */
  private readonly voterFlags: Uint8Array | null;
  /** 1 per preferred leader; null when none is preferred. */
  private readonly preferredFlags: Uint8Array | null;
  /** The transfer in progress: its leader and target (-1: none), and until when it may take. */
  private transferLeader = -1;
  private transferTarget = -1;
  private transferUntil = -Infinity;
  /** TimeoutNow was sent for the transfer in progress. */
  private transferSent = false;
  private readonly transferPatience: number;
  private started = false;

  constructor(
    private readonly sim: Simulator,
    config: RaftConfig,
    streams: RandomStreams,
  ) {
    const problems = raftConfigProblems(config);
    if (problems.length > 0) throw new RangeError(`raft cluster: ${problems.join('; ')}`);
    const n = config.servers;
    const prefix = config.streamPrefix ?? defaultStreamPrefix;
    const [min, max] = config.electionTimeout;
    const width = max - min;
    this.servers = Array.from({ length: n }, (_, i) => {
      const uniform = streams.stream(`${prefix}/node-${i}`);
      return new RaftServer(i, n, () => min + width * uniform());
    });
    this.network = new RaftNetwork(n, config.delay, streams, prefix);
    this.voterFlags = config.voters === undefined || !config.voters.includes(false) ? null : Uint8Array.from(config.voters, Number);
    this.preferredFlags =
      config.preferredLeaders === undefined || !config.preferredLeaders.includes(true) ? null : Uint8Array.from(config.preferredLeaders, Number);
    this.majority = majorityOf(this.voterFlags === null ? n : this.voterFlags.reduce((a, b) => a + b, 0));
    this.transferPatience = max;
    this.heartbeat = config.heartbeat;
    this.replicateOnAppend = config.replicateOnAppend ?? true;
    this.catchUpOnReply = config.catchUpOnReply ?? false;
    this.recordVotes = config.recordVotes ?? true;
    this.snapshotThreshold = config.snapshotThreshold ?? DEFAULT_SNAPSHOT_THRESHOLD;
    this.snapshotPatience = max;
    this.snapshotChunk = Float64Array.from({ length: n }, (_, i) => {
      const chunk = config.snapshotChunk?.(i) ?? Infinity;
      return chunk > 0 ? chunk : Infinity;
    });
    this.departure = config.departure ?? null;
    this.linkArrival = config.fifoLinks ? new Float64Array(n * n) : null;
    this.elections = new ElectionLog(2 * max, config.recordHistory ?? true);
    this.safety = new SafetyMonitor(config.checkSafety ?? true);
    this.deliverKind = sim.register((slot) => this.deliver(slot));
    this.electionKind = sim.register((i) => this.electionTimerFired(i));
    this.heartbeatKind = sim.register((i) => this.heartbeatDue(i));
  }

  // ---- set-up -------------------------------------------------------------------------------------------------

  /** Starts every server as a follower of term 0 with a fresh election timer: the first election follows. */
  start(): void {
    this.beginOnce();
    this.elections.begin(this.sim.now);
    for (const s of this.servers) if (s.up) this.resetElectionTimer(s);
  }

  /**
   * Starts the cluster with `leader` in office for `term`, as if it had just been elected and its heartbeat had just
   * reached every follower with no delay: every follower's election timer starts now; the leader's next heartbeat
   * is due in `firstHeartbeat` (default: one interval; 0 sends one at once, so that with message delay d the
   * followers hear heartbeats at d, heartbeat + d, ... as in steady state). No election is recorded.
   */
  bootstrap(leader: number, term = 1, firstHeartbeat = this.heartbeat): void {
    this.checkServer(leader);
    if (!(term >= 1) || !Number.isInteger(term)) throw new RangeError(`bootstrap: term must be an integer >= 1 (got ${term})`);
    if (!this.servers[leader].up) throw new Error(`bootstrap: server ${leader} is down`);
    if (!this.isVoter(leader)) throw new Error(`bootstrap: server ${leader} does not vote`);
    this.beginOnce();
    const now = this.sim.now;
    for (const s of this.servers) {
      s.currentTerm = term;
      s.votedFor = leader;
      s.leaderId = leader;
      if (this.recordVotes) this.votes.push({ time: now, voter: s.id, candidate: leader, term });
    }
    const l = this.servers[leader];
    this.elections.leaderElected(now, leader, term);
    this.safety.leaderElected(now, term, leader, l.log);
    this.takeOffice(l, firstHeartbeat);
    for (const s of this.servers) if (s !== l && s.up) this.resetElectionTimer(s);
    this.elections.establish(now, leader, term);
  }

  // ---- faults -------------------------------------------------------------------------------------------------

  /** Server `i` crashes: its timers stop and messages to it are lost until it restarts. */
  crash(i: number): void {
    this.checkServer(i);
    const s = this.servers[i];
    if (!s.up) return;
    s.up = false;
    s.electionDeadline = timerOff;
    s.heartbeatDeadline = timerOff;
    this.updateLeadership(i === this.elections.leader ? 'leader-crash' : 'quorum-lost');
  }

  /** Server `i` restarts as a follower with its persistent state (term, vote, log) and a fresh election timer. */
  restart(i: number): void {
    this.checkServer(i);
    const s = this.servers[i];
    if (s.up) return;
    s.up = true;
    s.resetVolatile();
    this.resetElectionTimer(s);
    this.updateLeadership('quorum-lost');
  }

  /** Splits the network into `groups` (servers in no group form one more group); see `RaftNetwork.partition`. */
  partition(groups: readonly (readonly number[])[]): void {
    this.network.partition(groups);
    this.updateLeadership('partition');
  }

  heal(): void {
    this.network.heal();
    this.updateLeadership('partition');
  }

  /** Makes server `i`'s election timer expire now (a scripted timeout); ignored for a leader or a crashed server. */
  forceTimeout(i: number): void {
    this.checkServer(i);
    const s = this.servers[i];
    if (s.up && s.role !== 'leader' && this.isVoter(i)) this.startCandidacy(s);
  }

  // ---- client requests ----------------------------------------------------------------------------------------

  /**
   * Appends an entry at `server` (by default the cluster's leader) if it is up and believes it leads, and returns
   * the entry's index; -1 otherwise. A deposed leader that has not yet learned of it still accepts (its entry will
   * never commit), as in Raft. `size` is the entry's bytes, charged to the sender's NIC each time it is sent.
   */
  append(server = this.elections.leader, size = 0): number {
    const s = this.servers[server];
    if (s === undefined || !s.up || s.role !== 'leader' || this.transferring(server)) return -1;
    const index = s.log.append(s.currentTerm, size);
    if (this.replicateOnAppend) {
      for (let j = 0; j < this.servers.length; j++) {
        if (j === s.id || s.nextIndex[j] !== index) continue;
        // Optimistic: a loss shows up as a failed consistency check later.
        if (this.sendAppend(s, j)) s.nextIndex[j] = index + 1;
      }
    }
    this.advanceCommit(s);
    return index;
  }

  // ---- queries ------------------------------------------------------------------------------------------------

  /** The cluster's leader now (up, believes it leads, reaches a majority), or -1. */
  get leader(): number {
    return this.elections.leader;
  }

  leaderAt(time: number): number {
    return this.elections.leaderAt(time);
  }

  role(i: number): Role {
    return this.servers[i].role;
  }

  term(i: number): number {
    return this.servers[i].currentTerm;
  }

  isUp(i: number): boolean {
    return this.servers[i].up;
  }

  /** Whether server `i` votes (see `RaftConfig.voters`). */
  isVoter(i: number): boolean {
    return this.voterFlags === null || this.voterFlags[i] === 1;
  }

  /** Whether server `i` is a preferred leader (see `RaftConfig.preferredLeaders`). */
  isPreferred(i: number): boolean {
    return this.preferredFlags !== null && this.preferredFlags[i] === 1;
  }

  /** Messages in flight now. */
  get inFlight(): number {
    return this.pool.inFlight;
  }

  // ---- timers -------------------------------------------------------------------------------------------------

  private resetElectionTimer(s: RaftServer): void {
    if (this.voterFlags !== null && this.voterFlags[s.id] === 0) return; // a non-voter never stands for election
    const deadline = this.sim.now + s.drawTimeout();
    s.electionDeadline = deadline;
    this.sim.at(deadline, this.electionKind, s.id);
  }

  private electionTimerFired(i: number): void {
    const s = this.servers[i];
    if (!s.up || s.electionDeadline !== this.sim.now || s.role === 'leader') return;
    this.startCandidacy(s);
  }

  private heartbeatDue(i: number): void {
    const s = this.servers[i];
    if (!s.up || s.role !== 'leader' || s.heartbeatDeadline !== this.sim.now) return;
    for (let j = 0; j < this.servers.length; j++) if (j !== i) this.sendAppend(s, j);
    this.scheduleHeartbeat(s);
    if (this.preferredFlags !== null && this.preferredFlags[i] === 0) this.transferToPreferred(s);
  }

  /** Whether leader `i` is handing its leadership over (and so takes no new entry). */
  private transferring(i: number): boolean {
    return this.transferLeader === i && this.sim.now < this.transferUntil;
  }

  /**
   * A leader outside the preferred servers starts a transfer to the first preferred voter that is up and reachable,
   * unless one is in progress or ended within the longest election timeout (a target that crashed or was cut off on
   * the way gets another try after that).
   */
  private transferToPreferred(s: RaftServer): void {
    const now = this.sim.now;
    if (now < this.transferUntil + this.transferPatience) return;
    const preferred = this.preferredFlags!;
    for (let j = 0; j < this.servers.length; j++) {
      if (preferred[j] === 0 || !this.servers[j].up || !this.network.reachable(s.id, j)) continue;
      // Only a target that holds every committed entry: one still catching up (a snapshot, after an outage) would
      // keep the leader refusing writes for the whole transfer; CockroachDB likewise moves no lease to a replica
      // that may need a snapshot. The heartbeats catch it up first.
      if (s.matchIndex[j] < s.commitIndex) continue;
      this.transferLeader = s.id;
      this.transferTarget = j;
      this.transferUntil = now + this.transferPatience;
      this.transferSent = false;
      this.transfersStarted++;
      this.timeoutNowIfCaughtUp(s, j);
      return;
    }
  }

  /** TimeoutNow to `j` once it holds the whole log of `s`, which hands its leadership to it (Raft thesis 3.10). */
  private timeoutNowIfCaughtUp(s: RaftServer, j: number): void {
    if (this.transferSent || !this.transferring(s.id) || this.transferTarget !== j || s.matchIndex[j] !== s.log.lastIndex) return;
    this.transferSent = true;
    this.post(this.message(s, 'timeout-now', j));
  }

  /** TimeoutNow from the leader of our term: stand for election now (a handover, not a false election). */
  private onTimeoutNow(s: RaftServer, m: RaftMessage): void {
    if (m.term !== s.currentTerm || s.role !== 'follower' || !this.isVoter(s.id)) return;
    this.startCandidacy(s, true);
  }

  private scheduleHeartbeat(s: RaftServer): void {
    const due = this.sim.now + this.heartbeat;
    s.heartbeatDeadline = due;
    this.sim.at(due, this.heartbeatKind, s.id);
  }

  // ---- elections ----------------------------------------------------------------------------------------------

  private startCandidacy(s: RaftServer, transfer = false): void {
    const heardLeader = !transfer && this.followsReachableLeader(s);
    s.currentTerm++;
    s.role = 'candidate';
    s.leaderId = -1;
    s.votedFor = s.id;
    s.votes.fill(0);
    s.votes[s.id] = 1;
    s.voteCount = 1;
    const now = this.sim.now;
    if (this.recordVotes) this.votes.push({ time: now, voter: s.id, candidate: s.id, term: s.currentTerm });
    this.resetElectionTimer(s);
    this.elections.candidacy(now, s.id, s.currentTerm, heardLeader);
    if (s.voteCount >= this.majority) {
      this.becomeLeader(s);
      return;
    }
    for (let j = 0; j < this.servers.length; j++) {
      if (j === s.id || !this.isVoter(j)) continue;
      const slot = this.message(s, 'request-vote', j);
      const m = this.pool.get(slot);
      m.lastLogIndex = s.log.lastIndex;
      m.lastLogTerm = s.log.lastTerm;
      this.post(slot);
    }
  }

  /**
   * Whether `s` is in the term of the cluster's leader of the moment and the network joins them: a timer that fires
   * then came from heartbeats that were late (or, just after the leader's election, its first AppendEntries), and the
   * election it may start is a false one. A server back from a partition has moved past the leader's term (it stood
   * for election while cut off), and one cut off now cannot reach the leader. (A partition shorter than the timeout
   * that ends just before the timer fires is counted as late heartbeats.)
   */
  private followsReachableLeader(s: RaftServer): boolean {
    const led = this.elections.leader;
    if (led < 0 || led === s.id) return false;
    return s.currentTerm === this.servers[led].currentTerm && this.network.reachable(s.id, led);
  }

  private onRequestVote(s: RaftServer, m: RaftMessage): void {
    if (m.term > s.currentTerm) this.adoptTerm(s, m.term);
    let granted = false;
    if (
      m.term === s.currentTerm &&
      (s.votedFor === -1 || s.votedFor === m.from) &&
      atLeastAsUpToDate(m.lastLogTerm, m.lastLogIndex, s.log.lastTerm, s.log.lastIndex)
    ) {
      if (s.votedFor === -1 && this.recordVotes) this.votes.push({ time: this.sim.now, voter: s.id, candidate: m.from, term: m.term });
      s.votedFor = m.from;
      granted = true;
      this.resetElectionTimer(s);
    }
    const slot = this.message(s, 'vote-reply', m.from);
    const r = this.pool.get(slot);
    r.granted = granted;
    this.post(slot);
  }

  private onVoteReply(s: RaftServer, m: RaftMessage): void {
    if (this.adoptedNewerTerm(s, m)) return;
    if (s.role !== 'candidate' || m.term !== s.currentTerm || !m.granted || s.votes[m.from] === 1) return;
    s.votes[m.from] = 1;
    s.voteCount++;
    if (s.voteCount >= this.majority) this.becomeLeader(s);
  }

  private becomeLeader(s: RaftServer): void {
    const now = this.sim.now;
    this.elections.leaderElected(now, s.id, s.currentTerm);
    this.safety.leaderElected(now, s.currentTerm, s.id, s.log);
    this.takeOffice(s, this.heartbeat);
    for (let j = 0; j < this.servers.length; j++) if (j !== s.id) this.sendAppend(s, j);
    this.updateLeadership('timeout', s.currentTerm);
  }

  /** Leader state for `s`; its next heartbeat is due in `nextHeartbeat`. */
  private takeOffice(s: RaftServer, nextHeartbeat: number): void {
    this.transferLeader = -1; // a transfer of an earlier leader ends with it
    s.role = 'leader';
    s.leaderId = s.id;
    s.electionDeadline = timerOff;
    s.nextIndex.fill(s.log.lastIndex + 1);
    s.matchIndex.fill(0);
    s.matchIndex[s.id] = s.log.lastIndex;
    s.snapshotSent.fill(0);
    s.heartbeatDeadline = this.sim.now + nextHeartbeat;
    this.sim.at(s.heartbeatDeadline, this.heartbeatKind, s.id);
  }

  /** A reply from a later term: `s` adopts the term (and stops whatever the reply was about). */
  private adoptedNewerTerm(s: RaftServer, m: RaftMessage): boolean {
    if (m.term <= s.currentTerm) return false;
    this.adoptTerm(s, m.term);
    return true;
  }

  /** `s` saw a higher term: it adopts it, forgets its vote and follows; a leader steps down. */
  private adoptTerm(s: RaftServer, term: number): void {
    const wasLeader = s.role === 'leader';
    s.currentTerm = term;
    s.votedFor = -1;
    s.leaderId = -1;
    s.role = 'follower';
    if (wasLeader) {
      s.heartbeatDeadline = timerOff;
      this.resetElectionTimer(s);
      this.updateLeadership('step-down', term);
      this.listeners.onStepDown?.(s.id);
    }
  }

  // ---- replication --------------------------------------------------------------------------------------------

  /**
   * AppendEntries to `j` with the entries from its nextIndex; false when it got a heartbeat only (a snapshot is on its
   * way to it: the entries after the snapshot follow once it is installed) or the snapshot (those entries were
   * compacted).
   */
  private sendAppend(s: RaftServer, j: number): boolean {
    const next = s.nextIndex[j];
    if (s.snapshotSent[j] > 0) {
      this.sendHeartbeatOnly(s, j);
      return false;
    }
    if (next <= s.log.snapshotIndex) {
      this.sendSnapshot(s, j);
      return false;
    }
    const slot = this.message(s, 'append-entries', j);
    const m = this.pool.get(slot);
    m.prevLogIndex = next - 1;
    m.prevLogTerm = s.log.termAt(next - 1);
    m.entries = s.log.lastIndex >= next ? s.log.entriesFrom(next) : noEntries;
    if (this.departure !== null && m.entries.length > 0) {
      m.entrySizes = s.log.sizesFrom(next);
      m.bytes = s.log.bytesFrom(next);
    }
    m.leaderCommit = s.commitIndex;
    this.post(slot);
    return true;
  }

  /** A heartbeat that carries no entries and checks the log at the snapshot (while a snapshot is on its way). */
  private sendHeartbeatOnly(s: RaftServer, j: number): void {
    const slot = this.message(s, 'append-entries', j);
    const m = this.pool.get(slot);
    m.prevLogIndex = s.log.snapshotIndex;
    m.prevLogTerm = s.log.snapshotTerm;
    m.entries = noEntries;
    m.leaderCommit = s.commitIndex;
    this.post(slot);
  }

  /** Starts sending `j` the leader's snapshot as it is now, from its first byte. */
  private sendSnapshot(s: RaftServer, j: number): void {
    const log = s.log;
    s.snapshotSent[j] = log.snapshotIndex;
    s.snapshotSize[j] = log.snapshotBytes;
    s.snapshotAcked[j] = 0;
    // Optimistic, as for entries: what follows the snapshot goes with the next AppendEntries.
    s.nextIndex[j] = log.snapshotIndex + 1;
    this.snapshotsSent++;
    this.sendSnapshotChunk(s, j);
  }

  /**
   * The next chunk of the snapshot being sent to `j`, from the last byte it acknowledged: InstallSnapshot with
   * (lastIncludedIndex, lastIncludedTerm), the offset, the chunk's bytes on the leader's NIC, and `done` on the last.
   * The snapshot sent is the one taken when the transfer started: what it covers is committed and never changes.
   */
  private sendSnapshotChunk(s: RaftServer, j: number): void {
    const index = s.snapshotSent[j];
    const offset = s.snapshotAcked[j];
    const remaining = s.snapshotSize[j] - offset;
    const chunk = remaining < this.snapshotChunk[s.id] ? remaining : this.snapshotChunk[s.id];
    const slot = this.message(s, 'install-snapshot', j);
    const m = this.pool.get(slot);
    m.snapshotIndex = index;
    m.snapshotTerm = s.log.termAt(index);
    m.snapshotSize = s.snapshotSize[j];
    m.snapshotOffset = offset;
    m.snapshotChunk = chunk;
    m.snapshotDone = chunk >= remaining;
    m.snapshotTerms = m.snapshotDone ? s.log.termsThrough(index) : null;
    m.bytes = this.departure === null ? 0 : chunk;
    this.snapshotBytesSent += chunk;
    s.snapshotWaitUntil[j] = this.post(slot) + this.snapshotPatience;
  }

  /** A message from a leader of a term at least ours: follow it. False (answered) when its term is stale. */
  private followSender(s: RaftServer, m: RaftMessage): boolean {
    if (m.term < s.currentTerm) {
      this.replyAppend(s, m.from, false, -1);
      return false;
    }
    if (m.term > s.currentTerm) this.adoptTerm(s, m.term);
    if (s.role === 'leader') {
      this.safety.violation(`two leaders in term ${m.term}: ${s.id} received AppendEntries from ${m.from} (t = ${this.sim.now})`);
      return false;
    }
    s.role = 'follower';
    s.leaderId = m.from;
    this.resetElectionTimer(s);
    return true;
  }

  private onAppendEntries(s: RaftServer, m: RaftMessage): void {
    if (!this.followSender(s, m)) return;
    if (!s.log.matches(m.prevLogIndex, m.prevLogTerm)) {
      // Never below what it knows committed: those entries agree with every legitimate leader's (Leader Completeness).
      const hint = s.log.retryHint(m.prevLogIndex);
      this.replyAppend(s, m.from, false, hint > s.commitIndex ? hint : s.commitIndex);
      return;
    }
    const last = s.log.merge(m.prevLogIndex, m.entries, m.entrySizes);
    const commit = Math.min(m.leaderCommit, last);
    if (commit > s.commitIndex) {
      s.commitIndex = commit;
      this.compact(s);
    }
    this.replyAppend(s, m.from, true, last);
  }

  /**
   * The follower's side of InstallSnapshot (figure 13): chunks are taken in order from offset 0 (one out of order,
   * after a restart lost the ones before it, is answered with offset 0: the leader starts over); the last one installs
   * the snapshot, which replaces what the log holds up to it (see `RaftLog.installSnapshot`) and is committed state.
   * Each chunk is answered with the bytes received so far, the last one with success.
   */
  private onInstallSnapshot(s: RaftServer, m: RaftMessage): void {
    if (!this.followSender(s, m)) return;
    if (m.snapshotOffset === 0) {
      s.receivingSnapshot = m.snapshotIndex;
      s.receivedBytes = 0;
    }
    const inOrder = s.receivingSnapshot === m.snapshotIndex && s.receivedBytes === m.snapshotOffset;
    if (inOrder) s.receivedBytes += m.snapshotChunk;
    const installed = inOrder && m.snapshotDone;
    if (installed) {
      s.log.installSnapshot(m.snapshotIndex, m.snapshotTerm, m.snapshotSize, m.snapshotTerms!);
      if (m.snapshotIndex > s.commitIndex) s.commitIndex = m.snapshotIndex;
      s.receivingSnapshot = 0;
    }
    const slot = this.message(s, 'snapshot-reply', m.from);
    const r = this.pool.get(slot);
    r.snapshotIndex = m.snapshotIndex;
    r.snapshotOffset = inOrder ? s.receivedBytes : 0;
    r.success = installed;
    this.post(slot);
  }

  /** The leader hears how far `j` got with the snapshot: the next chunk, or, installed, on with the log after it. */
  private onSnapshotReply(s: RaftServer, m: RaftMessage): void {
    if (this.adoptedNewerTerm(s, m)) return;
    const j = m.from;
    if (s.role !== 'leader' || m.term !== s.currentTerm || s.snapshotSent[j] !== m.snapshotIndex) return;
    if (m.success) this.replicatedTo(s, j, m.snapshotIndex);
    else {
      s.snapshotAcked[j] = m.snapshotOffset;
      this.sendSnapshotChunk(s, j);
    }
  }

  private replyAppend(s: RaftServer, to: number, success: boolean, matchIndex: number): void {
    const slot = this.message(s, 'append-reply', to);
    const r = this.pool.get(slot);
    r.success = success;
    r.matchIndex = matchIndex;
    this.post(slot);
  }

  private onAppendReply(s: RaftServer, m: RaftMessage): void {
    if (this.adoptedNewerTerm(s, m)) return;
    if (s.role !== 'leader' || m.term !== s.currentTerm || m.matchIndex < 0) return;
    const j = m.from;
    if (m.success) {
      this.replicatedTo(s, j, m.matchIndex);
    } else {
      if (s.snapshotSent[j] > 0) {
        // A check that failed before the snapshot on its way arrived: the snapshot will answer it.
        if (this.sim.now < s.snapshotWaitUntil[j]) return;
        // The snapshot stalled (a chunk or its answer was lost), and the follower is alive (it answered): start over.
        s.snapshotSent[j] = 0;
      }
      const retry = Math.max(s.matchIndex[j] + 1, Math.min(s.nextIndex[j], m.matchIndex + 1));
      if (retry < s.nextIndex[j]) {
        s.nextIndex[j] = retry;
        this.sendAppend(s, j);
      }
    }
  }

  /** `j` holds the leader's log up to `matchIndex` (an AppendEntries succeeded, or a snapshot was installed). */
  private replicatedTo(s: RaftServer, j: number, matchIndex: number): void {
    if (matchIndex + 1 > s.nextIndex[j]) s.nextIndex[j] = matchIndex + 1;
    if (s.snapshotSent[j] > 0 && matchIndex >= s.snapshotSent[j]) {
      s.snapshotSent[j] = 0;
      // The entries after the snapshot were held for this follower while it was on its way (`compactionPoint`): send
      // them now, before this reply's commits compact them, or the follower would need another snapshot, as far behind
      // the commit index as the last, for as long as writes come in.
      if (s.log.lastIndex >= s.nextIndex[j] && this.sendAppend(s, j)) s.nextIndex[j] = s.log.lastIndex + 1;
    }
    if (matchIndex > s.matchIndex[j]) {
      const previous = s.matchIndex[j];
      s.matchIndex[j] = matchIndex;
      this.advanceCommit(s);
      this.compact(s);
      this.listeners.onReplicated?.(s.id, j, matchIndex, previous);
      if (this.transferLeader === s.id) this.timeoutNowIfCaughtUp(s, j);
    }
    if (this.catchUpOnReply && s.log.lastIndex >= s.nextIndex[j]) {
      // Entries appended while this follower was being repaired were not sent (it was not caught up): send them now.
      if (this.sendAppend(s, j)) s.nextIndex[j] = s.log.lastIndex + 1;
    }
  }

  /** Commits what the commit rule allows (`commitIndexFor`), reporting each newly committed entry. */
  private advanceCommit(s: RaftServer): void {
    const log = s.log;
    const n = commitIndexFor(log, s.currentTerm, s.commitIndex, s.matchIndex, s.id, this.majority, this.voterFlags ?? undefined);
    if (n <= s.commitIndex) return;
    const now = this.sim.now;
    const onCommit = this.listeners.onCommit;
    for (let k = s.commitIndex + 1; k <= n; k++) {
      const entryTerm = log.termAt(k);
      this.safety.committed(now, k, entryTerm, s.currentTerm, s.id);
      onCommit?.(s.id, k, entryTerm);
    }
    s.commitIndex = n;
    this.compact(s);
  }

  /** Compacts `s`'s log as far as `compactionPoint` allows. */
  private compact(s: RaftServer): void {
    const point = compactionPoint(s, this.snapshotThreshold, this.sim.now);
    if (point > s.log.snapshotIndex) s.log.compactTo(point);
  }

  // ---- network ------------------------------------------------------------------------------------------------

  /**
   * Sends the message in `slot`: lost now if the partition separates the ends, else delivered after a delay.
   * Returns when it arrives (now when it was lost at once).
   */
  /** A message of `type` from server `s` to `to` in `s`'s current term, in a pool slot: its other fields are the caller's. */
  private message(s: RaftServer, type: MessageType, to: number): number {
    const slot = this.pool.acquire();
    const m = this.pool.get(slot);
    m.type = type;
    m.from = s.id;
    m.to = to;
    m.term = s.currentTerm;
    return slot;
  }

  private post(slot: number): number {
    const m = this.pool.get(slot);
    this.messagesSent++;
    if (!this.network.reachable(m.from, m.to)) {
      this.messagesLost++;
      this.pool.release(slot);
      return this.sim.now;
    }
    const delay = this.network.delay(m.from, m.to, m.type);
    // The delay runs from when the message has left the sender's NIC (at once when no NIC is modelled).
    const departure = this.departure === null ? this.sim.now : this.departure(m.from, m.to, m.bytes);
    let arrival = departure + (delay > 0 ? delay : 0);
    const links = this.linkArrival;
    if (links !== null) {
      const link = m.from * this.servers.length + m.to;
      if (links[link] > arrival) arrival = links[link];
      links[link] = arrival;
    }
    this.sim.at(arrival, this.deliverKind, slot);
    return arrival;
  }

  /**
   * What a server does with a message of each type it receives. A switch, where a table keyed by the type's name made
   * every delivery a megamorphic keyed lookup (about eight a replicated write).
   */
  private receive(s: RaftServer, m: RaftMessage): void {
    switch (m.type) {
      case 'request-vote':
        return this.onRequestVote(s, m);
      case 'vote-reply':
        return this.onVoteReply(s, m);
      case 'append-entries':
        return this.onAppendEntries(s, m);
      case 'append-reply':
        return this.onAppendReply(s, m);
      case 'install-snapshot':
        return this.onInstallSnapshot(s, m);
      case 'snapshot-reply':
        return this.onSnapshotReply(s, m);
      case 'timeout-now':
        return this.onTimeoutNow(s, m);
      default: {
        // Every type has its case, as the table had its key: a new type without one does not compile.
        const unhandled: never = m.type;
        throw new Error(`no handler for message type ${String(unhandled)}`);
      }
    }
  }

  private deliver(slot: number): void {
    const m = this.pool.get(slot);
    const s = this.servers[m.to];
    if (!s.up || !this.network.reachable(m.from, m.to)) {
      this.messagesLost++;
    } else {
      this.messagesDelivered++;
      this.receive(s, m);
    }
    this.pool.release(slot);
  }

  // ---- leadership ---------------------------------------------------------------------------------------------

  /**
   * The up server of highest term that believes it leads and reaches a majority of servers that would follow it, or
   * -1. A server that has seen a higher term rejects the leader's messages (and deposes it), so it does not count:
   * otherwise a deposed leader cut off with servers that moved on could pass for the leader, though it can commit
   * nothing, and a new leader's log be compared with a stale one's.
   */
  private effectiveLeader(): number {
    let best = -1;
    for (const s of this.servers) {
      if (!s.up || s.role !== 'leader') continue;
      if (best !== -1 && s.currentTerm <= this.servers[best].currentTerm) continue;
      let reachable = 0;
      for (const t of this.servers) {
        if (t.up && this.isVoter(t.id) && t.currentTerm <= s.currentTerm && this.network.reachable(s.id, t.id)) reachable++;
      }
      if (reachable >= this.majority) best = s.id;
    }
    return best;
  }

  private updateLeadership(cause: ElectionCause, causeTerm = 0): void {
    const leader = this.effectiveLeader();
    const term = leader === -1 ? 0 : this.servers[leader].currentTerm;
    if (this.elections.leadership(this.sim.now, leader, term, cause, causeTerm)) {
      this.listeners.onLeadershipChange?.(this.elections.lastChange!);
    }
  }

  private beginOnce(): void {
    if (this.started) throw new Error('raft cluster: already started (call start() or bootstrap() once)');
    this.started = true;
  }

  private checkServer(i: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.servers.length) {
      throw new RangeError(`raft cluster: no server ${i} (servers are 0 .. ${this.servers.length - 1})`);
    }
  }
}
