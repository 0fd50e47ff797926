import { createSampler, type DistSpec } from '../../engine/distributions/index.js';
import type { RandomStreams } from '../../engine/rng.js';
import type { Simulator } from '../../engine/simulator.js';
import type { NetworkSpec, NodeSpec } from '../../model/spec.js';
import { LatencyDraws, perSenderDelays } from './latency-draws.js';
import { LinkQueues } from './link-queues.js';
import { Partitions } from './partitions.js';
import { ZoneMap, type PairClass } from './zone-map.js';
import type { NodeTable } from '../../model/node-table.js';

/**
 * The one network every topology's traffic crosses: the clients (with the dispatcher) and the nodes, placed in zones
 * and regions (`ZoneMap`); a one-way latency per path (clients to a zone, and node to node by pair class: same zone,
 * cross zone, cross region, or the route between two regions that `network.regions` gives); optional shared links
 * with a bandwidth between zones and regions (`LinkQueues`); and the partitions in force (`Partitions`). The runtime's own draws come from the stream family `network`; a subsystem
 * that draws latencies from streams of its own (the heartbeat detector, Raft) asks for a family of its own.
 */
export class Network {
  readonly zones: ZoneMap;
  readonly partitions: Partitions;
  /** The shared links, or null when no path has one. */
  readonly links: LinkQueues | null;
  private readonly draws: LatencyDraws;
  /** Clients of one region to a node of another (`clientDelayFrom`), made on first use. */
  private crossRegionClients: (() => number) | undefined;
  /** The same per route of `network.regionRoutes` with a latency of its own, made on first use. */
  private readonly routeClients: (() => number)[] = [];

  constructor(
    private readonly sim: Simulator,
    nodes: NodeTable,
    readonly spec: NetworkSpec,
    private readonly streams: RandomStreams,
  ) {
    this.zones = new ZoneMap(nodes, spec);
    this.partitions = new Partitions(nodes.length);
    this.links = LinkQueues.present(spec) ? new LinkQueues(spec, this.zones) : null;
    this.draws = new LatencyDraws(spec, this.zones, streams, 'network');
  }

  /** A node added at run time (its group's zone): placed in the zone map and in no cut. */
  addNode(node: NodeSpec): void {
    this.zones.addNode(node);
    this.partitions.addNode();
  }

  /** Whether no path between the clients and a node costs anything: requests then need no latency event. */
  get clientsFree(): boolean {
    return this.draws.clientsFree;
  }

  /** Whether no path between two nodes costs anything (no latency, no link): messages then need no event. */
  get pairsFree(): boolean {
    return this.draws.pairsFree && this.links === null;
  }

  pairClass(a: number, b: number): PairClass {
    return this.zones.pairClass(a, b);
  }

  /** A one-way latency between the clients and `node` (its zone's), from the stream family `network`. */
  clientDelay(node: number): number {
    return this.draws.clientDelay(node);
  }

  /**
   * A one-way latency between clients in region `region` (an index of `zones.regions`, or -1: clients nowhere in
   * particular) and `node`: the clients' latency to the node's zone when the clients are in its region (or nowhere),
   * else the latency of the route from the clients' region to the node's (`network.regions`), else the cross-region
   * latency (`network.crossRegion`, else `latency`), as if the clients sat beside their own region's nodes.
   * Cross-region draws come from the stream `network/client-regions` (a route's from
   * `network/client-regions/<from>/<to>`), so that clients with a region leave every other path's draws alone.
   */
  clientDelayFrom(region: number, node: number): number {
    const nodeRegion = this.zones.regionOf[node];
    if (region < 0 || nodeRegion === region) return this.draws.clientDelay(node);
    return this.clientRoute(this.zones.routeBetween(region, nodeRegion));
  }

  /**
   * The way back: a one-way latency from `node` to clients in region `region` (-1: nowhere in particular), as
   * `clientDelayFrom` but over the route from the node's region to the clients' (the same figures unless the
   * scenario gives that direction its own).
   */
  clientDelayTo(node: number, region: number): number {
    const nodeRegion = this.zones.regionOf[node];
    if (region < 0 || nodeRegion === region) return this.draws.clientDelay(node);
    return this.clientRoute(this.zones.routeBetween(nodeRegion, region));
  }

  /** A client's one-way latency over route `route` of `network.regionRoutes` (-1: none, the cross-region latency). */
  private clientRoute(route: number): number {
    const latency = route < 0 ? undefined : this.spec.regionRoutes?.[route].latency;
    if (latency !== undefined) {
      const { from, to } = this.spec.regionRoutes![route];
      this.routeClients[route] ??= createSampler(latency, this.streams.stream(`network/client-regions/${from}/${to}`));
      return this.routeClients[route]();
    }
    this.crossRegionClients ??= createSampler(this.spec.crossRegion ?? this.spec.latency, this.streams.stream('network/client-regions'));
    return this.crossRegionClients();
  }

  /** A one-way latency from node `from` to node `to` (their pair class's), from the stream family `network`. */
  delay(from: number, to: number): number {
    return this.draws.delay(from, to);
  }

  /**
   * When a message of `bytes` from `from` to `to`, ready to leave at `at` (now, or when it has left its sender's
   * NIC), has crossed the shared link on its path: `at` without one.
   */
  transmit(from: number, to: number, bytes: number, at: number): number {
    return this.links === null ? at : this.links.transfer(from, to, bytes, at);
  }

  /**
   * Sends a message of `bytes` from node `from` to node `to`: it crosses the link on its path (if any), then takes
   * the one-way latency, and event `kind` fires with `target` on its arrival. `departure` is when it leaves its
   * sender (default now: a sender without a NIC queue).
   */
  send(from: number, to: number, bytes: number, kind: number, target: number, departure = this.sim.now): void {
    const crossed = this.transmit(from, to, bytes, departure);
    this.sim.at(crossed + this.delay(from, to), kind, target);
  }

  /** The same paths' latencies drawn from another stream family (`<family>`, `<family>/clients/<zone>`, ...). */
  latencies(family: string): LatencyDraws {
    return new LatencyDraws(this.spec, this.zones, this.streams, family);
  }

  /**
   * Node-to-node latencies from each sender's own streams (`<family>/node-<i>`, `<family>/<class>/node-<i>`), for a
   * protocol whose draws must not depend on the other nodes' traffic; `override` replaces every pair class.
   */
  perSenderDelays(family: string, override?: DistSpec): (from: number, to: number) => number {
    return perSenderDelays(this.spec, this.zones, this.streams, family, override);
  }
}
