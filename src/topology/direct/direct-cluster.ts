import type { Simulator } from '../../engine/simulator.js';
import { FailureCause } from '../../metrics/failure-causes.js';
import { RequestFlag, type RequestTable } from '../../model/request-table.js';
import type { NodeSpec } from '../../model/spec.js';
import type { Station } from '../../model/station.js';
import type { ClientRetries } from '../client-retries.js';
import type { RequestOutcomes } from '../request-outcomes.js';
import { Dispatcher } from '../dispatcher.js';
import { NodeConditions } from '../node-conditions.js';
import { NodeStations } from '../node-stations.js';
import { grownFloat64, grownUint8 } from '../../engine/growable.js';
import { takesWork } from '../runtime/lifecycle-events.js';
import type { NodeSet } from '../runtime/node-set.js';
import type { HeartbeatDetector } from '../heartbeat-detector.js';
import type { ClusterRuntime } from '../runtime/cluster-runtime.js';
import type { Network } from '../runtime/network.js';
import type { WaitingRoom } from '../runtime/waiting-room.js';
import { NicQueues } from '../runtime/nic-queues.js';
import type { Topology } from '../topology.js';
import type { NodeTable } from '../../model/node-table.js';

const WRITE = 2;
const { lost: LOST, abandoned: ABANDONED, attemptClosed: CLOSED, eventPending: PENDING } = RequestFlag;

/**
 * The direct (stateless service) topology: a dispatcher (or several, each with its own view) sends each request to
 * one node chosen by the dispatch policy. The request path: the clients' latency to the node's zone, the request body
 * through the node's NIC (writes), the compute station, the reply body through the NIC (reads and compute), the
 * latency back; the response time runs from the arrival at the dispatcher to the reply's delivery. Stages with
 * nothing to do cost no event.
 *
 * Failures: a crashed node loses what it holds; a partitioned node loses what is sent to it and the replies it
 * sends. The dispatcher learns of either only through heartbeats. Clients with a timeout retry a lost or late
 * attempt on a new entry (the old one may still be running somewhere: its outcome is then ignored); clients
 * without one see a lost request fail at once. Each request is counted once, whatever happens to its attempts.
 */
export class DirectCluster implements Topology {
  readonly stations: Station[];
  /** The stations by node id: arrivals and queue lengths reach a FIFO node's record without its Station object. */
  private readonly nodeStations: NodeStations;
  readonly dispatchers: Dispatcher[];
  /** Per node, grown as nodes are added (node-set listener below): every column here is replaced, never resized. */
  storageUsed: Float64Array;
  bytesMoved: Float64Array;
  /** Arrivals and final outcomes: in-system counts, measured replies and failures, the runner's hooks. */
  readonly outcomes: RequestOutcomes;
  readonly detector: HeartbeatDetector | null;

  /** The dispatchers' view of queue lengths: read live, or reported periodically or on replies. */
  private readonly infoMode: 'exact' | 'periodic' | 'piggyback';
  private readonly dispatcherRng: (() => number) | null;
  /** The dispatcher when there is one only (most runs): the request table's dispatcher column is then not used. */
  private readonly soleDispatcher: Dispatcher | null;
  /** Whether any policy reads queue-length changes or idle reports: most do not, and then no call is made. */
  private readonly policiesWatchQueues: boolean;
  /** Whether anything listens to a dispatch (a policy hook or client timers) or a reply (a policy hook, piggy-backed reports). */
  private readonly dispatchWatched: boolean;
  private readonly replyWatched: boolean;
  /** One FIFO NIC per node: request bodies in, reply bodies out. */
  private readonly nic: NicQueues;
  /** The clients' latency to each node's zone; `clientsFree`: none anywhere, so a request needs no latency event. */
  private readonly network: Network;
  private readonly clientsFree: boolean;
  private readonly operation: Int32Array;
  /** Whether any class writes: without, a request's class is not read on its way in (a cold cache line at 10 000 nodes). */
  private readonly anyWrites: boolean;
  /**
   * Whether any request can carry bytes (a class with a size, or a trace whose rows may give one). Without, no request
   * ever uses a NIC, so its size and its crash epoch (read only where a NIC transfer ends) are neither read nor written:
   * at 10 000 nodes each is one more cold cache line per request.
   */
  private readonly carriesBytes: boolean;
  private readonly reachKind: number;
  private readonly nicInKind: number;
  private readonly nicOutKind: number;
  private readonly replyKind: number;
  /** What the failure models did to each node; its arrays are read here directly on the request path. */
  private readonly conditions: NodeConditions;
  private downCount: Int32Array;
  private cutCount: Int32Array;
  /** 1 while a node is neither down nor cut off (NodeConditions.heard): the request path tests it, not the counts. */
  private heard: Uint8Array;
  private epoch: Int32Array;
  private slowFactor: Float64Array;
  /**
   * The dispatchers' belief: a node is available while it takes work (up, not provisioning, draining or removed)
   * and the detector does not suspect it.
   */
  private available: Uint8Array;
  /** Whether the detector trusts each node: availability once the node takes work again. */
  private trusted: Uint8Array;
  /** The cluster's membership; the nodes being drained, which leave once they hold nothing. */
  private readonly nodeSet: NodeSet;
  private draining = 0;
  private readonly buildStation: (node: NodeSpec, id: number) => Station;
  /** The clients' timers and retries; null when clients wait forever (a lost attempt fails the request at once). */
  private readonly retries: ClientRetries | null;
  private readonly sim: Simulator;
  private readonly requests: RequestTable;
  readonly nodes: NodeTable;
  /** Requests that found no available node wait here for one (a group that scales to zero); null: they fail. */
  private readonly waitingRoom: WaitingRoom | null;
  private readonly runtime: ClusterRuntime;

  constructor(runtime: ClusterRuntime) {
    const { sim, requests, spec, streams, tracker } = runtime;
    const nodes = runtime.nodes;
    this.sim = sim;
    this.requests = requests;
    this.nodes = nodes;
    this.runtime = runtime;
    this.waitingRoom = runtime.waitingRoom;
    const n = nodes.length;
    this.storageUsed = new Float64Array(n);
    this.bytesMoved = new Float64Array(n);
    this.available = new Uint8Array(n).fill(1);
    this.trusted = new Uint8Array(n).fill(1);
    this.nodeSet = runtime.nodeSet;
    this.outcomes = runtime.outcomes;
    this.operation = Int32Array.from(spec.workload, (c) => (c.op === 'write' ? WRITE : c.op === 'read' ? 1 : 0));
    this.anyWrites = this.operation.includes(WRITE);
    this.carriesBytes = spec.workload.some(
      (c) => c.arrivals.process === 'trace' || c.size.dist !== 'constant' || c.size.value !== 0,
    );
    this.network = runtime.network;
    this.clientsFree = this.network.clientsFree;

    this.nodeStations = new NodeStations(sim, requests, (request, node) => {
      this.stationChanged(node);
      this.afterCompute(request);
      this.quieter(node);
    });
    this.buildStation = (node, id) => this.nodeStations.build(node, id);
    this.stations = nodes.map((node, i) => this.buildStation(node, i));
    this.conditions = new NodeConditions(sim, nodes, this.stations, tracker);
    this.conditions.nodeSet = runtime.nodeSet;
    ({ downCount: this.downCount, cutCount: this.cutCount, heard: this.heard, epoch: this.epoch, slowFactor: this.slowFactor } = this.conditions);
    this.nic = new NicQueues(nodes, this.bytesMoved, this.slowFactor);
    this.reachKind = sim.register((request) => this.reachNode(request));
    this.nicInKind = sim.register((request) => {
      if (this.requests.epoch[request] !== this.epoch[this.requests.node[request]]) this.lose(request, FailureCause.nodeCrash);
      else this.enterStation(request);
    });
    this.nicOutKind = sim.register((request) => {
      if (this.requests.epoch[request] !== this.epoch[this.requests.node[request]]) this.lose(request, FailureCause.nodeCrash);
      else this.sendReply(request);
    });
    this.replyKind = sim.register((request) => this.deliver(request));

    // A timed-out attempt is closed at its dispatcher before the retry goes out (through a dispatcher again).
    this.retries = runtime.clientRetries({
      send: (request) => this.send(request),
      failed: (request, cause) => this.countFailure(request, cause),
      abandoning: (request) => this.closeAttempt(request),
    });
    this.detector = runtime.heartbeatDetector({
      isHeard: (node) => this.conditions.isHeard(node),
      onSuspect: (node) => this.setTrusted(node, false),
      onTrust: (node) => this.setTrusted(node, true),
    });
    this.conditions.detector = this.detector;

    const info = spec.balancer.info ?? { mode: 'exact' };
    this.infoMode = info.mode;
    const dispatcherCount = spec.balancer.dispatchers ?? 1;
    this.dispatchers = Array.from(
      { length: dispatcherCount },
      () => new Dispatcher(nodes, this.stations, requests, this.available, info.mode !== 'exact', runtime.createPolicy, runtime.policyReadsOutstandingWork),
    );
    this.dispatcherRng = dispatcherCount > 1 ? streams.stream('dispatchers') : null;
    this.soleDispatcher = dispatcherCount > 1 ? null : this.dispatchers[0];
    this.policiesWatchQueues = this.dispatchers.some(
      (d) => d.policy.onQueueLength !== undefined || d.policy.onNodeIdle !== undefined,
    );
    this.dispatchWatched = this.retries !== null || this.dispatchers.some((d) => d.policy.onDispatch !== undefined);
    this.replyWatched = info.mode === 'piggyback' || this.dispatchers.some((d) => d.policy.onReply !== undefined);
    if (info.mode === 'periodic') {
      const refresh = info.refresh;
      const reportKind = sim.register(() => {
        for (let node = 0; node < this.stations.length; node++) {
          const length = this.downCount[node] === 0 && this.cutCount[node] === 0 ? this.stations[node].inSystem : -1;
          if (length < 0) continue; // a report that never leaves a dead or cut-off node
          for (const dispatcher of this.dispatchers) dispatcher.report(node, length);
        }
        sim.at(sim.now + refresh, reportKind, 0);
      });
      sim.at(refresh, reportKind, 0);
    }
    runtime.nodeSet.subscribe({
      onAdded: (node) => this.addNode(node),
      onStateChange: (node, from, to) => {
        if (to === 'up' && from === 'provisioning') {
          this.setAvailable(node, this.trusted[node] === 1);
          this.quieter(node); // a node up with nothing sent to it is idle from the start
        } else if (to === 'draining') this.setAvailable(node, false);
      },
      onRemoved: (node) => {
        for (const dispatcher of this.dispatchers) dispatcher.removeNode(node);
      },
    });
  }

  // Membership: nodes added and removed at run time (the node set's events).

  /** A node added to the node set: its station, NIC, columns and dispatcher entries; unavailable until it is up. */
  private addNode(node: number): void {
    const n = node + 1;
    this.stations.push(this.buildStation(this.nodes.at(node), node));
    this.conditions.addNode(node);
    ({ downCount: this.downCount, cutCount: this.cutCount, heard: this.heard, epoch: this.epoch, slowFactor: this.slowFactor } = this.conditions);
    this.storageUsed = grownFloat64(this.storageUsed, n);
    this.bytesMoved = grownFloat64(this.bytesMoved, n);
    this.nic.addNode(this.bytesMoved, this.slowFactor);
    this.available = grownUint8(this.available, n);
    this.trusted = grownUint8(this.trusted, n, 1);
    for (const dispatcher of this.dispatchers) dispatcher.addNode(node, this.available);
  }

  /**
   * Takes `node` out of the cluster. With `drain`, it leaves dispatch at once (`draining`), finishes what it holds
   * (requests sent to it, and work still at its station), then is removed; without, it is removed at once and what
   * it holds is lost as in a crash (cause node-crash), with requests still on their way to it.
   */
  removeNode(node: number, drain: boolean): void {
    const state = this.nodeSet.state(node);
    if (state === 'removed' || (state === 'draining' && drain)) return;
    const now = this.sim.now;
    if (state !== 'draining') {
      this.nodeSet.setState(node, 'draining', now);
      this.draining++;
    }
    if (drain) {
      this.leaveIfDrained(node);
      return;
    }
    // Down for good: what reaches it from now on is lost too; the crash machinery is not involved (no repair).
    this.conditions.removeForGood(node);
    this.epoch[node]++;
    this.loseHeld(node);
    this.leave(node);
  }

  /** `node` holds less than before: a draining node may leave, and an idle one is reported (when anyone listens). */
  private quieter(node: number): void {
    if (this.draining > 0) this.leaveIfDrained(node);
    if (this.runtime.idleWatched && this.nodeSet.state(node) === 'up' && this.holdsNothing(node)) this.runtime.nodeIdle(node);
  }

  /** No request at the node's station, and none on its way to it or back (every dispatcher's connections). */
  holdsNothing(node: number): boolean {
    if (this.stations[node].inSystem > 0) return false;
    for (const dispatcher of this.dispatchers) if (dispatcher.connections[node] > 0) return false;
    return true;
  }

  private leaveIfDrained(node: number): void {
    if (this.nodeSet.state(node) !== 'draining' || !this.holdsNothing(node)) return;
    this.leave(node);
  }

  private leave(node: number): void {
    this.draining--;
    this.nodeSet.setState(node, 'removed', this.sim.now);
  }

  /** A new request has been filled in the request table at its arrival time. */
  arrive(request: number): void {
    this.outcomes.arrived(request);
    this.send(request);
  }

  /**
   * Sends an attempt of `request` to a node chosen by its dispatcher's policy; with no node to take it, it waits in
   * the waiting room when there is one (its client's timer runs from now), else it fails. `timerRunning`: it comes
   * from the waiting room, its timer already started.
   */
  private send(request: number, timerRunning = false): void {
    const requests = this.requests;
    const dispatcher = this.soleDispatcher ?? this.drawDispatcher(request);
    const node = dispatcher.policy.choose(request);
    requests.node[request] = node;
    if (node < 0) {
      if (this.waitingRoom === null) this.fail(request, FailureCause.noHealthyNode);
      else {
        if (this.retries !== null && !timerRunning) this.retries.start(request);
        this.waitingRoom.hold(request);
      }
      return;
    }
    dispatcher.opened(node, request);
    if (this.dispatchWatched) this.dispatched(dispatcher, node, request, timerRunning);
    if (this.clientsFree) this.reachNode(request);
    else this.sim.at(this.sim.now + this.network.clientDelay(node), this.reachKind, request);
  }

  /** With several dispatchers, the request's is drawn and kept in the request table (its reply goes back to it). */
  private drawDispatcher(request: number): Dispatcher {
    const d = (this.dispatcherRng!() * this.dispatchers.length) | 0;
    this.requests.dispatcher[request] = d;
    return this.dispatchers[d];
  }

  private dispatcherOf(request: number): Dispatcher {
    return this.soleDispatcher ?? this.dispatchers[this.requests.dispatcher[request]];
  }

  /** Told to the policy and the client's timer, when either listens (most runs: neither). */
  private dispatched(dispatcher: Dispatcher, node: number, request: number, timerRunning: boolean): void {
    dispatcher.policy.onDispatch?.(node, request);
    if (this.retries !== null && !timerRunning) this.retries.start(request);
  }

  private reachNode(request: number): void {
    const requests = this.requests;
    const node = requests.node[request];
    if (this.heard[node] === 0) {
      this.lose(request, this.downCount[node] > 0 ? FailureCause.nodeCrash : FailureCause.unreachable);
      return;
    }
    if (this.carriesBytes) requests.epoch[request] = this.epoch[node];
    if (!this.anyWrites || this.operation[requests.classIndex[request]] !== WRITE) this.enterStation(request);
    else this.reachNodeWithWrite(request, node);
  }

  /** A write's body is stored (if it fits) and comes in through the node's NIC before the compute station. */
  private reachNodeWithWrite(request: number, node: number): void {
    const requests = this.requests;
    const bytes = requests.bytes[request];
    if (this.storageUsed[node] + bytes > this.nodes.fields(node).storage) {
      this.fail(request, FailureCause.storageFull);
      return;
    }
    this.storageUsed[node] += bytes;
    if (bytes > 0) this.transfer(node, bytes, this.nicInKind, request);
    else this.enterStation(request);
  }

  private enterStation(request: number): void {
    const node = this.requests.node[request];
    if (!this.nodeStations.arrive(node, request)) this.fail(request, FailureCause.rejected);
    else if (this.policiesWatchQueues) this.stationChanged(node);
  }

  /** A station's queue changed: policies may track queue lengths (when they see them live) and idle nodes. */
  private stationChanged(node: number): void {
    if (this.policiesWatchQueues) this.tellQueueWatchers(node);
  }

  private tellQueueWatchers(node: number): void {
    const length = this.nodeStations.inSystem(node);
    if (this.infoMode === 'exact') this.queueChanged(node, length);
    if (length === 0) {
      // An idle node reports to one dispatcher, chosen at random (join-idle-queue's idle tokens).
      const d = this.dispatcherRng === null ? 0 : (this.dispatcherRng() * this.dispatchers.length) | 0;
      this.dispatchers[d].policy.onNodeIdle?.(node);
    }
  }

  private queueChanged(node: number, length: number): void {
    const dispatchers = this.dispatchers;
    for (let d = 0; d < dispatchers.length; d++) dispatchers[d].policy.onQueueLength?.(node, length);
  }

  private afterCompute(request: number): void {
    const bytes = this.carriesBytes ? this.requests.bytes[request] : 0;
    if (bytes > 0 && this.operation[this.requests.classIndex[request]] !== WRITE) {
      this.transfer(this.requests.node[request], bytes, this.nicOutKind, request);
    } else {
      this.sendReply(request);
    }
  }

  /** One transfer at a time per NIC, in FIFO order: its end is known when it is queued. */
  private transfer(node: number, bytes: number, kind: number, request: number): void {
    this.sim.at(this.nic.transfer(node, bytes, this.sim.now), kind, request);
  }

  private sendReply(request: number): void {
    if (this.clientsFree) this.deliver(request);
    else this.sim.at(this.sim.now + this.network.clientDelay(this.requests.node[request]), this.replyKind, request);
  }

  private deliver(request: number): void {
    const requests = this.requests;
    const flags = requests.flags[request];
    const node = requests.node[request];
    if ((flags & ABANDONED) !== 0 || (this.heard[node] === 0 && this.cutCount[node] > 0)) {
      this.undeliverable(request);
      return;
    }
    const response = this.sim.now - requests.arrival[request];
    requests.flags[request] = flags | CLOSED | ABANDONED;
    const dispatcher = this.dispatcherOf(request);
    dispatcher.closed(node, request);
    if (this.replyWatched) this.replied(dispatcher, node, request, response);
    this.outcomes.delivered(request, response);
    this.quieter(node);
  }

  /** A reply nobody waits for (the client gave up on the attempt long ago), or one a partition swallows. */
  private undeliverable(request: number): void {
    // Given up on: the work was done for nothing.
    if ((this.requests.flags[request] & ABANDONED) !== 0) this.requests.release(request);
    else this.lose(request, FailureCause.unreachable);
  }

  /** Told to the policy, and to the dispatcher's view when it learns queue lengths from replies. */
  private replied(dispatcher: Dispatcher, node: number, request: number, response: number): void {
    dispatcher.policy.onReply?.(node, request, response);
    if (this.infoMode === 'piggyback') dispatcher.report(node, this.stations[node].inSystem);
  }

  /** The attempt will never complete. The client retries when its timer fires, or fails it now if it has none. */
  private lose(request: number, cause: number): void {
    if (this.retries !== null) {
      this.retries.lost(request);
      return;
    }
    const requests = this.requests;
    requests.flags[request] |= LOST;
    if ((requests.flags[request] & ABANDONED) !== 0) this.dropEntry(request);
    else this.fail(request, cause);
  }

  /** The request failed for good: count it once, then let its entry go (its path has ended). */
  private fail(request: number, cause: number): void {
    this.countFailure(request, cause);
    this.dropEntry(request);
  }

  private countFailure(request: number, cause: number): void {
    this.closeAttempt(request);
    this.outcomes.failed(request, cause);
  }

  /** The dispatcher closes its books on the current attempt (it failed or the client stopped waiting). */
  private closeAttempt(request: number): void {
    const requests = this.requests;
    if ((requests.flags[request] & CLOSED) !== 0) return;
    requests.flags[request] |= CLOSED;
    const node = requests.node[request];
    if (node < 0) return;
    const dispatcher = this.dispatcherOf(request);
    dispatcher.closed(node, request);
    dispatcher.policy.onReply?.(node, request, NaN);
    this.quieter(node);
  }

  /** Nobody waits on this entry any more; it is released unless an event still refers to it. */
  private dropEntry(request: number): void {
    const requests = this.requests;
    requests.flags[request] |= ABANDONED;
    if ((requests.flags[request] & PENDING) === 0) requests.release(request);
  }

  // Failure operations, driven by the failure models.

  /** The detector's verdict; a node that takes no work (provisioning, draining, removed) stays unavailable. */
  private setTrusted(node: number, trusted: boolean): void {
    this.trusted[node] = trusted ? 1 : 0;
    this.setAvailable(node, trusted && takesWork(this.nodeSet.state(node)));
  }

  private setAvailable(node: number, available: boolean): void {
    if ((this.available[node] === 1) === available) return;
    this.available[node] = available ? 1 : 0;
    for (const dispatcher of this.dispatchers) dispatcher.policy.onAvailabilityChange?.(node, available);
    if (available && this.waitingRoom !== null && this.waitingRoom.count > 0) this.releaseWaiting(this.waitingRoom);
  }

  /** A node can take work: the waiting requests go out, oldest first; those their clients gave up on are let go. */
  private releaseWaiting(room: WaitingRoom): void {
    room.releaseAll((request) => {
      if ((this.requests.flags[request] & ABANDONED) !== 0) this.retries?.ended(request);
      else this.send(request, true);
    });
  }

  crash(node: number, cause: string): void {
    this.conditions.crash(node, cause, () => this.loseHeld(node));
  }

  /** What a node holds is lost (a crash, a removal without drain): its NIC's transfers, its station's requests. */
  private loseHeld(node: number): void {
    this.nic.reset(node, this.sim.now);
    const { inService, waiting } = this.stations[node].crash();
    for (const request of inService) {
      this.requests.flags[request] |= PENDING;
      this.lose(request, FailureCause.nodeCrash);
    }
    for (const request of waiting) this.lose(request, FailureCause.nodeCrash);
    this.stationChanged(node);
  }

  restore(node: number): void {
    this.conditions.restore(node, () => {
      // It comes back idle, and says so (if it can be heard).
      if (this.cutCount[node] === 0) this.stationChanged(node);
    });
  }

  /** Cut-off nodes lose what is sent to them and the replies they send; they need no other node. */
  cut(nodes: readonly number[], cause: string): void {
    for (const node of nodes) this.conditions.cut(node, cause);
  }

  heal(nodes: readonly number[]): void {
    for (const node of nodes) {
      this.conditions.heal(node, () => {
        if (this.downCount[node] === 0 && this.stations[node].inSystem === 0) this.stationChanged(node);
      });
    }
  }

  slow(node: number, factor: number): void {
    this.conditions.slow(node, factor);
  }

  unslow(node: number, factor: number): void {
    this.conditions.unslow(node, factor);
  }
}
