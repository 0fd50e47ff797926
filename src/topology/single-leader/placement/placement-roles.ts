import type { PlacementSpec } from '../../../model/spec.js';
import { regionOfZone, type ZonePlacement } from '../../../model/zones.js';

/** What a placement makes of each node: whether it votes, and whether it is a preferred leader. */
export interface PlacementRoles {
  voters: boolean[];
  preferred: boolean[];
}

/** A node's place: its zone, and the zone's region. */
export interface NodePlace {
  zone: string;
  region: string;
}

/** Where each node (with a zone) is, by the zones' regions. */
export function nodePlaces(zones: readonly string[], regions: ZonePlacement | undefined): NodePlace[] {
  return zones.map((zone) => ({ zone, region: regionOfZone(regions, zone) }));
}

/** The nodes a placement key selects: those of the zone of that name, else those of the region of that name. */
export function nodesAt(places: readonly NodePlace[], name: string): number[] {
  const inZone = places.flatMap((p, i) => (p.zone === name ? [i] : []));
  return inZone.length > 0 ? inZone : places.flatMap((p, i) => (p.region === name ? [i] : []));
}

/**
 * The roles a (valid) placement gives the nodes: under each key, its first `voters[key]` nodes in node order vote and
 * the next `nonVoters[key]` follow without a vote; the voters under `preferredLeader` are preferred leaders. A node no
 * key gives a role (the resolver reports it; a node added at run time by a scaled group) does not vote.
 */
export function placementRoles(placement: PlacementSpec, places: readonly NodePlace[]): PlacementRoles {
  const voters = places.map(() => false);
  const preferred = places.map(() => false);
  const taken = places.map(() => false);
  const keys = [...new Set([...Object.keys(placement.voters), ...Object.keys(placement.nonVoters)])];
  for (const key of keys) {
    const nodes = nodesAt(places, key).filter((i) => !taken[i]);
    const voting = placement.voters[key] ?? 0;
    const following = placement.nonVoters[key] ?? 0;
    nodes.slice(0, voting + following).forEach((node, k) => {
      taken[node] = true;
      voters[node] = k < voting;
    });
  }
  if (placement.preferredLeader !== undefined) {
    for (const node of nodesAt(places, placement.preferredLeader)) if (voters[node]) preferred[node] = true;
  }
  return { voters, preferred };
}
