import type { RandomStreams } from '../engine/rng.js';
import type { Simulator } from '../engine/simulator.js';
import { installFailure } from '../failures/registry.js';
import { RepairShop } from '../failures/repair-shop.js';
import { selectNodes } from '../failures/selector.js';
import type { ClusterControl } from '../model/cluster-control.js';
import type { ReliabilitySpec, ScenarioSpec } from '../model/spec.js';
import type { ClusterRuntime } from '../topology/runtime/cluster-runtime.js';
import type { Topology } from '../topology/topology.js';

/**
 * Builds the control that failure models act through, and installs every declared failure. A removed node is out
 * of every selection and nothing happens to it any more (a crash or a repair due for it is dropped).
 */
export function installFailures(
  spec: ScenarioSpec,
  reliability: ReliabilitySpec,
  sim: Simulator,
  cluster: Topology,
  streams: RandomStreams,
  runtime: ClusterRuntime,
): void {
  const now = () => sim.now;
  const schedule = (time: number, action: () => void) => sim.schedule(time, action);
  const shop = new RepairShop(reliability.repairCrews, now, schedule);
  const { nodeSet, network } = runtime;
  const partitions = network.partitions;
  const removed = (node: number) => nodeSet.state(node) === 'removed';
  const present = (nodes: readonly number[]) => (nodeSet.changed ? nodes.filter((node) => !removed(node)) : nodes);
  const control: ClusterControl = {
    nodes: runtime.nodes,
    now,
    schedule,
    stream: (name) => streams.stream(name),
    select: (selector) => {
      const selected = selectNodes(runtime.nodes, selector, spec.network);
      if (selected === null) throw new Error(`failures: '${selector}' names no node`);
      return nodeSet.changed ? selected.filter((node) => !removed(node)) : selected;
    },
    selects: (selector, node) => selectNodes([runtime.nodes.at(node)], selector, spec.network) !== null,
    onNodeAdded: (listener) => nodeSet.subscribe({ onAdded: listener }),
    isRemoved: removed,
    addNodes: (group, count) => {
      const template = spec.nodes.find((node) => node.group === group);
      if (template === undefined) throw new Error(`failures: group '${group}' has no node to copy`);
      return Array.from({ length: count }, () => runtime.addNode(template));
    },
    removeNode: (name, drain) => {
      const node = runtime.nodes.findIndex((n) => n.name === name);
      if (node < 0 || cluster.removeNode === undefined) throw new Error(`failures: cannot remove node '${name}'`);
      cluster.removeNode(node, drain);
    },
    crash: (node, cause) => !removed(node) && cluster.crash(node, cause),
    restore: (node) => !removed(node) && cluster.restore(node),
    // The network's groups change first, so that the topology sees them when it counts the cut per node.
    cut: (nodes, cause) => {
      const members = present(nodes);
      const id = partitions.cut(members);
      cluster.cut(members, cause);
      return id;
    },
    heal: (id) => cluster.heal(present(partitions.heal(id))),
    slow: (node, factor) => !removed(node) && cluster.slow(node, factor),
    unslow: (node, factor) => !removed(node) && cluster.unslow(node, factor),
    repair: (_node, duration, done) => shop.request(duration, done),
  };
  reliability.failures.forEach((failure, index) => installFailure(failure, control, index));
}
