import type { Simulator } from '../engine/simulator.js';
import { FifoStation } from '../model/fifo-station.js';
import { PsStation } from '../model/ps-station.js';
import { RequestFlag, type RequestTable } from '../model/request-table.js';
import type { NodeSpec } from '../model/spec.js';
import type { Station } from '../model/station.js';
import type { NodeTable } from '../model/node-table.js';

const { lost: LOST, abandoned: ABANDONED, eventPending: PENDING } = RequestFlag;

/**
 * Every node's compute station (FIFO or processor sharing, as its spec says) with their completion events
 * registered: `done(request, node)` hears of each finished service. A completion that fires for a request lost in a
 * crash (it was in service) only lets the entry go, once nobody waits on it: the station forgot it at the crash.
 * Shared by every topology, which differ in what happens before and after service, not in service itself.
 */
export function buildStations(
  sim: Simulator,
  requests: RequestTable,
  nodes: NodeTable,
  done: (request: number, node: number) => void,
): Station[] {
  const build = stationBuilder(sim, requests, done);
  return nodes.map((node, i) => build(node, i));
}

/**
 * The station maker buildStations uses, kept by a topology whose node set grows: `build(spec, id)` makes node
 * `id`'s station (ids in order, each once), sharing the completion events of the others.
 */
export function stationBuilder(
  sim: Simulator,
  requests: RequestTable,
  done: (request: number, node: number) => void,
): (node: NodeSpec, id: number) => Station {
  const fifo: (FifoStation | null)[] = [];
  const ps: (PsStation | null)[] = [];
  const fifoDone = sim.register((request) => {
    if ((requests.flags[request] & LOST) !== 0) {
      requests.flags[request] &= ~PENDING;
      if ((requests.flags[request] & ABANDONED) !== 0) requests.release(request);
      return;
    }
    const node = requests.node[request];
    fifo[node]!.complete(request);
    done(request, node);
  });
  const psDone = sim.register((node) => {
    const request = ps[node]!.complete();
    if (request >= 0) done(request, node);
  });
  return (node, i) => {
    fifo[i] = node.discipline === 'fifo' ? new FifoStation(sim, requests, i, node.cores, node.speed, node.queue, fifoDone) : null;
    ps[i] = node.discipline === 'ps' ? new PsStation(sim, requests, node.cores, node.speed, node.queue, psDone, i) : null;
    return (fifo[i] ?? ps[i])!;
  };
}

/** A node's slow factor after multiplying or dividing by a slowdown: within 1e-9 of 1 it is normal speed again. */
export function settledSlowFactor(factor: number): number {
  // Repeated multiply and divide can leave 0.9999999.
  return Math.abs(factor - 1) < 1e-9 ? 1 : factor;
}
