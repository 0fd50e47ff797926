import { Type } from '@sinclair/typebox';
import { DEFAULTS } from './defaults.js';
import { Distribution } from './schema-distributions.js';
import { Closed, Name, Quantity, VALID } from './schema-parts.js';
import { describeQuantity } from './units.js';

/**
 * The `network` and `zones` keys of the scenario schema. Which zones exist is the nodes' business: the resolver
 * (resolve-network.ts) checks that every zone named here is one a node uses.
 */

/** "valid:" texts the resolver shares with the schema. */
export const ZONE_MAP_VALID = 'a mapping from zone names (the nodes\u2019 zones) to their settings';
export const BANDWIDTH_VALID = describeQuantity('bandwidth', '> 0');

const PairLatency = (what: string) =>
  Type.Optional(Distribution('duration', `One-way latency between two nodes ${what}. Default: latency.`));

const LinkSchema = (what: string) =>
  Closed(
    {
      bandwidth: Quantity('bandwidth', {
        description: `Bandwidth of each ${what} link, e.g. 1Gbps: one transfer at a time, bytes / bandwidth each.`,
        [VALID]: BANDWIDTH_VALID,
      }),
    },
    { description: `A shared FIFO link on every ${what} path (like a NIC).` },
  );

/** "valid:" text of the routes from one region; the resolver shares it. */
export const REGION_ROUTES_VALID = 'a mapping from region names to { latency, bandwidth } (either or both)';

const RegionRouteSchema = Closed(
  {
    latency: Type.Optional(Distribution('duration', 'One-way latency from the region to the other. Default: crossRegion.')),
    bandwidth: Type.Optional(
      Quantity('bandwidth', {
        description: 'Bandwidth of the pair\u2019s one link (both directions share it), e.g. 1Gbps. Default: links.crossRegion.',
        [VALID]: BANDWIDTH_VALID,
      }),
    ),
  },
  { description: 'The route from one region to another (SimGrid\u2019s zoneRoute, as data).' },
);

export const NetworkSchema = Closed(
  {
    latency: Type.Optional(
      Distribution(
        'duration',
        'One-way latency of every path not given its own (clients to a node, node to node), each way. Default 0s.',
      ),
    ),
    sameZone: PairLatency('of the same zone'),
    crossZone: PairLatency('of different zones of one region'),
    crossRegion: PairLatency('of different regions'),
    clients: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: Distribution('duration', 'One-way latency between the clients and the nodes of this zone.'),
          description: 'The clients\u2019 one-way latency to the nodes of each zone, e.g. { a: 1ms, c: 60ms }. Default: latency.',
          [VALID]: `${ZONE_MAP_VALID}: a duration or a distribution each`,
        },
      ),
    ),
    links: Type.Optional(
      Closed(
        {
          crossZone: Type.Optional(LinkSchema('cross-zone (per pair of zones of one region)')),
          crossRegion: Type.Optional(LinkSchema('cross-region (per pair of regions)')),
        },
        { description: 'Shared links between zones and regions, each a FIFO queue with a bandwidth. Default: none.' },
      ),
    ),
    regions: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: Type.Object(
            {},
            {
              additionalProperties: RegionRouteSchema,
              description: 'The routes from this region, by the region they lead to.',
              [VALID]: REGION_ROUTES_VALID,
            },
          ),
          description:
            'Routes between pairs of regions, each the pair\u2019s one-way latency and its one link instead of crossRegion ' +
            'and links.crossRegion, symmetric unless the other direction is given too; a pair not listed keeps ' +
            'crossRegion. Default: none. (e.g. { us-east: { eu-west: { latency: 40ms, bandwidth: 1Gbps } } })',
          [VALID]: `a mapping from region names to ${REGION_ROUTES_VALID}`,
        },
      ),
    ),
  },
  { description: 'The network between the clients (with the balancer) and the nodes, and between nodes.' },
);

export const ZonesSchema = Type.Object(
  {},
  {
    additionalProperties: Closed(
      { region: Name({ description: 'The region (datacenter, cloud region) the zone belongs to.' }) },
      { description: 'A zone\u2019s settings.' },
    ),
    description: `The zones of the nodes and their regions, e.g. { a: { region: us-east } }. A zone not listed is in region ${DEFAULTS.region}.`,
    [VALID]: `${ZONE_MAP_VALID}: { region: <name> } each`,
  },
);
