import type { DistSpec } from '../engine/distributions/spec.js';
import type { LinkSpec, NetworkSpec, NodeSpec } from '../model/spec.js';
import type { ZonePlacement } from '../model/zones.js';
import { DEFAULTS } from './defaults.js';
import type { Findings } from './issues.js';
import type { FieldPath } from './paths.js';
import { resolveDistribution } from './resolve-distribution.js';
import { resolveRegionRoutes } from './resolve-region-routes.js';
import { isRecord, readQuantity } from './resolve-values.js';
import { didYouMean } from './suggest.js';
import type { NodeTable } from '../model/node-table.js';

const PAIR_CLASSES = ['sameZone', 'crossZone', 'crossRegion'] as const;
const LINK_PATHS = ['crossZone', 'crossRegion'] as const;

/** The zones the nodes use; undefined when the cluster has errors of its own (then zone keys are not checked). */
function zonesOf(nodes: NodeTable | undefined): string[] | undefined {
  return nodes === undefined ? undefined : nodes.distinct((node) => node.zone);
}

/**
 * `zones: { <zone>: { region } }` into the zones' regions: `{}` without the key, undefined when it is invalid
 * (reported). Every key must be a zone some node is in.
 */
export function resolvePlacement(
  raw: Record<string, unknown>,
  nodes: NodeTable | undefined,
  findings: Findings,
): ZonePlacement | undefined {
  if (raw.zones === undefined) return {};
  const regions = resolveZoneMap(raw.zones, ['zones'], zonesOf(nodes), findings, (value) =>
    isRecord(value) && typeof value.region === 'string' ? value.region : undefined,
  );
  return regions === undefined ? undefined : { regions };
}

/**
 * `network` into the resolved `NetworkSpec`, with the zones' regions (`placement`, from `resolvePlacement`;
 * undefined when invalid, already reported). `{ latency }` alone resolves to `{ latency }` and nothing else, so a
 * file written before pair classes existed runs exactly as it did. Zones named in `network.clients` must be zones
 * the nodes use. Returns undefined when anything is invalid (reported).
 */
export function resolveNetwork(
  raw: Record<string, unknown>,
  nodes: NodeTable | undefined,
  placement: ZonePlacement | undefined,
  findings: Findings,
): NetworkSpec | undefined {
  const network = isRecord(raw.network) ? raw.network : {};
  const zones = zonesOf(nodes);
  let complete = placement !== undefined;
  const distribution = (written: unknown, path: FieldPath): DistSpec | undefined => {
    const dist = resolveDistribution(written, path, 'duration', findings);
    if (written !== undefined && dist === undefined) complete = false;
    return dist;
  };

  const latency = distribution(network.latency ?? DEFAULTS.latency, ['network', 'latency']);
  const spec: Partial<NetworkSpec> = { latency };
  for (const key of PAIR_CLASSES) {
    const dist = distribution(network[key], ['network', key]);
    if (dist !== undefined) spec[key] = dist;
  }
  if (network.clients !== undefined) {
    const clients = resolveZoneMap(network.clients, ['network', 'clients'], zones, findings, distribution);
    if (clients === undefined) complete = false;
    else spec.clients = clients;
  }
  if (placement?.regions !== undefined) spec.regions = placement.regions;
  if (isRecord(network.links)) {
    const links: NonNullable<NetworkSpec['links']> = {};
    for (const key of LINK_PATHS) {
      const link = resolveLink(network.links[key], ['network', 'links', key], findings);
      if (network.links[key] !== undefined && link === undefined) complete = false;
      if (link !== undefined) links[key] = link;
    }
    spec.links = links;
  }
  const routes = resolveRegionRoutes(network.regions, findings);
  if (routes === null) complete = false;
  else if (routes !== undefined) spec.regionRoutes = routes;
  if (!complete || latency === undefined) return undefined;
  return spec as NetworkSpec;
}

/**
 * A mapping keyed by zone (`zones`, `network.clients`) into a plain record of what `read` makes of each value. A key
 * that is no node's zone is an error with the closest zone suggested (a typo would otherwise go unnoticed: the zone
 * would silently keep the defaults).
 */
function resolveZoneMap<T>(
  raw: unknown,
  path: FieldPath,
  zones: readonly string[] | undefined,
  findings: Findings,
  read: (value: unknown, path: FieldPath) => T | undefined,
): Record<string, T> | undefined {
  if (!isRecord(raw)) return undefined; // wrong type: reported by the schema check
  const resolved: Record<string, T> = {};
  let complete = true;
  for (const [zone, value] of Object.entries(raw)) {
    if (zones !== undefined && !zones.includes(zone)) {
      findings.error({
        path: [...path, zone],
        anchor: 'key',
        value: zone,
        rule: 'unknown zone: no node is in it',
        valid: `a zone of the nodes (${zones.join(', ')})`,
        suggestion: didYouMean(zone, zones),
      });
      complete = false;
      continue;
    }
    const item = read(value, [...path, zone]);
    if (item === undefined) complete = false;
    // defineProperty: a zone named `__proto__` is a key like any other, not the record's prototype.
    else Object.defineProperty(resolved, zone, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return complete ? resolved : undefined;
}

function resolveLink(raw: unknown, path: FieldPath, findings: Findings): LinkSpec | undefined {
  if (!isRecord(raw)) return undefined; // absent, or a wrong type reported by the schema check
  const bandwidth = readQuantity(raw.bandwidth, [...path, 'bandwidth'], 'bandwidth', findings, { min: 0, exclusive: true });
  return bandwidth === undefined ? undefined : { bandwidth };
}
