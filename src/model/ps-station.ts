import type { Simulator } from '../engine/simulator.js';
import { KeyedHeap } from './keyed-heap.js';
import type { RequestTable } from './request-table.js';
import type { Station } from './station.js';

/**
 * Processor sharing over `cores`: with n requests present each is served at speed x min(1, cores / n).
 * Tracked in virtual time (the service every present request has received), so an arrival or a departure costs
 * O(log n): each request finishes when virtual time reaches its virtual finish tag. The station's one pending
 * completion event is rescheduled on every change; superseded events are recognised by their time and ignored.
 * A request's "wait" under PS is the time sharing added to its work: sojourn - work / speed.
 */
export class PsStation implements Station {
  private readonly present = new KeyedHeap();
  private virtualTime = 0;
  private lastChange = 0;
  private expectedCompletion = Infinity;
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
    private readonly stationIndex: number,
  ) {}

  get inSystem(): number {
    return this.present.size;
  }

  arrive(request: number): boolean {
    const now = this.sim.now;
    if (this.present.size >= this.cores + this.capacity) return false;
    this.advance(now);
    this.requests.wait[request] = now;
    this.present.push(this.virtualTime + this.requests.work[request], request);
    this.reschedule(now);
    return true;
  }

  /** Called by the completion event; returns the finished request, or -1 for a superseded event. */
  complete(): number {
    const now = this.sim.now;
    if (now !== this.expectedCompletion) return -1;
    this.advance(now);
    const request = this.present.pop();
    this.completed++;
    const enqueued = this.requests.wait[request];
    const sojourn = now - enqueued;
    // The share of the sojourn spent beyond the request's own service at full speed counts as waiting.
    this.requests.wait[request] = now - Math.min(sojourn, this.requests.work[request] / this.speed) - enqueued;
    this.reschedule(now);
    return request;
  }

  /** Empties the station; its pending completion event becomes stale. Every lost request has no event pending. */
  crash(): { inService: number[]; waiting: number[] } {
    this.advance(this.sim.now);
    const lost: number[] = [];
    while (this.present.size > 0) lost.push(this.present.pop());
    this.expectedCompletion = Infinity;
    return { inService: [], waiting: lost };
  }

  /** Sharing continues at the new speed from now. */
  setSpeed(speed: number): void {
    const now = this.sim.now;
    this.advance(now);
    this.speed = speed;
    this.reschedule(now);
  }

  resetStatistics(from: number): void {
    this.advance(from);
    this.busyArea = 0;
    this.waitingArea = 0;
    this.completed = 0;
  }

  flush(): void {
    this.advance(this.sim.now);
  }

  private rate(): number {
    const n = this.present.size;
    return n <= this.cores ? this.speed : (this.speed * this.cores) / n;
  }

  private advance(now: number): void {
    const dt = now - this.lastChange;
    if (dt <= 0) return;
    const n = this.present.size;
    this.virtualTime += this.rate() * dt;
    this.busyArea += Math.min(n, this.cores) * dt;
    this.waitingArea += Math.max(0, n - this.cores) * dt;
    this.lastChange = now;
  }

  private reschedule(now: number): void {
    if (this.present.size === 0) {
      this.expectedCompletion = Infinity;
      return;
    }
    const remaining = Math.max(0, this.present.minKey() - this.virtualTime);
    this.expectedCompletion = now + remaining / this.rate();
    this.sim.at(this.expectedCompletion, this.completionKind, this.stationIndex);
  }
}
