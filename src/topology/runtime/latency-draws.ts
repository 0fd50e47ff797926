import { createSampler, type DistSpec } from '../../engine/distributions/index.js';
import type { RandomStreams } from '../../engine/rng.js';
import type { NetworkSpec } from '../../model/spec.js';
import { clientLatencyOfZone } from '../../model/zones.js';
import { PairClass, pairClasses, type ZoneMap } from './zone-map.js';

/** A latency that never costs anything: paths with it need no event. */
export function isZeroLatency(dist: DistSpec): boolean {
  return dist.dist === 'constant' && dist.value === 0;
}

/**
 * The latency draws of one family of random streams (`network`, `detection/latency`, ...) over the network's paths.
 * A path without a distribution of its own draws `network.latency` from the family's own stream, shared by every such
 * path; a path with one draws from a stream of its own beneath the family (`<family>/cross-zone`,
 * `<family>/clients/<zone>`). So a scenario with one latency draws exactly what it drew before pair classes existed,
 * and giving one path its own latency moves no other path's draws.
 */
export class LatencyDraws {
  /** Per zone: the clients' one-way latency to its nodes (a node's zone is read from the live zone map). */
  private readonly toClients: (() => number)[];
  /** Per pair class: the one-way latency between two nodes. */
  private readonly pairs: (() => number)[];
  /** Per route of `network.regionRoutes` (null without any): the one-way latency from its region to the other. */
  private readonly routes: (() => number)[] | null;
  /** Whether no path between the clients and a node costs anything (then a request needs no latency event). */
  readonly clientsFree: boolean;
  /** Whether no path between two nodes costs any latency. */
  readonly pairsFree: boolean;

  constructor(
    network: NetworkSpec,
    private readonly zones: ZoneMap,
    streams: RandomStreams,
    family: string,
  ) {
    const base = createSampler(network.latency, streams.stream(family));
    const own = (dist: DistSpec | undefined, path: string) => (dist === undefined ? base : createSampler(dist, streams.stream(`${family}/${path}`)));
    this.toClients = zones.zones.map((zone) =>
      network.clients !== undefined && Object.hasOwn(network.clients, zone) ? own(network.clients[zone], `clients/${zone}`) : base,
    );
    this.pairs = pairClasses.map((c) => own(network[c.key], c.stream));
    // A route with a latency draws from a stream of its own (`<family>/regions/<from>/<to>`); one without keeps the
    // cross-region class's sampler, so its draws interleave with that class's as they did without the route.
    const crossRegion = this.pairs[PairClass.crossRegion];
    this.routes =
      zones.routeIndex === null
        ? null
        : (network.regionRoutes ?? []).map((route) =>
            route.latency === undefined ? crossRegion : own(route.latency, `regions/${route.from}/${route.to}`),
          );
    this.clientsFree = zones.zones.every((zone) => isZeroLatency(clientLatencyOfZone(network, zone)));
    this.pairsFree =
      pairClasses.every((c) => isZeroLatency(network[c.key] ?? network.latency)) &&
      (network.regionRoutes ?? []).every((route) => route.latency === undefined || isZeroLatency(route.latency));
  }

  /** A one-way latency between the clients and `node`. */
  clientDelay(node: number): number {
    return this.toClients[this.zones.zoneOf[node]]();
  }

  /** A one-way latency from node `from` to node `to`: their regions' route's, else their pair class's. */
  delay(from: number, to: number): number {
    if (this.routes !== null) {
      const route = this.zones.routeOf(from, to);
      if (route >= 0) return this.routes[route]();
    }
    return this.pairs[this.zones.pairClass(from, to)]();
  }
}

/**
 * Node-to-node latencies drawn from the sender's own streams, so that adding a node leaves the others' draws alone
 * (Raft's messages): `<family>/node-<i>` for a path without a distribution of its own, `<family>/<class>/node-<i>`
 * for a pair class with one. `override` replaces every pair class (a topology's own message delay). Samplers are made
 * on first use.
 */
export function perSenderDelays(
  network: NetworkSpec,
  zones: ZoneMap,
  streams: RandomStreams,
  family: string,
  override?: DistSpec,
): (from: number, to: number) => number {
  const routes = override === undefined ? (network.regionRoutes ?? []) : [];
  // A path is a pair class, or a route between two regions (numbered after the classes): `override` replaces both.
  const paths = pairClasses.length + routes.length;
  // By sender and path; the sender's base stream is shared by every path without a distribution of its own.
  // Sparse arrays: a sender added at run time gets its samplers on first use, like the others.
  const samplers: ((() => number) | undefined)[] = [];
  const bases: ((() => number) | undefined)[] = [];
  const base = (from: number) => (bases[from] ??= createSampler(override ?? network.latency, streams.stream(`${family}/node-${from}`)));
  const ofClass = (from: number, pairClass: number): (() => number) => {
    const c = pairClasses[pairClass];
    const own = override === undefined ? network[c.key] : undefined;
    return own === undefined ? base(from) : createSampler(own, streams.stream(`${family}/${c.stream}/node-${from}`));
  };
  const make = (from: number, path: number): (() => number) => {
    // A route without a latency shares the sender's cross-region sampler (one stream, one sampler).
    const route = routes[path - pairClasses.length];
    const sampler =
      route === undefined
        ? ofClass(from, path)
        : route.latency === undefined
          ? (samplers[from * paths + PairClass.crossRegion] ?? make(from, PairClass.crossRegion))
          : createSampler(route.latency, streams.stream(`${family}/regions/${route.from}/${route.to}/node-${from}`));
    samplers[from * paths + path] = sampler;
    return sampler;
  };
  return (from, to) => {
    const route = routes.length === 0 ? -1 : zones.routeOf(from, to);
    const path = route >= 0 ? pairClasses.length + route : zones.pairClass(from, to);
    return (samplers[from * paths + path] ?? make(from, path))();
  };
}
