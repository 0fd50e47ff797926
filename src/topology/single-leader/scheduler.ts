import { NodeConditions } from '../node-conditions.js';
import type { RequestOutcomes } from '../request-outcomes.js';
import { buildStations } from '../node-stations.js';
import type { RandomStreams } from '../../engine/rng.js';
import type { Simulator } from '../../engine/simulator.js';
import type { AvailabilityTracker } from '../../metrics/availability.js';
import { FailureCause } from '../../metrics/failure-causes.js';
import type { Measurement } from '../../metrics/measurement.js';
import type { DispatchPolicy, DispatchView } from '../../model/dispatch.js';
import { RequestFlag, type RequestTable } from '../../model/request-table.js';
import type { NodeSpec, ScenarioSpec, SingleLeaderTopologySpec } from '../../model/spec.js';
import type { Station } from '../../model/station.js';
import type { ClientRetries } from '../client-retries.js';
import { Dispatcher } from '../dispatcher.js';
import type { HeartbeatDetector } from '../heartbeat-detector.js';
import type { ClusterRuntime } from '../runtime/cluster-runtime.js';
import type { Network } from '../runtime/network.js';
import { NicQueues } from '../runtime/nic-queues.js';
import type { Topology } from '../topology.js';
import { RaftBackedCluster } from './raft-backed-cluster.js';
import { SCHEDULER_SECTION, SINGLE_LEADER_SECTION } from './sections/ids.js';
import type { LeadershipChange } from './election-log.js';
import { RaftCluster } from './raft-cluster.js';
import { failoverRecord, type SingleLeaderOutcome } from './replicated-store.js';
import { TaskHandles } from './task-handles.js';

const { lost: LOST, abandoned: ABANDONED, eventPending: PENDING } = RequestFlag;

/** The default work of one scheduling decision (seconds on a speed-1 core). */
export const DEFAULT_DECISION_WORK = 0.001;

/** What a replication reports of the scheduler over its measurement window (counts of measured tasks). */
export interface SchedulerOutcome {
  /** Tasks re-sent to another worker after the leader declared their worker dead (lost or only slow). */
  reassigned: number;
  /** Reassignments of tasks whose worker was still running them (suspected while slow or cut off). */
  duplicates: number;
  /** Busy time of scheduling decisions on the leaders' cores / (leader cores x measured time). */
  leaderUtilization: number;
  /** Busy time of the leaders' NICs with task bodies (in from the clients, out to the workers) / measured time. */
  leaderNicUtilization: number;
}

/**
 * The single-leader topology in `scheduler` mode (master/worker; issue 6, part 1). Every node is a Raft server of one
 * `RaftCluster` (node 0 leads term 1 at time 0); the current leader schedules, every other node is a worker.
 *
 * The task path: a task (any workload request) goes to the current leader (none: it fails with `no-leader`), takes the
 * clients' latency to the leader's zone, comes in through the leader's NIC, waits for and takes one scheduling decision
 * on the leader's own station (`decisionWork` of work on its cores: with enough workers, the leader saturates), is
 * assigned to a worker by the scenario's dispatch policy (`balancer.policy`) on the queue lengths the workers report in
 * their heartbeats (every `heartbeat`: stale information), leaves through the leader's NIC, crosses the shared link on
 * its path if the network has one and takes the latency of the leader's and the worker's pair class, is served on the
 * worker's station, and the worker replies to the client (through its NIC, then the clients' latency to its zone).
 *
 * Failures: a crashed worker loses its queued and running tasks; the leader's failure detector (the heartbeat detector
 * of `detection`) declares the worker dead after its timeout and the leader reassigns them (each reassignment takes a
 * new decision). A worker suspected while running (slowed, so that its heartbeats come late, or cut off) has its tasks
 * reassigned too, and the tasks it still runs become duplicates: at-least-once, the reassigned copy's result counts and
 * the worker's is discarded when it finishes (even if it finishes first). A worker that restarts before it is declared
 * dead reports its empty queue on its first heartbeat, and its lost tasks are reassigned then. Lost tasks found while
 * there is no leader wait for the next one. A leader that crashes loses the tasks waiting for their decision (cause
 * `node-crash`: nobody else knew of them); tasks already at workers are unaffected (workers reply to the clients
 * directly).
 *
 * A `partition` failure cuts its nodes off from the clients and, for Raft messages, from the servers outside their
 * group (`applyPartitions`).
 *
 * NIC time (`NicQueues`: one FIFO NIC per node, as in the direct topology): a task's body (`bytes`, the workload's
 * `size`) comes in through the leader's NIC before its decision and leaves through it to the chosen worker (again at
 * each reassignment, which needs no body in), and the result goes back to the client through the worker's NIC. So the
 * leader's NIC carries 2 S per task and caps the throughput at B / (2 S), as its CPU caps it at 1 / decisionWork. A
 * body still coming in when the leader crashes is lost with it; one already queued out still arrives. Unbounded
 * bandwidth costs no time and no event. The workers' incoming traffic is not charged.
 *
 * Clients (`ClientRetries`, when `clients.timeout` is finite): the client's timer sits on its attempt (a handle
 * entry), not on the job entry that travels, since the leader may move a task to fresh entries; `TaskHandles` links
 * every job entry to its attempt. A task refused (no leader, a full waiting room, no worker) is retried after the
 * backoff, one lost silently (with its leader, or cut off) when its timer fires, each time on the leader of the
 * moment. An attempt the client gave up on carries on (the servers do not know); if it still completes, its result is
 * discarded and counted as a duplicate. Without a timeout a task that fails, fails at once, as before.
 *
 * Not modelled: CPU per Raft message, NIC time of the workers' load reports and of Raft messages, the new leader
 * learning the assignments of the old one (the detector's view is shared by successive leaders), replies from a
 * cut-off worker (they fail with `unreachable`), cancelling the attempts a client gave up on.
 */
export class SchedulerCluster extends RaftBackedCluster implements Topology {
  readonly stations: Station[];
  readonly raft: RaftCluster;
  readonly detector: HeartbeatDetector | null;
  readonly dispatcher: Dispatcher;
  /** Arrivals and final outcomes: in-system counts, measured replies and failures, the runner's hooks. */
  /** Counts since the last `resetStatistics` (measured tasks only), and the decision busy time (all tasks). */
  reassigned = 0;
  duplicates = 0;
  decisionBusy = 0;
  /** Seconds of task bodies queued on the NIC of the node leading at the time (in and out; all tasks). */
  leaderNicBusy = 0;

  private windowStart = 0;
  private windowSnapshot: SchedulerOutcome | null = null;
  private readonly decisionWork: number;
  /**
   * Latencies by zone and pair class. `clientsFree` / `pairsFree`: no latency (and no link) on any path between the
   * clients and a node / between two nodes, so a task crossing one needs no event.
   */
  private readonly clientsFree: boolean;
  private readonly pairsFree: boolean;
  /** What the failure models did to each node; its arrays are read here directly. */
  protected readonly conditions: NodeConditions;
  private readonly downCount: Int32Array;
  private readonly cutCount: Int32Array;
  private readonly slowFactor: Float64Array;
  private readonly available: Uint8Array;
  /** 1 while a task's entry is waiting for or taking its scheduling decision (indexed by request id). */
  private deciding = new Uint8Array(1024);
  /** The task's own work while its entry carries the decision's work. */
  private taskWork = new Float64Array(1024);
  /**
   * The entry's generation when the leader gave it up for a fresh one while a worker still held it (a duplicate):
   * whatever still happens to it is discarded. (Not the `abandoned` flag, which with retries marks every job entry.)
   */
  private supersededAt = new Int32Array(1024);
  /** The clients' timers and retries; null when clients wait forever (a task that fails, fails at once). */
  private readonly retries: ClientRetries | null;
  /** With retries: each job entry's link to its client's attempt (the handle the client's timer sits on). */
  private readonly handles: TaskHandles | null;
  /** Tasks assigned to each worker and not yet back (the leader's books: each closed exactly once). */
  private readonly assigned: Set<number>[];
  /** Fresh entries of tasks lost in each crashed worker, waiting for the leader to declare it dead. */
  private readonly orphans: number[][];
  /** Lost tasks to reassign as soon as there is a leader. */
  private waitingForLeader: number[] = [];
  private readonly reachLeaderKind: number;
  private readonly reachWorkerKind: number;
  private readonly replyKind: number;
  /** Task bodies on the leader's NIC (in and out) and results on the workers' (see `NicQueues`). */
  private readonly nic: NicQueues;
  private readonly nicInKind: number;
  /** Incremented at each crash of a node: a body still arriving on a leader's NIC across a crash is lost. */
  private readonly epoch: Int32Array;


  constructor(runtime: ClusterRuntime, topology: SingleLeaderTopologySpec) {
    super(runtime);
    const { sim, requests, spec, streams, tracker } = runtime;
    const nodes = runtime.nodes;
    // A superseded entry is recognised by its generation (supersededAt).
    requests.keepAttempts();
    // Clients with a finite timeout retry a lost or refused task on the leader of the moment.
    this.retries = runtime.clientRetries({
      send: (handle) => this.send(handle),
      failed: (handle, cause) => this.countFailure(handle, cause),
    });
    this.handles = this.retries ? new TaskHandles(requests) : null;
    const n = nodes.length;
    this.decisionWork = topology.decisionWork ?? DEFAULT_DECISION_WORK;
    this.available = new Uint8Array(n).fill(1);
    this.assigned = Array.from({ length: n }, () => new Set<number>());
    this.orphans = Array.from({ length: n }, () => []);
    this.clientsFree = this.network.clientsFree;
    this.pairsFree = this.network.pairsFree;

    this.stations = buildStations(sim, requests, nodes, (request) => this.afterService(request));
    this.conditions = new NodeConditions(sim, nodes, this.stations, tracker);
    ({ downCount: this.downCount, cutCount: this.cutCount, epoch: this.epoch, slowFactor: this.slowFactor } = this.conditions);
    this.reachLeaderKind = sim.register((request) => this.reachLeader(request));
    this.reachWorkerKind = sim.register((request) => this.reachWorker(request));
    this.replyKind = sim.register((request) => this.deliver(request));
    this.nic = new NicQueues(nodes, this.bytesMoved, this.slowFactor);
    // The leader crashed while the body was coming in: nobody else knew of the task.
    this.nicInKind = this.nicDoneKind(
      (request) => this.enterDecision(request),
      (request) => this.fail(request, FailureCause.nodeCrash),
    );

    this.detector = runtime.heartbeatDetector({
      isHeard: (node) => this.conditions.isHeard(node),
      onSuspect: (node) => this.suspected(node),
      onTrust: (node) => this.setAvailable(node, this.raft.leader !== node),
    });
    this.conditions.detector = this.detector;
    runtime.window.onBegin(() => this.resetStatistics());
    runtime.window.onEnd(() => this.endWindow());

    // The leader's view of the workers' queues: what their heartbeats said, every `heartbeat`.
    this.dispatcher = new Dispatcher(nodes, this.stations, requests, this.available, true, runtime.createPolicy, runtime.policyReadsOutstandingWork);
    const refresh = topology.heartbeat;
    const reportKind = sim.register(() => {
      for (let node = 0; node < n; node++) {
        if (this.downCount[node] !== 0 || this.cutCount[node] !== 0) continue; // a heartbeat that never arrives
        this.dispatcher.report(node, this.stations[node].inSystem);
      }
      sim.at(sim.now + refresh, reportKind, 0);
    });
    sim.at(refresh, reportKind, 0);

    this.raft = new RaftCluster(
      sim,
      {
        ...this.raftSettings(topology),
        // Raft messages carry no bytes here, but wait behind the task bodies on a shared link (FIFO).
        ...(this.network.links === null ? {} : { departure: (from, to, bytes) => this.network.transmit(from, to, bytes, sim.now) }),
      },
      streams,
    );
    this.raft.listeners = { onLeadershipChange: (change) => this.leadershipChanged(change) };
    this.raft.bootstrap(0);
    this.setAvailable(0, false); // the leader schedules; it is no worker
  }

  // ---- task path ----------------------------------------------------------------------------------------------

  arrive(request: number): void {
    this.outcomes.arrived(request);
    if (this.retries !== null) {
      this.send(request);
      return;
    }
    const leader = this.raft.leader;
    if (leader < 0) {
      this.requests.node[request] = -1;
      this.fail(request, FailureCause.noLeader);
      return;
    }
    this.prepareDecision(request, leader);
    if (this.clientsFree) this.reachLeader(request);
    else this.sim.at(this.sim.now + this.network.clientDelay(leader), this.reachLeaderKind, request);
  }

  /**
   * With retries: an attempt of the client's task leaves for the leader of the moment (none: refused, the client
   * retries after its backoff). `handle` is the client's attempt, which its timer watches; a job entry (a copy, not
   * counted in flight) travels to the leader and the workers and may be replaced there, keeping its link to it.
   */
  private send(handle: number): void {
    const requests = this.requests;
    const leader = this.raft.leader;
    if (leader < 0) {
      requests.node[handle] = -1;
      this.retries!.refused(handle, FailureCause.noLeader);
      return;
    }
    this.retries!.start(handle);
    requests.node[handle] = leader;
    const job = requests.cloneForRetry(handle);
    requests.attempt[job] = requests.attempt[handle];
    requests.flags[job] |= ABANDONED; // the client waits on the handle
    this.handles!.link(job, handle);
    this.prepareDecision(job, leader);
    if (this.clientsFree) this.reachLeader(job);
    else this.sim.at(this.sim.now + this.network.clientDelay(leader), this.reachLeaderKind, job);
  }

  /** The entry carries the decision's work (its own is kept aside) and heads for `leader`. */
  private prepareDecision(request: number, leader: number): void {
    const requests = this.requests;
    if (request >= this.deciding.length) this.grow(request);
    this.deciding[request] = 1;
    this.taskWork[request] = requests.work[request];
    requests.work[request] = this.decisionWork;
    requests.node[request] = leader;
  }

  private grow(request: number): void {
    let size = this.deciding.length;
    while (size <= request) size *= 2;
    const deciding = new Uint8Array(size);
    deciding.set(this.deciding);
    const work = new Float64Array(size);
    work.set(this.taskWork);
    const supersededAt = new Int32Array(size);
    supersededAt.set(this.supersededAt);
    this.deciding = deciding;
    this.taskWork = work;
    this.supersededAt = supersededAt;
  }

  /** Whether the leader gave this entry up for a fresh one (see `supersededAt`). */
  private superseded(request: number): boolean {
    return request < this.supersededAt.length && this.supersededAt[request] === this.requests.generation[request];
  }

  /** `fresh` replaces `request` for the same task (a reassignment): with retries it is a job of the same attempt. */
  private inheritAttempt(fresh: number, request: number): void {
    if (this.handles === null) return;
    this.handles.inherit(fresh, request);
    this.requests.flags[fresh] |= ABANDONED;
  }

  /** A task from its client reaches the leader: its body comes in through the leader's NIC before the decision. */
  private reachLeader(request: number): void {
    if (!this.leaderTakes(request)) return;
    const requests = this.requests;
    const bytes = requests.bytes[request];
    if (bytes > 0) {
      const leader = requests.node[request];
      const now = this.sim.now;
      requests.epoch[request] = this.epoch[leader];
      this.leaderNicBusy += this.nic.transferTime(leader, bytes);
      const end = this.nic.transfer(leader, bytes, now);
      if (end > now) {
        this.sim.at(end, this.nicInKind, request);
        return;
      }
    }
    this.enterDecision(request);
  }

  /** Whether the node the task reached is up, reachable and leads; if not, the task fails here. */
  private leaderTakes(request: number): boolean {
    const node = this.requests.node[request];
    if (this.downCount[node] > 0) {
      this.fail(request, FailureCause.nodeCrash);
      return false;
    }
    if (this.cutCount[node] > 0) {
      this.fail(request, FailureCause.unreachable);
      return false;
    }
    if (this.raft.role(node) !== 'leader') {
      this.fail(request, FailureCause.noLeader);
      return false;
    }
    return true;
  }

  /** The task waits for its decision in the leader's waiting room (a full one rejects it). */
  private enterDecision(request: number): void {
    if (!this.stations[this.requests.node[request]].arrive(request)) this.fail(request, FailureCause.rejected);
  }

  private afterService(request: number): void {
    const requests = this.requests;
    if (this.deciding[request] === 1) {
      this.decisionBusy += this.decisionWork / (this.nodes.fields(requests.node[request]).speed * this.slowFactor[requests.node[request]]);
      this.deciding[request] = 0;
      requests.work[request] = this.taskWork[request];
      this.assign(request);
      return;
    }
    const worker = requests.node[request];
    if (this.superseded(request)) {
      // A duplicate whose task was reassigned: its result is discarded.
      requests.release(request);
      return;
    }
    this.close(worker, request, this.sim.now - requests.arrival[request]);
    // The result goes back to the client through the worker's NIC, then the network.
    const sent = this.nic.transfer(worker, requests.bytes[request], this.sim.now);
    if (this.clientsFree && sent === this.sim.now) this.deliver(request);
    else this.sim.at(sent + (this.clientsFree ? 0 : this.network.clientDelay(worker)), this.replyKind, request);
  }

  /** The leader's decision: a worker by the dispatch policy, on the heartbeats' view. */
  private assign(request: number): void {
    const requests = this.requests;
    const policy = this.dispatcher.policy;
    const leader = requests.node[request];
    const worker = policy.choose(request);
    if (worker < 0) {
      requests.node[request] = -1;
      this.fail(request, FailureCause.noHealthyNode);
      return;
    }
    requests.node[request] = worker;
    this.assigned[worker].add(request);
    this.dispatcher.opened(worker, request);
    policy.onDispatch?.(worker, request);
    // The body leaves through the leader's NIC (a transfer already queued when the leader crashes still arrives, as
    // any message in flight), then crosses the network to the worker: the shared link on the path, if any, and the
    // latency of the pair's class.
    const bytes = requests.bytes[request];
    this.leaderNicBusy += this.nic.transferTime(leader, bytes);
    const sent = this.nic.transfer(leader, bytes, this.sim.now);
    if (this.pairsFree && sent === this.sim.now) this.reachWorker(request);
    else this.network.send(leader, worker, bytes, this.reachWorkerKind, request, sent);
  }

  /** The leader closes its books on a task at `worker` (result back, or the task lost or reassigned). */
  private close(worker: number, request: number, response: number): void {
    if (!this.assigned[worker].delete(request)) return;
    this.dispatcher.closed(worker, request);
    this.dispatcher.policy.onReply?.(worker, request, response);
  }

  private reachWorker(request: number): void {
    const requests = this.requests;
    const worker = requests.node[request];
    if (this.superseded(request)) {
      requests.release(request); // reassigned while on its way (its worker was suspected)
      return;
    }
    if (this.downCount[worker] > 0) {
      this.orphan(worker, request);
      return;
    }
    if (this.cutCount[worker] > 0) {
      this.close(worker, request, NaN);
      this.fail(request, FailureCause.unreachable);
      return;
    }
    if (!this.stations[worker].arrive(request)) {
      this.close(worker, request, NaN);
      this.fail(request, FailureCause.rejected);
    }
  }

  private deliver(request: number): void {
    const requests = this.requests;
    const node = requests.node[request];
    if (this.cutCount[node] > 0) {
      this.fail(request, FailureCause.unreachable);
      return;
    }
    if (this.handles !== null) this.deliverJob(request);
    else this.complete(request);
  }

  /** With retries: a job's result reaches its client, which counts it if it still waits for that attempt. */
  private deliverJob(job: number): void {
    const requests = this.requests;
    const handle = this.handles!.handleOf(job);
    if (handle < 0 || this.retries!.abandoned(handle)) {
      // The client stopped waiting for this attempt (it timed out and retried): the task ran once more for nothing.
      if (requests.isMeasured(job)) this.duplicates++;
      if (handle >= 0) this.retries!.ended(handle);
      requests.release(job);
      return;
    }
    requests.wait[handle] = requests.wait[job];
    requests.release(job);
    this.complete(handle);
  }

  /** The client has the task's result: counted once. */
  private complete(request: number): void {
    this.outcomes.delivered(request, this.sim.now - this.requests.arrival[request]);
  }

  /**
   * The entry's path ends without a result: its entry goes now, or when its pending completion event fires. Without
   * retries the task fails for good (counted once). With retries the client hears of it through the attempt's
   * handle: refused with an answer (no leader, a full waiting room, no worker) it retries after its backoff; lost
   * silently (a crash, a partition) it retries when its timer fires.
   */
  private fail(request: number, cause: number): void {
    const requests = this.requests;
    const handle = this.handles?.handleOf(request) ?? -1;
    if (this.handles === null) this.countFailure(request, cause);
    requests.flags[request] |= ABANDONED | LOST;
    if ((requests.flags[request] & PENDING) === 0) requests.release(request);
    if (handle < 0) return;
    if (cause === FailureCause.nodeCrash || cause === FailureCause.unreachable) this.retries!.lost(handle);
    else this.retries!.refused(handle, cause);
  }

  /** Counts the task's failure, once per task. */
  private countFailure(request: number, cause: number): void {
    this.outcomes.failed(request, cause);
  }

  // ---- reassignment -------------------------------------------------------------------------------------------

  /**
   * `request` (a task at `worker`) is lost: a fresh entry takes its place (the old one goes now or when its pending
   * event fires), to be reassigned once the leader declares the worker dead (at once if it already has).
   */
  private orphan(worker: number, request: number): void {
    // The leader does not know yet: its books keep the task open at the worker (the connection and outstanding work
    // stay counted, so that least-connections does not pour tasks into a dead worker) until it declares it dead.
    this.assigned[worker].delete(request);
    const fresh = this.replace(request);
    if (this.detector?.isSuspected(worker)) this.reassignLost(worker, [fresh]);
    else this.orphans[worker].push(fresh);
  }

  /** The leader closes its books on tasks lost at `worker` (fresh entries) and reassigns them. */
  private reassignLost(worker: number, lost: readonly number[]): void {
    const dispatcher = this.dispatcher;
    for (const request of lost) {
      dispatcher.closed(worker, request);
      dispatcher.policy.onReply?.(worker, request, NaN);
      this.reassign(request);
    }
  }

  /** A fresh entry for the task of `request`, which is given up (released unless an event still refers to it). */
  private replace(request: number): number {
    const requests = this.requests;
    const fresh = requests.cloneForRetry(request);
    requests.attempt[fresh] = requests.attempt[request];
    requests.node[fresh] = -1;
    this.inheritAttempt(fresh, request);
    requests.flags[request] |= ABANDONED | LOST;
    if ((requests.flags[request] & PENDING) === 0) requests.release(request);
    return fresh;
  }

  /** The task goes through a new decision at the current leader (or waits for one). */
  private reassign(request: number): void {
    const leader = this.raft.leader;
    if (leader < 0) {
      this.waitingForLeader.push(request);
      return;
    }
    if (this.requests.isMeasured(request)) this.reassigned++;
    this.prepareDecision(request, leader);
    // The leader holds the task already: no body comes in again (it goes out again to the new worker).
    if (this.leaderTakes(request)) this.enterDecision(request);
  }

  /** The detector declared `node` dead: its lost tasks are reassigned; tasks it may still be running are duplicated. */
  private suspected(node: number): void {
    this.setAvailable(node, false);
    const lost = this.orphans[node];
    this.orphans[node] = [];
    this.reassignLost(node, lost);
    if (this.downCount[node] > 0) return;
    // Slow or cut off, but running: its tasks are given to others, and what it still runs is a duplicate.
    const requests = this.requests;
    for (const request of [...this.assigned[node]]) {
      this.close(node, request, NaN);
      const fresh = requests.cloneForRetry(request);
      requests.attempt[fresh] = requests.attempt[request];
      requests.node[fresh] = -1;
      this.inheritAttempt(fresh, request);
      // Still queued or running at the worker: released when it finishes, its result discarded.
      requests.flags[request] |= ABANDONED;
      if (request >= this.supersededAt.length) this.grow(request);
      this.supersededAt[request] = requests.generation[request];
      if (requests.isMeasured(fresh)) this.duplicates++;
      this.reassign(fresh);
    }
  }

  private setAvailable(node: number, available: boolean): void {
    // The leader knows a worker is gone only when its detector says so: a crashed, unsuspected worker still gets tasks.
    const value = available && !(this.detector?.isSuspected(node) ?? false) ? 1 : 0;
    if (this.available[node] === value) return;
    this.available[node] = value;
    this.dispatcher.policy.onAvailabilityChange?.(node, value === 1);
  }

  private leadershipChanged(change: LeadershipChange): void {
    const leader = change.leader;
    for (let i = 0; i < this.nodes.length; i++) this.setAvailable(i, i !== leader);
    if (leader < 0 || this.waitingForLeader.length === 0) return;
    const waiting = this.waitingForLeader;
    this.waitingForLeader = [];
    for (const request of waiting) this.reassign(request);
  }

  // ---- window and bookkeeping ---------------------------------------------------------------------------------

  /** The measurement window opens: counts restart. */
  resetStatistics(): void {
    this.reassigned = 0;
    this.duplicates = 0;
    this.decisionBusy = 0;
    this.leaderNicBusy = 0;
    this.windowStart = this.sim.now;
  }

  /** The measurement window closes: its counts are kept (the drain after it does not change them). */
  endWindow(): void {
    const time = this.sim.now - this.windowStart;
    const leader = this.raft.leader >= 0 ? this.raft.leader : 0;
    const cores = this.nodes.fields(leader).cores;
    this.windowSnapshot = {
      reassigned: this.reassigned,
      duplicates: this.duplicates,
      leaderUtilization: time > 0 ? Math.min(1, this.decisionBusy / (cores * time)) : 0,
      leaderNicUtilization: time > 0 ? Math.min(1, this.leaderNicBusy / time) : 0,
    };
  }

  outcome(): SchedulerOutcome {
    if (this.windowSnapshot === null) this.endWindow();
    return this.windowSnapshot!;
  }

  /** What the report needs of this replication, over the window [from, to). */
  sectionData(from: number, to: number): Record<string, unknown> {
    return { [SINGLE_LEADER_SECTION]: this.singleLeaderOutcome(from, to), [SCHEDULER_SECTION]: this.outcome() };
  }

  /** The failovers whose leader was lost in [from, to). */
  singleLeaderOutcome(from: number, to: number): SingleLeaderOutcome {
    return {
      failovers: this.raft.elections.records
        .filter((r) => r.lostAt >= from && r.lostAt < to)
        .map((r) => failoverRecord(r, from)),
      acknowledgedLost: 0,
      acknowledgedLostAll: 0,
    };
  }


  // ---- failures -----------------------------------------------------------------------------------------------

  crash(node: number, cause: string): void {
    this.conditions.crash(node, cause, () => {
      this.nic.reset(node, this.sim.now);
      const requests = this.requests;
      const { inService, waiting } = this.stations[node].crash();
      for (const request of inService) requests.flags[request] |= PENDING | LOST;
      for (const request of waiting) requests.flags[request] |= LOST;
      for (const request of [...inService, ...waiting]) {
        if (this.superseded(request)) {
          // A duplicate already reassigned elsewhere: nothing more to do.
          if ((requests.flags[request] & PENDING) === 0) requests.release(request);
        } else if (this.deciding[request] === 1) {
          // Waiting for its decision at the crashed leader: nobody else knew of it.
          this.fail(request, FailureCause.nodeCrash);
        } else {
          this.orphan(node, request);
        }
      }
      this.raft.crash(node);
    });
  }

  restore(node: number): void {
    this.conditions.restore(node, () => {
      this.raft.restart(node);
      // Back and empty before being declared dead: its first heartbeat tells the leader that its tasks are gone.
      const lost = this.orphans[node];
      this.orphans[node] = [];
      this.reassignLost(node, lost);
      this.setAvailable(node, this.raft.leader !== node);
    });
  }
}
