import type { RandomStreams } from '../engine/rng.js';
import type { Simulator } from '../engine/simulator.js';
import { installFailure } from '../failures/registry.js';
import { RepairShop } from '../failures/repair-shop.js';
import { selectNodes } from '../failures/selector.js';
import type { ClusterControl } from '../model/cluster-control.js';
import type { ReliabilitySpec, ScenarioSpec } from '../model/spec.js';
import type { Partitions } from '../topology/runtime/partitions.js';
import type { Topology } from '../topology/topology.js';

/** Builds the control that failure models act through, and installs every declared failure. */
export function installFailures(
  spec: ScenarioSpec,
  reliability: ReliabilitySpec,
  sim: Simulator,
  cluster: Topology,
  streams: RandomStreams,
  partitions: Partitions,
): void {
  const now = () => sim.now;
  const schedule = (time: number, action: () => void) => sim.schedule(time, action);
  const shop = new RepairShop(reliability.repairCrews, now, schedule);
  const control: ClusterControl = {
    nodes: spec.nodes,
    now,
    schedule,
    stream: (name) => streams.stream(name),
    select: (selector) => {
      const selected = selectNodes(spec.nodes, selector, spec.network);
      if (selected === null) throw new Error(`failures: '${selector}' names no node`);
      return selected;
    },
    crash: (node, cause) => cluster.crash(node, cause),
    restore: (node) => cluster.restore(node),
    // The network's groups change first, so that the topology sees them when it counts the cut per node.
    cut: (nodes, cause) => {
      const id = partitions.cut(nodes);
      cluster.cut(nodes, cause);
      return id;
    },
    heal: (id) => cluster.heal(partitions.heal(id)),
    slow: (node, factor) => cluster.slow(node, factor),
    unslow: (node, factor) => cluster.unslow(node, factor),
    repair: (_node, duration, done) => shop.request(duration, done),
  };
  reliability.failures.forEach((failure, index) => installFailure(failure, control, index));
}
