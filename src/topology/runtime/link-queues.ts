import type { NetworkSpec } from '../../model/spec.js';
import { PairClass, type ZoneMap } from './zone-map.js';

/**
 * The network's shared links: with `links.crossZone`, one link per pair of zones of one region; with
 * `links.crossRegion`, or a route of `network.regions` with a bandwidth, one per pair of regions (the route's
 * bandwidth, else `links.crossRegion`'s). A link is a FIFO queue like a NIC: one transfer at a time, in the order the
 * messages were sent, both directions sharing it; a transfer of `bytes` takes `bytes / bandwidth`. A message of no
 * bytes still waits for the transfers queued before it (messages keep their order on a link). Paths within a zone,
 * and paths of a class (or a pair of regions) without a link, cross no link.
 */
export class LinkQueues {
  private readonly crossZone: number;
  /** The bandwidth of each pair of the nodes' regions' link, by `from * regions + to` (Infinity: no link). */
  private readonly crossRegion: Float64Array;
  /** When each link is free again, by link key (see `linkOf`); a link never used has no entry. */
  private readonly freeAt = new Map<number, number>();

  constructor(
    network: NetworkSpec,
    private readonly zones: ZoneMap,
  ) {
    this.crossZone = network.links?.crossZone?.bandwidth ?? Infinity;
    const count = zones.regions.length;
    this.crossRegion = new Float64Array(count * count).fill(network.links?.crossRegion?.bandwidth ?? Infinity);
    for (let from = 0; from < count; from++) {
      for (let to = 0; to < count; to++) {
        const route = zones.routeBetween(from, to);
        const bandwidth = route < 0 ? undefined : network.regionRoutes?.[route].bandwidth;
        if (bandwidth !== undefined) this.crossRegion[from * count + to] = bandwidth;
      }
    }
  }

  /** Whether any path has a link with a bandwidth (without one, nothing ever waits here). */
  static present(network: NetworkSpec): boolean {
    return (
      network.links?.crossZone !== undefined ||
      network.links?.crossRegion !== undefined ||
      (network.regionRoutes ?? []).some((route) => route.bandwidth !== undefined)
    );
  }

  /**
   * Queues a message of `bytes` from node `from` to node `to` that is ready to cross at `at` (now, or when it has
   * left its sender's NIC) and returns when it has crossed the link on its path: `at` when there is none.
   */
  transfer(from: number, to: number, bytes: number, at: number): number {
    const bandwidth = this.bandwidthOf(from, to);
    if (bandwidth === Infinity) return at;
    const link = this.linkOf(from, to);
    const free = this.freeAt.get(link) ?? 0;
    const start = free > at ? free : at;
    const end = start + (bytes > 0 ? bytes / bandwidth : 0);
    this.freeAt.set(link, end);
    return end;
  }

  /** The bandwidth of the link on the path between two nodes: Infinity when there is none. */
  private bandwidthOf(from: number, to: number): number {
    const pairClass = this.zones.pairClass(from, to);
    if (pairClass === PairClass.sameZone) return Infinity;
    if (pairClass === PairClass.crossZone) return this.crossZone;
    const { regionOf, regions } = this.zones;
    return this.crossRegion[regionOf[from] * regions.length + regionOf[to]];
  }

  /**
   * The key of the link on the path between two nodes of different zones: a cross-zone link is keyed by its two
   * zones, a cross-region one by its two regions (negated below -1, so the two kinds never share a key); either way
   * by the smaller index first, so both directions share the link.
   */
  private linkOf(from: number, to: number): number {
    const { zoneOf, regionOf, zones, regions } = this.zones;
    if (regionOf[from] === regionOf[to]) return pairKey(zoneOf[from], zoneOf[to], zones.length);
    return -2 - pairKey(regionOf[from], regionOf[to], regions.length);
  }
}

function pairKey(a: number, b: number, count: number): number {
  return a < b ? a * count + b : b * count + a;
}
