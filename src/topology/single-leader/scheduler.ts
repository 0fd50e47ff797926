import { buildStations, settledSlowFactor } from '../node-stations.js';
import { createSampler } from '../../engine/distributions/index.js';
import type { RandomStreams } from '../../engine/rng.js';
import type { Simulator } from '../../engine/simulator.js';
import type { AvailabilityTracker } from '../../metrics/availability.js';
import { FailureCause } from '../../metrics/failure-causes.js';
import type { Measurement } from '../../metrics/measurement.js';
import type { DispatchPolicy, DispatchView } from '../../model/dispatch.js';
import { RequestFlag, type RequestTable } from '../../model/request-table.js';
import type { NodeSpec, ScenarioSpec, SingleLeaderTopologySpec } from '../../model/spec.js';
import type { Station } from '../../model/station.js';
import { Dispatcher } from '../dispatcher.js';
import { HeartbeatDetector } from '../heartbeat-detector.js';
import type { Topology } from '../topology.js';
import { applyCuts } from './cut-partition.js';
import type { LeadershipChange } from './election-log.js';
import { RaftCluster } from './raft-cluster.js';
import { failoverRecord, type SingleLeaderOutcome } from './replicated-store.js';

const { lost: LOST, abandoned: ABANDONED, degraded: DEGRADED, eventPending: PENDING } = RequestFlag;

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
}

/**
 * The single-leader topology in `scheduler` mode (master/worker; issue 6, part 1). Every node is a Raft server of one
 * `RaftCluster` (node 0 leads term 1 at time 0); the current leader schedules, every other node is a worker.
 *
 * The task path: a task (any workload request) goes to the current leader (none: it fails with `no-leader`), takes
 * the network latency there, waits for and takes one scheduling decision on the leader's own station (`decisionWork`
 * of work on its cores: with enough workers, the leader saturates), is assigned to a worker by the scenario's dispatch
 * policy (`balancer.policy`) on the queue lengths the workers report in their heartbeats (every `heartbeat`: stale
 * information), takes the latency to the worker, is served on the worker's station, and the worker replies to the
 * client (one more latency).
 *
 * Failures: a crashed worker loses its queued and running tasks; the leader's failure detector (the heartbeat
 * detector of `detection`) declares the worker dead after its timeout and the leader reassigns them (each
 * reassignment takes a new decision). A worker suspected while running (slowed, so that its heartbeats come late,
 * or cut off) has its tasks reassigned too, and the tasks it still runs become duplicates: at-least-once, the first
 * result counts and the other is discarded. A worker that restarts before it is declared dead reports its empty
 * queue on its first heartbeat, and its lost tasks are reassigned then. Lost tasks found while there is no leader
 * wait for the next one. A leader that crashes loses the tasks waiting for their decision (cause `node-crash`:
 * nobody else knew of them); tasks already at workers are unaffected (workers reply to the clients directly).
 *
 * A `partition` failure cuts its nodes off from the clients and, for Raft messages, from the other side (`applyCuts`).
 *
 * Not modelled: client timeouts and retries, NIC time, CPU per Raft message, the new leader learning the assignments
 * of the old one (the detector's view is shared by successive leaders), replies from a cut-off worker (they fail with
 * `unreachable`).
 */
export class SchedulerCluster implements Topology {
  readonly stations: Station[];
  readonly storageUsed: Float64Array;
  readonly bytesMoved: Float64Array;
  readonly raft: RaftCluster;
  readonly detector: HeartbeatDetector | null;
  readonly dispatcher: Dispatcher;
  inSystem = 0;
  inSystemArea = 0;
  onReplyDelivered: (() => void) | null = null;
  onMeasuredFinished: (() => void) | null = null;
  /** Counts since the last `resetStatistics` (measured tasks only), and the decision busy time (all tasks). */
  reassigned = 0;
  duplicates = 0;
  decisionBusy = 0;

  private lastInSystemChange = 0;
  private windowStart = 0;
  private windowSnapshot: SchedulerOutcome | null = null;
  private readonly decisionWork: number;
  private readonly latency: (() => number) | null;
  private readonly downCount: Int32Array;
  private readonly cutCount: Int32Array;
  private readonly slowFactor: Float64Array;
  private readonly available: Uint8Array;
  /** 1 while a task's entry is waiting for or taking its scheduling decision (indexed by request id). */
  private deciding = new Uint8Array(1024);
  /** The task's own work while its entry carries the decision's work. */
  private taskWork = new Float64Array(1024);
  /** Tasks assigned to each worker and not yet back (the leader's books: each closed exactly once). */
  private readonly assigned: Set<number>[];
  /** Fresh entries of tasks lost in each crashed worker, waiting for the leader to declare it dead. */
  private readonly orphans: number[][];
  /** Lost tasks to reassign as soon as there is a leader. */
  private waitingForLeader: number[] = [];
  private readonly reachLeaderKind: number;
  private readonly reachWorkerKind: number;
  private readonly replyKind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly requests: RequestTable,
    private readonly measurement: Measurement,
    readonly nodes: readonly NodeSpec[],
    spec: ScenarioSpec,
    streams: RandomStreams,
    makePolicy: (view: DispatchView) => DispatchPolicy,
    private readonly tracker: AvailabilityTracker | null,
  ) {
    const topology: SingleLeaderTopologySpec | undefined = spec.topology;
    if (topology?.kind !== 'single-leader' || topology.mode !== 'scheduler') {
      throw new Error('scheduler: the scenario has no single-leader topology in scheduler mode');
    }
    const reliability = spec.reliability;
    if (reliability && reliability.clients.timeout !== Infinity) {
      throw new Error('single-leader: client timeouts and retries are not wired yet (use clients.timeout = Infinity)');
    }
    const n = nodes.length;
    this.decisionWork = topology.decisionWork ?? DEFAULT_DECISION_WORK;
    this.storageUsed = new Float64Array(n);
    this.bytesMoved = new Float64Array(n);
    this.downCount = new Int32Array(n);
    this.cutCount = new Int32Array(n);
    this.slowFactor = new Float64Array(n).fill(1);
    this.available = new Uint8Array(n).fill(1);
    this.assigned = Array.from({ length: n }, () => new Set<number>());
    this.orphans = Array.from({ length: n }, () => []);
    const latencySpec = spec.network.latency;
    this.latency =
      latencySpec.dist === 'constant' && latencySpec.value === 0 ? null : createSampler(latencySpec, streams.stream('network'));

    this.stations = buildStations(sim, requests, nodes, (request) => this.afterService(request));
    this.reachLeaderKind = sim.register((request) => this.reachLeader(request));
    this.reachWorkerKind = sim.register((request) => this.reachWorker(request));
    this.replyKind = sim.register((request) => this.deliver(request));

    this.detector = reliability
      ? new HeartbeatDetector(
          sim,
          n,
          reliability.detection.heartbeat,
          reliability.detection.timeout,
          createSampler(latencySpec, streams.stream('detection/latency')),
          streams.stream('detection/phase'),
          (node) => this.downCount[node] === 0 && this.cutCount[node] === 0,
          (node) => this.suspected(node),
          (node) => this.setAvailable(node, this.raft.leader !== node),
        )
      : null;

    // The leader's view of the workers' queues: what their heartbeats said, every `heartbeat`.
    this.dispatcher = new Dispatcher(nodes, this.stations, requests, this.available, true, makePolicy);
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
        servers: n,
        heartbeat: topology.heartbeat,
        electionTimeout: topology.electionTimeout,
        delay: topology.delay ?? latencySpec,
        recordVotes: false,
        checkSafety: false,
        fifoLinks: true,
      },
      streams,
    );
    this.raft.listeners = { onLeadershipChange: (change) => this.leadershipChanged(change) };
    this.raft.bootstrap(0);
    this.setAvailable(0, false); // the leader schedules; it is no worker
  }

  // ---- task path ----------------------------------------------------------------------------------------------

  arrive(request: number): void {
    this.changeInSystem(1);
    if (this.tracker !== null && !this.tracker.allHealthy) this.requests.flags[request] |= DEGRADED;
    const leader = this.raft.leader;
    if (leader < 0) {
      this.requests.node[request] = -1;
      this.fail(request, FailureCause.noLeader);
      return;
    }
    this.prepareDecision(request, leader);
    if (this.latency === null) this.reachLeader(request);
    else this.sim.at(this.sim.now + this.latency(), this.reachLeaderKind, request);
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
    this.deciding = deciding;
    this.taskWork = work;
  }

  private reachLeader(request: number): void {
    const node = this.requests.node[request];
    if (this.downCount[node] > 0) {
      this.fail(request, FailureCause.nodeCrash);
      return;
    }
    if (this.cutCount[node] > 0) {
      this.fail(request, FailureCause.unreachable);
      return;
    }
    if (this.raft.role(node) !== 'leader') {
      this.fail(request, FailureCause.noLeader);
      return;
    }
    if (!this.stations[node].arrive(request)) this.fail(request, FailureCause.rejected);
  }

  private afterService(request: number): void {
    const requests = this.requests;
    if (this.deciding[request] === 1) {
      this.decisionBusy += this.decisionWork / (this.nodes[requests.node[request]].speed * this.slowFactor[requests.node[request]]);
      this.deciding[request] = 0;
      requests.work[request] = this.taskWork[request];
      this.assign(request);
      return;
    }
    const worker = requests.node[request];
    if ((requests.flags[request] & ABANDONED) !== 0) {
      // A duplicate whose task was reassigned: its result is discarded.
      requests.release(request);
      return;
    }
    this.close(worker, request, this.sim.now - requests.arrival[request]);
    if (this.latency === null) this.deliver(request);
    else this.sim.at(this.sim.now + this.latency(), this.replyKind, request);
  }

  /** The leader's decision: a worker by the dispatch policy, on the heartbeats' view. */
  private assign(request: number): void {
    const requests = this.requests;
    const policy = this.dispatcher.policy;
    const worker = policy.choose(request);
    if (worker < 0) {
      requests.node[request] = -1;
      this.fail(request, FailureCause.noHealthyNode);
      return;
    }
    requests.node[request] = worker;
    this.assigned[worker].add(request);
    this.dispatcher.connections[worker]++;
    this.dispatcher.outstandingWork[worker] += requests.work[request];
    policy.onDispatch?.(worker, request);
    if (this.latency === null) this.reachWorker(request);
    else this.sim.at(this.sim.now + this.latency(), this.reachWorkerKind, request);
  }

  /** The leader closes its books on a task at `worker` (result back, or the task lost or reassigned). */
  private close(worker: number, request: number, response: number): void {
    if (!this.assigned[worker].delete(request)) return;
    this.dispatcher.connections[worker]--;
    this.dispatcher.outstandingWork[worker] -= this.requests.work[request];
    this.dispatcher.policy.onReply?.(worker, request, response);
  }

  private reachWorker(request: number): void {
    const requests = this.requests;
    const worker = requests.node[request];
    if ((requests.flags[request] & ABANDONED) !== 0) {
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
    const response = this.sim.now - requests.arrival[request];
    const measured = requests.measured[request] === 1;
    if (measured) {
      this.measurement.recordCompletion(requests.classIndex[request], response, requests.serviceStart[request] - requests.enqueued[request]);
      if (this.tracker !== null) this.measurement.recordCondition((requests.flags[request] & DEGRADED) !== 0, response);
    }
    this.changeInSystem(-1);
    requests.release(request);
    if (measured && this.onMeasuredFinished !== null) this.onMeasuredFinished();
    if (this.onReplyDelivered !== null) this.onReplyDelivered();
  }

  /** The task failed for good: counted once; its entry goes now, or when its pending completion event fires. */
  private fail(request: number, cause: number): void {
    const requests = this.requests;
    const measured = requests.measured[request] === 1;
    if (measured) {
      this.measurement.recordFailure(cause);
      this.tracker?.recordFailure();
    }
    this.changeInSystem(-1);
    requests.flags[request] |= ABANDONED | LOST;
    if ((requests.flags[request] & PENDING) === 0) requests.release(request);
    if (measured && this.onMeasuredFinished !== null) this.onMeasuredFinished();
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
      dispatcher.connections[worker]--;
      dispatcher.outstandingWork[worker] -= this.requests.work[request];
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
    if (this.requests.measured[request] === 1) this.reassigned++;
    this.prepareDecision(request, leader);
    this.reachLeader(request);
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
      requests.flags[request] |= ABANDONED; // still queued or running at the worker: released when it finishes
      if (requests.measured[fresh] === 1) this.duplicates++;
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
    this.windowStart = this.sim.now;
  }

  /** The measurement window closes: its counts are kept (the drain after it does not change them). */
  endWindow(): void {
    const time = this.sim.now - this.windowStart;
    const leader = this.raft.leader >= 0 ? this.raft.leader : 0;
    const cores = this.nodes[leader].cores;
    this.windowSnapshot = {
      reassigned: this.reassigned,
      duplicates: this.duplicates,
      leaderUtilization: time > 0 ? Math.min(1, this.decisionBusy / (cores * time)) : 0,
    };
  }

  outcome(): SchedulerOutcome {
    if (this.windowSnapshot === null) this.endWindow();
    return this.windowSnapshot!;
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

  private changeInSystem(delta: number): void {
    const now = this.sim.now;
    this.inSystemArea += this.inSystem * (now - this.lastInSystemChange);
    this.lastInSystemChange = now;
    this.inSystem += delta;
  }

  flushInSystemArea(): number {
    this.changeInSystem(0);
    return this.inSystemArea;
  }

  // ---- failures -----------------------------------------------------------------------------------------------

  crash(node: number, cause: string): void {
    const wasHeard = this.downCount[node] === 0 && this.cutCount[node] === 0;
    if (this.downCount[node]++ > 0) return;
    this.tracker?.setUp(node, false, this.sim.now, cause);
    const requests = this.requests;
    const { inService, waiting } = this.stations[node].crash();
    for (const request of inService) requests.flags[request] |= PENDING | LOST;
    for (const request of waiting) requests.flags[request] |= LOST;
    for (const request of [...inService, ...waiting]) {
      if ((requests.flags[request] & ABANDONED) !== 0) {
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
    if (wasHeard) this.detector?.silenced(node, true);
  }

  restore(node: number): void {
    if (--this.downCount[node] > 0) return;
    this.tracker?.setUp(node, true, this.sim.now, 'repair');
    this.raft.restart(node);
    // Back and empty before being declared dead: its first heartbeat tells the leader that its tasks are gone.
    const lost = this.orphans[node];
    this.orphans[node] = [];
    this.reassignLost(node, lost);
    this.setAvailable(node, this.raft.leader !== node);
    if (this.cutCount[node] === 0) this.detector?.resumed(node);
  }

  /** The node is cut off from the clients and the leader's detector, and for Raft messages too (`applyCuts`). */
  cut(node: number, cause: string): void {
    const wasHeard = this.downCount[node] === 0 && this.cutCount[node] === 0;
    if (this.cutCount[node]++ > 0) return;
    this.tracker?.setReachable(node, false, this.sim.now, cause);
    if (wasHeard) this.detector?.silenced(node, false);
    applyCuts(this.raft, this.cutCount);
  }

  heal(node: number): void {
    if (--this.cutCount[node] > 0) return;
    this.tracker?.setReachable(node, true, this.sim.now, 'partition healed');
    if (this.downCount[node] === 0) this.detector?.resumed(node);
    applyCuts(this.raft, this.cutCount);
  }

  slow(node: number, factor: number): void {
    this.setSlowFactor(node, this.slowFactor[node] * factor);
  }

  unslow(node: number, factor: number): void {
    this.setSlowFactor(node, this.slowFactor[node] / factor);
  }

  private setSlowFactor(node: number, factor: number): void {
    const settled = settledSlowFactor(factor);
    this.slowFactor[node] = settled;
    this.stations[node].setSpeed(this.nodes[node].speed * settled);
    this.detector?.setSlowFactor(node, settled);
  }
}
