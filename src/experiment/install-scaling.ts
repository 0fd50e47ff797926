import type { RandomStreams } from '../engine/rng.js';
import type { Simulator } from '../engine/simulator.js';
import { LatencySketch } from '../metrics/latency-sketch.js';
import type { ScalingSpec } from '../model/spec.js';
import { ELASTICITY_SECTION_ID, FLAP_WINDOW, type ElasticityData } from '../scaling/elasticity-section.js';
import { IntervalAreas } from '../scaling/interval-areas.js';
import { installScalingController } from '../scaling/registry.js';
import type { ScalingControl } from '../scaling/scaling-control.js';
import type { ClusterRuntime } from '../topology/runtime/cluster-runtime.js';
import type { Topology } from '../topology/topology.js';

/**
 * Builds the control the scaling controllers act through, over the runtime's node set, and starts every controller
 * of `scaling`. The scenario check makes sure the topology models membership changes (it has `removeNode`).
 * Returns the Elasticity section's data over a window [from, to): node-seconds and cost of the scaled groups' nodes
 * (node-set.ts counts a node from its addition, the provisioning request, to its removal), their peak count and the
 * controllers' actions while the window was open.
 */
export function installScaling(
  scaling: readonly ScalingSpec[],
  sim: Simulator,
  cluster: Topology,
  streams: RandomStreams,
  runtime: ClusterRuntime,
): (from: number, to: number) => Record<string, unknown> {
  const { nodeSet } = runtime;
  const scaled = new Set(scaling.map((entry) => entry.group));
  const isScaled = (node: number) => scaled.has(nodeSet.specs.group(node));
  // The existing nodes of each scaled group, in id order (ids only grow), kept from the node set's events.
  const groupNodes = new Map<string, Set<number>>([...scaled].map((group) => [group, new Set<number>()]));
  nodeSet.specs.forEach((spec, node) => groupNodes.get(spec.group)?.add(node));
  let count = nodeSet.specs.filter((spec) => scaled.has(spec.group)).length;
  let peak = count;
  let measuring = false;
  const actions = { up: 0, down: 0 };
  // Flaps: a decision in the other direction within FLAP_WINDOW of the previous one.
  let flaps = 0;
  let last: { direction: 'up' | 'down'; time: number } | null = null;
  // The scaled groups' nodes requested (existing), ready (past provisioning) and serving (up), per interval.
  const counts = { requested: count, ready: count, serving: count };
  const provisioned = new Set(nodeSet.specs.flatMap((spec, node) => (scaled.has(spec.group) ? [node] : [])));
  let overTime: { width: number; requested: IntervalAreas; ready: IntervalAreas; serving: IntervalAreas } | null = null;
  const countsChanged = () => {
    if (overTime === null) return;
    for (const key of ['requested', 'ready', 'serving'] as const) overTime[key].set(sim.now, counts[key]);
  };
  let coldStarts = 0;
  // Response times of the measured requests that waited for a node: their mean and p99 per replication.
  const coldStartResponses = new LatencySketch();
  runtime.outcomes.onWaitedDelivered = (response) => coldStartResponses.record(response);
  runtime.window.onBegin((now, width) => {
    measuring = true;
    peak = count;
    overTime = {
      width,
      requested: new IntervalAreas(now, width, counts.requested),
      ready: new IntervalAreas(now, width, counts.ready),
      serving: new IntervalAreas(now, width, counts.serving),
    };
  });
  runtime.window.onEnd(() => {
    measuring = false;
  });
  nodeSet.subscribe({
    onAdded: (node) => {
      if (!isScaled(node)) return;
      groupNodes.get(nodeSet.specs.group(node))!.add(node);
      count++;
      counts.requested++;
      countsChanged();
      if (measuring) peak = Math.max(peak, count);
    },
    onRemoved: (node) => {
      if (!isScaled(node)) return;
      groupNodes.get(nodeSet.specs.group(node))!.delete(node);
      count--;
      counts.requested--;
      countsChanged();
    },
    onStateChange: (node, from, to) => {
      if (!isScaled(node)) return;
      // Ready: provisioned (up, or crashed or cut off since, or draining after that); a node removed while it was
      // still provisioning never was.
      if (from === 'provisioning' && to !== 'draining' && to !== 'removed') provisioned.add(node);
      if (to === 'removed') provisioned.delete(node);
      counts.ready = provisioned.size;
      if (from === 'up') counts.serving--;
      if (to === 'up') counts.serving++;
      countsChanged();
    },
  });
  // The readers of response times (a p99 metric's open windows): the outcome book calls out only while there is one.
  const replyListeners = new Set<(response: number) => void>();
  const tellReplyListeners = (response: number) => replyListeners.forEach((listener) => listener(response));
  const removeNode = cluster.removeNode?.bind(cluster);
  const holdsNothing = cluster.holdsNothing?.bind(cluster);
  if (removeNode === undefined || holdsNothing === undefined) throw new Error('scaling: the topology does not model membership changes');
  const control: ScalingControl = {
    now: () => sim.now,
    schedule: (time, action) => sim.schedule(time, action),
    stream: (name) => streams.stream(name),
    members: (group) => {
      const ready: number[] = [];
      const unready: number[] = [];
      for (const node of groupNodes.get(group) ?? []) {
        const state = nodeSet.state(node);
        if (state === 'up') ready.push(node);
        else if (state === 'provisioning' || state === 'down' || state === 'cut') unready.push(node);
      }
      return { ready, unready };
    },
    isReady: (node) => nodeSet.state(node) === 'up',
    areas: (node) => {
      const station = cluster.stations[node];
      station.flush();
      return { busy: station.busyArea, waiting: station.waitingArea, cores: nodeSet.specs.fields(node).cores };
    },
    onStatisticsReset: (listener) => runtime.window.onBegin(() => listener()),
    addNode: (group, provisioning) => {
      const template = runtime.nodes.find((node) => node.group === group);
      if (template === undefined) throw new Error(`scaling: group '${group}' has no node to copy`);
      return runtime.addNode(template, provisioning);
    },
    recordAction: (direction) => {
      if (measuring) {
        actions[direction]++;
        if (last !== null && last.direction !== direction && sim.now - last.time <= FLAP_WINDOW) flaps++;
      }
      last = { direction, time: sim.now };
    },
    recordColdStart: () => {
      if (measuring) coldStarts++;
    },
    onRequestWaiting: (listener) => runtime.waitingRoom?.onWaiting(listener),
    onNodeIdle: (group, listener) =>
      runtime.onNodeIdle((node) => {
        if (nodeSet.specs.group(node) === group) listener(node);
      }),
    holdsNothing,
    arrivals: () => runtime.outcomes.arrivals,
    onReply: (listener) => {
      replyListeners.add(listener);
      runtime.outcomes.onResponse = tellReplyListeners;
      return () => {
        replyListeners.delete(listener);
        if (replyListeners.size === 0) runtime.outcomes.onResponse = null;
      };
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
  return (from, to) => {
    let nodeSeconds = 0;
    let cost: number | null = null;
    nodeSet.specs.forEach((spec, node) => {
      if (!scaled.has(spec.group)) return;
      const seconds = nodeSet.existedWithin(node, from, to);
      nodeSeconds += seconds;
      if (spec.cost !== undefined) cost = (cost ?? 0) + seconds * spec.cost;
    });
    const waited = coldStartResponses.count;
    const data: ElasticityData = {
      nodeSeconds,
      cost,
      peak,
      up: actions.up,
      down: actions.down,
      window: to - from,
      coldStarts,
      flaps,
      overTime:
        overTime === null
          ? null
          : {
              width: overTime.width,
              requested: overTime.requested.averages(to),
              ready: overTime.ready.averages(to),
              serving: overTime.serving.averages(to),
            },
      coldStartResponse: waited === 0 ? null : { mean: coldStartResponses.sum / waited, p99: coldStartResponses.quantile(0.99) },
    };
    return { [ELASTICITY_SECTION_ID]: data };
  };
}
