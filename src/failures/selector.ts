import type { NodeSpec } from '../model/spec.js';

/**
 * The nodes a selector names, in scenario order: `*` (all), `zone:<zone>`, a group name, or a node name.
 * Returns null for a selector that names nothing, so callers can report it.
 */
export function selectNodes(nodes: readonly NodeSpec[], selector: string): number[] | null {
  const indices: number[] = [];
  if (selector === '*') return nodes.map((_, i) => i);
  if (selector.startsWith('zone:')) {
    const zone = selector.slice('zone:'.length);
    nodes.forEach((node, i) => node.zone === zone && indices.push(i));
  } else {
    nodes.forEach((node, i) => (node.group === selector || node.name === selector) && indices.push(i));
  }
  return indices.length > 0 ? indices : null;
}
