import type { ScenarioSpec } from '../model/spec.js';

/**
 * Node prices for `size` with several --vary: `--price nodes.0=0.12` (per node of group 0) and
 * `--price nodes.0.cores=0.03` (per core of a node of group 0), in any currency and period, the same for all. The
 * cost of a configuration is the sum over its nodes of node price + cores x core price; a group without a price
 * costs nothing.
 */
export interface NodePrices {
  /** By group index, as in the scenario's `nodes:` list. */
  perNode: Map<number, number>;
  perCore: Map<number, number>;
}

export function costOf(spec: ScenarioSpec, prices: NodePrices): number {
  // Resolved nodes carry their group's name; groups keep the order of the scenario's list.
  const groups: string[] = [];
  let cost = 0;
  for (const node of spec.nodes) {
    if (!groups.includes(node.group)) groups.push(node.group);
    const index = groups.indexOf(node.group);
    cost += (prices.perNode.get(index) ?? 0) + node.cores * (prices.perCore.get(index) ?? 0);
  }
  return cost;
}
