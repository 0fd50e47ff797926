import type { NetworkSpec } from './spec.js';

/** The region of a zone that `zones:` does not list: every such zone is in this one region. */
export const DEFAULT_REGION = 'default';

/** Where the zones are: their regions (`NetworkSpec.regions`), all a selector or a placement needs. */
export type ZonePlacement = Pick<NetworkSpec, 'regions'>;

/** The region a zone belongs to: as `zones:` says, else `default`. */
export function regionOfZone(placement: ZonePlacement | undefined, zone: string): string {
  const regions = placement?.regions;
  // An own key only: a zone named like an Object method (`constructor`) is no region.
  return regions !== undefined && Object.hasOwn(regions, zone) ? regions[zone] : DEFAULT_REGION;
}

/** The clients' latency spec of a zone, as `network.clients` says, else `network.latency`. */
export function clientLatencyOfZone(network: NetworkSpec, zone: string): NetworkSpec['latency'] {
  const clients = network.clients;
  return clients !== undefined && Object.hasOwn(clients, zone) ? clients[zone] : network.latency;
}
