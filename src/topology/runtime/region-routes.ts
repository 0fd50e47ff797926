import type { DistSpec } from '../../engine/distributions/index.js';
import type { NetworkSpec } from '../../model/spec.js';

/**
 * The latency and the link bandwidth (Infinity: no link) of the path from region `from` to region `to`, named: the
 * route `network.regions` gives, else the cross-region figures (`crossRegion`, else `latency`; `links.crossRegion`).
 * For a path the zone map does not hold, such as one to a standby region without nodes.
 */
export function regionPath(network: NetworkSpec, from: string, to: string): { latency: DistSpec; bandwidth: number } {
  const route = network.regionRoutes?.find((r) => r.from === from && r.to === to);
  return {
    latency: route?.latency ?? network.crossRegion ?? network.latency,
    bandwidth: route?.bandwidth ?? network.links?.crossRegion?.bandwidth ?? Infinity,
  };
}
