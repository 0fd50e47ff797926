import { Type } from '@sinclair/typebox';
import { Closed, Int, Name, VALID } from '../../../scenario/schema-parts.js';

/** "valid:" text of a count map, shared with the resolver. */
export const PLACEMENT_MAP_VALID = 'a map of zone or region names to counts of nodes, e.g. { us-east: 2, eu-west: 2, ap-south: 1 }';

function CountMap(description: string, minProperties: number) {
  return Type.Object(
    {},
    {
      additionalProperties: Int(1, { description: 'How many of the nodes of this zone or region (in node order).' }),
      minProperties,
      description,
      [VALID]: PLACEMENT_MAP_VALID,
    },
  );
}

/**
 * `topology.placement` (issue 14): the Raft roles of the store's nodes by zone or region. Cross-field rules (a name
 * with no node, more roles than nodes, a node with no role, a preferred leader with no voter) are the resolver's.
 */
export const PlacementSchema = Closed(
  {
    voters: CountMap(
      'Per zone or region, how many of its nodes vote (in node order): they elect the leader and a write commits when ' +
        'a majority of the voters holds it.',
      1,
    ),
    nonVoters: Type.Optional(CountMap(
      'Per zone or region, how many of its nodes (after its voters) follow without a vote: they receive the log ' +
        '(reads: any may go to them) but count toward no majority. Default: none.',
      0,
    )),
    preferredLeader: Type.Optional(Name({
      description:
        'A zone or region holding voters: a leader elsewhere hands the leadership to one of them (leadership ' +
        'transfer, refusing writes meanwhile) as soon as one is up, reachable and holds every committed entry.',
    })),
  },
  {
    description:
      'replicated mode: which nodes vote and which follow without a vote, per zone or region; every node needs a ' +
      'role. Default: every node votes.',
  },
);
