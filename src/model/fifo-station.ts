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
  private readonly waiting = new IntQueue();
  private lastChange = 0;
  busyArea = 0;
  waitingArea = 0;
  completed = 0;
  constructor(
    private readonly sim: Simulator,
    private readonly requests: RequestTable,
    private readonly cores: number,
    private readonly speed: number,
    private readonly capacity: number,
    private readonly completionKind: number,
  ) {}

  get inSystem(): number {
    return this.busy + this.waiting.length;
  }

  arrive(request: number): boolean {
    const now = this.sim.now;
    this.requests.enqueued[request] = now;
    if (this.busy < this.cores) {
      this.accumulate(now);
      this.busy++;
      this.requests.serviceStart[request] = now;
      this.sim.at(now + this.requests.work[request] / this.speed, this.completionKind, request);
      return true;
    }
    if (this.waiting.length >= this.capacity) return false;
    this.accumulate(now);
    this.waiting.push(request);
    return true;
  }

  /** Ends the service of the request whose completion event just fired, and starts the next waiting one. */
  complete(): void {
    const now = this.sim.now;
    this.accumulate(now);
    this.completed++;
    if (this.waiting.length > 0) {
      const next = this.waiting.shift();
      this.requests.serviceStart[next] = now;
      this.sim.at(now + this.requests.work[next] / this.speed, this.completionKind, next);
    } else {
      this.busy--;
    }
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
