import type { NetworkSpec } from '../../model/spec.js';
import { PairClass, type ZoneMap } from './zone-map.js';

/**
 * The network's shared links: with `links.crossZone`, one link per pair of zones of one region; with
 * `links.crossRegion`, one per pair of regions. A link is a FIFO queue like a NIC: one transfer at a time, in the
 * order the messages were sent, both directions sharing it; a transfer of `bytes` takes `bytes / bandwidth`. A
 * message of no bytes still waits for the transfers queued before it (messages keep their order on a link). Paths
 * within a zone, and paths of a class without a link, cross no link.
 */
export class LinkQueues {
  private readonly bandwidth: Float64Array;
  /** When each link is free again, by link key (see `linkOf`); a link never used has no entry. */
  private readonly freeAt = new Map<number, number>();

  constructor(
    network: NetworkSpec,
    private readonly zones: ZoneMap,
  ) {
    this.bandwidth = new Float64Array(3).fill(Infinity);
    this.bandwidth[PairClass.crossZone] = network.links?.crossZone?.bandwidth ?? Infinity;
    this.bandwidth[PairClass.crossRegion] = network.links?.crossRegion?.bandwidth ?? Infinity;
  }

  /** Whether any path has a link with a bandwidth (without one, nothing ever waits here). */
  static present(network: NetworkSpec): boolean {
    return network.links?.crossZone !== undefined || network.links?.crossRegion !== undefined;
  }

  /**
   * Queues a message of `bytes` from node `from` to node `to` that is ready to cross at `at` (now, or when it has
   * left its sender's NIC) and returns when it has crossed the link on its path: `at` when there is none.
   */
  transfer(from: number, to: number, bytes: number, at: number): number {
    const link = this.linkOf(from, to);
    if (link === -1) return at;
    const free = this.freeAt.get(link) ?? 0;
    const start = free > at ? free : at;
    const time = bytes > 0 ? bytes / this.bandwidth[this.zones.pairClass(from, to)] : 0;
    const end = start + time;
    this.freeAt.set(link, end);
    return end;
  }

  /**
   * The key of the link on the path between two nodes, or -1 when none: a cross-zone link is keyed by its two zones,
   * a cross-region one by its two regions (negated below -1, so the two kinds never share a key); either way by the
   * smaller index first, so both directions share the link.
   */
  private linkOf(from: number, to: number): number {
    const pairClass = this.zones.pairClass(from, to);
    if (this.bandwidth[pairClass] === Infinity) return -1;
    const { zoneOf, regionOf, zones, regions } = this.zones;
    if (pairClass === PairClass.crossZone) return pairKey(zoneOf[from], zoneOf[to], zones.length);
    return -2 - pairKey(regionOf[from], regionOf[to], regions.length);
  }
}

function pairKey(a: number, b: number, count: number): number {
  return a < b ? a * count + b : b * count + a;
}
