import { grownFloat64, grownInt32, grownUint8 } from '../../engine/growable.js';
import type { Simulator } from '../../engine/simulator.js';
import { FailureCause } from '../../metrics/failure-causes.js';
import { LatencySketch } from '../../metrics/latency-sketch.js';
import { RequestFlag, type RequestTable } from '../../model/request-table.js';
import type { NodeSpec } from '../../model/spec.js';
import { regionOfZone } from '../../model/zones.js';
import type { Station } from '../../model/station.js';
import type { ClientRetries } from '../client-retries.js';
import { Dispatcher } from '../dispatcher.js';
import { NodeConditions } from '../node-conditions.js';
import { stationBuilder } from '../node-stations.js';
import type { RequestOutcomes } from '../request-outcomes.js';
import type { ClusterRuntime } from '../runtime/cluster-runtime.js';
import { FanOut, FanOutEnd } from '../runtime/fan-out.js';
import { takesWork } from '../runtime/lifecycle-events.js';
import type { NodeSet } from '../runtime/node-set.js';
import type { Network } from '../runtime/network.js';
import { PairClass } from '../runtime/zone-map.js';
import { NicQueues } from '../runtime/nic-queues.js';
import type { Topology } from '../topology.js';
import { AntiEntropy } from './anti-entropy.js';
import { ClientRegionFigures } from './client-region-figures.js';
import { RegionOutages } from './region-outages.js';
import { ConsistencyTally } from './consistency-tally.js';
import { CoordinatorElection } from './coordinator-election.js';
import { Hints } from './hints.js';
import { QuorumAvailability, countQuorum, keyWeights, type QuorumTest } from './quorum-availability.js';
import { KeyVersions } from './key-versions.js';
import { ReadRepairs } from './read-repair.js';
import { ReadTargets } from './read-targets.js';
import { Rebalancer } from './rebalance.js';
import { RegionCount, isRegionLevel } from './region-levels.js';
import { ANY_REGION, RegionalCoordinators } from './regional-coordinators.js';
import { ReplicaRing, type RegionQuotas } from './replica-ring.js';
import { LEADERLESS_SECTION, latencyFigures, type LeaderlessData } from './sections/data.js';
import type { LeaderlessTopologySpec } from './spec.js';
import type { NodeTable } from '../../model/node-table.js';

const { abandoned: ABANDONED, lost: LOST, eventPending: PENDING } = RequestFlag;
/** The coordinator of a request whose client coordinates it (coordinator: client). */
const CLIENT = -1;
/** Distances from a coordinator for nearest-first reads: its own replica, then by pair class, suspects last. */
const OWN = -1;
const SUSPECTED = 10;
/** How often a draining node that still holds work checks whether it may go (seconds). */
const IDLE_CHECK = 0.01;
/** The attempt of an anti-entropy copy (a task of no attempt: -1 is a repair's or a hand-over's). */
const ANTI_ENTROPY_COPY = -2;

/**
 * A leaderless (Dynamo-style) store: each key lives on N replicas, consecutive distinct nodes of a consistent-hash
 * ring (replica-ring.ts). A request goes to a coordinator (a node the balancer picks, or the client itself), which
 * sends it to all N replicas and waits (a `FanOut`, deadline `requestTimeout`) for W acknowledgements (writes) or
 * the first R replies (reads: the newest version among them is returned). Each replica's part is a request-table
 * entry of its own (a "replica task") served on that replica's NIC and cores, so a write at N = 3 costs three
 * replica writes. The coordinator's own replica costs no network hop; every other message crosses the runtime's
 * network. A reply after the quorum still lands (a late write updates its replica all the same).
 *
 * Failures: a crashed replica loses the tasks it holds, a cut one neither receives nor answers; a coordinator that
 * cannot gather its quorum before the deadline refuses the request with cause `quorum-unavailable` (the clients
 * retry it if they retry). A crashed coordinator loses its requests (node-crash).
 */
export class LeaderlessCluster implements Topology {
  readonly stations: Station[];
  /** Per node, grown as nodes are added (membership.ts's listener): every column here is replaced, never resized. */
  storageUsed: Float64Array;
  bytesMoved: Float64Array;
  readonly ring: ReplicaRing;
  readonly versions: KeyVersions;
  private readonly sim: Simulator;
  private readonly requests: RequestTable;
  private readonly outcomes: RequestOutcomes;
  private readonly network: Network;
  private readonly nodes: NodeTable;
  private readonly nic: NicQueues;
  private readonly conditions: NodeConditions;
  private readonly fanOut: FanOut;
  private readonly retries: ClientRetries | null;
  private readonly dispatcher: Dispatcher | null;
  /** coordinator: elected: the per-request election among the live nodes. */
  private readonly election: CoordinatorElection | null;
  /** Per node: attempts it coordinated in the window (coordinator: elected). */
  private coordinated: Float64Array;
  /** Per node: the detector trusts it and it is part of the cluster (not provisioning, not removed). */
  private available: Uint8Array;
  /** Per node: the detector's verdict alone. */
  private trusted: Uint8Array;
  /** Per node: 1 in the coordinator tier (coordinator: { group }). */
  private coordinatorTier: Uint8Array;
  /** The coordinator tier's group, or null. */
  private readonly tier: string | null;
  /**
   * What the balancer may pick: every available node that takes work (not draining), or (with a coordinator tier)
   * the tier's.
   */
  private entries: Uint8Array;
  private readonly nodeSet: NodeSet;
  private readonly buildStation: (node: NodeSpec, id: number) => Station;
  /** Token-range movements on membership changes (rebalance.ts). */
  private readonly rebalancer: Rebalancer;
  private readonly isWriteClass: Uint8Array;
  private readonly workload: ClusterRuntime['spec']['workload'];
  private readonly replicas: number;
  private readonly clientsFree: boolean;

  // Per request-table entry (grown with the table). A client's attempt: its fan-out handle, the version it writes
  // or the newest it has read, and for a read the newest committed version (and its commit time) when it started.
  // A replica task: its attempt, its slot in the key's replica list, its attempt's coordinator and fan-out handle,
  // and the version it carries (writes) or read (reads).
  private handle = new Float64Array(1024);
  private version = new Float64Array(1024);
  private newestAtStart = new Float64Array(1024);
  private commitAtStart = new Float64Array(1024);
  private readStart = new Float64Array(1024);
  private slot = new Int32Array(1024);
  private attemptOf = new Int32Array(1024);
  private coordinatorOf = new Int32Array(1024);
  /** Per replica task: 1 when it writes (a client's write, or a read repair). */
  private taskWrites = new Uint8Array(1024);
  /** Per read task: its read's repair record token (-1: none). */
  private repairToken = new Float64Array(1024);
  private readonly repairs: ReadRepairs | null;
  /** With readFanout quorum: the replicas a read asks and when it speculates. */
  private readonly targets: ReadTargets | null;
  /** Per read attempt (readFanout quorum): replicas asked so far, and when it asks one more (NaN: never). */
  private asked = new Int32Array(1024);
  private speculateAt = new Float64Array(1024);
  /** Per read attempt: the newest version a read of its key had answered with when it started. */
  private readFloor = new Float64Array(1024);
  /** Per replica task: 1 when a stand-in takes it for a replica believed down (it keeps a hint). */
  private taskHinted = new Uint8Array(1024);
  /**
   * Per replica task, its wait in its replica's queue; per attempt, the longest wait among the replies its quorum
   * used: the request's wait time (the queueing on the quorum's critical path).
   */
  private wait = new Float64Array(1024);
  /**
   * The attempt being fanned out: its task for the coordinator's own replica (-1: none), held until the fan-out has
   * gone. That hop crosses no network, so it costs no event; it still reaches the replica after the remote messages
   * have left the coordinator's NIC, as it did when it was an event at the same instant.
   */
  private ownTask = -1;
  /** The stand-ins the write being fanned out uses so far (sloppy quorum), and who may be one: made once, not per write. */
  private readonly standIns: number[] = [];
  private readonly canStandIn = (node: number): boolean => this.available[node] === 1 && !this.standIns.includes(node);
  private readonly hints: Hints | null;
  private readonly antiEntropy: AntiEntropy | null;
  private acknowledgedLost = 0;
  /** Time-based quorum availability, with failures only (without, every quorum is always there). */
  private readonly quorumTime: QuorumAvailability | null;
  private readonly classOps: { reads: boolean; writes: boolean };
  private readRepairs = 0;
  private speculations = 0;

  private readonly coordinatorKind: number;
  private readonly replicaKind: number;
  private readonly nicInKind: number;
  private readonly nicOutKind: number;
  private readonly replyKind: number;
  private readonly clientReplyKind: number;
  private readonly speculateKind: number;
  /** Region levels (LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM) of writes and reads; null: counted over all N replicas. */
  private readonly ringRegions: RegionQuotas | null;
  private readonly writeRegions: RegionCount | null;
  private readonly readRegions: RegionCount | null;
  private readonly regionCountOf: number;
  /** Per workload class, the index of its clients' region among `replicas:`'s regions. */
  private readonly localRegion: Int32Array;
  /** Per attempt with a region level, the index (among `replicas:`'s regions) of the region its LOCAL level counts. */
  private attemptLocal = new Int32Array(1024);
  /** Per replica region, the key's replicas the detector trusts (the fail-fast check's scratch). */
  private readonly liveScratch: Int32Array;
  /** Per workload class, its clients' region among the network's regions (-1: none, every node at network.clients). */
  private readonly classRegion: Int32Array;
  /** With clients in regions and a balancer: one dispatcher per client region (the nearest coordinators first). */
  private readonly regional: RegionalCoordinators | null;
  /** Per attempt, the client region whose dispatcher sent it (ANY_REGION: the shared dispatcher). */
  private via = new Int32Array(1024);
  /** With classes in regions: the measured requests by client region. */
  private readonly clientRegionFigures: ClientRegionFigures | null;
  /** With clients in regions: the losses of whole regions, for the active/active tier's RPO and RTO. */
  private readonly regionOutages: RegionOutages | null;
  /** Per attempt and region, the yeses its wait has counted (EACH_QUORUM stops counting a region at its majority). */
  private regionYes = new Int32Array(0);

  // The measured window's figures.
  private counting = false;
  private readonly tally: ConsistencyTally;
  private readLatency = new LatencySketch();
  private writeLatency = new LatencySketch();
  private readonly done = new Float64Array(2);
  private readonly failedOps = new Float64Array(2);
  private replicaTasks: Float64Array;

  constructor(
    runtime: ClusterRuntime,
    private readonly spec: LeaderlessTopologySpec,
  ) {
    const { sim, requests, tracker } = runtime;
    const nodes = (this.nodes = runtime.nodes);
    const n = nodes.length;
    this.sim = sim;
    this.requests = requests;
    // Replica tasks are entries of the same table, with classes, keys and sizes of their own (newTask).
    requests.identityShared = true;
    this.outcomes = runtime.outcomes;
    this.network = runtime.network;
    this.clientsFree = this.network.clientsFree;
    this.replicas = spec.replicas;
    this.storageUsed = new Float64Array(n);
    this.bytesMoved = new Float64Array(n);
    this.replicaTasks = new Float64Array(n);
    this.coordinated = new Float64Array(n);
    this.workload = runtime.spec.workload;
    this.isWriteClass = Uint8Array.from(runtime.spec.workload, (c) => (c.op === 'write' ? 1 : 0));
    const keyCount = runtime.spec.workload.reduce((most, c) => Math.max(most, c.keys?.count ?? 1), 1);
    // A coordinator tier holds no replicas: the ring is the other nodes'.
    const tier = typeof spec.coordinator === 'object' ? spec.coordinator.group : null;
    this.coordinatorTier = Uint8Array.from(nodes, (node) => (node.group === tier ? 1 : 0));
    this.tier = tier;
    this.nodeSet = runtime.nodeSet;
    const members = nodes.flatMap((_, node) => (this.coordinatorTier[node] === 1 ? [] : [node]));
    this.ringRegions = this.regionQuotas(runtime);
    this.ring = new ReplicaRing(n, spec.virtualNodes, spec.replicas, keyCount, members, this.ringRegions);
    const quotas = this.ringRegions?.quotas ?? [];
    this.regionCountOf = quotas.length;
    this.writeRegions = isRegionLevel(spec.writeLevel) ? new RegionCount(spec.writeLevel, quotas) : null;
    this.readRegions = isRegionLevel(spec.readLevel) ? new RegionCount(spec.readLevel, quotas) : null;
    const regionIndex = new Map((spec.replicasPerRegion ?? []).map((entry, r) => [entry.region, r]));
    // A class without a region (allowed with EACH_QUORUM only) counts as region 0: EACH_QUORUM does not read it.
    this.regionYes = new Int32Array(this.handle.length * this.regionCountOf);
    this.localRegion = Int32Array.from(runtime.spec.workload, (c) => (c.region === undefined ? 0 : regionIndex.get(c.region) ?? 0));
    this.liveScratch = new Int32Array(this.regionCountOf);
    const networkRegions = this.network.zones.regions;
    this.classRegion = Int32Array.from(runtime.spec.workload, (c) => (c.region === undefined ? -1 : networkRegions.indexOf(c.region)));
    this.versions = new KeyVersions(keyCount, spec.replicas);
    this.tally = new ConsistencyTally(spec.tVisibility);
    this.repairs =
      spec.readRepair === 'none'
        ? null
        : new ReadRepairs(
            sim,
            spec.replicas,
            spec.requestTimeout,
            (id, slot, version) => this.sendRepair(id, slot, version),
            spec.readRepair === 'blocking' ? (request) => this.quorumEnded(request, FanOutEnd.deadline) : null,
          );

    this.hints = spec.sloppyQuorum ? new Hints(keyCount, spec.replicas, spec.hintedHandoff.maxHintAge) : null;
    if (this.hints !== null) {
      const hints = this.hints;
      const every = spec.hintedHandoff.replay;
      const replayKind = sim.register(() => {
        hints.replay(
          sim.now,
          (holder, key, slot) => this.canHandOver(holder, this.ring.replica(key, slot)),
          (holder, key, slot, version, bytes) => this.handOver(holder, key, slot, version, bytes),
          (key, version) => this.hintExpired(key, version),
        );
        sim.at(sim.now + every, replayKind, 0);
      });
      sim.at(every, replayKind, 0);
    }
    this.buildStation = stationBuilder(sim, requests, (task) => this.served(task));
    this.stations = nodes.map((node, id) => this.buildStation(node, id));
    this.conditions = new NodeConditions(sim, nodes, this.stations, tracker);
    const workload = runtime.spec.workload;
    this.classOps = { reads: workload.some((c) => c.op !== 'write'), writes: workload.some((c) => c.op === 'write') };
    this.quorumTime = runtime.spec.reliability === undefined ? null : this.quorumAvailability(keyCount);
    this.nic = new NicQueues(nodes, this.bytesMoved, this.conditions.slowFactor);
    const copyKind = sim.register((task) => this.sendCopy(task));
    this.antiEntropy =
      spec.antiEntropy === null
        ? null
        : new AntiEntropy(sim, this.ring, this.versions, keyCount, spec.antiEntropy.every, spec.antiEntropy.bandwidth, {
            isRunning: (node) => this.conditions.downCount[node] === 0,
            reaches: (from, to) => this.network.partitions.reachable(from, to),
            copy: (source, key, slot, version, bytes) => {
              const task = this.newTask(0, key, 0, bytes, this.ring.replica(key, slot), slot, source, version, 1);
              this.attemptOf[task] = ANTI_ENTROPY_COPY;
              sim.at(sim.now, copyKind, task);
            },
          });
    this.fanOut = new FanOut(sim, (request, how) => this.quorumEnded(request, how));

    this.coordinatorKind = sim.register((request) => this.atCoordinator(request));
    this.replicaKind = sim.register((task) => this.atReplica(task));
    this.nicInKind = sim.register((task) => {
      if (this.taskAlive(task)) this.enterStation(task);
    });
    this.nicOutKind = sim.register((task) => {
      if (this.taskAlive(task)) this.sendReply(task);
    });
    this.replyKind = sim.register((task) => this.replyArrived(task));
    this.clientReplyKind = sim.register((request) => this.deliver(request));
    this.speculateKind = sim.register((request) => this.speculate(request));
    this.targets =
      spec.readFanout === 'quorum'
        ? new ReadTargets(
            spec.replicas,
            spec.speculativeRetry,
            (from, to, region) => this.distance(from, to, region),
            (key, slot) => this.ring.replica(key, slot),
          )
        : null;

    this.retries = runtime.clientRetries({
      send: (request) => this.send(request),
      failed: (request, cause) => this.countFailure(request, cause),
    });
    this.available = new Uint8Array(n).fill(1);
    this.trusted = new Uint8Array(n).fill(1);
    this.entries = new Uint8Array(n).fill(1);
    this.dispatcher =
      spec.coordinator === 'any' || tier !== null
        ? new Dispatcher(nodes, this.stations, requests, this.entries, false, runtime.createPolicy, runtime.policyReadsOutstandingWork)
        : null;
    if (tier !== null) {
      // The storage nodes are never entry points: the policy hears of them as unavailable once, at the start.
      for (let node = 0; node < n; node++) {
        if (this.coordinatorTier[node] === 1) continue;
        this.entries[node] = 0;
        this.dispatcher!.policy.onAvailabilityChange?.(node, false);
      }
    }
    const clientRegions = new Set(Array.from(this.classRegion).filter((region) => region >= 0));
    this.clientRegionFigures = clientRegions.size === 0 ? null : new ClientRegionFigures([...clientRegions].sort((a, b) => a - b));
    const zones = this.network.zones;
    this.regionOutages =
      clientRegions.size === 0
        ? null
        : new RegionOutages(
            {
              keyCount,
              replicas: spec.replicas,
              committed: (key) => this.versions.committed(key),
              heldBy: (key, slot) => this.versions.heldBy(key, slot),
              replicaNode: (key, slot) => this.ring.replica(key, slot),
              regionOf: (node) => zones.regionOf[node],
              nodeCount: () => this.nodes.length,
            },
            zones.regions,
          );
    this.regional =
      this.dispatcher === null || clientRegions.size === 0
        ? null
        : new RegionalCoordinators(nodes, this.stations, requests, zones.regions, clientRegions, (node) => zones.regionOf[node], this.entries, runtime.createPolicy, runtime.policyReadsOutstandingWork);
    this.election =
      spec.coordinator === 'elected'
        ? new CoordinatorElection(nodes, (node) => this.isUp(node, CLIENT) && takesWork(this.nodeSet.state(node)), runtime.streams.stream('leaderless/election'))
        : null;
    const detector = runtime.heartbeatDetector({
      isHeard: (node) => this.conditions.isHeard(node),
      onSuspect: (node) => this.setTrusted(node, false),
      onTrust: (node) => this.setTrusted(node, true),
    });
    this.conditions.detector = detector;
    this.conditions.nodeSet = this.nodeSet;
    this.rebalancer = this.createRebalancer(keyCount);
    this.nodeSet.subscribe({
      onAdded: (node) => this.addNode(node),
      onStateChange: (node, from, to) => {
        this.refreshAvailable(node);
        if (from === 'provisioning' && to === 'up' && this.coordinatorTier[node] === 0) {
          this.rebalancer.join(node, this.nodes.name(node));
        }
      },
      onRemoved: (node) => {
        this.dispatcher?.removeNode(node);
        this.regional?.removeNode(node);
      },
    });

    runtime.window.onBegin((now) => {
      this.quorumTime?.begin(now);
      this.antiEntropy?.begin();
      this.counting = true;
      this.tally.reset();
      this.readLatency = new LatencySketch();
      this.writeLatency = new LatencySketch();
      this.done.fill(0);
      this.failedOps.fill(0);
      this.replicaTasks.fill(0);
      this.coordinated.fill(0);
      this.readRepairs = 0;
      this.speculations = 0;
      this.hints?.resetCounts();
      this.clientRegionFigures?.reset(now);
      this.regionOutages?.begin();
      this.acknowledgedLost = 0;
    });
    runtime.window.onEnd((now) => {
      this.quorumTime?.end(now);
      this.antiEntropy?.end();
      this.regionOutages?.end();
      this.counting = false;
    });
  }

  /** Keys weighted by their popularity among the read (write) classes, each class alike. */
  private quorumAvailability(keyCount: number): QuorumAvailability {
    const weights = (write: boolean) => {
      const total = new Float64Array(keyCount);
      const classes = this.workload.filter((c) => (c.op === 'write') === write && c.keys !== undefined);
      for (const c of classes) {
        const w = keyWeights(c.keys!, keyCount);
        for (let k = 0; k < keyCount; k++) total[k] += w[k] / classes.length;
      }
      return total;
    };
    const conditions = this.conditions;
    const tests = (regions: RegionCount | null, quorum: number, sloppy: boolean): QuorumTest[] =>
      regions === null ? [countQuorum(quorum, sloppy)] : regions.quorumTests();
    return new QuorumAvailability(
      this.ring,
      weights(false),
      weights(true),
      tests(this.readRegions, this.spec.readQuorum, false),
      tests(this.writeRegions, this.spec.writeQuorum, this.spec.sloppyQuorum),
      (node) => conditions.downCount[node] === 0 && conditions.cutCount[node] === 0,
      (node) => this.ringRegions?.regionOf(node) ?? -1,
      this.regionCountOf,
    );
  }

  /**
   * The window's quorum availability (time): a count level's or EACH_QUORUM's fraction as `quorumTime`; a LOCAL
   * level's, one per replica region, in `quorumTimeByRegion` (its `quorumTime` figure null: no one figure is it).
   */
  private quorumTimeData(quorumTime: QuorumAvailability): Pick<LeaderlessData, 'quorumTime' | 'quorumTimeByRegion'> {
    const { read, write } = quorumTime.fractions();
    const readLocal = this.readRegions?.local === true;
    const writeLocal = this.writeRegions?.local === true;
    const { reads, writes } = this.classOps;
    const data: Pick<LeaderlessData, 'quorumTime' | 'quorumTimeByRegion'> = {
      quorumTime: { read: reads && !readLocal ? read[0] : null, write: writes && !writeLocal ? write[0] : null },
    };
    if (readLocal || writeLocal) {
      data.quorumTimeByRegion = this.spec.replicasPerRegion!.map((entry, r) => ({
        region: entry.region,
        read: reads && readLocal ? read[r] : null,
        write: writes && writeLocal ? write[r] : null,
      }));
    }
    return data;
  }

  // The client's side and the coordinator's.

  arrive(request: number): void {
    this.outcomes.arrived(request);
    this.send(request);
  }

  /** An attempt (a first one or a retry) goes to its coordinator: a node the balancer picks, or the client itself. */
  private send(request: number): void {
    this.retries?.start(request);
    const requests = this.requests;
    if (this.election !== null) {
      this.sendElected(request);
      return;
    }
    if (this.dispatcher === null) {
      requests.node[request] = CLIENT;
      this.atCoordinator(request);
      return;
    }
    if (request >= this.handle.length) this.growColumns(request + 1);
    const classIndex = requests.classIndex[request];
    // A live coordinator of the clients' own region if there is one, else any (regional-coordinators.ts).
    const region = this.classRegion[classIndex];
    let node = this.regional === null ? -1 : this.regional.choose(request, region);
    this.via[request] = node >= 0 ? region : ANY_REGION;
    if (node < 0) node = this.dispatcher.policy.choose(request);
    requests.node[request] = node;
    if (node < 0) {
      this.refuse(request, FailureCause.noHealthyNode);
      return;
    }
    if (this.via[request] === ANY_REGION) {
      this.dispatcher.opened(node, request);
      this.dispatcher.policy.onDispatch?.(node, request);
    }
    if (this.freeToClients(classIndex)) this.atCoordinator(request);
    else this.sim.at(this.sim.now + this.clientDelay(classIndex, node), this.coordinatorKind, request);
  }

  /** Whether the clients of class `classIndex` reach every node at no cost: none of their messages needs an event. */
  private freeToClients(classIndex: number): boolean {
    return this.clientsFree && this.classRegion[classIndex] < 0;
  }

  /**
   * One way between the clients of class `classIndex` and `node`: from the clients' region when the class has one
   * (another region's node costs the cross-region latency), else the node's zone's client latency.
   */
  private clientDelay(classIndex: number, node: number): number {
    return this.network.clientDelayFrom(this.classRegion[classIndex], node);
  }

  /** The way back, from `node` to the clients of class `classIndex`: the route from the node's region to theirs. */
  private clientDelayBack(classIndex: number, node: number): number {
    return this.network.clientDelayTo(node, this.classRegion[classIndex]);
  }

  /**
   * coordinator: elected: the live nodes elect the attempt's coordinator; the election costs one message round (a
   * round trip between the client and the winner) before the request's own hop there.
   */
  private sendElected(request: number): void {
    const node = this.election!.elect();
    this.requests.node[request] = node;
    if (node < 0) {
      this.refuse(request, FailureCause.noHealthyNode);
      return;
    }
    if (this.counting) this.coordinated[node]++;
    const classIndex = this.requests.classIndex[request];
    if (this.freeToClients(classIndex)) {
      this.atCoordinator(request);
      return;
    }
    const arrival = this.sim.now + this.clientDelay(classIndex, node) + this.clientDelayBack(classIndex, node) + this.clientDelay(classIndex, node);
    this.sim.at(arrival, this.coordinatorKind, request);
  }

  /** Per-region replica counts and each node's region index (-1: a region with no replicas); null without them. */
  private regionQuotas(runtime: ClusterRuntime): RegionQuotas | null {
    const perRegion = this.spec.replicasPerRegion;
    if (perRegion === null) return null;
    const index = new Map(perRegion.map((entry, r) => [entry.region, r]));
    // A node added during a run is looked up when the ring first meets it: runtime.nodes grows with the node set.
    return {
      quotas: perRegion.map((entry) => entry.replicas),
      regionOf: (node) => index.get(regionOfZone(runtime.spec.network, runtime.nodes.fields(node).zone)) ?? -1,
    };
  }

  /** The coordinator fans the request out to the key's N replicas and waits for its quorum. */
  private atCoordinator(request: number): void {
    const requests = this.requests;
    const coordinator = requests.node[request];
    if (coordinator !== CLIENT && !this.isUp(coordinator, CLIENT)) {
      this.closeAtCoordinator(request, coordinator, NaN);
      this.lose(request, this.conditions.downCount[coordinator] > 0 ? FailureCause.nodeCrash : FailureCause.unreachable);
      return;
    }
    // The attempt's own columns are written before its tasks are allocated: they must reach it already.
    if (request >= this.handle.length) this.growColumns(request + 1);
    const now = this.sim.now;
    const key = Math.max(0, requests.key[request]);
    const isWrite = this.isWriteClass[requests.classIndex[request]] === 1;
    const regionCount = isWrite ? this.writeRegions : this.readRegions;
    let quorum = isWrite ? this.spec.writeQuorum : this.spec.readQuorum;
    // readFanout quorum asks R replicas (more on speculation), all asks N.
    const targets = isWrite ? null : this.targets;
    let asked = targets === null ? this.replicas : quorum;
    if (regionCount !== null) {
      // A region level: every replica is asked, the wait counts the answers its level counts (region-levels.ts).
      const local = this.localOf(request, coordinator);
      this.attemptLocal[request] = local;
      if (!regionCount.possible(local, this.trustedReplicasPerRegion(key))) {
        // Fails fast: the detector already counts too few replicas up (Cassandra's UnavailableException).
        this.closeAtCoordinator(request, coordinator, NaN);
        this.refuse(request, FailureCause.quorumUnavailable);
        return;
      }
      ({ k: quorum, n: asked } = regionCount.wait(local));
      this.regionYes.fill(0, request * this.regionCountOf, (request + 1) * this.regionCountOf);
    }
    const handle = this.fanOut.start(quorum, asked, now + this.spec.requestTimeout, request);
    this.handle[request] = handle;
    this.wait[request] = 0;
    const versions = this.versions;
    if (isWrite) {
      this.version[request] = versions.issue(key);
      this.repairToken[request] = -1;
      this.writeToReplicas(request, key, coordinator, handle);
      this.reachOwnReplica();
      return;
    }
    this.version[request] = 0;
    this.newestAtStart[request] = versions.committed(key);
    this.commitAtStart[request] = versions.committedAt(key);
    this.readFloor[request] = versions.newestRead(key);
    this.readStart[request] = now;
    const token = this.repairs === null ? -1 : this.repairs.open(key, coordinator, requests.classIndex[request], requests.work[request], requests.bytes[request], request);
    this.repairToken[request] = token;
    if (targets === null) {
      for (let slot = 0; slot < this.replicas; slot++) this.askReplica(request, slot);
      this.reachOwnReplica();
      return;
    }
    const order = targets.nearestFirst(coordinator, key, this.classRegion[requests.classIndex[request]]);
    for (let i = 0; i < asked; i++) this.askReplica(request, order[i]);
    this.asked[request] = asked;
    const after = targets.speculateAfter;
    this.speculateAt[request] = asked < this.replicas && after < Infinity ? now + after : NaN;
    if (!Number.isNaN(this.speculateAt[request])) this.sim.at(this.speculateAt[request], this.speculateKind, request);
    this.reachOwnReplica();
  }

  /**
   * The region a LOCAL level counts for an attempt: its coordinator's, as in Cassandra ("a quorum of replicas in the
   * same datacenter as the coordinator node"), so that clients whose region is lost reach the other region's
   * coordinators and quorums; the clients' own when they coordinate themselves, or when the coordinator's region
   * holds no replicas (a coordinator tier elsewhere).
   */
  private localOf(request: number, coordinator: number): number {
    const region = coordinator === CLIENT ? -1 : this.ringRegions!.regionOf(coordinator);
    return region >= 0 ? region : this.localRegion[this.requests.classIndex[request]];
  }

  /**
   * Per replica region, how many of `key`'s replicas the failure detector trusts (and are in the cluster): the
   * coordinator's view, which the clients coordinating themselves share (a driver's view of node states).
   */
  private trustedReplicasPerRegion(key: number): Int32Array {
    const live = this.liveScratch;
    live.fill(0);
    for (let slot = 0; slot < this.replicas; slot++) {
      const replica = this.ring.replica(key, slot);
      const region = this.ringRegions!.regionOf(replica);
      if (region >= 0 && this.available[replica] === 1) live[region]++;
    }
    return live;
  }

  /** A write goes to its key's N replicas; with a sloppy quorum a replica believed down is replaced by a stand-in. */
  private writeToReplicas(request: number, key: number, coordinator: number, handle: number): void {
    const { classIndex, work, bytes } = this.requests;
    const sloppy = this.hints !== null;
    this.standIns.length = 0;
    // The write body leaves the coordinator's NIC once per remote replica, one after the other.
    for (let slot = 0; slot < this.replicas; slot++) {
      let replica = this.ring.replica(key, slot);
      let hinted = 0;
      if (sloppy && this.available[replica] === 0) {
        // Sloppy quorum: the next healthy node clockwise that this write does not use yet takes the replica's copy.
        const standIn = this.ring.standIn(key, this.canStandIn);
        if (standIn >= 0) {
          replica = standIn;
          hinted = 1;
          this.standIns.push(standIn);
        }
      }
      const task = this.newTask(classIndex[request], key, work[request], bytes[request], replica, slot, coordinator, this.version[request], 1);
      this.taskHinted[task] = hinted;
      this.attemptOf[task] = request;
      this.handle[task] = handle;
      if (replica === coordinator) this.ownTask = task;
      else this.dispatchTask(task, coordinator, replica, bytes[request]);
    }
  }

  /** A read attempt asks replica `slot` of its key. */
  private askReplica(request: number, slot: number): void {
    const requests = this.requests;
    const key = Math.max(0, requests.key[request]);
    const coordinator = requests.node[request];
    const replica = this.ring.replica(key, slot);
    const task = this.newTask(requests.classIndex[request], key, requests.work[request], requests.bytes[request], replica, slot, coordinator, 0, 0);
    this.attemptOf[task] = request;
    this.handle[task] = this.handle[request];
    this.repairToken[task] = this.repairToken[request];
    if (replica === coordinator) this.ownTask = task;
    else this.dispatchTask(task, coordinator, replica, 0);
  }

  /** The attempt's fan-out has gone: its task for the coordinator's own replica (if any) reaches that replica. */
  private reachOwnReplica(): void {
    const task = this.ownTask;
    if (task < 0) return;
    this.ownTask = -1;
    this.atReplica(task);
  }

  /** A readFanout-quorum read still short of its replies at its threshold asks the next-nearest replica. */
  private speculate(request: number): void {
    // A recycled entry has its own (or no) speculation time: this event is not about it.
    if (this.speculateAt[request] !== this.sim.now || !this.fanOut.isOpen(this.handle[request])) return;
    const key = Math.max(0, this.requests.key[request]);
    const order = this.targets!.nearestFirst(this.requests.node[request], key, this.classRegion[this.requests.classIndex[request]]);
    this.fanOut.widen(this.handle[request]);
    this.askReplica(request, order[this.asked[request]++]);
    if (this.counting) this.speculations++;
    this.reachOwnReplica();
  }

  /**
   * Nearest first: the coordinator's own replica, then by zone, region; a suspected node after every trusted one.
   * Clients coordinating themselves: their region's replicas before the others (all alike without a region).
   */
  private distance(coordinator: number, replica: number, clientRegion: number): number {
    const suspected = this.available[replica] === 0 ? SUSPECTED : 0;
    if (replica === coordinator) return OWN + suspected;
    if (coordinator !== CLIENT) return this.network.pairClass(coordinator, replica) + suspected;
    const away = clientRegion >= 0 && this.network.zones.regionOf[replica] !== clientRegion;
    return (away ? PairClass.crossRegion : 0) + suspected;
  }

  /** A task leaves its coordinator for its replica: at once to its own replica, else across the network. */
  private dispatchTask(task: number, coordinator: number, replica: number, outBytes: number): void {
    const now = this.sim.now;
    if (replica === coordinator) {
      this.sim.at(now, this.replicaKind, task);
    } else if (coordinator === CLIENT) {
      this.sim.at(now + this.clientDelay(this.requests.classIndex[task], replica), this.replicaKind, task);
    } else {
      const departure = outBytes > 0 ? this.nic.transfer(coordinator, outBytes, now) : now;
      this.network.send(coordinator, replica, outBytes, this.replicaKind, task, departure);
    }
  }

  /**
   * Read repair: the newest version a read saw goes to a replica that replied with an older one, as a write task of
   * the read's size and work on that replica, answered to no one.
   */
  private sendRepair(id: number, slot: number, version: number): void {
    const repairs = this.repairs!;
    const key = repairs.key[id];
    const coordinator = repairs.coordinator[id];
    const replica = this.ring.replica(key, slot);
    const bytes = repairs.bytes[id];
    const task = this.newTask(repairs.classIndex[id], key, repairs.work[id], bytes, replica, slot, coordinator, version, 1);
    // A blocking repair's acknowledgement comes back to its read's record.
    if (repairs.blocks(id)) this.repairToken[task] = repairs.tokenOf(id);
    if (this.counting) this.readRepairs++;
    this.dispatchTask(task, coordinator, replica, bytes);
  }

  /**
   * A replica task's entry: the attempt's class, key, work and size, held by `replica` as replica `slot` of the key,
   * sent by `coordinator`; it writes `version` (`writes` 1) or reads. Never measured itself. Until its caller says
   * otherwise it belongs to no attempt, is answered to no one, is no hint and has no read-repair record.
   */
  private newTask(classIndex: number, key: number, work: number, bytes: number, replica: number, slot: number, coordinator: number, version: number, writes: number): number {
    const requests = this.requests;
    const task = requests.allocate();
    if (task >= this.handle.length) this.growColumns(task + 1);
    this.slot[task] = slot;
    this.coordinatorOf[task] = coordinator;
    this.version[task] = version;
    this.taskWrites[task] = writes;
    this.attemptOf[task] = -1;
    this.handle[task] = -1;
    this.taskHinted[task] = 0;
    this.repairToken[task] = -1;
    requests.classIndex[task] = classIndex;
    requests.key[task] = key;
    requests.work[task] = work;
    requests.bytes[task] = bytes;
    requests.node[task] = replica;
    requests.arrival[task] = this.sim.now;
    requests.client[task] = -1;
    return task;
  }

  /** The quorum was met (the request succeeds), became impossible, or its deadline passed. */
  private quorumEnded(request: number, how: FanOutEnd): void {
    if (how !== FanOutEnd.met) {
      const coordinator = this.requests.node[request];
      this.closeAtCoordinator(request, coordinator, NaN);
      if (coordinator !== CLIENT && this.conditions.downCount[coordinator] > 0) this.lose(request, FailureCause.nodeCrash);
      else this.refuse(request, FailureCause.quorumUnavailable);
      return;
    }
    // Blocking read repair: the read answers once the stale replicas among its replies have taken the newest version.
    if (this.repairs !== null && this.repairs.hold(this.repairToken[request])) return;
    this.answer(request);
  }

  /** The coordinator answers the attempt: a write is committed, a read's version is tallied. */
  private answer(request: number): void {
    const requests = this.requests;
    const coordinator = requests.node[request];
    const now = this.sim.now;
    const key = Math.max(0, requests.key[request]);
    if (this.isWriteClass[requests.classIndex[request]] === 1) {
      this.versions.commit(key, this.version[request], now);
    } else {
      const returned = this.version[request];
      if (this.counting && requests.isMeasured(request)) {
        if (this.newestAtStart[request] > 0) this.tally.record(this.readStart[request] - this.commitAtStart[request], this.newestAtStart[request], returned);
        this.tally.recordOrder(returned < this.readFloor[request]);
      }
      this.versions.read(key, returned);
    }
    this.closeAtCoordinator(request, coordinator, now - requests.arrival[request]);
    const classIndex = requests.classIndex[request];
    if (coordinator === CLIENT || this.freeToClients(classIndex)) this.deliver(request);
    else this.sim.at(now + this.clientDelayBack(classIndex, coordinator), this.clientReplyKind, request);
  }

  /** The coordinator is done with the attempt: its balancer's books close (`response` NaN: it failed). */
  private closeAtCoordinator(request: number, coordinator: number, response: number): void {
    if (this.dispatcher === null || coordinator < 0) return;
    const via = this.via[request];
    if (via !== ANY_REGION) {
      this.regional!.close(via, coordinator, request, response);
      return;
    }
    this.dispatcher.closed(coordinator, request);
    this.dispatcher.policy.onReply?.(coordinator, request, response);
  }

  private deliver(request: number): void {
    const requests = this.requests;
    const coordinator = requests.node[request];
    if ((requests.flags[request] & ABANDONED) !== 0) {
      this.retries!.ended(request);
      return;
    }
    if (coordinator !== CLIENT && this.conditions.cutCount[coordinator] > 0) {
      this.lose(request, FailureCause.unreachable);
      return;
    }
    const response = this.sim.now - requests.arrival[request];
    if (requests.isMeasured(request)) {
      const classIndex = requests.classIndex[request];
      const write = this.isWriteClass[classIndex];
      this.done[write]++;
      (write === 1 ? this.writeLatency : this.readLatency).record(response);
      if (this.classRegion[classIndex] >= 0) {
        this.clientRegionFigures!.delivered(this.classRegion[classIndex], write, response, this.sim.now);
        this.regionOutages!.answered(this.classRegion[classIndex], write, this.sim.now);
      }
    }
    requests.wait[request] = this.wait[request];
    this.outcomes.delivered(request, response);
  }

  /** The attempt ended silently: the client retries when its timer fires, or (without one) it fails now. */
  private lose(request: number, cause: number): void {
    if (this.retries !== null) this.retries.lost(request);
    else this.fail(request, cause);
  }

  /** The attempt was refused with an answer: the client retries after its backoff, or it fails now. */
  private refuse(request: number, cause: number): void {
    if (this.retries !== null) this.retries.refused(request, cause);
    else this.fail(request, cause);
  }

  private fail(request: number, cause: number): void {
    this.countFailure(request, cause);
    const requests = this.requests;
    requests.flags[request] |= ABANDONED;
    if ((requests.flags[request] & PENDING) === 0) requests.release(request);
  }

  private countFailure(request: number, cause: number): void {
    if (this.requests.isMeasured(request)) {
      const classIndex = this.requests.classIndex[request];
      this.failedOps[this.isWriteClass[classIndex]]++;
      if (this.classRegion[classIndex] >= 0) {
        this.clientRegionFigures!.failedOne(this.classRegion[classIndex], this.isWriteClass[classIndex]);
        this.regionOutages!.failed(this.classRegion[classIndex]);
      }
    }
    this.outcomes.failed(request, cause);
  }

  // The replicas' side.

  /** Whether a message between `from` and `to` (CLIENT for the clients) gets through now, and `to` is running. */
  private isUp(to: number, from: number): boolean {
    const conditions = this.conditions;
    if (conditions.downCount[to] > 0) return false;
    if (from === CLIENT) return conditions.cutCount[to] === 0;
    return this.network.partitions.reachable(from, to);
  }

  private atReplica(task: number): void {
    const requests = this.requests;
    const replica = requests.node[task];
    const coordinator = this.coordinatorOf[task];
    // Down, or cut off from its coordinator: the message is lost and the replica never answers.
    if (this.conditions.downCount[replica] > 0 || (replica !== coordinator && !this.isUp(replica, coordinator))) {
      requests.release(task);
      return;
    }
    requests.epoch[task] = this.conditions.epoch[replica];
    if (this.counting) this.replicaTasks[replica]++;
    const bytes = requests.bytes[task];
    if (this.taskWrites[task] === 1) {
      const key = requests.key[task];
      const growth = bytes - this.versions.storedBy(key, this.slot[task]);
      if (growth > 0 && this.storageUsed[replica] + growth > this.nodes.fields(replica).storage) {
        this.refuseTask(task);
        return;
      }
      if (bytes > 0) {
        this.sim.at(this.nic.transfer(replica, bytes, this.sim.now), this.nicInKind, task);
        return;
      }
    }
    this.enterStation(task);
  }

  /** The replica said no (storage full, waiting room full): the coordinator counts it at once. */
  private refuseTask(task: number): void {
    const request = this.attemptOf[task];
    if (request >= 0 && this.handle[task] >= 0 && !this.regionCounts(request, this.requests.node[task], false)) {
      this.requests.release(task);
      return;
    }
    this.fanOut.answer(this.handle[task], false);
    this.requests.release(task);
  }

  private enterStation(task: number): void {
    if (!this.stations[this.requests.node[task]].arrive(task)) this.refuseTask(task);
  }

  /** The task was lost with its replica's crash while on its NIC: it goes. */
  private taskAlive(task: number): boolean {
    const requests = this.requests;
    if (requests.epoch[task] === this.conditions.epoch[requests.node[task]]) return true;
    requests.release(task);
    return false;
  }

  /** A replica served its task: a write is applied (if newer), a read takes what the replica holds. */
  private served(task: number): void {
    const requests = this.requests;
    const replica = requests.node[task];
    const key = requests.key[task];
    const slot = this.slot[task];
    const bytes = requests.bytes[task];
    this.wait[task] = requests.wait[task];
    if (this.taskHinted[task] === 1) {
      this.hints!.store(key, slot, this.version[task], bytes, replica, this.sim.now);
      this.sendReply(task);
      return;
    }
    if (this.taskWrites[task] === 1) {
      // The slot's node: a write that reached a node whose slot has moved since is the new owner's (rebalance.ts).
      this.storageUsed[this.ring.replica(key, slot)] += this.versions.apply(key, slot, this.version[task], bytes);
      if (this.attemptOf[task] === ANTI_ENTROPY_COPY) {
        // An anti-entropy copy is answered to no one: it has landed.
        this.antiEntropy!.landed(this.sim.now);
        this.requests.release(task);
        return;
      }
      this.sendReply(task);
      return;
    }
    this.version[task] = this.versions.heldBy(key, slot);
    if (bytes > 0) this.sim.at(this.nic.transfer(replica, bytes, this.sim.now), this.nicOutKind, task);
    else this.sendReply(task);
  }

  private sendReply(task: number): void {
    const replica = this.requests.node[task];
    const coordinator = this.coordinatorOf[task];
    if (replica === coordinator) this.replyArrived(task);
    else if (coordinator === CLIENT) this.sim.at(this.sim.now + this.clientDelayBack(this.requests.classIndex[task], replica), this.replyKind, task);
    else this.network.send(replica, coordinator, 0, this.replyKind, task);
  }

  /** A replica's answer reaches its coordinator: it counts toward the quorum if the attempt still waits. */
  private replyArrived(task: number): void {
    const requests = this.requests;
    const replica = requests.node[task];
    const coordinator = this.coordinatorOf[task];
    const handle = this.handle[task];
    const heard = coordinator === CLIENT ? this.conditions.cutCount[replica] === 0 : this.isUp(coordinator, replica);
    // Everything the task carries is read before it goes: a repair sent below may take its entry at once.
    const roundTrip = this.sim.now - requests.arrival[task];
    const version = this.version[task];
    const reading = this.taskWrites[task] === 0;
    const token = this.repairToken[task];
    const slot = this.slot[task];
    const request = this.attemptOf[task];
    const wait = this.wait[task];
    requests.release(task);
    if (!heard) return;
    if (!reading) {
      // A blocking read repair's acknowledgement: its read may answer now.
      const read = handle < 0 && token >= 0 ? this.repairs!.acknowledged(token) : -1;
      if (read >= 0) this.answer(read);
      if (handle >= 0 && this.fanOut.isOpen(handle)) this.countReply(handle, request, wait, replica);
      return;
    }
    this.targets?.observe(roundTrip);
    // Late replies too: a replica beyond the first R may be the one that needs repairing.
    if (token >= 0) this.repairs!.reply(token, slot, version);
    if (!this.fanOut.isOpen(handle)) return;
    // An open wait's attempt is still the one that started it (an attempt's entry goes only once its wait has ended).
    if (!this.regionCounts(request, replica, true)) return;
    if (version > this.version[request]) this.version[request] = version;
    this.countReply(handle, request, wait, -1);
  }

  /**
   * Whether `replica`'s answer goes to the attempt's wait: always, unless a region level leaves it out (a replica of
   * another region for LOCAL levels; a region's yes beyond its majority for EACH_QUORUM). A counted yes is tallied.
   */
  private regionCounts(request: number, replica: number, yes: boolean): boolean {
    const isWrite = this.isWriteClass[this.requests.classIndex[request]] === 1;
    const regionCount = isWrite ? this.writeRegions : this.readRegions;
    if (regionCount === null) return true;
    const region = this.ringRegions!.regionOf(replica);
    const at = request * this.regionCountOf + region;
    if (region < 0 || !regionCount.counts(region, this.attemptLocal[request], yes, this.regionYes[at])) return false;
    if (yes) this.regionYes[at]++;
    return true;
  }

  /**
   * A reply counts toward its attempt's open quorum; the attempt's wait is the longest among the replies it used.
   * `replica` >= 0: a write's acknowledgement, not yet passed through the region levels' filter.
   */
  private countReply(handle: number, request: number, wait: number, replica: number): void {
    if (replica >= 0 && !this.regionCounts(request, replica, true)) return;
    if (wait > this.wait[request]) this.wait[request] = wait;
    this.fanOut.answer(handle, true);
  }

  /** A hint's holder can hand it over: both up, the replica trusted again by the detector, the path open. */
  private canHandOver(holder: number, replica: number): boolean {
    const conditions = this.conditions;
    return (
      conditions.downCount[holder] === 0 &&
      conditions.downCount[replica] === 0 &&
      this.available[replica] === 1 &&
      this.network.partitions.reachable(holder, replica)
    );
  }

  /**
   * A hint expired: if its version was acknowledged (committed) and none of the key's own replicas holds it or a newer
   * one, that acknowledged write is lost (a stand-in's copy is not served to reads).
   */
  private hintExpired(key: number, version: number): void {
    if (version > this.versions.committed(key)) return;
    for (let slot = 0; slot < this.replicas; slot++) if (this.versions.heldBy(key, slot) >= version) return;
    if (this.counting) this.acknowledgedLost++;
  }

  /** An anti-entropy copy leaves its source (its turn in the throttle has come), if the source is still up. */
  private sendCopy(task: number): void {
    const source = this.coordinatorOf[task];
    if (this.conditions.downCount[source] > 0) {
      this.requests.release(task);
      return;
    }
    this.dispatchTask(task, source, this.requests.node[task], this.requests.bytes[task]);
  }

  /** A hint goes home: a write task from its holder to the replica it belongs to, answered to no one. */
  private handOver(holder: number, key: number, slot: number, version: number, bytes: number): void {
    const replica = this.ring.replica(key, slot);
    const task = this.newTask(0, key, 0, bytes, replica, slot, holder, version, 1);
    this.dispatchTask(task, holder, replica, bytes);
  }

  private growColumns(length: number): void {
    const size = Math.max(length, this.handle.length * 2);
    this.handle = grownFloat64(this.handle, size);
    this.regionYes = grownInt32(this.regionYes, size * this.regionCountOf);
    this.attemptLocal = grownInt32(this.attemptLocal, size);
    this.via = grownInt32(this.via, size);
    this.version = grownFloat64(this.version, size);
    this.newestAtStart = grownFloat64(this.newestAtStart, size);
    this.commitAtStart = grownFloat64(this.commitAtStart, size);
    this.readStart = grownFloat64(this.readStart, size);
    this.slot = grownInt32(this.slot, size);
    this.attemptOf = grownInt32(this.attemptOf, size);
    this.coordinatorOf = grownInt32(this.coordinatorOf, size);
    this.taskWrites = grownUint8(this.taskWrites, size);
    this.repairToken = grownFloat64(this.repairToken, size);
    this.taskHinted = grownUint8(this.taskHinted, size);
    this.wait = grownFloat64(this.wait, size);
    this.asked = grownInt32(this.asked, size);
    this.speculateAt = grownFloat64(this.speculateAt, size);
    this.readFloor = grownFloat64(this.readFloor, size);
  }

  // Membership: nodes added and removed at run time (the node set's events), and their token ranges (rebalance.ts).

  private createRebalancer(keyCount: number): Rebalancer {
    let delays: ((from: number, to: number) => number) | null = null;
    const conditions = this.conditions;
    return new Rebalancer(this.sim, this.ring, this.versions, keyCount, {
      isRunning: (node) => conditions.downCount[node] === 0,
      reaches: (from, to) => this.network.partitions.reachable(from, to),
      epoch: (node) => conditions.epoch[node],
      nic: (node, bytes, at) => this.nic.transfer(node, bytes, at),
      arrival: (from, to, bytes, at) => {
        // Drawn from a family of its own on first use: a run without a rebalance draws nothing more.
        delays ??= ((draws) => (a: number, b: number) => draws.delay(a, b))(this.network.latencies('leaderless/rebalance'));
        return this.network.transmit(from, to, bytes, at) + delays(from, to);
      },
      store: (from, to, bytes) => {
        if (from >= 0) this.storageUsed[from] -= bytes;
        this.storageUsed[to] += bytes;
      },
      handedOver: (node) => this.leaveWhenIdle(node),
    });
  }

  /** A node added to the node set: its station, NIC, columns and balancer entry; it joins the ring once it is up. */
  private addNode(node: number): void {
    const n = node + 1;
    const spec = this.nodes.at(node);
    this.stations.push(this.buildStation(spec, node));
    this.conditions.addNode(node);
    this.storageUsed = grownFloat64(this.storageUsed, n);
    this.bytesMoved = grownFloat64(this.bytesMoved, n);
    this.nic.addNode(this.bytesMoved, this.conditions.slowFactor);
    this.replicaTasks = grownFloat64(this.replicaTasks, n);
    this.coordinated = grownFloat64(this.coordinated, n);
    this.available = grownUint8(this.available, n);
    this.trusted = grownUint8(this.trusted, n, 1);
    this.entries = grownUint8(this.entries, n);
    this.coordinatorTier = grownUint8(this.coordinatorTier, n, spec.group === this.tier ? 1 : 0);
    this.dispatcher?.addNode(node, this.entries);
    this.regional?.addNode(node);
    this.election?.addNode(spec);
    this.antiEntropy?.addNode();
  }

  /**
   * Takes `node` out of the cluster. A ring node hands its slots over first (rebalance.ts): with `drain`, it streams
   * them and serves them until each has landed, then goes once it holds nothing; without, it goes at once, losing
   * what it holds (as in a crash) and its copies, which the new owners rebuild from the other replicas. A coordinator
   * tier's node leaves dispatch and goes once it holds nothing (with `drain`) or at once.
   */
  removeNode(node: number, drain: boolean): void {
    const state = this.nodeSet.state(node);
    if (state === 'removed' || (state === 'draining' && drain)) return;
    const ringNode = this.ring.members().includes(node);
    // The ring keeps N nodes: a removal that would leave fewer is not carried out.
    if (ringNode && state !== 'draining' && this.ring.members().length <= this.replicas) return;
    const now = this.sim.now;
    const wasDraining = state === 'draining';
    if (!wasDraining) this.nodeSet.setState(node, 'draining', now);
    if (drain) {
      if (ringNode) this.rebalancer.leave(node, this.nodes.name(node), true);
      else this.leaveWhenIdle(node);
      return;
    }
    // Gone for good: what reaches it from now on is lost; the crash machinery is not involved (no repair).
    this.conditions.removeForGood(node);
    this.conditions.epoch[node]++;
    this.nic.reset(node, now);
    const { inService, waiting } = this.stations[node].crash();
    for (const task of inService) this.requests.flags[task] |= PENDING | LOST | ABANDONED;
    for (const task of waiting) this.requests.release(task);
    if (ringNode) {
      if (wasDraining && this.rebalancer.isLeaving(node)) this.rebalancer.abandon(node);
      else if (!wasDraining) this.rebalancer.leave(node, this.nodes.name(node), false);
    }
    this.nodeSet.setState(node, 'removed', now);
    this.quorumTime?.change(now);
  }

  /** No task at the node's station and no attempt it coordinates; a ring node's slots have all been handed over. */
  holdsNothing(node: number): boolean {
    if (this.stations[node].inSystem > 0 || this.rebalancer.isLeaving(node)) return false;
    return this.dispatcher === null || (this.dispatcher.connections[node] === 0 && (this.regional?.connections(node) ?? 0) === 0);
  }

  /** A draining node goes once it holds nothing: checked now and every `IDLE_CHECK` seconds until then. */
  private leaveWhenIdle(node: number): void {
    if (this.nodeSet.state(node) !== 'draining') return;
    if (!this.holdsNothing(node)) {
      this.sim.schedule(this.sim.now + IDLE_CHECK, () => this.leaveWhenIdle(node));
      return;
    }
    this.conditions.removeForGood(node);
    this.nodeSet.setState(node, 'removed', this.sim.now);
    this.quorumTime?.change(this.sim.now);
  }

  // Failure operations.

  private setTrusted(node: number, trusted: boolean): void {
    if ((this.trusted[node] === 1) !== trusted) this.regionOutages?.detector(node, !trusted, this.sim.now);
    this.trusted[node] = trusted ? 1 : 0;
    this.refreshAvailable(node);
  }

  /**
   * A node is available (a replica, a stand-in, a hint's destination) while the detector trusts it and it is part of
   * the cluster (a draining node still serves its slots until they have moved); it is an entry for the balancer while
   * available and taking work, and (with a coordinator tier) only if it is in the tier.
   */
  private refreshAvailable(node: number): void {
    const state = this.nodeSet.state(node);
    const available = this.trusted[node] === 1 && state !== 'provisioning' && state !== 'removed';
    this.available[node] = available ? 1 : 0;
    const entry = available && takesWork(state) && (this.tier === null || this.coordinatorTier[node] === 1);
    if ((this.entries[node] === 1) === entry) return;
    this.entries[node] = entry ? 1 : 0;
    this.dispatcher?.policy.onAvailabilityChange?.(node, entry);
    this.regional?.setEntry(node, entry);
  }

  crash(node: number, cause: string): void {
    this.conditions.crash(node, cause, () => {
      this.nic.reset(node, this.sim.now);
      const { inService, waiting } = this.stations[node].crash();
      // Tasks in service have a completion event still to come, which lets them go (node-stations.ts).
      for (const task of inService) this.requests.flags[task] |= PENDING | LOST | ABANDONED;
      for (const task of waiting) this.requests.release(task);
      this.regionOutages?.crashed(node, this.sim.now);
    });
    this.quorumTime?.change(this.sim.now);
  }

  restore(node: number): void {
    this.conditions.restore(node, () => this.regionOutages?.restored(node));
    this.quorumTime?.change(this.sim.now);
  }

  cut(nodes: readonly number[], cause: string): void {
    for (const node of nodes) this.conditions.cut(node, cause);
    this.quorumTime?.change(this.sim.now);
  }

  heal(nodes: readonly number[]): void {
    for (const node of nodes) this.conditions.heal(node, () => {});
    this.quorumTime?.change(this.sim.now);
  }

  slow(node: number, factor: number): void {
    this.conditions.slow(node, factor);
  }

  unslow(node: number, factor: number): void {
    this.conditions.unslow(node, factor);
  }

  /**
   * What the active/active tier pays for its second region: node-hours over the window of the nodes outside `region`
   * (the region lost), each counted for the whole window (nodes added or removed during the run included as such).
   */
  private nodeHoursOutside(region: string, window: number): number {
    const zones = this.network.zones;
    let outside = 0;
    for (let node = 0; node < this.nodes.length; node++) if (zones.regions[zones.regionOf[node]] !== region) outside++;
    return (outside * window) / 3600;
  }

  sectionData(from: number, to: number): Record<string, unknown> {
    const data: LeaderlessData = {
      reads: latencyFigures(this.readLatency),
      writes: latencyFigures(this.writeLatency),
      readsDone: this.done[0],
      readsFailed: this.failedOps[0],
      writesDone: this.done[1],
      writesFailed: this.failedOps[1],
      consistency: this.tally.toData(),
      readRepairs: this.readRepairs,
      ...(this.targets === null ? {} : { speculativeRetries: this.speculations }),
      ringShare: this.ring.ringShares(),
      replicaTasks: Array.from(this.replicaTasks),
    };
    // Only a cluster whose membership changed has rebalances, and nodes beyond the scenario's.
    if (this.nodeSet.changed) {
      // The changes that began in the window; a stream still on its way at its end leaves the duration null.
      data.rebalances = this.rebalancer.records
        .filter((record) => record.at >= from && record.at < to)
        .map((record) => ({ ...record, duration: record.duration !== null && record.at + record.duration <= to ? record.duration : null }));
      data.nodeNames = this.nodes.map((node) => node.name);
      data.storage = Array.from(this.storageUsed);
    }
    if (this.election !== null) data.coordinated = Array.from(this.coordinated);
    if (this.antiEntropy !== null) data.antiEntropy = this.antiEntropy.toData();
    if (this.quorumTime !== null) Object.assign(data, this.quorumTimeData(this.quorumTime));
    if (this.clientRegionFigures !== null) data.clientRegions = this.clientRegionFigures.toData(this.network.zones.regions, to);
    if (this.regionOutages !== null) {
      const outages = this.regionOutages.toData();
      data.regionOutages = outages;
      if (outages.length > 0) data.secondRegionNodeHours = this.nodeHoursOutside(outages[0].region, to - from);
    }
    // Only a sloppy quorum has hints: without one the figures are absent, not 0.
    if (this.hints !== null) {
      data.hints = { stored: this.hints.stored, replayed: this.hints.replayed, expired: this.hints.expired };
      data.acknowledgedLost = this.acknowledgedLost;
    }
    return { [LEADERLESS_SECTION]: data };
  }
}
