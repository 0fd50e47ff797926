import type { Simulator } from '../../../engine/simulator.js';

/**
 * The promoted standby's compute: `servers` parallel cores (nodes x cores) in front of one FIFO queue, as the
 * primary's nodes are, but one pool for the region (its own balancing is not modelled). The count can grow (a
 * warm standby's scale-up): the new cores take from the queue at once. A request's service is its work at `speed`.
 *
 * Memory: the queue holds the requests that wait, which the load and the capacity set (a standby scaled down below
 * the load makes it grow until the scale-up).
 */
export class StandbyServers {
  private busy = 0;
  private queue: number[] = [];
  private head = 0;
  private readonly doneKind: number;

  constructor(
    private readonly sim: Simulator,
    private servers: number,
    private readonly speed: number,
    /** The work of a request (work units). */
    private readonly work: (request: number) => number,
    /** The request's service ended. */
    private readonly done: (request: number) => void,
  ) {
    this.doneKind = sim.register((request) => this.complete(request));
  }

  /** The request reaches the standby. */
  arrive(request: number): void {
    if (this.busy < this.servers) this.start(request);
    else this.queue.push(request);
  }

  /** The standby now has `servers` cores. */
  resize(servers: number): void {
    this.servers = servers;
    while (this.busy < this.servers && this.head < this.queue.length) this.start(this.next());
  }

  private start(request: number): void {
    this.busy++;
    this.sim.at(this.sim.now + this.work(request) / this.speed, this.doneKind, request);
  }

  private complete(request: number): void {
    this.busy--;
    if (this.busy < this.servers && this.head < this.queue.length) this.start(this.next());
    this.done(request);
  }

  private next(): number {
    const request = this.queue[this.head++];
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return request;
  }
}
