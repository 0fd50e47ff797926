import type { NetworkSpec, NodeSpec } from '../../model/spec.js';
import { regionOfZone } from '../../model/zones.js';
import { grownInt32 } from '../../engine/growable.js';
import type { NodeTable } from '../../model/node-table.js';

/** How two nodes are placed relative to each other: what their latency and their shared link depend on. */
export const PairClass = { sameZone: 0, crossZone: 1, crossRegion: 2 } as const;
export type PairClass = (typeof PairClass)[keyof typeof PairClass];

/** The pair classes in order, with the name of each in the scenario (`network.<name>`) and in stream names. */
export const pairClasses = [
  { key: 'sameZone', stream: 'same-zone' },
  { key: 'crossZone', stream: 'cross-zone' },
  { key: 'crossRegion', stream: 'cross-region' },
] as const;

/**
 * Where each node is: its zone and its region as small integers (numbered in node order), so that the pair class of
 * two nodes is two array reads on the message path.
 */
export class ZoneMap {
  /** Zone names, by zone index. */
  readonly zones: readonly string[];
  readonly regions: readonly string[];
  /** Per node (grown by `addNode`: read them through the map, never keep them). */
  zoneOf: Int32Array;
  regionOf: Int32Array;
  /** The region of each zone, by zone index. */
  readonly regionOfZone: Int32Array;
  /**
   * The route between two regions of the nodes: `routeIndex[from * regions + to]` is its index in
   * `network.regionRoutes`, -1 for a pair without one (or the same region). Null when the network has no route, so a
   * scenario without routes pays one null check on the message path.
   */
  readonly routeIndex: Int32Array | null;

  constructor(nodes: NodeTable, network: NetworkSpec) {
    const zones: string[] = [];
    const regions: string[] = [];
    const zoneIndex = new Map<string, number>();
    const regionIndex = new Map<string, number>();
    const regionOfZoneList: number[] = [];
    this.zoneOf = new Int32Array(nodes.length);
    this.regionOf = new Int32Array(nodes.length);
    nodes.forEach((node, i) => {
      let zone = zoneIndex.get(node.zone);
      if (zone === undefined) {
        const regionName = regionOfZone(network, node.zone);
        let region = regionIndex.get(regionName);
        if (region === undefined) {
          region = regions.length;
          regionIndex.set(regionName, region);
          regions.push(regionName);
        }
        zone = zones.length;
        zoneIndex.set(node.zone, zone);
        zones.push(node.zone);
        regionOfZoneList.push(region);
      }
      this.zoneOf[i] = zone;
      this.regionOf[i] = regionOfZoneList[zone];
    });
    this.zones = zones;
    this.regions = regions;
    this.regionOfZone = Int32Array.from(regionOfZoneList);
    this.routeIndex = routeMatrix(regions, network.regionRoutes);
  }

  /** The index in `network.regionRoutes` of the route from node `a`'s region to node `b`'s, -1 when none. */
  routeOf(a: number, b: number): number {
    return this.routeIndex === null ? -1 : this.routeBetween(this.regionOf[a], this.regionOf[b]);
  }

  /** The index in `network.regionRoutes` of the route from region `from` to region `to` (indices of `regions`), -1 when none. */
  routeBetween(from: number, to: number): number {
    return this.routeIndex === null || from < 0 || to < 0 ? -1 : this.routeIndex[from * this.regions.length + to];
  }

  /**
   * Places a node added at run time, in the zone of its group (a zone the map knows already: added nodes copy a
   * group of the scenario). Node ids are dense, so it is always the next index.
   */
  addNode(node: NodeSpec): void {
    const zone = this.zones.indexOf(node.zone);
    if (zone < 0) throw new Error(`zone map: node ${node.name} is in zone '${node.zone}', which no scenario node is in`);
    const at = this.zoneOf.length;
    this.zoneOf = grownInt32(this.zoneOf, at + 1);
    this.regionOf = grownInt32(this.regionOf, at + 1);
    this.zoneOf[at] = zone;
    this.regionOf[at] = this.regionOfZone[zone];
  }

  pairClass(a: number, b: number): PairClass {
    if (this.zoneOf[a] === this.zoneOf[b]) return PairClass.sameZone;
    return this.regionOf[a] === this.regionOf[b] ? PairClass.crossZone : PairClass.crossRegion;
  }
}

/** `ZoneMap.routeIndex` for these regions: routes naming a region without nodes (a standby's) have no cell. */
function routeMatrix(regions: readonly string[], routes: NetworkSpec['regionRoutes']): Int32Array | null {
  if (routes === undefined || routes.length === 0) return null;
  const count = regions.length;
  const matrix = new Int32Array(count * count).fill(-1);
  routes.forEach((route, index) => {
    const from = regions.indexOf(route.from);
    const to = regions.indexOf(route.to);
    if (from >= 0 && to >= 0 && from !== to) matrix[from * count + to] = index;
  });
  return matrix;
}
