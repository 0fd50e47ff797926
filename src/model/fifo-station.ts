import type { Simulator } from '../engine/simulator.js';
import { RequestFlag, type RequestTable } from './request-table.js';
import type { Station } from './station.js';

const IN_SERVICE = RequestFlag.inService;

/** Doubles per station in FifoColumns: one cache line. */
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
 * The changing state of a set of FIFO stations, eight doubles per station side by side in one array: busy cores,
 * waiting count, queue head and tail, the time of the last change, the busy and waiting areas and the completions.
 * A station's state is then one cache line (two when the array's start splits it), where fields of an object, its
 * doubles boxed apart, cost three or four: at 10 000 nodes a random node's station is never in cache.
 */
export class FifoColumns {
  state = new Float64Array(STRIDE * 16);

  /** Makes room for station `index` (stations are numbered 0, 1, ... as they are made). */
  reserve(index: number): void {
    if ((index + 1) * STRIDE <= this.state.length) return;
    const grown = new Float64Array(Math.max(this.state.length * 2, (index + 1) * STRIDE));
    grown.set(this.state);
    this.state = grown;
  }
}

/**
 * `cores` parallel servers in front of one FIFO queue (M/M/c when fed Poisson arrivals and exponential work).
 * The completion event's target is the request id; the owner's handler calls `complete`.
 *
 * The waiting room is a list threaded through the request table (`nextInQueue`), and requests in service carry a
 * flag rather than sitting in an array here; the counters live in the shared FifoColumns at `index`, so a
 * station is a cache line of state and an object of constants.
 */
export class FifoStation implements Station {
  private readonly base: number;

  constructor(
    private readonly sim: Simulator,
    private readonly requests: RequestTable,
    private readonly node: number,
    private readonly cores: number,
    private speed: number,
    private readonly capacity: number,
    private readonly completionKind: number,
    private readonly columns: FifoColumns,
    index: number,
  ) {
    columns.reserve(index);
    this.base = index * STRIDE;
    columns.state[this.base + HEAD] = -1;
    columns.state[this.base + TAIL] = -1;
  }

  get inSystem(): number {
    const state = this.columns.state;
    return state[this.base + BUSY] + state[this.base + WAITING];
  }

  get busyArea(): number {
    return this.columns.state[this.base + BUSY_AREA];
  }

  get waitingArea(): number {
    return this.columns.state[this.base + WAITING_AREA];
  }

  get completed(): number {
    return this.columns.state[this.base + COMPLETED];
  }

  arrive(request: number): boolean {
    const now = this.sim.now;
    const requests = this.requests;
    const state = this.columns.state;
    const at = this.base;
    requests.enqueued[request] = now;
    if (state[at + BUSY] < this.cores) {
      accumulate(state, at, now);
      state[at + BUSY]++;
      this.start(request, now);
      return true;
    }
    if (state[at + WAITING] >= this.capacity) return false;
    accumulate(state, at, now);
    requests.nextInQueue[request] = -1;
    const tail = state[at + TAIL];
    if (tail < 0) state[at + HEAD] = request;
    else requests.nextInQueue[tail] = request;
    state[at + TAIL] = request;
    state[at + WAITING]++;
    return true;
  }

  /** Ends the service of `request` (its completion event just fired) and starts the next waiting one. */
  complete(request: number): void {
    const now = this.sim.now;
    const requests = this.requests;
    const state = this.columns.state;
    const at = this.base;
    accumulate(state, at, now);
    state[at + COMPLETED]++;
    requests.flags[request] &= ~IN_SERVICE;
    if (state[at + WAITING] > 0) {
      const next = state[at + HEAD];
      const following = requests.nextInQueue[next];
      state[at + HEAD] = following;
      if (following < 0) state[at + TAIL] = -1;
      state[at + WAITING]--;
      this.start(next, now);
    } else {
      state[at + BUSY]--;
    }
  }

  private start(request: number, now: number): void {
    const requests = this.requests;
    requests.flags[request] |= IN_SERVICE;
    requests.serviceStart[request] = now;
    this.sim.at(now + requests.work[request] / this.speed, this.completionKind, request);
  }

  /** Empties the station. In-service requests still have completion events pending; waiting ones have none. */
  crash(): { inService: number[]; waiting: number[] } {
    const state = this.columns.state;
    const at = this.base;
    accumulate(state, at, this.sim.now);
    const requests = this.requests;
    const inService = requests.inServiceAt(this.node);
    for (const request of inService) requests.flags[request] &= ~IN_SERVICE;
    const waiting: number[] = [];
    for (let request = state[at + HEAD]; request >= 0; request = requests.nextInQueue[request]) waiting.push(request);
    state[at + BUSY] = 0;
    state[at + WAITING] = 0;
    state[at + HEAD] = -1;
    state[at + TAIL] = -1;
    return { inService, waiting };
  }

  /** Services that start from now on run at this speed (those in progress keep theirs). */
  setSpeed(speed: number): void {
    this.speed = speed;
  }

  resetStatistics(from: number): void {
    const state = this.columns.state;
    accumulate(state, this.base, from);
    state[this.base + BUSY_AREA] = 0;
    state[this.base + WAITING_AREA] = 0;
    state[this.base + COMPLETED] = 0;
  }

  flush(): void {
    accumulate(this.columns.state, this.base, this.sim.now);
  }
}

/** Brings the busy and waiting areas of the station at `at` up to `now`. */
function accumulate(state: Float64Array, at: number, now: number): void {
  const dt = now - state[at + LAST_CHANGE];
  if (dt > 0) {
    state[at + BUSY_AREA] += state[at + BUSY] * dt;
    state[at + WAITING_AREA] += state[at + WAITING] * dt;
    state[at + LAST_CHANGE] = now;
  }
}
