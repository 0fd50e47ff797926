import type { NodeSpec } from '../model/spec.js';
import { regionOfZone, type ZonePlacement } from '../model/zones.js';

/**
 * The nodes a selector names, in scenario order: `*` (all), `zone:<zone>`, `region:<region>` (every node of every
 * zone in it, by `network.regions`), a group name, or a node name. Returns null for a selector that names nothing,
 * so callers can report it.
 */
export function selectNodes(nodes: readonly NodeSpec[], selector: string, placement?: ZonePlacement): number[] | null {
  const indices: number[] = [];
  if (selector === '*') return nodes.map((_, i) => i);
  if (selector.startsWith('zone:')) {
    const zone = selector.slice('zone:'.length);
    nodes.forEach((node, i) => node.zone === zone && indices.push(i));
  } else if (selector.startsWith('region:')) {
    const region = selector.slice('region:'.length);
    nodes.forEach((node, i) => regionOfZone(placement, node.zone) === region && indices.push(i));
  } else {
    nodes.forEach((node, i) => (node.group === selector || node.name === selector) && indices.push(i));
  }
  return indices.length > 0 ? indices : null;
}
