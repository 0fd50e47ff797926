import type { RandomStreams } from '../../engine/rng.js';
import type { Simulator } from '../../engine/simulator.js';
import type { AvailabilityTracker } from '../../metrics/availability.js';
import type { Measurement } from '../../metrics/measurement.js';
import type { DispatchPolicy, DispatchView } from '../../model/dispatch.js';
import type { RequestTable } from '../../model/request-table.js';
import type { NodeSpec, ScenarioSpec } from '../../model/spec.js';
import { ClientRetries } from '../client-retries.js';
import { HeartbeatDetector } from '../heartbeat-detector.js';
import { RequestOutcomes } from '../request-outcomes.js';
import { Network } from './network.js';
import { NodeSet } from './node-set.js';
import { WaitingRoom } from './waiting-room.js';
import { WindowEvents } from './window-events.js';
import type { NodeTable } from '../../model/node-table.js';

/** What a topology tells the heartbeat detector about its nodes, and hears back from it. */
export interface DetectorHooks {
  /** Whether the node is running and reachable, so that its heartbeats get through. */
  isHeard(node: number): boolean;
  onSuspect(node: number): void;
  onTrust(node: number): void;
}

/** What a topology's clients do at the edges of a retry, besides what ClientRetries does itself. */
export interface RetryHooks {
  /** Sends an attempt (a first one or a retry) afresh. */
  send(request: number): void;
  /** The request failed for good with `cause`: count it once. */
  failed(request: number, cause: number): void;
  /** The client stops waiting for the current attempt (its timer fired): the topology closes its books on it. */
  abandoning?(request: number): void;
}

/**
 * Everything a topology shares with every other one, owned by the replication runner: the engine, the request table
 * and its outcome book, the measurement, the random streams, the network, the availability tracker, the dispatch
 * policy, the clients' timeouts and retries, the heartbeat failure detector, and the measurement window's lifecycle.
 * A topology is built from it (`TopologyDefinition.create`) and keeps only what is its own: how a request finds its
 * outcome.
 */
export class ClusterRuntime {
  readonly window = new WindowEvents();
  /** Arrivals and final outcomes, counted the same way for every topology. */
  readonly outcomes: RequestOutcomes;
  /** The heartbeat failure detector, once a topology has asked for it (only with failures). */
  detector: HeartbeatDetector | null = null;
  /** Zones, regions, latencies, shared links and partitions: the network every message crosses. */
  readonly network: Network;
  /**
   * The nodes, their lifecycle and its event stream. The runtime's own parts (network, availability tracker,
   * detector) follow it first; the topology subscribes for its stations, NICs and dispatchers.
   */
  readonly nodeSet: NodeSet;
  /**
   * Where requests wait when no node takes them, when a scaled group may have none (`scaling[].min` 0): a
   * controller starts a node for them (a cold start). Null otherwise: such a request fails at once.
   */
  readonly waitingRoom: WaitingRoom | null;
  /** Told when a node comes to hold nothing (no request at it or on its way to it); topologies that model membership changes tell it. */
  private readonly idleListeners: ((node: number) => void)[] = [];

  constructor(
    readonly sim: Simulator,
    readonly requests: RequestTable,
    readonly measurement: Measurement,
    readonly spec: ScenarioSpec,
    readonly streams: RandomStreams,
    /** Node-level availability over the window; null without failures. */
    readonly tracker: AvailabilityTracker | null,
    /**
     * The scenario's dispatch policy over a view of the nodes: a new instance per call, on the stream `family`
     * (default `policy`); `rebuild` k > 0 (a policy rebuilt after the node set grew) on the stream `<family>/rebuild-<k>`.
     * A dispatcher of its own (one per client region) names a family of its own, so that the others' draws stay put.
     */
    readonly createPolicy: (view: DispatchView, rebuild?: number, family?: string) => DispatchPolicy,
    /** Whether that policy reads `view.outstandingWork`: a dispatcher keeps it only then (policies/create.ts). */
    readonly policyReadsOutstandingWork = true,
  ) {
    this.outcomes = new RequestOutcomes(sim, requests, measurement, tracker);
    this.network = new Network(sim, spec.nodes, spec.network, streams);
    this.nodeSet = new NodeSet(spec.nodes);
    this.waitingRoom = spec.scaling?.some((entry) => entry.min === 0) ? new WaitingRoom(requests) : null;
    const nodeSet = this.nodeSet;
    nodeSet.subscribe({
      onAdded: (node) => {
        this.network.addNode(nodeSet.specs.at(node));
        tracker?.addNode(sim.now);
        this.detector?.addNode(node);
      },
      onStateChange: (node, from, to) => {
        if (from === 'provisioning' && to !== 'removed') tracker?.join(node, sim.now, `added ${nodeSet.specs.name(node)}`);
      },
      onRemoved: (node) => {
        tracker?.leave(node, sim.now, `removed ${nodeSet.specs.name(node)}`);
        this.detector?.forget(node);
      },
    });
  }

  /** Runs `listener` whenever a node comes to hold nothing. */
  onNodeIdle(listener: (node: number) => void): void {
    this.idleListeners.push(listener);
  }

  /** Whether anything listens for idle nodes (a topology skips the check otherwise). */
  get idleWatched(): boolean {
    return this.idleListeners.length > 0;
  }

  /** Called by the topology: `node` holds nothing now. */
  nodeIdle(node: number): void {
    for (const listener of this.idleListeners) listener(node);
  }

  /** Every node ever in the cluster, by id: the scenario's, then those added at run time (removed ones stay). */
  get nodes(): NodeTable {
    return this.nodeSet.specs;
  }

  /**
   * Adds a node that copies `template` (a node of its group), named after its group's highest index, now: it is
   * `provisioning` for `provisioning` seconds (0: it is up in the same instant), then `up`. Returns its id.
   */
  addNode(template: NodeSpec, provisioning = 0): number {
    const nodeSet = this.nodeSet;
    const node = nodeSet.add({ ...template, name: nodeSet.nextName(template.group) }, this.sim.now);
    const serve = () => {
      if (nodeSet.state(node) === 'provisioning') nodeSet.setState(node, 'up', this.sim.now);
    };
    if (provisioning > 0) this.sim.schedule(this.sim.now + provisioning, serve);
    else serve();
    return node;
  }

  /**
   * The scenario's retrying clients (`reliability.clients` with a finite timeout), or null when clients wait forever
   * (a lost attempt then fails the request at once). Backoff jitter draws from the stream `clients/backoff`.
   */
  clientRetries(hooks: RetryHooks): ClientRetries | null {
    const clients = this.spec.reliability?.clients;
    if (clients === undefined || clients.timeout === Infinity) return null;
    return new ClientRetries(
      this.sim,
      this.requests,
      this.measurement,
      clients,
      this.streams.stream('clients/backoff'),
      hooks.send,
      hooks.failed,
      hooks.abandoning,
    );
  }

  /**
   * The heartbeat detector of `reliability.detection` over the nodes (null without failures): the dispatcher sits
   * with the clients, so a heartbeat takes the clients' latency to the node's zone (stream family
   * `detection/latency`); phases are drawn from `detection/phase`. Its statistics restart with the window.
   */
  heartbeatDetector(hooks: DetectorHooks): HeartbeatDetector | null {
    const reliability = this.spec.reliability;
    if (!reliability) return null;
    const latencies = this.network.latencies('detection/latency');
    const detector = new HeartbeatDetector(
      this.sim,
      this.nodes.length,
      reliability.detection.heartbeat,
      reliability.detection.timeout,
      (node) => latencies.clientDelay(node),
      this.streams.stream('detection/phase'),
      (node) => hooks.isHeard(node),
      (node) => hooks.onSuspect(node),
      (node) => hooks.onTrust(node),
    );
    this.detector = detector;
    this.window.onBegin(() => detector.resetStatistics());
    return detector;
  }
}
