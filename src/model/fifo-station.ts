import type { Simulator } from '../engine/simulator.js';
import { RequestFlag, type RequestTable } from './request-table.js';
import type { Station } from './station.js';

const IN_SERVICE = RequestFlag.inService;

/**
 * A station's record: 64 bytes, one cache line, seen as 8 doubles (`state`) and 16 32-bit integers (`ints`): the
 * time-weighted areas, the completions and the speed as doubles; the counts, the queue's ends, the cores and the
 * waiting room's size as integers.
 */
const DOUBLES = 8;
const INTS = 16;
const LAST_CHANGE = 0;
const BUSY_AREA = 1;
const WAITING_AREA = 2;
const COMPLETED = 3;
const SPEED = 4;
const BUSY = 10;
const WAITING = 11;
const HEAD = 12;
const TAIL = 13;
const CORES = 14;
const CAPACITY = 15;
/** A waiting room without a limit (`queue: Infinity`): more than any run can hold. */
const UNLIMITED = 2 ** 31 - 1;

/**
 * Every FIFO station of a cluster, by node id: `cores` parallel servers in front of one FIFO queue each (M/M/c when
 * fed Poisson arrivals and exponential work). The completion event's target is the request id; the owner's handler
 * calls `complete(node, request)`.
 *
 * The waiting room is a list threaded through the request table (`nextInQueue`), and requests in service carry a
 * flag rather than sitting in an array here. Everything a request's arrival and completion read or change at its
 * node (busy and waiting counts, the queue's ends, cores, waiting-room size, speed, the time-weighted areas,
 * completions) is one 64-byte record per node in one buffer: an object per station kept these in four or five
 * cache lines, and parallel arrays for the cores, the speed and the waiting room's size cost three more; at 10 000
 * nodes a request's station is never in cache (issue 17).
 */
export class FifoStations {
  private state: Float64Array;
  private ints: Int32Array;
  private capacityOf = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly requests: RequestTable,
    private readonly completionKind: number,
  ) {
    this.state = new Float64Array(0);
    this.ints = new Int32Array(0);
    this.grow(16);
  }

  /** Node `node`'s station (a fresh one; ids in any order, each once), and the view of it the topology keeps. */
  add(node: number, cores: number, speed: number, capacity: number): FifoStation {
    if (node >= this.capacityOf) this.grow(Math.max(node + 1, 2 * this.capacityOf));
    this.state.fill(0, node * DOUBLES, (node + 1) * DOUBLES);
    const at = node * INTS;
    this.state[node * DOUBLES + SPEED] = speed;
    this.ints[at + HEAD] = -1;
    this.ints[at + TAIL] = -1;
    this.ints[at + CORES] = cores;
    this.ints[at + CAPACITY] = Math.min(capacity, UNLIMITED);
    return new FifoStation(this, node);
  }

  private grow(capacity: number): void {
    const buffer = new ArrayBuffer(capacity * DOUBLES * 8);
    const state = new Float64Array(buffer);
    state.set(this.state);
    this.state = state;
    this.ints = new Int32Array(buffer);
    this.capacityOf = capacity;
  }

  inSystem(node: number): number {
    const at = node * INTS;
    return this.ints[at + BUSY] + this.ints[at + WAITING];
  }

  /** Takes `request` in at node `node` now; false when the waiting room is full (the request is rejected). */
  arrive(node: number, request: number): boolean {
    const now = this.sim.now;
    const ints = this.ints;
    const at = node * INTS;
    this.requests.wait[request] = now;
    if (ints[at + BUSY] < ints[at + CORES]) {
      this.accumulate(node);
      ints[at + BUSY]++;
      this.start(node, request);
      return true;
    }
    if (ints[at + WAITING] >= ints[at + CAPACITY]) return false;
    this.accumulate(node);
    const nextInQueue = this.requests.nextInQueue;
    nextInQueue[request] = -1;
    const tail = ints[at + TAIL];
    if (tail < 0) ints[at + HEAD] = request;
    else nextInQueue[tail] = request;
    ints[at + TAIL] = request;
    ints[at + WAITING]++;
    return true;
  }

  /** Ends the service of `request` at node `node` (its completion event just fired) and starts the next waiting one. */
  complete(node: number, request: number): void {
    const requests = this.requests;
    const ints = this.ints;
    const at = node * INTS;
    this.accumulate(node);
    this.state[node * DOUBLES + COMPLETED]++;
    requests.flags[request] &= ~IN_SERVICE;
    if (ints[at + WAITING] > 0) {
      const next = ints[at + HEAD];
      const following = requests.nextInQueue[next];
      ints[at + HEAD] = following;
      if (following < 0) ints[at + TAIL] = -1;
      ints[at + WAITING]--;
      this.start(node, next);
    } else {
      ints[at + BUSY]--;
    }
  }

  private start(node: number, request: number): void {
    const now = this.sim.now;
    const requests = this.requests;
    requests.flags[request] |= IN_SERVICE;
    requests.wait[request] = now - requests.wait[request];
    this.sim.at(now + requests.work[request] / this.state[node * DOUBLES + SPEED], this.completionKind, request);
  }

  /** Empties node `node`'s station. In-service requests still have completion events pending; waiting ones have none. */
  crash(node: number): { inService: number[]; waiting: number[] } {
    const ints = this.ints;
    const at = node * INTS;
    this.accumulate(node);
    const requests = this.requests;
    const inService = requests.inServiceAt(node);
    for (const request of inService) requests.flags[request] &= ~IN_SERVICE;
    const waiting: number[] = [];
    for (let request = ints[at + HEAD]; request >= 0; request = requests.nextInQueue[request]) waiting.push(request);
    ints[at + BUSY] = 0;
    ints[at + WAITING] = 0;
    ints[at + HEAD] = -1;
    ints[at + TAIL] = -1;
    return { inService, waiting };
  }

  /** Services that start from now on at node `node` run at this speed (those in progress keep theirs). */
  setSpeed(node: number, speed: number): void {
    this.state[node * DOUBLES + SPEED] = speed;
  }

  resetStatistics(node: number, from: number): void {
    const at = node * DOUBLES;
    this.accumulateTo(node, from);
    this.state[at + BUSY_AREA] = 0;
    this.state[at + WAITING_AREA] = 0;
    this.state[at + COMPLETED] = 0;
  }

  flush(node: number): void {
    this.accumulate(node);
  }

  figure(node: number, field: typeof BUSY_AREA | typeof WAITING_AREA | typeof COMPLETED): number {
    return this.state[node * DOUBLES + field];
  }

  /**
   * Brings node `node`'s record up to now. The clock is read here, not passed: where the optimising compiler leaves
   * a call out of line, a double argument is a heap number allocated per call (two a request), an integer is not.
   */
  private accumulate(node: number): void {
    this.accumulateTo(node, this.sim.now);
  }

  /** Brings node `node`'s record up to `now`: the same products and sums, in the same order, as a station object's. */
  private accumulateTo(node: number, now: number): void {
    const state = this.state;
    const at = node * DOUBLES;
    const dt = now - state[at + LAST_CHANGE];
    if (dt > 0) {
      const ints = this.ints;
      state[at + BUSY_AREA] += ints[node * INTS + BUSY] * dt;
      state[at + WAITING_AREA] += ints[node * INTS + WAITING] * dt;
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
