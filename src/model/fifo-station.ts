import type { Simulator } from '../engine/simulator.js';
import { IntQueue } from './int-queue.js';
import type { RequestTable } from './request-table.js';
import type { Station } from './station.js';

/**
 * `cores` parallel servers in front of one FIFO queue (M/M/c when fed Poisson arrivals and exponential work).
 * The completion event's target is the request id; the owner's handler calls `complete`.
 */
export class FifoStation implements Station {
  private busy = 0;
  /** Requests in service, so that a crash can tell which ones it lost. */
  private readonly serving: Int32Array;
  private readonly waiting = new IntQueue();
  private lastChange = 0;
  busyArea = 0;
  waitingArea = 0;
  completed = 0;
  constructor(
    private readonly sim: Simulator,
    private readonly requests: RequestTable,
    private readonly cores: number,
    private speed: number,
    private readonly capacity: number,
    private readonly completionKind: number,
  ) {
    this.serving = new Int32Array(cores);
  }

  get inSystem(): number {
    return this.busy + this.waiting.length;
  }

  arrive(request: number): boolean {
    const now = this.sim.now;
    this.requests.enqueued[request] = now;
    if (this.busy < this.cores) {
      this.accumulate(now);
      this.serving[this.busy++] = request;
      this.requests.serviceStart[request] = now;
      this.sim.at(now + this.requests.work[request] / this.speed, this.completionKind, request);
      return true;
    }
    if (this.waiting.length >= this.capacity) return false;
    this.accumulate(now);
    this.waiting.push(request);
    return true;
  }

  /** Ends the service of `request` (its completion event just fired) and starts the next waiting one. */
  complete(request: number): void {
    const now = this.sim.now;
    this.accumulate(now);
    this.completed++;
    const serving = this.serving;
    let slot = 0;
    while (serving[slot] !== request) slot++;
    if (this.waiting.length > 0) {
      const next = this.waiting.shift();
      serving[slot] = next;
      this.requests.serviceStart[next] = now;
      this.sim.at(now + this.requests.work[next] / this.speed, this.completionKind, next);
    } else {
      serving[slot] = serving[--this.busy];
    }
  }

  /** Empties the station. In-service requests still have completion events pending; waiting ones have none. */
  crash(): { inService: number[]; waiting: number[] } {
    this.accumulate(this.sim.now);
    const inService = Array.from(this.serving.subarray(0, this.busy));
    const waiting: number[] = [];
    while (this.waiting.length > 0) waiting.push(this.waiting.shift());
    this.busy = 0;
    return { inService, waiting };
  }

  /** Services that start from now on run at this speed (those in progress keep theirs). */
  setSpeed(speed: number): void {
    this.speed = speed;
  }

  resetStatistics(from: number): void {
    this.accumulate(from);
    this.busyArea = 0;
    this.waitingArea = 0;
    this.completed = 0;
  }

  flush(): void {
    this.accumulate(this.sim.now);
  }

  private accumulate(now: number): void {
    const dt = now - this.lastChange;
    if (dt > 0) {
      this.busyArea += this.busy * dt;
      this.waitingArea += this.waiting.length * dt;
      this.lastChange = now;
    }
  }
}
