import type { Simulator } from '../engine/simulator.js';
import { RequestFlag, type RequestTable } from './request-table.js';
import type { Station } from './station.js';

const IN_SERVICE = RequestFlag.inService;

/** A station's record in FifoStations.state: eight doubles, one 64-byte cache line. */
const STRIDE = 8;
const BUSY = 0;
const WAITING = 1;
const HEAD = 2;
const TAIL = 3;
const LAST_CHANGE = 4;
const BUSY_AREA = 5;
const WAITING_AREA = 6;
const COMPLETED = 7;

/**
 * Every FIFO station of a cluster, by node id: `cores` parallel servers in front of one FIFO queue each (M/M/c when
 * fed Poisson arrivals and exponential work). The completion event's target is the request id; the owner's handler
 * calls `complete(node, request)`.
 *
 * The waiting room is a list threaded through the request table (`nextInQueue`), and requests in service carry a
 * flag rather than sitting in an array here. What changes per request (busy and waiting counts, the queue's ends,
 * the time-weighted areas, completions) is one record of eight doubles per node in one buffer: an object per
 * station kept these in four or five cache lines (its fields and a box per double field), and at 10 000 nodes a
 * request's station is never in cache (issue 17).
 */
export class FifoStations {
  state: Float64Array;
  private cores: Int32Array;
  private speed: Float64Array;
  private capacity: Float64Array;

  constructor(
    private readonly sim: Simulator,
    private readonly requests: RequestTable,
    private readonly completionKind: number,
  ) {
    this.state = new Float64Array(16 * STRIDE);
    this.cores = new Int32Array(16);
    this.speed = new Float64Array(16);
    this.capacity = new Float64Array(16);
  }

  /** Node `node`'s station (a fresh one; ids in any order, each once), and the view of it the topology keeps. */
  add(node: number, cores: number, speed: number, capacity: number): FifoStation {
    if (node >= this.cores.length) this.grow(Math.max(node + 1, 2 * this.cores.length));
    this.state.fill(0, node * STRIDE, (node + 1) * STRIDE);
    this.state[node * STRIDE + HEAD] = -1;
    this.state[node * STRIDE + TAIL] = -1;
    this.cores[node] = cores;
    this.speed[node] = speed;
    this.capacity[node] = capacity;
    return new FifoStation(this, node);
  }

  private grow(capacity: number): void {
    const state = new Float64Array(capacity * STRIDE);
    state.set(this.state);
    this.state = state;
    const cores = new Int32Array(capacity);
    cores.set(this.cores);
    this.cores = cores;
    const speed = new Float64Array(capacity);
    speed.set(this.speed);
    this.speed = speed;
    const limit = new Float64Array(capacity);
    limit.set(this.capacity);
    this.capacity = limit;
  }

  inSystem(node: number): number {
    const at = node * STRIDE;
    return this.state[at + BUSY] + this.state[at + WAITING];
  }

  /** Takes `request` in at node `node` now; false when the waiting room is full (the request is rejected). */
  arrive(node: number, request: number): boolean {
    const now = this.sim.now;
    const state = this.state;
    const at = node * STRIDE;
    this.requests.enqueued[request] = now;
    if (state[at + BUSY] < this.cores[node]) {
      this.accumulate(at, now);
      state[at + BUSY]++;
      this.start(node, request, now);
      return true;
    }
    if (state[at + WAITING] >= this.capacity[node]) return false;
    this.accumulate(at, now);
    const nextInQueue = this.requests.nextInQueue;
    nextInQueue[request] = -1;
    const tail = state[at + TAIL];
    if (tail < 0) state[at + HEAD] = request;
    else nextInQueue[tail] = request;
    state[at + TAIL] = request;
    state[at + WAITING]++;
    return true;
  }

  /** Ends the service of `request` at node `node` (its completion event just fired) and starts the next waiting one. */
  complete(node: number, request: number): void {
    const now = this.sim.now;
    const requests = this.requests;
    const state = this.state;
    const at = node * STRIDE;
    this.accumulate(at, now);
    state[at + COMPLETED]++;
    requests.flags[request] &= ~IN_SERVICE;
    if (state[at + WAITING] > 0) {
      const next = state[at + HEAD];
      const following = requests.nextInQueue[next];
      state[at + HEAD] = following;
      if (following < 0) state[at + TAIL] = -1;
      state[at + WAITING]--;
      this.start(node, next, now);
    } else {
      state[at + BUSY]--;
    }
  }

  private start(node: number, request: number, now: number): void {
    const requests = this.requests;
    requests.flags[request] |= IN_SERVICE;
    requests.serviceStart[request] = now;
    this.sim.at(now + requests.work[request] / this.speed[node], this.completionKind, request);
  }

  /** Empties node `node`'s station. In-service requests still have completion events pending; waiting ones have none. */
  crash(node: number): { inService: number[]; waiting: number[] } {
    const state = this.state;
    const at = node * STRIDE;
    this.accumulate(at, this.sim.now);
    const requests = this.requests;
    const inService = requests.inServiceAt(node);
    for (const request of inService) requests.flags[request] &= ~IN_SERVICE;
    const waiting: number[] = [];
    for (let request = state[at + HEAD]; request >= 0; request = requests.nextInQueue[request]) waiting.push(request);
    state[at + BUSY] = 0;
    state[at + WAITING] = 0;
    state[at + HEAD] = -1;
    state[at + TAIL] = -1;
    return { inService, waiting };
  }

  /** Services that start from now on at node `node` run at this speed (those in progress keep theirs). */
  setSpeed(node: number, speed: number): void {
    this.speed[node] = speed;
  }

  resetStatistics(node: number, from: number): void {
    const at = node * STRIDE;
    this.accumulate(at, from);
    this.state[at + BUSY_AREA] = 0;
    this.state[at + WAITING_AREA] = 0;
    this.state[at + COMPLETED] = 0;
  }

  flush(node: number): void {
    this.accumulate(node * STRIDE, this.sim.now);
  }

  figure(node: number, field: typeof BUSY_AREA | typeof WAITING_AREA | typeof COMPLETED): number {
    return this.state[node * STRIDE + field];
  }

  /** Brings the record at `at` up to `now`: the same products and sums, in the same order, as a station object's. */
  private accumulate(at: number, now: number): void {
    const state = this.state;
    const dt = now - state[at + LAST_CHANGE];
    if (dt > 0) {
      state[at + BUSY_AREA] += state[at + BUSY] * dt;
      state[at + WAITING_AREA] += state[at + WAITING] * dt;
      state[at + LAST_CHANGE] = now;
    }
  }
}

/** One node's FIFO station as the Station the topologies and the runner see: its record in the shared buffer. */
export class FifoStation implements Station {
  constructor(
    private readonly all: FifoStations,
    private readonly node: number,
  ) {}

  get inSystem(): number {
    return this.all.inSystem(this.node);
  }

  arrive(request: number): boolean {
    return this.all.arrive(this.node, request);
  }

  crash(): { inService: number[]; waiting: number[] } {
    return this.all.crash(this.node);
  }

  setSpeed(speed: number): void {
    this.all.setSpeed(this.node, speed);
  }

  resetStatistics(from: number): void {
    this.all.resetStatistics(this.node, from);
  }

  flush(): void {
    this.all.flush(this.node);
  }

  get busyArea(): number {
    return this.all.figure(this.node, BUSY_AREA);
  }

  get waitingArea(): number {
    return this.all.figure(this.node, WAITING_AREA);
  }

  get completed(): number {
    return this.all.figure(this.node, COMPLETED);
  }
}
