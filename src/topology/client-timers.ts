import type { Simulator } from '../engine/simulator.js';
import type { RequestTable } from '../model/request-table.js';

/**
 * One pending timeout per attempt, in a free-listed table so that the event payload stays one integer. A timer
 * remembers its request's generation: if the request finished and its entry was reused, the timer sees a different
 * generation and does nothing.
 */
export class ClientTimers {
  private requestOf = new Int32Array(64);
  private generationOf = new Int32Array(64);
  private free: number[] = [];
  private used = 0;
  private readonly kind: number;

  constructor(
    private readonly sim: Simulator,
    private readonly requests: RequestTable,
    private readonly timeout: number,
    onTimeout: (request: number) => void,
  ) {
    requests.keepAttempts();
    this.kind = sim.register((slot) => {
      const request = this.requestOf[slot];
      const generation = this.generationOf[slot];
      this.free.push(slot);
      if (this.requests.isAlive(request) && this.requests.generation[request] === generation) onTimeout(request);
    });
  }

  start(request: number): void {
    let slot: number;
    if (this.free.length > 0) slot = this.free.pop()!;
    else {
      if (this.used === this.requestOf.length) this.grow();
      slot = this.used++;
    }
    this.requestOf[slot] = request;
    this.generationOf[slot] = this.requests.generation[request];
    this.sim.at(this.sim.now + this.timeout, this.kind, slot);
  }

  private grow(): void {
    const requestOf = new Int32Array(this.requestOf.length * 2);
    const generationOf = new Int32Array(this.requestOf.length * 2);
    requestOf.set(this.requestOf);
    generationOf.set(this.generationOf);
    this.requestOf = requestOf;
    this.generationOf = generationOf;
  }
}
