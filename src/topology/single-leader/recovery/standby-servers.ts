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
  /**
   * Per node, as an autoscaler reads a node's station (`areas`): busy core-seconds and request-seconds waiting of the
   * pool divided by the nodes serving at the time, so a node's share over a window is the pool's per node.
   */
  private nodes = 1;
  private areasAt = 0;
  private busyPerNode = 0;
  private waitingPerNode = 0;

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
    this.advance();
    if (this.busy < this.servers) this.start(request);
    else this.queue.push(request);
  }

  /** The standby now has `servers` cores. */
  resize(servers: number): void {
    this.advance();
    this.servers = servers;
    while (this.busy < this.servers && this.head < this.queue.length) this.start(this.next());
  }

  private start(request: number): void {
    this.busy++;
    this.sim.at(this.sim.now + this.work(request) / this.speed, this.doneKind, request);
  }

  /** `nodes` nodes serve from now on (the per-node areas' divisor). */
  setNodes(nodes: number): void {
    this.advance();
    this.nodes = nodes;
  }

  /** The per-node areas so far (see `nodes`). */
  areas(): { busy: number; waiting: number } {
    this.advance();
    return { busy: this.busyPerNode, waiting: this.waitingPerNode };
  }

  /** The per-node areas start again from 0 (the stations' statistics restart at the end of the warm-up). */
  restartAreas(): void {
    this.advance();
    this.busyPerNode = 0;
    this.waitingPerNode = 0;
  }

  private advance(): void {
    const span = this.sim.now - this.areasAt;
    if (span > 0 && this.nodes > 0) {
      this.busyPerNode += (this.busy * span) / this.nodes;
      this.waitingPerNode += ((this.queue.length - this.head) * span) / this.nodes;
    }
    this.areasAt = this.sim.now;
  }

  private complete(request: number): void {
    this.advance();
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
