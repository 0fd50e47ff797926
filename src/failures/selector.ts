import type { NodeSpec } from '../model/spec.js';
import { regionOfZone, type ZonePlacement } from '../model/zones.js';

/**
 * The nodes a selector names, in scenario order: `*` (all), `zone:<zone>`, `region:<region>` (every node of every
 * zone in it, by `network.regions`), a group name, or a node name. Returns null for a selector that names nothing,
 * so callers can report it.
 */
export function selectNodes(nodes: Iterable<NodeSpec>, selector: string, placement?: ZonePlacement): number[] | null {
  const named = selectorTest(selector, placement);
  const indices: number[] = [];
  let i = 0;
  for (const node of nodes) if (named(node, i++)) indices.push(i - 1);
  return indices.length > 0 ? indices : null;
}

function selectorTest(selector: string, placement?: ZonePlacement): (node: NodeSpec, id: number) => boolean {
  if (selector === '*') return () => true;
  if (selector.startsWith('zone:')) {
    const zone = selector.slice('zone:'.length);
    return (node) => node.zone === zone;
  }
  if (selector.startsWith('region:')) {
    const region = selector.slice('region:'.length);
    return (node) => regionOfZone(placement, node.zone) === region;
  }
  return (node) => node.group === selector || node.name === selector;
}
