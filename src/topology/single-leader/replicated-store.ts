import { NodeConditions } from '../node-conditions.js';
import type { RequestOutcomes } from '../request-outcomes.js';
import { buildStations } from '../node-stations.js';
import type { RandomStreams } from '../../engine/rng.js';
import type { Simulator } from '../../engine/simulator.js';
import type { AvailabilityTracker } from '../../metrics/availability.js';
import { FailureCause } from '../../metrics/failure-causes.js';
import type { Measurement } from '../../metrics/measurement.js';
import { RequestFlag, type RequestTable } from '../../model/request-table.js';
import type { NodeSpec, ScenarioSpec, SingleLeaderTopologySpec } from '../../model/spec.js';
import type { Station } from '../../model/station.js';
import type { ClientRetries } from '../client-retries.js';
import type { HeartbeatDetector } from '../heartbeat-detector.js';
import type { ClusterRuntime } from '../runtime/cluster-runtime.js';
import type { Network } from '../runtime/network.js';
import { NicQueues } from '../runtime/nic-queues.js';
import type { Topology } from '../topology.js';
import { RaftBackedCluster } from './raft-backed-cluster.js';
import { SINGLE_LEADER_SECTION } from './sections/ids.js';
import { DEFAULT_SNAPSHOT_THRESHOLD } from './config.js';
import type { ElectionRecord, LeadershipChange } from './election-log.js';
import { RaftCluster } from './raft-cluster.js';
import { ReadStaleness, type StalenessData } from './read-staleness.js';
import { ReplicationLag, type ReplicationLagData } from './replication-lag.js';
import { timeWithoutLeaderIn, WriteFailures, type WriteFailureData } from './write-availability.js';
import { WriteAcks } from './write-acks.js';
import { Standby } from './recovery/standby.js';
import { nodePlaces, placementRoles } from './placement/placement-roles.js';
import { RegionFigures } from './placement/region-figures.js';
import { LeaderRegionLosses } from './placement/leader-region-losses.js';
import { REGIONS_SECTION } from './sections/ids.js';
import { RECOVERY_SECTION } from './sections/ids.js';

const { lost: LOST, abandoned: ABANDONED, eventPending: PENDING } = RequestFlag;

/** One interval without a leader, as the report counts it. */
export interface FailoverRecord {
  /** When the leader was lost and when one was back (NaN if never), in simulated seconds. */
  lostAt: number;
  end: number;
  /** The term of the leader elected at `end` (NaN while open). */
  term: number;
  rounds: number;
  cause: string;
  /**
   * Present (true) for a false election (`ElectionRecord.falseElection`: the leader was deposed while alive and
   * reachable); absent otherwise, so that the outcome, and the fingerprint that hashes it, of a run without false
   * elections is what it was before they were counted.
   */
  falseElection?: true;
}

/** What a replication reports of the single-leader topology, over its measurement window. */
export interface SingleLeaderOutcome {
  /** Every loss of the leader in the window (lostAt in [warm-up end, window end)). */
  failovers: FailoverRecord[];
  /** Acknowledged measured writes found missing from the log of a later leader. */
  acknowledgedLost: number;
  /** Acknowledged writes of any request (measured or not) found missing so far. */
  acknowledgedLostAll: number;
  /** The replicated store's own figures; absent in scheduler mode. */
  replicated?: ReplicatedStoreOutcome;
}

/** What only the `replicated` mode measures, over the window (plain data: it crosses worker threads). */
export interface ReplicatedStoreOutcome {
  /** Seconds of the window without a leader (every failover overlapping it, clipped to it). */
  timeWithoutLeader: number;
  /** Measured writes failed by cause, and measured requests failed during a failover. */
  failures: WriteFailureData;
  /** How stale the measured reads served by followers were. */
  staleness: StalenessData;
  /** Replication lag per interval of the window, in entries. */
  replicationLag: ReplicationLagData;
}

/** An election of the Raft log as the report counts it, its times relative to `from` (the end of the warm-up). */
export function failoverRecord(r: ElectionRecord, from: number): FailoverRecord {
  const { term, rounds, cause } = r;
  const record: FailoverRecord = { lostAt: r.lostAt - from, end: r.end - from, term, rounds, cause };
  if (r.falseElection) record.falseElection = true;
  return record;
}

/**
 * The single-leader topology in `replicated` mode: a store led by one node (issue 6, part 1). Every node is a Raft
 * server of one `RaftCluster` (node i is server i; node 0 leads term 1 at time 0).
 *
 * The request path. A write goes to the cluster's current leader (the dispatcher knows it; none: the write fails with
 * cause `no-leader`), takes the clients' latency to the leader's zone, is served on the leader's compute station, is
 * appended to the Raft log, and is acknowledged by the `replication` rule: `async` at once, `quorum` when the leader
 * commits it (a majority holds it), `all` when it is committed and every live follower holds it. The reply takes the
 * latency back.
 * A read goes to the leader (`reads: leader`) or to a uniformly random live node (`any`), is served on its station
 * and replied to. A leader that crashes loses what it holds (cause `node-crash`); writes waiting for their
 * acknowledgement at a node that stops leading fail with `no-leader` (or `node-crash` if it crashed).
 *
 * Replication: messages of one link arrive in the order sent (one connection per pair). With `quorum` and `all` the
 * leader sends each entry at once to every caught-up follower (and catches up a lagging one on its next reply); with
 * `async` it ships the entries appended since the last acknowledgement with each heartbeat, so a leader that crashes
 * takes with it the writes it acknowledged since its last heartbeat (messages already sent still arrive).
 *
 * Acknowledged writes are tracked until every server's log holds them or they are committed (then no later leader can
 * lack them: Leader Completeness); each time the cluster has a new leader, a tracked write missing from its log counts
 * as lost (`acknowledgedLost`).
 *
 * Memory follows the model, not the run: every log is compacted (`topology.snapshotThreshold`, see `RaftCluster`), a
 * follower too far behind gets the leader's snapshot through the leader's NIC, and the side measurements keep
 * windows and sketches only.
 *
 * NIC time (`NicQueues`: one FIFO NIC per node, as in the direct topology): a write's body comes in through the
 * leader's NIC, a read's reply leaves through its server's, and the leader sends each entry to each follower through
 * its NIC (the entry carries the write's bytes) before the Raft delay; every Raft message waits for its sender's NIC,
 * then for the shared link on its path when the network has one (`Network.transmit`), and a snapshot goes in chunks
 * of half a heartbeat interval's worth of bandwidth. The Raft delay is the pair
 * class's latency of the two servers (same zone, cross zone, cross region), or `topology.delay` for every pair. A
 * message already queued when its sender crashes still arrives. Followers' incoming traffic is not charged.
 *
 * Measured on the side, for the report: the staleness of reads served by followers (`ReadStaleness`), replication
 * lag per interval of the window (`ReplicationLag`), and write unavailability (`WriteFailures`, and the time without
 * a leader clipped to the window).
 *
 * Partitions (`cut` / `heal`): the nodes of a cut are cut off from the clients, and for Raft messages from the servers
 * outside their group (`applyPartitions`; the groups are the network's `Partitions`). A leader cut off in a minority
 * keeps its pending writes until it steps down (they cannot commit), then they fail.
 *
 * Clients (`ClientRetries`, when `clients.timeout` is finite): an attempt refused for want of a leader (`refuse`) is
 * retried after the backoff; one lost silently with a crashed or cut-off node (`lose`) when its timeout fires; each
 * retry goes to the leader of the moment. Without a timeout both fail the request at once, as before.
 *
 * Not modelled yet: storage on followers, CPU per Raft message, NIC time at the receiving end of Raft messages,
 * linearizable reads (read index or lease), leader hints or redirects (the clients know the leader exactly).
 */
export class ReplicatedStore extends RaftBackedCluster implements Topology {
  readonly stations: Station[];
  readonly raft: RaftCluster;
  readonly detector: HeartbeatDetector | null;
  /** Arrivals and final outcomes: in-system counts, measured replies and failures, the runner's hooks. */
  /** Acknowledged writes (measured or not) found missing from a later leader's log. */
  acknowledgedLost = 0;
  acknowledgedLostMeasured = 0;
  /** Writes acknowledged so far (measured or not). */
  acknowledged = 0;

  private readonly topology: SingleLeaderTopologySpec;
  private readonly isWrite: Uint8Array;
  /** The clients' latency to each node's zone; `clientsFree`: none anywhere, so a request needs no latency event. */
  private readonly clientsFree: boolean;
  private readonly readRng: () => number;
  /** What the failure models did to each node; its arrays are read here directly. */
  protected readonly conditions: NodeConditions;
  private readonly downCount: Int32Array;
  private readonly cutCount: Int32Array;
  private readonly epoch: Int32Array;
  private readonly slowFactor: Float64Array;
  /** The writes waiting for their acknowledgement rule (none under `async`). */
  private readonly acks: WriteAcks | null;
  /** Acknowledged writes not yet on every server: index, term (-1 once settled), measured. */
  private trackedIndex: number[] = [];
  private trackedTerm: number[] = [];
  private trackedMeasured: boolean[] = [];
  private trackedHead = 0;
  private readonly reachKind: number;
  private readonly replyKind: number;
  /** NIC time: write bodies in at the leader, read replies out, and replication traffic (see `NicQueues`). */
  private readonly nic: NicQueues;
  private readonly nicInKind: number;
  private readonly nicOutKind: number;
  private readonly staleness: ReadStaleness;
  private readonly lag: ReplicationLag;
  private readonly writeFailures = new WriteFailures();
  /** The clients' timers and retries; null when clients wait forever (a lost attempt fails the request at once). */
  private readonly retries: ClientRetries | null;
  /** True while the leader's crash fails what it held: those requests fail as the failover starts. */
  private crashingLeader = false;
  /** The standby region (`topology.standby`), or null without one. */
  private readonly standby: Standby | null;
  /** Per class: the index of its clients' region among the nodes' regions, or -1 (nowhere in particular). */
  private readonly classRegion: Int32Array;
  /** Leadership and writes by region, with a placement or clients with a region; null otherwise. */
  private readonly regionFigures: RegionFigures | null;
  /** With a placement: the losses of the leader's whole region, for the single-leader active/active tier's RPO and RTO. */
  private readonly leaderRegionLosses: LeaderRegionLosses | null;
  /** The non-voters' replication lag, with non-voters; null otherwise. */
  private readonly nonVoterLag: ReplicationLag | null;


  constructor(runtime: ClusterRuntime, topology: SingleLeaderTopologySpec) {
    super(runtime);
    const { sim, requests, spec, streams, tracker } = runtime;
    const nodes = runtime.nodes;
    this.topology = topology;
    // Clients with a finite timeout retry a lost or refused attempt on the leader of the moment.
    this.retries = runtime.clientRetries({
      send: (request) => this.send(request),
      failed: (request, cause) => this.countFailure(request, cause),
    });
    const n = nodes.length;
    this.isWrite = Uint8Array.from(spec.workload, (c) => (c.op === 'write' ? 1 : 0));
    const regions = this.network.zones.regions;
    this.classRegion = Int32Array.from(spec.workload, (c) => (c.region === undefined ? -1 : regions.indexOf(c.region)));
    const regionalClients = spec.workload.some((c) => c.region !== undefined);
    // Clients in a region pay the cross-region latency to a node elsewhere, even when every zone's own is 0.
    this.clientsFree = this.network.clientsFree && !regionalClients;
    this.readRng = streams.stream('single-leader/reads');

    this.stations = buildStations(sim, requests, nodes, (request) => this.afterCompute(request));
    this.conditions = new NodeConditions(sim, nodes, this.stations, tracker);
    ({ downCount: this.downCount, cutCount: this.cutCount, epoch: this.epoch, slowFactor: this.slowFactor } = this.conditions);
    this.reachKind = sim.register((request) => this.reachNode(request));
    this.replyKind = sim.register((request) => this.deliver(request));
    this.nic = new NicQueues(nodes, this.bytesMoved, this.slowFactor);
    // A transfer queued before a crash of its node ends in nothing: the request is lost with the node.
    const lostWithNode = (request: number) => this.lose(request, FailureCause.nodeCrash);
    this.nicInKind = this.nicDoneKind((request) => this.enterStation(request), lostWithNode);
    this.nicOutKind = this.nicDoneKind((request) => this.sendReply(request), lostWithNode);

    // The store routes by the leader of the moment, not by suspicion: the detector only measures.
    this.detector = runtime.heartbeatDetector({
      isHeard: (node) => this.conditions.isHeard(node),
      onSuspect: () => {},
      onTrust: () => {},
    });
    this.conditions.detector = this.detector;
    this.standby =
      topology.standby === undefined
        ? null
        : new Standby(sim, topology.standby, spec.network, streams, nodes, {
            // A leader cut off from the clients (and the standby) by a partition serves no write: the checks fail.
            hasLeader: () => this.servingLeader() >= 0,
            work: (request) => requests.work[request],
            bytes: (request) => requests.bytes[request],
            awaited: (request) => this.retries?.abandoned(request) !== true,
            refuse: (request) => this.refuse(request, FailureCause.noLeader),
            isWrite: (request) => this.isWrite[requests.classIndex[request]] === 1,
            delivered: (request) => this.deliverFromStandby(request),
            responseTime: (request) =>
              requests.isMeasured(request) ? this.sim.now - requests.arrival[request] : NaN,
          });
    runtime.window.onBegin((now, width) => this.beginWindow(now, width));
    runtime.window.onEnd(() => this.endWindow());

    const snapshotThreshold = topology.snapshotThreshold ?? DEFAULT_SNAPSHOT_THRESHOLD;
    // topology.placement: who votes and who is preferred to lead (absent: every node votes, none is preferred).
    const roles =
      topology.placement === undefined
        ? null
        : placementRoles(topology.placement, nodePlaces(nodes.map((node) => node.zone), spec.network));
    this.raft = new RaftCluster(
      sim,
      {
        ...this.raftSettings(topology),
        snapshotThreshold,
        // async: the leader ships what it has appended with each heartbeat (a batch per interval); quorum and all:
        // each entry goes out at once, and a follower that fell behind is caught up on its next reply.
        replicateOnAppend: topology.replication !== 'async',
        catchUpOnReply: topology.replication !== 'async',
        // Every message waits for its sender's NIC, then for the shared link on its path (if any); AppendEntries put
        // their entries' bytes on both (once per follower).
        departure: (from, to, bytes) => this.network.transmit(from, to, bytes, this.nic.transfer(from, bytes, sim.now)),
        // A snapshot goes in chunks that hold the leader's NIC for half a heartbeat interval each, so that the
        // heartbeats to the other followers never wait long enough behind it for their election timers to fire.
        snapshotChunk: (node) => (nodes.fields(node).bandwidth * topology.heartbeat) / 2,
        ...(roles === null ? {} : { voters: roles.voters, preferredLeaders: roles.preferred }),
      },
      streams,
    );
    this.regionFigures =
      topology.placement === undefined && !regionalClients ? null : new RegionFigures(regions, Array.from(nodes, (_, i) => this.network.zones.regionOf[i]));
    this.leaderRegionLosses =
      topology.placement === undefined ? null : new LeaderRegionLosses(regions, Array.from(nodes, (_, i) => this.network.zones.regionOf[i]));
    this.nonVoterLag =
      roles === null || !roles.voters.includes(false)
        ? null
        : new ReplicationLag(sim, this.raft, streams.stream('single-leader/non-voter-lag-samples'), (server) => !this.raft.isVoter(server));
    // Commit times for every index a live follower may still lack: up to a snapshot behind, with room to spare.
    this.staleness = new ReadStaleness(this.raft, 2 * snapshotThreshold + 4096);
    this.lag = new ReplicationLag(sim, this.raft, streams.stream('single-leader/lag-samples'));
    this.acks =
      topology.replication === 'async'
        ? null
        : new WriteAcks(sim, this.raft, topology.replication, (request, index, term) =>
            this.acknowledge(request, index, term),
          );
    this.raft.listeners = {
      onCommit: (_leader, index) => {
        this.staleness.committed(index, sim.now);
        this.pruneTracked();
      },
      onReplicated: (leader, follower, matchIndex, previous) =>
        this.acks?.replicated(leader, follower, matchIndex, previous),
      onLeadershipChange: (change) => this.leadershipChanged(change),
      // A leader cut off in a minority steps down on its return without changing the cluster's leader.
      onStepDown: () => this.failDeposedWrites(),
    };
    // The first leader: the first preferred voter, else the first voter (node 0 without a placement).
    const preferred = roles === null ? -1 : roles.preferred.indexOf(true);
    this.raft.bootstrap(roles === null ? 0 : preferred >= 0 ? preferred : roles.voters.indexOf(true));
    this.regionFigures?.leader(sim.now, this.raft.leader);
    this.leaderRegionLosses?.leader(sim.now, this.raft.leader, this.acknowledgedLostMeasured);
  }

  // ---- request path -------------------------------------------------------------------------------------------

  arrive(request: number): void {
    this.outcomes.arrived(request);
    this.send(request);
  }

  /** Sends an attempt of `request`: a write (or a read, `reads: leader`) to the leader of the moment. */
  private send(request: number): void {
    const requests = this.requests;
    if (this.standby?.serving === true) {
      // The clients were redirected to the promoted standby: it serves everything from now on (no failback).
      requests.node[request] = -1;
      requests.wait[request] = 0;
      this.retries?.start(request);
      this.standby.serve(request);
      return;
    }
    let node: number;
    if (this.isWrite[requests.classIndex[request]] === 1 || this.topology.reads === 'leader') {
      node = this.raft.leader;
      if (node < 0) {
        requests.node[request] = -1;
        this.refuse(request, FailureCause.noLeader);
        return;
      }
    } else {
      node = this.randomLiveNode(this.classRegion[requests.classIndex[request]]);
      if (node < 0) {
        requests.node[request] = -1;
        this.fail(request, FailureCause.noHealthyNode);
        return;
      }
    }
    requests.node[request] = node;
    this.retries?.start(request);
    if (this.clientsFree) this.reachNode(request);
    else this.sim.at(this.sim.now + this.clientDelay(request, node), this.reachKind, request);
  }

  /** One way from the request's clients (their region, if their class has one) to `node`. */
  private clientDelay(request: number, node: number): number {
    return this.network.clientDelayFrom(this.classRegion[this.requests.classIndex[request]], node);
  }

  /** One way back from `node` to the request's clients: their regions' route in that direction. */
  private replyDelay(request: number, node: number): number {
    return this.network.clientDelayTo(node, this.classRegion[this.requests.classIndex[request]]);
  }

  /**
   * A node drawn uniformly among those up and reachable in region `region` (the nearest to the clients there), else
   * among all those up and reachable (every one when `region` is -1); -1 when none.
   */
  private randomLiveNode(region: number): number {
    const n = this.nodes.length;
    const regionOf = this.network.zones.regionOf;
    let live = 0;
    let near = 0;
    for (let i = 0; i < n; i++) {
      if (this.downCount[i] !== 0 || this.cutCount[i] !== 0) continue;
      live++;
      if (regionOf[i] === region) near++;
    }
    if (live === 0) return -1;
    const local = near > 0;
    let k = Math.floor(this.readRng() * (local ? near : live));
    for (let i = 0; i < n; i++) {
      if (this.downCount[i] !== 0 || this.cutCount[i] !== 0 || (local && regionOf[i] !== region)) continue;
      if (k-- === 0) return i;
    }
    return -1;
  }

  private reachNode(request: number): void {
    const requests = this.requests;
    const node = requests.node[request];
    if (this.downCount[node] > 0) {
      this.lose(request, FailureCause.nodeCrash);
      return;
    }
    if (this.cutCount[node] > 0) {
      this.lose(request, FailureCause.unreachable);
      return;
    }
    const write = this.isWrite[requests.classIndex[request]] === 1;
    if ((write || this.topology.reads === 'leader') && this.raft.role(node) !== 'leader') {
      this.refuse(request, FailureCause.noLeader);
      return;
    }
    requests.epoch[request] = this.epoch[node];
    if (write) {
      const bytes = requests.bytes[request];
      if (this.storageUsed[node] + bytes > this.nodes.fields(node).storage) {
        this.fail(request, FailureCause.storageFull);
        return;
      }
      this.storageUsed[node] += bytes;
      // The write's body comes in through the node's NIC before it is served.
      if (bytes > 0) {
        const end = this.nic.transfer(node, bytes, this.sim.now);
        if (end > this.sim.now) {
          this.sim.at(end, this.nicInKind, request);
          return;
        }
      }
    }
    this.enterStation(request);
  }

  private enterStation(request: number): void {
    if (!this.stations[this.requests.node[request]].arrive(request)) this.fail(request, FailureCause.rejected);
  }

  private afterCompute(request: number): void {
    const requests = this.requests;
    const node = requests.node[request];
    if (this.isWrite[requests.classIndex[request]] === 0) {
      if (requests.isMeasured(request)) this.staleness.served(node, this.sim.now);
      // The read's reply goes out through the node's NIC.
      const bytes = requests.bytes[request];
      const end = bytes > 0 ? this.nic.transfer(node, bytes, this.sim.now) : this.sim.now;
      if (end > this.sim.now) this.sim.at(end, this.nicOutKind, request);
      else this.sendReply(request);
      return;
    }
    // The entry carries the write's bytes: the leader's NIC sends them once to each follower.
    const index = this.raft.append(node, requests.bytes[request]);
    if (index < 0) {
      this.refuse(request, FailureCause.noLeader);
      return;
    }
    const term = this.raft.term(node);
    if (this.acks === null) this.acknowledge(request, index, term);
    else this.acks.wait(node, request, index, term);
  }

  /** The write's acknowledgement rule is met: it is tracked for loss and its reply leaves. */
  private acknowledge(request: number, index: number, term: number): void {
    if (this.retries?.abandoned(request)) {
      // The client gave up on this attempt (and retried): the acknowledgement reaches nobody.
      this.sendReply(request);
      return;
    }
    this.acknowledged++;
    this.standby?.acknowledged(this.requests.bytes[request]);
    this.trackedIndex.push(index);
    this.trackedTerm.push(term);
    this.trackedMeasured.push(this.requests.isMeasured(request));
    this.sendReply(request);
  }

  private sendReply(request: number): void {
    if (this.clientsFree) this.deliver(request);
    else this.sim.at(this.sim.now + this.replyDelay(request, this.requests.node[request]), this.replyKind, request);
  }

  /** A reply of the promoted standby reached its client: false if the client had given up on that attempt. */
  private deliverFromStandby(request: number): boolean {
    if (this.retries?.abandoned(request)) {
      this.retries.ended(request);
      return false;
    }
    this.delivered(request);
    return true;
  }

  private deliver(request: number): void {
    const requests = this.requests;
    if (this.retries?.abandoned(request)) {
      this.retries.ended(request); // the client stopped waiting for this attempt: the reply is dropped
      return;
    }
    const node = requests.node[request];
    if (this.cutCount[node] > 0) {
      this.lose(request, FailureCause.unreachable);
      return;
    }
    this.delivered(request);
  }

  /** The reply reached its client: counted, and a measured write of clients with a region counted by region. */
  private delivered(request: number): void {
    const requests = this.requests;
    const seconds = this.sim.now - requests.arrival[request];
    this.outcomes.delivered(request, seconds);
    const c = requests.classIndex[request];
    if (this.isWrite[c] === 1 && requests.isMeasured(request)) this.leaderRegionLosses?.written(this.sim.now);
    if (this.regionFigures !== null && this.isWrite[c] === 1 && requests.isMeasured(request) && this.classRegion[c] >= 0) {
      this.regionFigures.write(this.network.zones.regions[this.classRegion[c]], seconds);
    }
  }

  /**
   * The attempt ended silently (its node crashed, or a partition swallowed it or its reply): a retrying client
   * learns of it from its timeout; a client without one sees the request fail now.
   */
  private lose(request: number, cause: number): void {
    if (this.retries === null) this.fail(request, cause);
    else this.retries.lost(request);
  }

  /** The attempt was refused with an answer (no leader): a retrying client retries after its backoff. */
  private refuse(request: number, cause: number): void {
    if (this.retries === null) this.fail(request, cause);
    else this.retries.refused(request, cause);
  }

  /** The request failed for good: counted once; its entry goes now, or when its pending completion event fires. */
  private fail(request: number, cause: number): void {
    const requests = this.requests;
    if (this.retries?.abandoned(request)) {
      this.retries.ended(request); // the client gave up on this attempt before: nothing more to count
      return;
    }
    this.countFailure(request, cause);
    requests.flags[request] |= ABANDONED | LOST;
    if ((requests.flags[request] & PENDING) === 0) requests.release(request);
  }

  /** Counts the request's failure, once per request, whichever attempt ended it. */
  private countFailure(request: number, cause: number): void {
    const requests = this.requests;
    if (requests.isMeasured(request)) {
      const write = this.isWrite[requests.classIndex[request]] === 1;
      this.writeFailures.failed(write, cause, this.raft.leader < 0 || this.crashingLeader);
    }
    this.outcomes.failed(request, cause);
  }

  // ---- replication --------------------------------------------------------------------------------------------

  private leadershipChanged(change: LeadershipChange): void {
    this.standby?.leadership(this.servingLeader());
    this.regionFigures?.leader(this.sim.now, change.leader);
    this.failDeposedWrites();
    if (change.leader >= 0) this.checkLost(change.leader);
    this.leaderRegionLosses?.leader(this.sim.now, change.leader, this.acknowledgedLostMeasured);
  }

  /** Writes waiting at a node that no longer leads in their term will never be acknowledged: they fail. */
  private failDeposedWrites(): void {
    const acks = this.acks;
    if (acks === null) return;
    for (let i = 0; i < this.nodes.length; i++) {
      if (acks.waitingAt(i) === 0) continue;
      const stillLeads = this.raft.isUp(i) && this.raft.role(i) === 'leader';
      // A deposed leader answers "not the leader", unless it crashed or is cut off from the clients (silence).
      const cause =
        this.downCount[i] > 0
          ? FailureCause.nodeCrash
          : this.cutCount[i] > 0
            ? FailureCause.unreachable
            : FailureCause.noLeader;
      const term = this.raft.term(i);
      acks.drop(
        i,
        (writeTerm) => !stillLeads || term !== writeTerm,
        (request) => (cause === FailureCause.noLeader ? this.refuse(request, cause) : this.lose(request, cause)),
      );
    }
  }

  /** A new leader: every tracked acknowledged write missing from its log is lost. */
  private checkLost(leader: number): void {
    const log = this.raft.servers[leader].log;
    for (let k = this.trackedHead; k < this.trackedIndex.length; k++) {
      const term = this.trackedTerm[k];
      if (term < 0 || log.termAt(this.trackedIndex[k]) === term) continue;
      this.trackedTerm[k] = -1;
      this.acknowledgedLost++;
      if (this.trackedMeasured[k]) this.acknowledgedLostMeasured++;
    }
    this.pruneTracked();
  }

  /** Forgets tracked writes that no later leader can lack (see `safeForGood`) or that were found lost. */
  private pruneTracked(): void {
    let k = this.trackedHead;
    for (; k < this.trackedIndex.length; k++) {
      const term = this.trackedTerm[k];
      if (term >= 0 && !this.safeForGood(this.trackedIndex[k], term)) break;
    }
    this.trackedHead = k;
    if (k > 1024 && k * 2 > this.trackedIndex.length) {
      this.trackedIndex = this.trackedIndex.slice(k);
      this.trackedTerm = this.trackedTerm.slice(k);
      this.trackedMeasured = this.trackedMeasured.slice(k);
      this.trackedHead = 0;
    }
  }

  /**
   * Whether entry (`index`, `term`) is on every server's log, or committed (a server whose commit index covers it
   * holds it): either way every later leader holds it, so it can never be lost. A follower that is down keeps its log,
   * so without the second rule a dead follower would keep every write tracked.
   */
  private safeForGood(index: number, term: number): boolean {
    let everywhere = true;
    for (const s of this.raft.servers) {
      if (s.log.termAt(index) !== term) everywhere = false;
      else if (s.commitIndex >= index) return true;
    }
    return everywhere;
  }

  /** The failovers whose leader was lost in [from, to), and the acknowledged measured writes lost so far. */
  outcome(from: number, to: number): SingleLeaderOutcome {
    return {
      failovers: this.raft.elections.records
        .filter((r) => r.lostAt >= from && r.lostAt < to)
        .map((r) => failoverRecord(r, from)),
      acknowledgedLost: this.acknowledgedLostMeasured,
      acknowledgedLostAll: this.acknowledgedLost,
      replicated: {
        timeWithoutLeader: timeWithoutLeaderIn(this.raft.elections.records, from, to),
        failures: this.writeFailures.toData(),
        staleness: this.staleness.toData(),
        replicationLag: this.lag.toData(),
      },
    };
  }

  /** What the report needs of this replication, over the window [from, to). */
  sectionData(from: number, to: number): Record<string, unknown> {
    const data: Record<string, unknown> = { [SINGLE_LEADER_SECTION]: this.outcome(from, to) };
    if (this.standby !== null) data[RECOVERY_SECTION] = this.standby.outcome(from, to);
    if (this.regionFigures !== null) {
      const regions = this.regionFigures.toData(this.nonVoterLag?.overall() ?? null, to, this.raft.transfersStarted);
      const losses = this.leaderRegionLosses?.toData() ?? [];
      if (losses.length > 0) {
        regions.leaderRegionLosses = losses;
        regions.secondRegionNodeHours = this.leaderRegionLosses!.nodeHoursOutside(losses[0].region, to - from);
      }
      data[REGIONS_SECTION] = regions;
    }
    return data;
  }

  /** The measured window opens at `start`: replication lag is sampled over intervals of `width` from there. */
  beginWindow(start: number, width: number): void {
    this.lag.begin(start, width);
    this.standby?.measure(true, start, width);
    this.regionFigures?.begin(start, this.raft.transfersStarted);
    this.leaderRegionLosses?.begin();
    this.nonVoterLag?.begin(start, width);
  }

  /** The measured window closed: the lag series ends with it (the drain after it is not sampled). */
  endWindow(): void {
    this.lag.end();
    this.standby?.measure(false);
    this.regionFigures?.finish(this.sim.now, this.raft.transfersStarted);
    this.leaderRegionLosses?.end();
    this.nonVoterLag?.end();
  }

  // ---- bookkeeping --------------------------------------------------------------------------------------------


  // ---- failures -----------------------------------------------------------------------------------------------

  crash(node: number, cause: string): void {
    this.conditions.crash(node, cause, () => {
      this.nic.reset(node, this.sim.now);
      this.crashingLeader = node === this.raft.leader;
      const { inService, waiting } = this.stations[node].crash();
      for (const request of inService) {
        this.requests.flags[request] |= PENDING;
        this.lose(request, FailureCause.nodeCrash);
      }
      for (const request of waiting) this.lose(request, FailureCause.nodeCrash);
      this.crashingLeader = false;
      // Writes waiting for their acknowledgement at the crashed node fail in the leadership change this causes (or
      // here, if it was a deposed leader the cluster no longer counted).
      this.staleness.crashed(node);
      this.raft.crash(node);
      this.leaderRegionLosses?.crashed(node, this.sim.now, this.acknowledgedLostMeasured);
      this.acks?.drop(node, () => true, (request) => this.lose(request, FailureCause.nodeCrash));
      this.acks?.crashed(this.raft.leader);
    });
  }

  /** The leader the clients and the standby reach: the cluster's, unless a partition cuts it off from them (-1). */
  private servingLeader(): number {
    const leader = this.raft.leader;
    return leader >= 0 && this.cutCount[leader] === 0 ? leader : -1;
  }

  /** A region cut off with its leader stops every write, as its loss does: for the standby, an outage from now. */
  override cut(nodes: readonly number[], cause: string): void {
    super.cut(nodes, cause);
    this.standby?.leadership(this.servingLeader());
  }

  override heal(nodes: readonly number[]): void {
    super.heal(nodes);
    this.standby?.leadership(this.servingLeader());
  }

  restore(node: number): void {
    this.conditions.restore(node, () => {
      this.raft.restart(node);
      this.leaderRegionLosses?.restored(node);
    });
  }
}
