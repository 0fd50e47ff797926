import type { PlacementSpec } from '../../../model/spec.js';
import type { Findings } from '../../../scenario/issues.js';
import { isRecord } from '../../../scenario/resolve-values.js';
import { nodePlaces, nodesAt, placementRoles, type NodePlace } from '../placement/placement-roles.js';

const PATH = ['topology', 'placement'];

/** The counts of a map whose entries the schema checked (integers >= 1); undefined when it is not a map. */
function counts(raw: unknown): Record<string, number> | undefined {
  if (raw === undefined) return {};
  if (!isRecord(raw)) return undefined;
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) return undefined; // the schema check's
    out[key] = value;
  }
  return out;
}

/** `topology.placement` into its spec; undefined when absent or malformed (the schema check reports the latter). */
export function resolvePlacement(raw: unknown): PlacementSpec | undefined {
  if (!isRecord(raw)) return undefined;
  const voters = counts(raw.voters);
  const nonVoters = counts(raw.nonVoters);
  if (voters === undefined || nonVoters === undefined || Object.keys(voters).length === 0) return undefined;
  const spec: PlacementSpec = { voters, nonVoters };
  if (typeof raw.preferredLeader === 'string') spec.preferredLeader = raw.preferredLeader;
  return spec;
}

/** Where each node of the file is (its `nodes:` groups expanded by count, `zones:` as written). */
function placesOf(raw: Record<string, unknown>): NodePlace[] {
  const zones = isRecord(raw.zones) ? raw.zones : {};
  const regions: Record<string, string> = {};
  for (const [zone, entry] of Object.entries(zones)) {
    if (isRecord(entry) && typeof entry.region === 'string') regions[zone] = entry.region;
  }
  const nodes = Array.isArray(raw.nodes) ? raw.nodes : [];
  const nodeZones = nodes.flatMap((node) => {
    const zone = isRecord(node) && typeof node.zone === 'string' ? node.zone : 'default';
    const count = isRecord(node) && typeof node.count === 'number' && Number.isInteger(node.count) ? node.count : 1;
    return Array.from({ length: Math.max(0, Math.min(count, 100_000)) }, () => zone);
  });
  return nodePlaces(nodeZones, { regions });
}

/**
 * How the placement fits the nodes, as positioned errors: every name holds nodes, no name asks for more roles than its
 * nodes, names do not overlap (a zone and its own region), every node has a role, the preferred leader holds voters.
 */
export function checkPlacement(raw: Record<string, unknown>, placement: PlacementSpec, findings: Findings): void {
  const places = placesOf(raw);
  const known = [...new Set(places.flatMap((p) => [p.zone, p.region]))].sort().join(', ');
  const owner = new Map<number, string>();
  let misnamed = false;
  const keys = [...new Set([...Object.keys(placement.voters), ...Object.keys(placement.nonVoters)])];
  for (const key of keys) {
    const map = key in placement.voters ? 'voters' : 'nonVoters';
    const nodes = nodesAt(places, key);
    if (nodes.length === 0) {
      misnamed = true;
      findings.error({ path: [...PATH, map, key], anchor: 'key', rule: `no node is in a zone or region '${key}'`, valid: `a zone or region with nodes: ${known}` });
      continue;
    }
    const overlap = nodes.find((node) => owner.has(node));
    if (overlap !== undefined) {
      misnamed = true;
      findings.error({
        path: [...PATH, map, key],
        anchor: 'key',
        rule: `selects nodes that '${owner.get(overlap)}' selects too (a zone and its own region)`,
        valid: 'each node under one name: zones, or their regions, not both',
      });
      continue;
    }
    for (const node of nodes) owner.set(node, key);
    const voters = placement.voters[key] ?? 0;
    const nonVoters = placement.nonVoters[key] ?? 0;
    if (voters + nonVoters > nodes.length) {
      misnamed = true;
      findings.error({
        path: [...PATH, map, key],
        value: map === 'voters' ? voters : nonVoters,
        rule: `more roles than nodes in '${key}': ${voters} voters + ${nonVoters} non-voters for ${nodes.length} nodes`,
        valid: `at most ${nodes.length} in all for '${key}' (or more nodes in its zones)`,
      });
    }
  }
  const roleless = places.flatMap((p, i) => (owner.has(i) && countedFor(placement, owner.get(i)!, places, i) ? [] : [p]));
  // Only once every name is right: a misspelt name leaves its nodes without a role, which says nothing new.
  if (roleless.length > 0 && !misnamed) {
    const where = [...new Set(roleless.map((p) => `${p.zone} (region ${p.region})`))].join(', ');
    findings.error({
      path: PATH,
      anchor: 'key',
      rule: `${roleless.length} node(s) have no role: in ${where}`,
      valid: 'every node counted under voters or nonVoters of its zone or region (or fewer nodes)',
    });
  }
  const preferred = placement.preferredLeader;
  if (preferred !== undefined && !placementRoles(placement, places).preferred.includes(true)) {
    findings.error({
      path: [...PATH, 'preferredLeader'],
      value: preferred,
      rule: 'holds no voter',
      valid: `a zone or region with voters: ${Object.keys(placement.voters).join(', ')}`,
    });
  }
}

/** Whether node `i` is among the first voters + nonVoters nodes of its key. */
function countedFor(placement: PlacementSpec, key: string, places: readonly NodePlace[], i: number): boolean {
  const rank = nodesAt(places, key).indexOf(i);
  return rank < (placement.voters[key] ?? 0) + (placement.nonVoters[key] ?? 0);
}
