import { createSampler } from '../engine/distributions/index.js';
import type { RandomStreams } from '../engine/rng.js';
import type { Simulator } from '../engine/simulator.js';
import { FailureCause } from '../metrics/failure-causes.js';
import type { Measurement } from '../metrics/measurement.js';
import { FifoStation } from '../model/fifo-station.js';
import { PsStation } from '../model/ps-station.js';
import type { RequestTable } from '../model/request-table.js';
import type { NodeSpec, ScenarioSpec } from '../model/spec.js';
import type { Station } from '../model/station.js';
import type { DispatchPolicy, DispatchView } from '../model/dispatch.js';

const WRITE = 2;

/**
 * The direct (stateless service) topology: one dispatcher sends each request to one node chosen by the dispatch
 * policy. The request path: latency to the node, the request body through the node's NIC (writes), the compute
 * station, the reply body through the NIC (reads and compute), latency back; the response time runs from the
 * arrival at the dispatcher to the reply's delivery. Stages with nothing to do cost no event.
 */
export class DirectCluster {
  readonly stations: Station[];
  readonly connections: Int32Array;
  readonly storageUsed: Float64Array;
  readonly bytesMoved: Float64Array;
  /** Requests anywhere between arrival and reply, and its time integral since `areaStart`. */
  inSystem = 0;
  inSystemArea = 0;
  private lastInSystemChange = 0;
  /** Requests arriving at or after this time are measured (the end of the warm-up). */
  windowStart = Infinity;
  /** Told of every delivered reply (measured or not), e.g. to end a warm-up counted in requests. */
  onReplyDelivered: () => void = () => {};

  private readonly policy: DispatchPolicy;
  private readonly nicFreeAt: Float64Array;
  private readonly fifo: (FifoStation | null)[];
  private readonly ps: (PsStation | null)[];
  private readonly latency: (() => number) | null;
  private readonly operation: Int32Array;
  private readonly reachKind: number;
  private readonly nicInKind: number;
  private readonly nicOutKind: number;
  private readonly replyKind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly requests: RequestTable,
    private readonly measurement: Measurement,
    readonly nodes: readonly NodeSpec[],
    spec: ScenarioSpec,
    streams: RandomStreams,
    makePolicy: (view: DispatchView) => DispatchPolicy,
  ) {
    const n = nodes.length;
    this.connections = new Int32Array(n);
    this.storageUsed = new Float64Array(n);
    this.bytesMoved = new Float64Array(n);
    this.nicFreeAt = new Float64Array(n);
    this.operation = Int32Array.from(spec.workload, (c) => (c.op === 'write' ? WRITE : c.op === 'read' ? 1 : 0));
    const latencySpec = spec.network.latency;
    this.latency =
      latencySpec.dist === 'constant' && latencySpec.value === 0 ? null : createSampler(latencySpec, streams.stream('network'));

    const fifoDone = sim.register((request) => {
      this.fifo[this.requests.node[request]]!.complete();
      this.afterCompute(request);
    });
    const psDone = sim.register((station) => {
      const request = this.ps[station]!.complete();
      if (request >= 0) this.afterCompute(request);
    });
    this.reachKind = sim.register((request) => this.reachNode(request));
    this.nicInKind = sim.register((request) => this.enterStation(request));
    this.nicOutKind = sim.register((request) => this.sendReply(request));
    this.replyKind = sim.register((request) => this.deliver(request));

    this.fifo = nodes.map((node) =>
      node.discipline === 'fifo' ? new FifoStation(sim, requests, node.cores, node.speed, node.queue, fifoDone) : null,
    );
    this.ps = nodes.map((node, i) =>
      node.discipline === 'ps' ? new PsStation(sim, requests, node.cores, node.speed, node.queue, psDone, i) : null,
    );
    this.stations = nodes.map((_, i) => (this.fifo[i] ?? this.ps[i])!);

    const stations = this.stations;
    const connections = this.connections;
    const view: DispatchView = {
      nodeCount: n,
      connections: (i) => connections[i],
      queueLength: (i) => stations[i].inSystem,
      capacity: (i) => nodes[i].cores * nodes[i].speed,
      isAvailable: () => true,
    };
    this.policy = makePolicy(view);
  }

  /** A new request has been filled in the request table at its arrival time: dispatch it. */
  dispatch(request: number): void {
    this.changeInSystem(1);
    const node = this.policy.choose(request);
    if (node < 0) {
      this.requests.node[request] = -1;
      this.fail(request, FailureCause.noNode);
      return;
    }
    this.requests.node[request] = node;
    this.connections[node]++;
    this.policy.onDispatch?.(node, request);
    if (this.latency === null) this.reachNode(request);
    else this.sim.at(this.sim.now + this.latency(), this.reachKind, request);
  }

  private reachNode(request: number): void {
    const requests = this.requests;
    if (this.operation[requests.classIndex[request]] !== WRITE) {
      this.enterStation(request);
      return;
    }
    const node = requests.node[request];
    const bytes = requests.bytes[request];
    if (this.storageUsed[node] + bytes > this.nodes[node].storage) {
      this.fail(request, FailureCause.storageFull);
      return;
    }
    this.storageUsed[node] += bytes;
    if (bytes > 0) this.transfer(node, bytes, this.nicInKind, request);
    else this.enterStation(request);
  }

  private enterStation(request: number): void {
    if (!this.stations[this.requests.node[request]].arrive(request)) this.fail(request, FailureCause.rejected);
  }

  private afterCompute(request: number): void {
    const bytes = this.requests.bytes[request];
    if (bytes > 0 && this.operation[this.requests.classIndex[request]] !== WRITE) {
      this.transfer(this.requests.node[request], bytes, this.nicOutKind, request);
    } else {
      this.sendReply(request);
    }
  }

  /** One transfer at a time per NIC, in FIFO order: its end is known when it is queued. */
  private transfer(node: number, bytes: number, kind: number, request: number): void {
    const now = this.sim.now;
    const start = this.nicFreeAt[node] > now ? this.nicFreeAt[node] : now;
    const end = start + bytes / this.nodes[node].bandwidth;
    this.nicFreeAt[node] = end;
    this.bytesMoved[node] += bytes;
    this.sim.at(end, kind, request);
  }

  private sendReply(request: number): void {
    if (this.latency === null) this.deliver(request);
    else this.sim.at(this.sim.now + this.latency(), this.replyKind, request);
  }

  private deliver(request: number): void {
    const requests = this.requests;
    const now = this.sim.now;
    const node = requests.node[request];
    const response = now - requests.arrival[request];
    if (requests.measured[request] === 1) {
      const wait = requests.serviceStart[request] - requests.enqueued[request];
      this.measurement.recordCompletion(requests.classIndex[request], response, wait);
    }
    this.connections[node]--;
    this.policy.onReply?.(node, request, response);
    this.finish(request);
    this.onReplyDelivered();
  }

  private fail(request: number, cause: number): void {
    if (this.requests.measured[request] === 1) this.measurement.recordFailure(cause);
    const node = this.requests.node[request];
    if (node >= 0) {
      this.connections[node]--;
      this.policy.onReply?.(node, request, NaN);
    }
    this.finish(request);
  }

  private finish(request: number): void {
    this.changeInSystem(-1);
    this.requests.release(request);
  }

  private changeInSystem(delta: number): void {
    const now = this.sim.now;
    this.inSystemArea += this.inSystem * (now - this.lastInSystemChange);
    this.lastInSystemChange = now;
    this.inSystem += delta;
  }

  /** Brings the in-system area up to now and returns it. */
  flushInSystemArea(): number {
    this.changeInSystem(0);
    return this.inSystemArea;
  }
}
