import { grownUint8 } from '../engine/growable.js';
import type { Simulator } from '../engine/simulator.js';
import { FifoStations } from '../model/fifo-station.js';
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
  const stations = new NodeStations(sim, requests, done);
  return (node, i) => stations.build(node, i);
}

/**
 * The stations of a cluster by node id, built one by one (`build`), with a request's arrival and a queue length
 * reachable by node id: a FIFO node's go straight to the FIFO table (model/fifo-station.ts), with no per-node object
 * on the way, which at 10 000 nodes is one cold cache line less per request.
 */
export class NodeStations {
  private readonly ps: (PsStation | null)[] = [];
  /** Every FIFO station's state in one table; its completions come here by node id. */
  private fifo: FifoStations | null = null;
  /** 1 where the node's station is FIFO (the table's), 0 where it is processor sharing. */
  private isFifo = new Uint8Array(16);
  private readonly list: Station[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly requests: RequestTable,
    done: (request: number, node: number) => void,
  ) {
    const ps = this.ps;
    this.fifoDone = sim.register((request) => {
      if ((requests.flags[request] & LOST) !== 0) {
        requests.flags[request] &= ~PENDING;
        if ((requests.flags[request] & ABANDONED) !== 0) requests.release(request);
        return;
      }
      const node = requests.node[request];
      this.fifo!.complete(node, request);
      done(request, node);
    });
    this.psDone = sim.register((node) => {
      const request = ps[node]!.complete();
      if (request >= 0) done(request, node);
    });
  }

  private readonly fifoDone: number;
  private readonly psDone: number;

  /** Node `id`'s station, as its spec says (ids in order, each once). */
  build(node: NodeSpec, id: number): Station {
    if (id >= this.isFifo.length) this.isFifo = grownUint8(this.isFifo, Math.max(id + 1, 2 * this.isFifo.length));
    let station: Station;
    if (node.discipline === 'ps') {
      this.ps[id] = new PsStation(this.sim, this.requests, node.cores, node.speed, node.queue, this.psDone, id);
      station = this.ps[id]!;
    } else {
      this.ps[id] = null;
      this.fifo ??= new FifoStations(this.sim, this.requests, this.fifoDone);
      this.isFifo[id] = 1;
      station = this.fifo.add(id, node.cores, node.speed, node.queue);
    }
    this.list[id] = station;
    return station;
  }

  /** Station.arrive of node `node`'s station. */
  arrive(node: number, request: number): boolean {
    return this.isFifo[node] === 1 ? this.fifo!.arrive(node, request) : this.list[node].arrive(request);
  }

  /** Station.inSystem of node `node`'s station. */
  inSystem(node: number): number {
    return this.isFifo[node] === 1 ? this.fifo!.inSystem(node) : this.list[node].inSystem;
  }
}

/** A node's slow factor after multiplying or dividing by a slowdown: within 1e-9 of 1 it is normal speed again. */
export function settledSlowFactor(factor: number): number {
  // Repeated multiply and divide can leave 0.9999999.
  return Math.abs(factor - 1) < 1e-9 ? 1 : factor;
}
