import { Type } from '@sinclair/typebox';
import { Distribution } from '../../../scenario/schema-distributions.js';
import { Closed, Int, Name, Quantity, StringEnum, VALID } from '../../../scenario/schema-parts.js';
import { TierSchema } from '../recovery/tiers/registry.js';

/** "valid:" text of `standby.failover.redirection`, shared with the resolver. */
export const REDIRECTION_VALID = "'immediate', or { ttl: <duration> } (the DNS TTL the clients wait out)";

/**
 * `topology.standby` (issue 14, active/passive): a standby region fed by asynchronous log shipping, and the failover
 * procedure to it. Cross-field rules (the standby's region holds no voter) are the resolver's fit check.
 */
export const StandbySchema = Closed(
  {
    region: Name({
      description:
        'The region the standby is in: a region with no node of the cluster (zones:). The leader ships every ' +
        'acknowledged write to it over the cross-region link (the route of network.regions from the store\u2019s ' +
        'region to this one, else network.crossRegion latency and network.links.crossRegion bandwidth).',
    }),
    tier: Type.Optional(TierSchema),
    failback: Type.Optional(Closed(
      {
        after: Quantity('duration', {
          description: 'From the return of the primary region to the start of the failback (the standby is fenced then); >= 0.',
        }),
      },
      { description: 'Failback: the old primary catches up from the standby, then the role and the clients move back.' },
    )),
    nodes: Type.Optional(Int(1, {
      description: "The standby's full size in nodes, serving once promoted (default: the cluster's node count).",
    })),
    cores: Type.Optional(Int(1, { description: "Cores per standby node (default: the cluster's first node's)." })),
    clients: Type.Optional(Distribution(
      'duration',
      "The clients' one-way latency to the standby once they are redirected to it. Default: network.latency.",
    )),
    failover: Closed(
      {
        detection: Closed(
          {
            interval: Quantity('duration', { description: 'Time between two health checks of the primary; > 0.' }),
            threshold: Int(1, { description: 'Failed health checks in a row that declare the primary lost; >= 1.' }),
          },
          { description: 'Health checks of the primary from the standby region: a check fails when it has no leader.' },
        ),
        manual: Type.Optional(
          Closed(
            {
              decision: Distribution(
                'duration',
                "The operator's decision delay between the detection and the start of the promotion.",
              ),
            },
            { description: 'Manual failover: an operator starts the promotion after a decision delay.' },
          ),
        ),
        promotion: Distribution('duration', 'How long the promotion of the standby takes.'),
        redirection: Type.Union(
          [
            StringEnum(['immediate'], { description: 'The clients switch to the promoted standby at once.', [VALID]: REDIRECTION_VALID }),
            Closed(
              { ttl: Quantity('duration', { description: 'The DNS TTL: the clients switch this long after the promotion.' }) },
              { description: 'Redirection by DNS.' },
            ),
          ],
          { description: 'How the clients reach the promoted standby.', [VALID]: REDIRECTION_VALID },
        ),
      },
      { description: 'The failover procedure: detection, (manual) decision, promotion, redirection.' },
    ),
  },
  { description: 'replicated mode: a standby region receiving the log by asynchronous shipping, and its failover.' },
);
