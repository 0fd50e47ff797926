import type { DistSpec } from '../engine/distributions/spec.js';
import type { NodeTable } from '../model/node-table.js';
import type { RegionRouteSpec, TopologySpec } from '../model/spec.js';
import { regionOfZone, type ZonePlacement } from '../model/zones.js';
import { defaultTopologyKind, topologyDefinition } from '../topology/registry.js';
import type { Findings } from './issues.js';
import type { FieldPath } from './paths.js';
import { resolveDistribution } from './resolve-distribution.js';
import { isRecord, readQuantity } from './resolve-values.js';
import { didYouMean } from './suggest.js';

/** One route as written, with where it was written. */
interface Written {
  from: string;
  to: string;
  latency?: DistSpec;
  bandwidth?: number;
  /** The bandwidth as written (for the error that quotes it). */
  bandwidthText?: unknown;
  path: FieldPath;
  /** In the order written: the later of two disagreeing directions is the one reported. */
  order: number;
}

/**
 * `network.regions: { <from>: { <to>: { latency, bandwidth } } }` into one route per direction, as SimGrid's
 * `zoneRoute` between two zones, symmetrical unless told otherwise (simgrid/simgrid, docs/source/XML_reference.rst,
 * `<zoneRoute>`: src, dst, the links between them, `symmetrical`): each figure holds both ways unless the other
 * direction gives its own. Both directions share the pair's one link, so two bandwidths for one pair must agree.
 * Undefined without the key, null when anything is invalid (reported). Which regions exist is checked against the
 * whole scenario afterwards (`checkRouteRegions`): a standby's region holds no node.
 */
export function resolveRegionRoutes(raw: unknown, findings: Findings): RegionRouteSpec[] | undefined | null {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) return null; // wrong type: reported by the schema check
  const written = new Map<string, Written>();
  let complete = true;
  for (const [from, targets] of Object.entries(raw)) {
    if (!isRecord(targets)) {
      complete = false; // reported by the schema check
      continue;
    }
    for (const [to, value] of Object.entries(targets)) {
      const path: FieldPath = ['network', 'regions', from, to];
      if (to === from) {
        findings.error({ path, anchor: 'key', value: to, rule: 'a region paired with itself', valid: 'another region (within a region, crossZone and sameZone apply)' });
        complete = false;
        continue;
      }
      const route = readRoute(value, path, findings);
      if (route === undefined) complete = false;
      else written.set(key(from, to), { from, to, ...route, bandwidthText: isRecord(value) ? value.bandwidth : undefined, path, order: written.size });
    }
  }
  const routes: RegionRouteSpec[] = [];
  for (const route of written.values()) {
    const back = written.get(key(route.to, route.from));
    if (back?.bandwidth !== undefined && route.bandwidth !== undefined && back.bandwidth !== route.bandwidth && back.order > route.order) {
      findings.error({
        path: [...back.path, 'bandwidth'],
        value: back.bandwidthText,
        rule: `differs from ${route.from} to ${route.to}'s bandwidth: both directions share the pair's one link`,
        valid: `the same bandwidth both ways, or give it one way only`,
      });
      complete = false;
    }
    routes.push(direction(route.from, route.to, route, back));
    if (back === undefined) routes.push(direction(route.to, route.from, route, undefined));
  }
  return complete ? routes : null;
}

/** The route from `from` to `to`: `own`'s figures, else the other direction's (`other`). */
function direction(from: string, to: string, own: Partial<Written>, other: Partial<Written> | undefined): RegionRouteSpec {
  const route: RegionRouteSpec = { from, to };
  const latency = own.latency ?? other?.latency;
  const bandwidth = own.bandwidth ?? other?.bandwidth;
  if (latency !== undefined) route.latency = latency;
  if (bandwidth !== undefined) route.bandwidth = bandwidth;
  return route;
}

function readRoute(raw: unknown, path: FieldPath, findings: Findings): { latency?: DistSpec; bandwidth?: number } | undefined {
  if (!isRecord(raw)) return undefined; // reported by the schema check
  if (raw.latency === undefined && raw.bandwidth === undefined) {
    findings.error({ path, value: raw, rule: 'a route with neither latency nor bandwidth', valid: '{ latency, bandwidth } (either or both), or remove it' });
    return undefined;
  }
  const route: { latency?: DistSpec; bandwidth?: number } = {};
  if (raw.latency !== undefined) {
    const latency = resolveDistribution(raw.latency, [...path, 'latency'], 'duration', findings);
    if (latency === undefined) return undefined;
    route.latency = latency;
  }
  if (raw.bandwidth !== undefined) {
    const bandwidth = readQuantity(raw.bandwidth, [...path, 'bandwidth'], 'bandwidth', findings, { min: 0, exclusive: true });
    if (bandwidth === undefined) return undefined;
    route.bandwidth = bandwidth;
  }
  return route;
}

function key(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/**
 * Every region `network.regions` names must be one the scenario has: a region of the nodes' zones (`placement`), or
 * one the topology reaches beyond them (a standby's). A misspelt region would otherwise leave its pair on crossRegion
 * unseen. Checked whenever the nodes, the zones and the topology resolved, even if the network did not.
 */
export function checkRouteRegions(
  raw: Record<string, unknown>,
  nodes: NodeTable | undefined,
  placement: ZonePlacement | undefined,
  topology: TopologySpec | undefined,
  findings: Findings,
): void {
  const regions = isRecord(raw.network) && isRecord(raw.network.regions) ? raw.network.regions : undefined;
  if (regions === undefined || nodes === undefined || placement === undefined) return;
  const known = new Set(nodes.map((node) => regionOfZone(placement, node.zone)));
  const definition = topologyDefinition(topology?.kind ?? defaultTopologyKind);
  for (const region of definition?.regionsBeyondNodes?.(topology) ?? []) known.add(region);
  const names = [...known].sort();
  const check = (region: string, path: FieldPath) => {
    if (known.has(region)) return;
    findings.error({
      path,
      anchor: 'key',
      value: region,
      rule: 'unknown region: no node is in it',
      valid: `a region of the nodes' zones (zones: { <zone>: { region } }), or a standby's: ${names.join(', ')}`,
      suggestion: didYouMean(region, names),
    });
  };
  for (const [from, targets] of Object.entries(regions)) {
    check(from, ['network', 'regions', from]);
    if (!isRecord(targets)) continue;
    for (const to of Object.keys(targets)) if (to !== from) check(to, ['network', 'regions', from, to]);
  }
}
