import type { RegionRouteSpec, ScenarioSpec } from '../model/spec.js';
import { regionOfZone } from '../model/zones.js';
import type { Findings } from './issues.js';
import type { FieldPath } from './paths.js';

/**
 * A latency or a link given for a kind of path that no two nodes of the cluster are on: most likely the zones or
 * their regions are not what the file meant (a region spelt two ways, a `zones:` key forgotten). `regionsBeyondNodes`:
 * regions the topology reaches outside the nodes' (`TopologyDefinition.regionsBeyondNodes`).
 */
export function warnUnusedPaths(spec: ScenarioSpec, findings: Findings, regionsBeyondNodes: readonly string[] = []): void {
  const network = spec.network;
  const nodesPerZone = spec.nodes.countBy((node) => node.zone);
  const zones = [...nodesPerZone.keys()];
  const regions = zones.map((zone) => regionOfZone(network, zone));
  const regionCount = new Set(regions).size;
  const paths = {
    sameZone: [...nodesPerZone.values()].some((count) => count >= 2),
    crossZone: regions.length > regionCount,
    // A region the topology reaches beyond its nodes (a standby) is on a cross-region path from every node.
    crossRegion: regionCount >= 2 || (regions.length > 0 && regionsBeyondNodes.some((region) => !regions.includes(region))),
  };
  const why = {
    sameZone: 'no zone holds two nodes',
    crossZone: 'no region holds two zones of the nodes',
    crossRegion: `every zone is in region ${regions[0]}`,
  };
  const wanted = {
    sameZone: 'two nodes in one zone',
    crossZone: 'nodes in two zones of one region',
    crossRegion: 'zones in two regions (zones: { <zone>: { region: <name> } })',
  };
  const warn = (path: FieldPath, key: keyof typeof paths) => {
    findings.warning({
      path,
      anchor: 'key',
      rule: `has no effect: ${why[key]}, so no two nodes are on such a path`,
      valid: `${wanted[key]}, or remove it`,
    });
  };
  for (const key of ['sameZone', 'crossZone', 'crossRegion'] as const) {
    if (network[key] !== undefined && !paths[key]) warn(['network', key], key);
  }
  for (const key of ['crossZone', 'crossRegion'] as const) {
    if (network.links?.[key] !== undefined && !paths[key]) warn(['network', 'links', key], key);
  }
  if (paths.crossRegion) warnRoutedEverywhere(network, [...new Set([...regions, ...regionsBeyondNodes])], findings);
}

/**
 * `crossRegion` (or `links.crossRegion`) when every pair of the scenario's regions has a route of `network.regions`
 * giving its own latency (or bandwidth): no path takes it.
 */
function warnRoutedEverywhere(network: ScenarioSpec['network'], regions: readonly string[], findings: Findings): void {
  const routes = network.regionRoutes;
  if (routes === undefined) return;
  const everyPair = (has: (route: RegionRouteSpec) => boolean) =>
    regions.every((from) => regions.every((to) => from === to || routes.some((r) => r.from === from && r.to === to && has(r))));
  const warn = (path: FieldPath, figure: string) =>
    findings.warning({
      path,
      anchor: 'key',
      rule: `has no effect: every pair of regions has a route in network.regions with a ${figure} of its own`,
      valid: 'remove it, or leave a pair of regions without a route',
    });
  if (network.crossRegion !== undefined && everyPair((r) => r.latency !== undefined)) warn(['network', 'crossRegion'], 'latency');
  if (network.links?.crossRegion !== undefined && everyPair((r) => r.bandwidth !== undefined)) warn(['network', 'links', 'crossRegion'], 'bandwidth');
}
