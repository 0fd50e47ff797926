import type { RandomStreams } from '../engine/rng.js';
import type { Simulator } from '../engine/simulator.js';
import type { ScalingSpec } from '../model/spec.js';
import { installScalingController } from '../scaling/registry.js';
import type { ScalingControl } from '../scaling/scaling-control.js';
import type { ClusterRuntime } from '../topology/runtime/cluster-runtime.js';
import type { Topology } from '../topology/topology.js';

/**
 * Builds the control the scaling controllers act through, over the runtime's node set, and starts every controller
 * of `scaling`. The scenario check makes sure the topology models membership changes (it has `removeNode`).
 */
export function installScaling(
  scaling: readonly ScalingSpec[],
  sim: Simulator,
  cluster: Topology,
  streams: RandomStreams,
  runtime: ClusterRuntime,
): void {
  const { nodeSet } = runtime;
  const removeNode = cluster.removeNode?.bind(cluster);
  if (removeNode === undefined) throw new Error('scaling: the topology does not model membership changes');
  const control: ScalingControl = {
    now: () => sim.now,
    schedule: (time, action) => sim.schedule(time, action),
    stream: (name) => streams.stream(name),
    members: (group) => {
      const ready: number[] = [];
      const unready: number[] = [];
      nodeSet.specs.forEach((spec, node) => {
        if (spec.group !== group) return;
        const state = nodeSet.state(node);
        if (state === 'up') ready.push(node);
        else if (state === 'provisioning' || state === 'down' || state === 'cut') unready.push(node);
      });
      return { ready, unready };
    },
    isReady: (node) => nodeSet.state(node) === 'up',
    areas: (node) => {
      const station = cluster.stations[node];
      station.flush();
      return { busy: station.busyArea, waiting: station.waitingArea, cores: nodeSet.specs[node].cores };
    },
    onStatisticsReset: (listener) => runtime.window.onBegin(() => listener()),
    addNode: (group, provisioning) => {
      const template = runtime.nodes.find((node) => node.group === group);
      if (template === undefined) throw new Error(`scaling: group '${group}' has no node to copy`);
      return runtime.addNode(template, provisioning);
    },
    removeNode: (node, drain) => {
      removeNode(node, true);
      if (drain !== Infinity && nodeSet.state(node) === 'draining') {
        sim.schedule(sim.now + drain, () => {
          if (nodeSet.state(node) === 'draining') removeNode(node, false);
        });
      }
    },
  };
  scaling.forEach((entry, index) => installScalingController(entry, control, index));
}
