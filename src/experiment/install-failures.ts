import type { RandomStreams } from '../engine/rng.js';
import type { Simulator } from '../engine/simulator.js';
import { installFailure } from '../failures/registry.js';
import { RepairShop } from '../failures/repair-shop.js';
import { selectNodes } from '../failures/selector.js';
import type { ClusterControl } from '../model/cluster-control.js';
import type { ReliabilitySpec, ScenarioSpec } from '../model/spec.js';
import type { Topology } from '../topology/topology.js';

/** Builds the control that failure models act through, and installs every declared failure. */
export function installFailures(
  spec: ScenarioSpec,
  reliability: ReliabilitySpec,
  sim: Simulator,
  cluster: Topology,
  streams: RandomStreams,
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
      const selected = selectNodes(spec.nodes, selector);
      if (selected === null) throw new Error(`failures: '${selector}' names no node`);
      return selected;
    },
    crash: (node, cause) => cluster.crash(node, cause),
    restore: (node) => cluster.restore(node),
    cut: (node, cause) => cluster.cut(node, cause),
    heal: (node) => cluster.heal(node),
    slow: (node, factor) => cluster.slow(node, factor),
    unslow: (node, factor) => cluster.unslow(node, factor),
    repair: (_node, duration, done) => shop.request(duration, done),
  };
  reliability.failures.forEach((failure, index) => installFailure(failure, control, index));
}
